/**
 * The explainer: the hand derivation of backprop, generated for any small network.
 * `explain()` builds the trace (see trace.ts); the renderers turn it into text, Markdown or JSON.
 * Browser-safe: the CLI and the web playground both use this entry point.
 */
export * from './trace.ts';
export { explain, sampleAt, MAX_EXPLAIN_STEPS, type ExplainOptions, type ExplainSample } from './explain.ts';
export { detectExample, PUBLISHED } from './examples.ts';
export { scalarNames, texName, texSub } from './names.ts';
export { render, renderJSON, EXPLAIN_FORMATS, type ExplainFormat } from './render.ts';
export { renderText, TEXT_WIDTH } from './render-text.ts';
export { renderMarkdown } from './render-markdown.ts';
export { derivation, type RenderOptions } from './derivation.ts';
export type { Block, Doc, Inline } from './document.ts';
export type { M } from './math.ts';
export { LANGS, langFromLocale, type Lang } from './i18n.ts';
export { fmt, texNum, displayWidth } from './format.ts';
