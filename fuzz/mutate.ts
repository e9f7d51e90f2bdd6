/**
 * Seeded mutations of a file's bytes, the kinds that break parsers: flipped bits, interesting byte
 * values, bytes cut out, repeated or inserted, truncation, and for text, numbers replaced by
 * extreme ones, brackets nested deep, keys renamed to Object.prototype members, long strings.
 * Deterministic: the same Rng state gives the same mutation.
 */
import type { Rng } from '../src/core/rng.ts';

const INTERESTING_BYTES = [0, 1, 0x7f, 0x80, 0xff, 0x22, 0x2c, 0x0a, 0x5b, 0x7b, 0x5d, 0x7d, 0x1f, 0x8b];
const INTERESTING_NUMBERS = [
  '0', '-0', '-1', '1e309', '-1e309', 'NaN', 'Infinity', '1.5', '2147483648', '4294967296', '9007199254740993',
  '300000000', '1e-320', '"3"', 'null', 'true', '[]', '{}', '""', '"__proto__"', '"toString"', '"constructor"',
];
const KEYS = ['"__proto__"', '"constructor"', '"toString"', '"hasOwnProperty"', '"valueOf"', '"prototype"'];

export function mutate(input: Uint8Array, rng: Rng, isText: boolean): Uint8Array {
  let out = input;
  const rounds = 1 + rng.int(4);
  for (let r = 0; r < rounds; r++) out = (isText && rng.next() < 0.5 ? mutateText : mutateBytes)(out, rng);
  return out;
}

function mutateBytes(b: Uint8Array, rng: Rng): Uint8Array {
  const n = b.length;
  const at = rng.int(n + 1);
  switch (rng.int(8)) {
    case 0: { // flip a bit
      const c = b.slice();
      if (n > 0) c[Math.min(at, n - 1)]! ^= 1 << rng.int(8);
      return c;
    }
    case 1: { // an interesting byte
      const c = b.slice();
      if (n > 0) c[Math.min(at, n - 1)] = INTERESTING_BYTES[rng.int(INTERESTING_BYTES.length)]!;
      return c;
    }
    case 2: { // a 32-bit field set to an extreme (sizes and counts in binary headers)
      const c = b.slice();
      const p = Math.min(at, Math.max(0, n - 4));
      const v = [0xffffffff, 0x80000000, 0x7fffffff, 0, 1, 0x10000, n * 2][rng.int(7)]!;
      for (let i = 0; i < 4 && p + i < n; i++) c[p + i] = (v >>> (rng.next() < 0.5 ? 8 * i : 24 - 8 * i)) & 0xff;
      return c;
    }
    case 3: return concat(b.subarray(0, at), b.subarray(Math.min(n, at + 1 + rng.int(16)))); // delete
    case 4: return b.subarray(0, at); // truncate
    case 5: { // repeat a chunk
      const len = 1 + rng.int(Math.max(1, Math.min(64, n - at)));
      const chunk = b.subarray(at, at + len);
      const times = 1 + rng.int(8);
      return concat(b.subarray(0, at), ...Array.from({ length: times }, () => chunk), b.subarray(at));
    }
    case 6: { // random bytes inserted
      const ins = Uint8Array.from({ length: 1 + rng.int(8) }, () => rng.int(256));
      return concat(b.subarray(0, at), ins, b.subarray(at));
    }
    default: { // swap two bytes
      const c = b.slice();
      if (n > 1) { const j = rng.int(n); const t = c[Math.min(at, n - 1)]!; c[Math.min(at, n - 1)] = c[j]!; c[j] = t; }
      return c;
    }
  }
}

function mutateText(b: Uint8Array, rng: Rng): Uint8Array {
  const s = new TextDecoder().decode(b);
  const edit = (x: string) => new TextEncoder().encode(x);
  switch (rng.int(6)) {
    case 0: { // a number replaced by an extreme value
      const numbers = [...s.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
      if (numbers.length === 0) return b;
      const m = numbers[rng.int(numbers.length)]!;
      return edit(s.slice(0, m.index) + INTERESTING_NUMBERS[rng.int(INTERESTING_NUMBERS.length)] + s.slice(m.index! + m[0].length));
    }
    case 1: { // deep nesting
      const at = rng.int(s.length + 1), depth = [10, 70, 1000, 100000][rng.int(4)]!;
      return edit(s.slice(0, at) + '['.repeat(depth) + (rng.next() < 0.5 ? ']'.repeat(depth) : '') + s.slice(at));
    }
    case 2: { // a key renamed to an Object.prototype member
      const keys = [...s.matchAll(/"[A-Za-z_]+"(?=\s*:)/g)];
      if (keys.length === 0) return b;
      const m = keys[rng.int(keys.length)]!;
      return edit(s.slice(0, m.index) + KEYS[rng.int(KEYS.length)] + s.slice(m.index! + m[0].length));
    }
    case 3: { // a string value replaced by a prototype name or a long, odd string
      const strs = [...s.matchAll(/"[^"\\]*"/g)];
      if (strs.length === 0) return b;
      const m = strs[rng.int(strs.length)]!;
      const value = rng.next() < 0.5 ? KEYS[rng.int(KEYS.length)]! : `"${'x\\n\\u0007'.repeat(1 + rng.int(5000))}"`;
      return edit(s.slice(0, m.index) + value + s.slice(m.index! + m[0].length));
    }
    case 4: { // a line or cell duplicated many times (wide rows, many columns)
      const at = rng.int(s.length + 1);
      const piece = s.slice(at, at + 1 + rng.int(12));
      return edit(s.slice(0, at) + piece.repeat(1 + rng.int(2000)) + s.slice(at));
    }
    default: { // separators and quotes
      const at = rng.int(s.length + 1);
      return edit(s.slice(0, at) + [',', '"', '\n', '\r', ';', '\t', '\u0000', ',,,,', '"",'][rng.int(9)] + s.slice(at));
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
