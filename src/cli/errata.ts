/** `bpnet errata`: the seed articles' figures next to bpnet's, computed now (see src/explain/errata.ts). */
import { docToText, errata, errataDoc, errataJSON, LANGS, LANGUAGES } from '../node.ts';
import { choiceFlag, parseOptions, type Command } from './command.ts';
import { langOf, localizer } from './lang.ts';

/** `bpnet errata`: the published figures next to bpnet's. */
export const errataCommand: Command = {
  name: 'errata',
  summary: 'the figures the seed articles publish next to bpnet\'s, with the reason for each difference',
  help: LANGUAGES.en.cli.errataHelp,
  localize: localizer('errata', (lang) => LANGUAGES[lang].cli.errataHelp),
  async run(argv) {
    const { values } = parseOptions(argv, { lang: { type: 'string' }, json: { type: 'boolean' } });
    choiceFlag(values.lang, '--lang', LANGS);
    const lang = langOf(argv);
    const figures = errata();
    process.stdout.write(values.json ? errataJSON(figures, lang) : docToText(errataDoc(figures, lang)));
    return 0;
  },
};
