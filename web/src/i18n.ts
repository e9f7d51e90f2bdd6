/**
 * The page's language switch. The strings themselves live in the language modules (src/i18n/en.ts,
 * zh.ts), shared with the explainer. Elements carry data-i18n="key" (text) or data-i18n-label="key"
 * (aria-label); `setLanguage` rewrites them all and remembers the choice.
 */
import { LANGUAGES, type Lang, type PageKey } from '../../src/index.ts';

export type { Lang };

export type Key = PageKey;

let current: Lang = 'en';
const listeners: (() => void)[] = [];

export function t(key: Key): string {
  return LANGUAGES[current].page[key];
}

export function lang(): Lang {
  return current;
}

/** Layer phrases differ in word order: "layer 2" / "第 2 层". */
export function layerPhrase(key: 'phaseForward' | 'phaseBackward', layer: number): string {
  return current === 'zh' ? `${t(key)} ${layer} 层` : `${t(key)} ${layer}`;
}

export function layerName(layer: number): string {
  return current === 'zh' ? `第 ${layer} 层` : `Layer ${layer}`;
}

export function onLanguageChange(f: () => void): void {
  listeners.push(f);
}

export function setLanguage(next: Lang, root: ParentNode = document): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n as Key); });
  root.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel as Key)));
  try { localStorage.setItem('bpnet-lang', next); } catch { /* private mode: not remembered */ }
  listeners.forEach((f) => f());
}

/** The remembered choice, else the browser's language. */
export function initialLanguage(): Lang {
  let saved: string | null = null;
  try { saved = localStorage.getItem('bpnet-lang'); } catch { /* ignore */ }
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
