/**
 * Option schemas: for each option of a command, the rule its value must pass. The library checks
 * its options against a schema (`checkOptions`); the CLI maps the same keys to its flags and parses
 * them with the same rules before it reads any file, so both say what was expected in the same words.
 */
import { BpnetError, show } from './errors.ts';

/** How an option's value is checked; `expected` says it in words, for the library's and the CLI's messages. */
export type OptionRule =
  | { readonly kind: 'number'; readonly expected: string; ok(v: number): boolean }
  | { readonly kind: 'choice'; readonly choices: readonly string[]; /** What the names name, e.g. "optimizer". */ readonly what: string }
  | { readonly kind: 'boolean' };

const number = (expected: string, ok: (v: number) => boolean): OptionRule => ({ kind: 'number', expected, ok: (v) => Number.isFinite(v) && ok(v) });
/** The number rules every schema draws from. */
export const RULES = {
  positive: number('a positive number', (v) => v > 0),
  nonNegative: number('a number ≥ 0', (v) => v >= 0),
  fraction: number('a number in [0, 1)', (v) => v >= 0 && v < 1),
  integer: number('an integer', Number.isSafeInteger),
  count: number('an integer ≥ 0', (v) => Number.isSafeInteger(v) && v >= 0),
  positiveInteger: number('a positive integer', (v) => Number.isSafeInteger(v) && v > 0),
} as const;

/** A schema: for each option key, its rule. */
export type OptionSchema<K extends string> = Readonly<Record<K, OptionRule>>;

/** A choice among fixed names (records' names, dtypes, update orders). */
export const choice = (what: string, choices: readonly string[]): OptionRule => ({ kind: 'choice', what, choices });

/** What a rule expects, in words: "a positive number", "one of sgd, momentum, …". */
export function expectedBy(rule: OptionRule): string {
  return rule.kind === 'number' ? rule.expected : rule.kind === 'choice' ? `one of ${rule.choices.join(', ')}` : 'true or false';
}

/** True when `value` passes `rule`. */
export function passes(rule: OptionRule, value: unknown): boolean {
  if (rule.kind === 'number') return typeof value === 'number' && rule.ok(value);
  if (rule.kind === 'choice') return typeof value === 'string' && rule.choices.includes(value);
  return typeof value === 'boolean';
}

/** Checks every option the schema knows; the first bad one gives "key: must be …, got …". */
export function checkOptions(schema: Readonly<Record<string, OptionRule>>, options: object): void {
  for (const [key, rule] of Object.entries(schema)) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined || passes(rule, value)) continue;
    if (rule.kind === 'choice') throw new BpnetError(`unknown ${rule.what} ${show(value)} (expected one of: ${rule.choices.join(', ')})`, key);
    throw new BpnetError(`must be ${expectedBy(rule)}, got ${show(value)}`, key);
  }
}
