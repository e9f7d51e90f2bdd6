/** Simplified Chinese: everything bpnet says in this language, in one folder. */
import type { Language } from '../words.ts';
import { cli } from './cli.ts';
import { errata } from './errata.ts';
import { explain } from './explain.ts';
import { page } from './page.ts';

export const zh: Language = { explain, page, cli, errata };
