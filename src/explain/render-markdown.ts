/**
 * Markdown renderer with LaTeX math as GitHub renders it: display math in ```math fences (one
 * `aligned` environment per block of equations, aligned on the first "="), inline math in $…$.
 * Every LaTeX fragment is plain KaTeX (the tests render each one with the katex package).
 */
import { derivation, type RenderOptions } from './derivation.ts';
import type { Block, Doc, Inline } from './document.ts';
import type { M } from './math.ts';
import type { ExplainTrace } from './trace.ts';

/** Escapes the characters Markdown would read as markup in prose (backtick code spans are kept). */
function escapeProse(s: string): string {
  return s.split(/(`[^`]*`)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_[\]<>|#])/g, '\\$1'))).join('');
}

const inline = (parts: Inline[]) => parts.map((p) => (typeof p === 'string' ? escapeProse(p) : `$${p.k}$`)).join('');

/** One equation chain: symbolic part on the first line, numbers on the next (long chains stay readable). */
function row(r: M[]): string {
  const [lhs, ...rhs] = r.map((x) => x.k);
  if (rhs.length === 0) return `& ${lhs}`;
  if (rhs.length <= 2) return `${lhs} &= ${rhs.join(' = ')}`;
  return `${lhs} &= ${rhs[0]} \\\\\n  &= ${rhs.slice(1).join(' = ')}`;
}

function block(b: Block): string {
  switch (b.type) {
    case 'title':
      return `# ${b.text}`;
    case 'heading':
      return `${'#'.repeat(b.level)} ${b.text}`;
    case 'para':
      return inline(b.text);
    case 'eqs':
      return ['```math', '\\begin{aligned}', b.rows.map(row).join(' \\\\\n'), '\\end{aligned}', '```'].join('\n');
    case 'table': {
      const cells = (r: Inline[]) => `| ${r.map((c) => inline([c])).join(' | ')} |`;
      return [cells(b.head), `|${b.head.map((_, j) => (j === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...b.rows.map(cells)].join('\n');
    }
  }
}

/** Any explainer document as GitHub-flavoured Markdown with LaTeX math. */
export function docToMarkdown(doc: Doc): string {
  return doc.map(block).join('\n\n') + '\n';
}

/** The derivation as GitHub-flavoured Markdown with LaTeX math. */
export function renderMarkdown(trace: ExplainTrace, options: RenderOptions = {}): string {
  return docToMarkdown(derivation(trace, options));
}
