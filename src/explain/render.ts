/**
 * The three output formats behind one call. JSON is the trace itself, with full float64 values
 * (the text and Markdown print 9 decimals).
 */
import type { RenderOptions } from './derivation.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderText } from './render-text.ts';
import type { ExplainTrace } from './trace.ts';

/** Output formats of the explainer: text, Markdown, JSON. */
export type ExplainFormat = 'text' | 'markdown' | 'json';
/** Every output format of the explainer. */
export const EXPLAIN_FORMATS: readonly ExplainFormat[] = ['text', 'markdown', 'json'];

/** The trace as JSON text (numbers in full precision). */
export function renderJSON(trace: ExplainTrace): string {
  return JSON.stringify(trace, null, 1) + '\n';
}

/** Renders a trace in the given format and language. */
export function render(trace: ExplainTrace, format: ExplainFormat = 'text', options: RenderOptions = {}): string {
  if (format === 'json') return renderJSON(trace);
  return format === 'markdown' ? renderMarkdown(trace, options) : renderText(trace, options);
}
