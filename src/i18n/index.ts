/**
 * The languages of bpnet's words, one folder per language (en/, zh/): the explainer's
 * derivation, `bpnet explain`/`bpnet errata` messages and the playground page all read them here.
 */
import { en } from './en/index.ts';
import { zh } from './zh/index.ts';
import type { Lang, Language } from './words.ts';

export { LANGS, langFromLocale, recordWords, type CliWords, type ErrataWords, type Lang, type Language, type Words } from './words.ts';
export { PAGE_KEYS, type PageKey } from './page-keys.ts';

/** Every language's words, by code. */
export const LANGUAGES: Record<Lang, Language> = { en, zh };
