/**
 * `bpnet explain`: the hand derivation of training steps, with the step flags of `bpnet train`
 * (the same names, rules and defaults: TRAIN_SCHEMA through STEP_FLAG_NAMES), or `--summary` of
 * many steps. Speaks the user's language, usage errors and --help included.
 */
import { fileURLToPath } from 'node:url';
import {
  checkDataFits, docToText, EXPLAIN_FORMATS, explain, explainSummary, LANGS, LANGUAGES, loadDataset, loadModel, MAX_EXPLAIN_STEPS,
  MAX_SUMMARY_STEPS, renderExplanation, renderExplanationJSON, summaryDoc, TRAIN_SCHEMA, writeAtomic, type ExampleName, type TrainOptions,
} from '../node.ts';
import { choiceFlag, numberFlag, parseOptions, UsageError, type Command } from './command.ts';
import { flagOptions, optionsFromFlags, STEP_FLAG_NAMES } from './flags.ts';
import { langOf, localizer } from './lang.ts';

const EXAMPLES: readonly ExampleName[] = ['classic', 'linear'];

/** The shipped worked examples (examples/<name>/model.json and data.json), found from this file. */
const examplePath = (name: string, file: string) => fileURLToPath(new URL(`../../examples/${name}/${file}`, import.meta.url));

/** `bpnet explain`: forward pass, chain rule and optimizer updates written out with their numbers. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'print the hand derivation of backprop steps: forward pass, chain rule, optimizer updates',
  help: LANGUAGES.en.cli.explainHelp(MAX_EXPLAIN_STEPS),
  localize: localizer('explain', (lang) => LANGUAGES[lang].cli.explainHelp(MAX_EXPLAIN_STEPS)),
  async run(argv) {
    const lang = langOf(argv);
    const say = LANGUAGES[lang].cli;
    const { values } = parseOptions(argv, {
      ...flagOptions(TRAIN_SCHEMA, STEP_FLAG_NAMES),
      example: { type: 'string' }, model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string' },
      sample: { type: 'string' }, steps: { type: 'string' }, summary: { type: 'boolean' },
      lang: { type: 'string' }, format: { type: 'string' }, form: { type: 'string' }, 'no-formulas': { type: 'boolean' },
      out: { type: 'string' },
    });
    // Every flag is checked before any file is read.
    choiceFlag(values.lang, '--lang', LANGS);
    const example = choiceFlag(values.example, '--example', EXAMPLES);
    if (example && (values.model || values.data)) throw new UsageError(say.exampleAndModel);
    if (!example && !(values.model && values.data)) throw new UsageError(say.exampleOrModel);
    const summary = values.summary === true;
    const steps = numberFlag(values.steps, '--steps', 'positive-integer') ?? 1;
    const max = summary ? MAX_SUMMARY_STEPS : MAX_EXPLAIN_STEPS;
    if (steps > max) throw new UsageError(say.stepsMax(max, steps));
    const sample = numberFlag(values.sample, '--sample', 'positive-integer') ?? 1;
    const step = optionsFromFlags<keyof typeof TRAIN_SCHEMA, TrainOptions>(TRAIN_SCHEMA, STEP_FLAG_NAMES, values);
    const options = {
      ...step,
      form: choiceFlag(values.form, '--form', ['auto', 'scalar', 'matrix'] as const),
      steps,
      ...(example ? { example } : {}),
    };
    const format = choiceFlag(values.format, '--format', EXPLAIN_FORMATS) ?? 'text';
    if (summary && format === 'markdown') throw new UsageError(say.summaryNeedsText);

    const modelPath = example ? examplePath(example, 'model.json') : values.model!;
    const dataPath = example ? examplePath(example, 'data.json') : values.data!;
    const net = loadModel(modelPath);
    const data = await loadDataset(dataPath, { target: values.target?.split(','), defaultSplit: 'train' });
    checkDataFits(net, data, { data: dataPath });
    if (sample > data.size) throw new UsageError(say.sampleRange(data.size, sample));
    if (step.batchSize !== undefined && step.batchSize > data.size) throw new UsageError(say.batchRange(data.size, step.batchSize));
    const run = { ...options, start: sample - 1 };
    let text: string;
    if (summary) {
      const s = explainSummary(net, data, run);
      text = format === 'json' ? JSON.stringify(s, null, 1) + '\n' : docToText(summaryDoc(s, LANGUAGES[lang].explain));
    } else {
      const trace = explain(net, data, run);
      text = format === 'json' ? renderExplanationJSON(trace) : renderExplanation(trace, format, { lang, formulas: !values['no-formulas'] });
    }
    if (values.out) writeAtomic(values.out, text);
    else process.stdout.write(text);
    return 0;
  },
};
