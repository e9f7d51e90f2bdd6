/**
 * The language a command speaks: --lang (read before anything else is parsed, so that even a
 * usage error is in that language), else the locale (LC_ALL, LC_MESSAGES, LANG).
 */
import { LANGS, LANGUAGES, langFromLocale, type Lang } from '../node.ts';
import type { Command } from './command.ts';

/** The language of a command: --lang, else the locale. */
export function langOf(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
  if (value && (LANGS as readonly string[]).includes(value)) return value as Lang;
  return langFromLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
}

/** `Command.localize` for a command whose help comes from the language modules. */
export function localizer(command: string, help: (lang: Lang) => string): NonNullable<Command['localize']> {
  return (argv) => {
    const lang = langOf(argv);
    const cli = LANGUAGES[lang].cli;
    return { help: help(lang), usage: (message) => cli.usage(message), seeHelp: cli.seeHelp(command) };
  };
}
