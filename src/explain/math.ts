/**
 * Math written once, rendered twice: every expression is a pair {t: plain text, k: LaTeX (KaTeX)}.
 * The derivation builder composes these; the text renderer prints `t`, the Markdown renderer `k`.
 */
import type { MathText, Operand } from '../core/record.ts';
import { fmt, texNum } from './format.ts';
import { texName, texSub } from './names.ts';

/** The core's MathText: records (activations, losses) write their formulas in it too. */
export type M = MathText;

export const m = (t: string, k: string = t): M => ({ t, k });

/** A number as an operand of a record's formula: bare, and in parentheses when negative. */
export const operand = (x: number): Operand => ({ bare: num(x), wrapped: num(x, true) });
/** A name as an operand of a record's formula (never in parentheses). */
export const symbolOf = (x: M): Operand => ({ bare: x, wrapped: x });

/** A number; negative numbers in parentheses when `paren` (inside products and sums). */
export function num(x: number, paren = false): M {
  const t = fmt(x), k = texNum(x);
  return paren && t.startsWith('-') ? { t: `(${t})`, k: `(${k})` } : { t, k };
}

export function cat(...parts: (M | string)[]): M {
  const ms = parts.map((p) => (typeof p === 'string' ? m(p) : p));
  return { t: ms.map((p) => p.t).join(''), k: ms.map((p) => p.k).join('') };
}

export function join(parts: M[], sep: M): M {
  return parts.reduce<M | null>((acc, p) => (acc ? cat(acc, sep, p) : p), null) ?? m('0');
}

export const TIMES = m('·', ' \\cdot ');
export const PLUS = m(' + ');
export const MINUS = m(' − ', ' - ');
/** Product; spaced out when a factor is a fraction (∂E/∂out · ∂out/∂net). */
export const mul = (...parts: M[]): M => join(parts, parts.some((p) => p.t.includes('/')) ? m(' · ', ' \\cdot ') : TIMES);
export const sum = (parts: M[]): M => join(parts, PLUS);

/** Named quantities in the tutorial's notation. */
export const name = (n: string): M => m(n, texName(n));
export const updated = (n: string): M => m(`${n}⁺`, `${texName(n)}^{+}`);
export const net = (n: string): M => m(`net_${n}`, `\\mathit{net}_{${texSub(n)}}`);
export const out = (n: string): M => m(`out_${n}`, `\\mathit{out}_{${texSub(n)}}`);
export const target = (n: string): M => m(`target_${n}`, `\\mathit{target}_{${texSub(n)}}`);
export const delta = (n: string): M => m(`δ_${n}`, `\\delta_{${texSub(n)}}`);
/** E_total, or E_o1 (the error of one output). */
export const err = (sub: string): M => m(`E_${sub}`, `E_{${texSub(sub)}}`);
export const ETA = m('η', '\\eta');

/** ∂a/∂b in both forms. */
export function d(a: M, b: M): M {
  return { t: `∂${a.t}/∂${b.t}`, k: `\\frac{\\partial ${a.k}}{\\partial ${b.k}}` };
}

export const half = (x: M): M => ({ t: `½${x.t}`, k: `\\tfrac{1}{2}${x.k}` });
export const paren = (x: M): M => ({ t: `(${x.t})`, k: `\\left(${x.k}\\right)` });
export const squared = (x: M): M => ({ t: `(${x.t})²`, k: `\\left(${x.k}\\right)^2` });
export const exp = (x: M): M => ({ t: `e^(${x.t})`, k: `e^{${x.k}}` });
export const frac = (a: M, b: M): M => ({ t: `${a.t} / ${b.t}`, k: `\\frac{${a.k}}{${b.k}}` });
export const ln = (x: M): M => ({ t: `ln(${x.t})`, k: `\\ln\\left(${x.k}\\right)` });
