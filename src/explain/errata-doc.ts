/**
 * The errata table as a document (text or Markdown through the explainer's renderers) and as JSON
 * with the reasons worded in the chosen language.
 */
import { LANGUAGES, type Lang } from '../i18n/index.ts';
import { para, title, type Doc } from './document.ts';
import type { ErratumFigure } from './errata.ts';
import { fmt } from './format.ts';

/** The errata table as a document, in one language: every figure with its published value, bpnet's and the reason. */
export function errataDoc(figures: ErratumFigure[], lang: Lang): Doc {
  const w = LANGUAGES[lang].errata;
  const notes: string[] = [];
  const noteOf = (f: ErratumFigure) => {
    if (f.reason === 'agrees') return '';
    const text = w.reasons[f.reason];
    if (!notes.includes(text)) notes.push(text);
    return ` [${notes.indexOf(text) + 1}]`;
  };
  const rows = figures.map((f) => [
    f.article, w.after(w.quantity[f.quantity] ?? f.quantity, f.steps), String(f.published),
    f.bpnet === null ? '—' : fmt(f.bpnet), f.sequential === null ? '' : fmt(f.sequential), w.status[f.status] + noteOf(f),
  ]);
  return [
    title(w.title), para(w.intro), { type: 'table', head: w.head, rows },
    ...notes.map((n, i) => para(`[${i + 1}] ${n}`)),
  ];
}

/** The figures with their reasons worded: [{id, article, quantity, steps, published, bpnet, sequential, status, reason, reasonKey}]. */
export function errataJSON(figures: ErratumFigure[], lang: Lang): string {
  const w = LANGUAGES[lang].errata;
  return JSON.stringify(figures.map((f) => ({ ...f, reason: w.reasons[f.reason], reasonKey: f.reason })), null, 1) + '\n';
}
