/**
 * The explainer: the hand derivation of backprop, generated for any small network.
 * `explain()` builds the trace (see trace.ts); the renderers turn it into text, Markdown or JSON.
 * Browser-safe: the CLI and the web playground both use this entry point.
 */
export * from './trace.ts';
export { explain, sampleAt, MAX_EXPLAIN_STEPS, type ExplainOptions, type ExplainSample } from './explain.ts';
export { detectExample, PUBLISHED } from './examples.ts';
export { scalarNames, texName, texSub } from './names.ts';
