/**
 * The derivation as a small document — headings, paragraphs with inline math, equation chains,
 * tables — built once from a trace and a language, then printed by the text or Markdown renderer.
 */
import type { M } from './math.ts';

/** Prose with inline math. */
export type Inline = string | M;

/** One block of a derivation document: a title, heading, paragraph, equation chain or table. */
export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: 2 | 3 | 4; text: string }
  | { type: 'para'; text: Inline[] }
  /** Equation chains: each row is lhs = rhs₁ = rhs₂ = … (the last is the value). */
  | { type: 'eqs'; rows: M[][] }
  | { type: 'table'; head: string[]; rows: Inline[][] };

/** A derivation document: blocks in reading order. */
export type Doc = Block[];

export const title = (text: string): Block => ({ type: 'title', text });
export const heading = (level: 2 | 3 | 4, text: string): Block => ({ type: 'heading', level, text });
export const para = (...text: Inline[]): Block => ({ type: 'para', text });
export const eqs = (rows: M[][]): Block => ({ type: 'eqs', rows });
