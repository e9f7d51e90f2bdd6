/** Numbers as the worked examples print them: 9 decimals, trailing zeros dropped (0.75136507, 0.3775). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const ax = Math.abs(x);
  if (ax !== 0 && (ax < 1e-6 || ax >= 1e9)) return x.toExponential(6).replace(/\.?0+e/, 'e');
  const s = x.toFixed(9).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}
