/**
 * Argument checks for the public API. Every exported function checks what it is given before it
 * touches it, so a wrong call ends in a BpnetError naming the argument ("learningRate: must be a
 * positive number, got -1"), never in a TypeError from deep inside or a silent NaN.
 */
import { BpnetError, show } from './errors.ts';

/** A plain options object (or undefined, which stands for {}). */
export function checkOptionsArg(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BpnetError(`expected an options object, got ${show(value)}`, name);
  return value as Record<string, unknown>;
}

/** A plain object argument (not null, not an array), e.g. a spec; `expected` says what it should be. */
export function checkObjectArg(value: unknown, name: string, expected = 'an object'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BpnetError(`expected ${expected}, got ${show(value)}`, name);
  return value as Record<string, unknown>;
}

/** An integer in [min, max] (max defaults to the largest safe integer). */
export function checkInteger(value: unknown, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === 1 ? 'a positive integer' : `an integer ≥ ${min}`) : `an integer in ${min}…${max}`;
    throw new BpnetError(`must be ${range}, got ${show(value)}`, name);
  }
  return value;
}

/** Bounds of `checkNumber`: each side optional, included unless marked exclusive. */
export interface NumberRange {
  /** Lower bound and whether it is excluded (default: included). */
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
}

/** A finite number within the range, e.g. β₁: { min: 0, max: 1, maxExclusive: true }. */
export function checkNumber(value: unknown, name: string, range: NumberRange = {}): number {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = range;
  const ok = typeof value === 'number' && Number.isFinite(value)
    && (minExclusive ? value > min : value >= min) && (maxExclusive ? value < max : value <= max);
  if (!ok) {
    const lo = min === -Infinity ? '' : min === 0 && minExclusive && max === Infinity ? 'a positive number' : `${minExclusive ? '>' : '≥'} ${min}`;
    const hi = max === Infinity ? '' : `${maxExclusive ? '<' : '≤'} ${max}`;
    const what = lo === 'a positive number' ? lo : lo && hi ? `a number in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}` : lo ? `a number ${lo}` : hi ? `a number ${hi}` : 'a finite number';
    throw new BpnetError(`must be ${what}, got ${show(value)}`, name);
  }
  return value as number;
}

/** `checkNumber` unless undefined (an option left at its default). */
export function optionalNumber(value: unknown, name: string, range: NumberRange = {}): number | undefined {
  return value === undefined ? undefined : checkNumber(value, name, range);
}

/** `checkInteger` unless undefined. */
export function optionalInteger(value: unknown, name: string, min = 0, max?: number): number | undefined {
  return value === undefined ? undefined : checkInteger(value, name, min, max);
}

/** true, false or undefined. */
export function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw new BpnetError(`must be true or false, got ${show(value)}`, name);
  return value;
}

/** A function or undefined (callbacks). */
export function optionalFunction(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'function') throw new BpnetError(`must be a function, got ${show(value)}`, name);
}

/**
 * One of a short list of fixed names that is not a record (update orders, penalties, schedule
 * types): a plain comparison, so no inherited name passes. Records' names go through their own
 * lookup (`getActivation`, `getLoss`, … in record.ts), which words its error the same way.
 */
export function checkChoice<T extends string>(choices: readonly T[], value: unknown, name: string, kind: string): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new BpnetError(`unknown ${kind} ${show(value)} (expected one of: ${choices.join(', ')})`, name);
  }
  return value as T;
}

/** Deepest nesting of arrays and objects accepted in a JSON document or a model's extra fields. */
export const MAX_JSON_DEPTH = 64;

/** Depth of nesting of an already parsed value, walked with an explicit stack (no recursion). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth]);
  }
  return max;
}

/** The (text, source) arguments of the parse functions. */
export function checkTextArgs(text: unknown, source: unknown): void {
  if (typeof text !== 'string') throw new BpnetError(`expected the file's text (a string), got ${show(text)}`, 'text');
  if (typeof source !== 'string') throw new BpnetError(`expected a name for messages (a string), got ${show(source)}`, 'source');
}
