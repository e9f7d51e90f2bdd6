/**
 * The explainer: the hand derivation of backprop, generated for any small network.
 *
 *   explain(net, sample, options) → ExplainTrace          (trace.ts: every number, JSON-serialisable)
 *   derivation(trace, {lang})      → DerivationBlock[]     (headings, prose, equation chains, tables;
 *                                                            each formula as {t: text, k: LaTeX})
 *   renderText / renderMarkdown / renderExplanationJSON     (pure functions of the trace)
 *
 * Browser-safe. Names are prefixed where a short one could clash with other parts of bpnet.
 */
export * from './trace.ts';
export { explain, MAX_EXPLAIN_STEPS, type ExplainOptions } from './explain.ts';
export { sampleAt, type ExplainSample, type ExplainSource } from './source.ts';
export { explainSummary, summaryDoc, MAX_SUMMARY_STEPS, type ExplainSummary, type SummaryErratum, type SummaryPoint } from './summary.ts';
export { errata, type ErratumFigure } from './errata.ts';
export { errataDoc, errataJSON } from './errata-doc.ts';
export { outputRule, outputDeltaFormula, outputDeltaVector, type OutputRule } from './output-rule.ts';
export { docToText } from './render-text.ts';
export { docToMarkdown } from './render-markdown.ts';
export { explainUpdateRows } from './update-doc.ts';
export { detectExample, PUBLISHED as PUBLISHED_FIGURES } from './examples.ts';
export { scalarNames, texName, texSub } from './names.ts';
export {
  render as renderExplanation, renderJSON as renderExplanationJSON, EXPLAIN_FORMATS, type ExplainFormat,
} from './render.ts';
export { renderText, TEXT_WIDTH as EXPLAIN_TEXT_WIDTH } from './render-text.ts';
export { renderMarkdown } from './render-markdown.ts';
export { derivation, type RenderOptions as ExplainRenderOptions } from './derivation.ts';
export type { Block as DerivationBlock, Doc as Derivation, Inline as DerivationInline } from './document.ts';
export { LANGS as EXPLAIN_LANGS, langFromLocale, type Lang as ExplainLang } from './i18n.ts';
export { fmt as formatNumber, texNum as formatNumberTex, displayWidth } from './format.ts';
