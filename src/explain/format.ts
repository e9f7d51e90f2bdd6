/**
 * Numbers as the tutorials print them (9 decimals, trailing zeros dropped: 0.75136507, 0.3775),
 * and terminal layout helpers: display width (a CJK character takes two columns) and wrapping.
 */

/** Text form: 9 decimals without trailing zeros; very small or large magnitudes in e-notation. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const ax = Math.abs(x);
  if (ax !== 0 && (ax < 1e-6 || ax >= 1e9)) return x.toExponential(6).replace(/\.?0+e/, 'e');
  const s = x.toFixed(9).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** LaTeX form of `fmt`: 1.5e-7 → 1.5 \times 10^{-7}. */
export function texNum(x: number): string {
  const s = fmt(x);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Columns a string takes in a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/**
 * Greedy wrap of prose to `width` columns: breaks at spaces, and between CJK characters (Chinese
 * has no spaces); numbers and names are never split. Continuation lines get `indent`.
 */
export function wrapProse(text: string, width: number, indent = ''): string[] {
  const raw = text.match(/\s+|[\u2e80-\u9fff\uff00-\uffef\u201c\u201d]|[^\s\u2e80-\u9fff\uff00-\uffef\u201c\u201d]+/g) ?? [];
  // Opening brackets and quotes stay with what follows, closing punctuation with what precedes.
  const tokens: string[] = [];
  let open = '';
  for (const tok of raw) {
    if (/^[（“「《]$/.test(tok)) open += tok;
    else if (/^[，。：；、）」”》！？]$/.test(tok) && tokens.length > 0 && !open) tokens[tokens.length - 1] += tok;
    else { tokens.push(open + tok); open = ''; }
  }
  if (open) tokens.push(open);
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (/^\s+$/.test(tok)) {
      if (line !== '' && line.trim() !== '') line += ' ';
      continue;
    }
    if (line.trim() !== '' && displayWidth(line + tok) > width && displayWidth(line) > displayWidth(indent)) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += tok;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/**
 * Wraps an equation line at its " = " and " + " breaks; continuation lines start at column
 * `hang` (under the first "=") so the chain stays readable.
 */
export function wrapEquation(line: string, width: number, hang: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const parts = line.split(/(?= = | \+ )/);
  const lines: string[] = [];
  let current = '';
  for (const part of parts) {
    if (current !== '' && displayWidth(current + part) > width) {
      lines.push(current);
      const rest = part.trimStart();
      current = ' '.repeat(rest.startsWith('+') ? hang + 2 : hang) + rest;
    } else {
      current += part;
    }
  }
  lines.push(current);
  return lines;
}
