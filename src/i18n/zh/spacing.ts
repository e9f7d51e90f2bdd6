/**
 * Chinese typesetting of mixed text: one space between a Chinese character and a Latin letter or
 * digit (隐藏层 2 的, 输出层为 sigmoid), none between Chinese characters or next to full-width
 * punctuation (损失函数为交叉熵时). Applied once to every Chinese string of the explainer.
 */
const HAN = '\\u4e00-\\u9fff';
const FULL = '\\u3000-\\u303f\\uff00-\\uffef\\u201c\\u201d';

export function zhSpacing(s: string): string {
  return s
    .replace(new RegExp(`([${HAN}])([A-Za-z0-9\`[])`, 'g'), '$1 $2')
    .replace(new RegExp(`([A-Za-z0-9\`%⁺])([${HAN}])`, 'g'), '$1 $2')
    .replace(new RegExp(`([${HAN}${FULL}]) +(?=[${HAN}${FULL}])`, 'g'), '$1')
    .replace(new RegExp(`([${FULL}]) +`, 'g'), '$1')
    .replace(new RegExp(` +([${FULL}])`, 'g'), '$1');
}

/** The same record with every string, and every string a function returns, spaced. */
export function spaced<T extends object>(words: T): T {
  const fix = (v: unknown): unknown => {
    if (typeof v === 'string') return zhSpacing(v);
    if (typeof v === 'function') return (...args: unknown[]) => fix((v as (...a: unknown[]) => unknown)(...args));
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
    return v;
  };
  return fix(words) as T;
}
