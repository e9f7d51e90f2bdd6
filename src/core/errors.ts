/**
 * One error type for everything a user can get wrong: a bad file, a bad field, a bad option.
 * `where` names the file (and line or field) so the message alone tells the user what to fix;
 * the CLI maps BpnetError to exit code 2 and anything else to exit code 1.
 *
 * A message is always one line of printable characters, at most MAX_MESSAGE characters: it may
 * quote hostile input (a file name, a cell, a variable name), and a terminal must not be fed
 * control characters or megabytes of it. Quote values with `show`, which keeps ~80 characters.
 */
export class BpnetError extends Error {
  constructor(
    message: string,
    /** The file, field or option the message is about, e.g. `model.json: layers[1].weights[0][2]`. */
    readonly where?: string,
  ) {
    super(printable(where ? `${where}: ${message}` : message, MAX_MESSAGE));
    this.name = 'BpnetError';
  }
}

/** Longest error message; beyond it the message is cut with "…". */
export const MAX_MESSAGE = 600;

/** Throws a BpnetError unless `condition` holds. */
export function check(condition: unknown, message: string, where?: string): asserts condition {
  if (!condition) throw new BpnetError(message, where);
}

/**
 * `text` as one line of printable characters, cut to `max` characters: control characters (newlines
 * included) and lone surrogates become \n, \u0007… escapes, so the message stays readable.
 */
export function printable(text: string, max = 80): string {
  let out = '';
  // Only the start is looked at: linear in `max`, whatever the length of `text`.
  const head = text.length > max * 2 + 8 ? text.slice(0, max * 2 + 8) : text;
  for (const ch of head) {
    const c = ch.codePointAt(0)!;
    if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0xd800 && c < 0xe000) || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
    if (out.length > max) break;
  }
  return out.length > max || head.length < text.length ? out.slice(0, max - 1) + '…' : out;
}

/**
 * A short, safe rendering of any value for an error message: strings quoted, numbers as written,
 * arrays and objects by their size (never serialised: they may be huge or deeply nested).
 */
export function show(value: unknown, max = 80): string {
  if (typeof value === 'string') return `"${printable(value, max - 2)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty object' : printable(`an object with keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`, max);
  }
  return typeof value;
}
