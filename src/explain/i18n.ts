/** The explainer's words per language; they live in the language modules of src/i18n. */
import { LANGUAGES } from '../i18n/index.ts';
import type { Lang, Words } from '../i18n/words.ts';

export { LANGS, langFromLocale, type Lang, type Words } from '../i18n/words.ts';

export const WORDS: Record<Lang, Words> = { en: LANGUAGES.en.explain, zh: LANGUAGES.zh.explain };
