/**
 * What every record (activation, loss, optimizer, init rule) shares: math written once for two
 * renderings, its name in each language, and a lookup by own key. The lookup never finds
 * inherited names such as `toString` or `__proto__`, and its error lists the valid names.
 */
import { BpnetError, show } from './errors.ts';

/** Math in two renderings: plain text (t) and TeX (k). The explainer's `M` has this shape. */
export interface MathText {
  readonly t: string;
  readonly k: string;
}

/**
 * An operand substituted into a formula: `bare` where it stands first or alone, `wrapped` where a
 * negative number needs parentheses (after a minus, inside a product or an exponent).
 */
export interface Operand {
  readonly bare: MathText;
  readonly wrapped: MathText;
}

/** A symbol as an operand: names never need parentheses. */
export const symbol = (t: string, k: string = t): Operand => ({ bare: { t, k }, wrapped: { t, k } });

/** Words of a record in each language that explain and the page speak. */
export interface LocalizedText {
  readonly en: string;
  readonly zh: string;
}

/** What every record carries besides its math. */
export interface RecordBase<N extends string> {
  readonly name: N;
  /** One line for the CLI help and the page, in English. */
  readonly help: string;
  /** Its name in each language of explain and the page. */
  readonly words: LocalizedText;
}

/** True when `name` is one of the table's own keys (so `toString` and `__proto__` are not). */
export function isOwnName<N extends string>(table: Readonly<Record<N, unknown>>, name: unknown): name is N {
  return typeof name === 'string' && Object.hasOwn(table, name);
}

/**
 * The record called `name`, or a BpnetError naming what was expected, e.g.
 * `activation: unknown activation "foo" (expected one of: sigmoid, tanh, …)`.
 */
export function lookup<N extends string, R>(table: Readonly<Record<N, R>>, name: unknown, what: string, where: string = what): R {
  if (isOwnName(table, name)) return table[name];
  throw new BpnetError(`unknown ${what} ${show(name)} (expected one of: ${Object.keys(table).join(', ')})`, where);
}
