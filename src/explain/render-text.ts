/**
 * Plain-text renderer for a terminal: Unicode math (∂, δ, η, ·, ²), equation chains aligned on
 * their first "=", everything wrapped to 100 columns (a CJK character counts as two).
 */
import { derivation, type RenderOptions } from './derivation.ts';
import type { Block, Doc, Inline } from './document.ts';
import { displayWidth, padEnd, wrapEquation, wrapProse } from './format.ts';
import type { ExplainTrace } from './trace.ts';

/** Column width of the text rendering. */
export const TEXT_WIDTH = 100;
/** Left-hand sides longer than this are not padded (keeps short rows from drifting right). */
const MAX_LHS = 24;

const inline = (parts: Inline[]) => parts.map((p) => (typeof p === 'string' ? p : p.t)).join('');

function block(b: Block): string[] {
  switch (b.type) {
    case 'title':
      return [b.text, '='.repeat(Math.min(TEXT_WIDTH, displayWidth(b.text)))];
    case 'heading':
      if (b.level === 2) return ['', `${'═'.repeat(3)} ${b.text} ${'═'.repeat(Math.max(3, 60 - displayWidth(b.text)))}`];
      if (b.level === 3) return ['', `── ${b.text} ──`];
      return ['', b.text + (/[\u2e80-\u9fff]/.test(b.text) ? '：' : ':')];
    case 'para':
      return wrapProse(inline(b.text), TEXT_WIDTH);
    case 'eqs': {
      const lhsWidth = Math.min(MAX_LHS, Math.max(...b.rows.map((r) => displayWidth(r[0]!.t))));
      return b.rows.flatMap((row) => {
        const lhs = '  ' + padEnd(row[0]!.t, lhsWidth);
        const line = [lhs, ...row.slice(1).map((x) => x.t)].join(' = ');
        return wrapEquation(line, TEXT_WIDTH, displayWidth(lhs) + 1);
      });
    }
    case 'table': {
      const cells = [b.head, ...b.rows.map((r) => r.map((c) => inline([c])))];
      const widths = b.head.map((_, j) => Math.max(...cells.map((r) => displayWidth(r[j] ?? ''))));
      const line = (r: string[]) =>
        '  ' + r.map((c, j) => (j === 0 ? padEnd(c, widths[j]!) : ' '.repeat(widths[j]! - displayWidth(c)) + c)).join('  ');
      return [line(cells[0]!), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
    }
  }
}

/** Any explainer document as plain text (≤ 100 columns). */
export function docToText(doc: Doc): string {
  return doc.flatMap(block).map((l) => l.trimEnd()).join('\n') + '\n';
}

/** The derivation as plain text (≤ 100 columns). */
export function renderText(trace: ExplainTrace, options: RenderOptions = {}): string {
  return docToText(derivation(trace, options));
}
