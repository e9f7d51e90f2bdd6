/**
 * `bpnet explain`: the hand derivation of training steps, with the step flags of `bpnet train`
 * (same names and defaults), or `--summary` of many steps. Speaks the user's language, usage
 * errors and --help included.
 */
import { fileURLToPath } from 'node:url';
import { OPTIMIZER_NAMES } from '../core/optimizers.ts';
import { explain, MAX_EXPLAIN_STEPS } from '../explain/explain.ts';
import { render, renderJSON, EXPLAIN_FORMATS } from '../explain/render.ts';
import { docToText } from '../explain/render-text.ts';
import { explainSummary, MAX_SUMMARY_STEPS, summaryDoc } from '../explain/summary.ts';
import type { ExampleName } from '../explain/trace.ts';
import { LANGS, LANGUAGES } from '../i18n/index.ts';
import { loadDataset } from '../io/datasets.ts';
import { writeAtomic } from '../io/files.ts';
import { loadModel } from '../io/models.ts';
import { choiceFlag, numberFlag, parseOptions, UsageError, type Command } from './command.ts';
import { langOf, localizer } from './lang.ts';

const EXAMPLES: readonly ExampleName[] = ['classic', 'linear'];

/** The shipped worked examples (examples/<name>/model.json and data.json), found from this file. */
const examplePath = (name: string, file: string) => fileURLToPath(new URL(`../../examples/${name}/${file}`, import.meta.url));

export const explainCommand: Command = {
  name: 'explain',
  summary: 'print the hand derivation of backprop steps: forward pass, chain rule, optimizer updates',
  help: LANGUAGES.en.cli.explainHelp(MAX_EXPLAIN_STEPS),
  localize: localizer('explain', (lang) => LANGUAGES[lang].cli.explainHelp(MAX_EXPLAIN_STEPS)),
  async run(argv) {
    const lang = langOf(argv);
    const say = LANGUAGES[lang].cli;
    const { values } = parseOptions(argv, {
      example: { type: 'string' }, model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string' },
      sample: { type: 'string' }, steps: { type: 'string' }, summary: { type: 'boolean' },
      optimizer: { type: 'string' }, lr: { type: 'string' }, momentum: { type: 'string' }, 'batch-size': { type: 'string' },
      'weight-decay': { type: 'string' }, 'update-order': { type: 'string' },
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
    if (steps > (summary ? MAX_SUMMARY_STEPS : MAX_EXPLAIN_STEPS)) throw new UsageError(say.stepsMax(summary ? MAX_SUMMARY_STEPS : MAX_EXPLAIN_STEPS, steps));
    const sample = numberFlag(values.sample, '--sample', 'positive-integer') ?? 1;
    const batchSize = numberFlag(values['batch-size'], '--batch-size', 'positive-integer');
    const options = {
      optimizer: choiceFlag(values.optimizer, '--optimizer', OPTIMIZER_NAMES),
      learningRate: numberFlag(values.lr, '--lr', 'positive'),
      momentum: numberFlag(values.momentum, '--momentum', 'fraction'),
      weightDecay: numberFlag(values['weight-decay'], '--weight-decay', 'non-negative'),
      updateOrder: choiceFlag(values['update-order'], '--update-order', ['simultaneous', 'sequential'] as const),
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
    if (data.inputSize !== net.inputSize) throw new UsageError(`${dataPath}: has ${data.inputSize} inputs per sample but the model expects ${net.inputSize}`);
    if (data.outputSize !== net.outputSize) throw new UsageError(`${dataPath}: has ${data.outputSize} targets per sample but the model has ${net.outputSize} outputs`);
    if (sample > data.size) throw new UsageError(say.sampleRange(data.size, sample));
    if (batchSize !== undefined && batchSize > data.size) throw new UsageError(say.batchRange(data.size, batchSize));
    const run = { ...options, start: sample - 1, ...(batchSize !== undefined ? { batchSize } : {}) };
    let text: string;
    if (summary) {
      const s = explainSummary(net, data, run);
      text = format === 'json' ? JSON.stringify(s, null, 1) + '\n' : docToText(summaryDoc(s, LANGUAGES[lang].explain));
    } else {
      const trace = explain(net, data, run);
      text = format === 'json' ? renderJSON(trace) : render(trace, format, { lang, formulas: !values['no-formulas'] });
    }
    if (values.out) writeAtomic(values.out, text);
    else process.stdout.write(text);
    return 0;
  },
};

