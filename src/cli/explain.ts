import { fileURLToPath } from 'node:url';
import {
  checkDataFits, type ExampleName, explain, EXPLAIN_FORMATS, langFromLocale, EXPLAIN_LANGS as LANGS, loadDataset, loadModel,
  MAX_EXPLAIN_STEPS, renderExplanation as render, sampleAt, UPDATE_ORDERS, writeAtomic,
} from '../node.ts';
import { choiceFlag, numberFlag, parseOptions, UsageError, type Command } from './command.ts';

const EXAMPLES: readonly ExampleName[] = ['classic', 'linear'];

/** The shipped worked examples (examples/<name>/model.json and data.json), found from this file. */
const examplePath = (name: string, file: string) => fileURLToPath(new URL(`../../examples/${name}/${file}`, import.meta.url));

export const explainCommand: Command = {
  name: 'explain',
  summary: 'print the hand derivation of backprop steps: forward pass, chain rule, updates',
  help: `Usage: bpnet explain (--example classic|linear | --model M.json --data D) [options]

  --example NAME          a shipped worked example: classic (the 2-2-2 network, η = 0.5) or
                          linear (one hidden neuron, linear output, η = 0.1)
  --model FILE            the model to explain
  --data FILE             dataset (.json, .csv, …) holding the sample
  --target NAME[,NAME]    CSV: target column(s)
  --sample i              row of the dataset to train on (0-based, default 0)
  --steps k               explain k training steps on that sample (default 1, at most ${MAX_EXPLAIN_STEPS})
  --lr η                  learning rate (default: the example's, else 0.1)
  --update-order ORDER    simultaneous (correct backprop, default) or sequential (each layer updated
                          before the error goes further down: the widely published 0.291027924)
  --lang zh|en            language of the words (default: from LC_ALL / LC_MESSAGES / LANG)
  --format text|markdown|json   (default text; json is the trace with full float64 values)
  --form auto|scalar|matrix     name every weight, or summarise layers (auto: scalar up to 64 weights)
  --no-formulas           leave out the general formulas printed before the numbers
  --out FILE              write to FILE (atomically) instead of stdout

Examples:
  bpnet explain --example classic
  bpnet explain --example classic --update-order sequential --lang zh
  bpnet explain --model m.json --data d.csv --sample 3 --format markdown --out step.md`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      example: { type: 'string' }, model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string' },
      sample: { type: 'string' }, steps: { type: 'string' }, lr: { type: 'string' }, 'update-order': { type: 'string' },
      lang: { type: 'string' }, format: { type: 'string' }, form: { type: 'string' }, 'no-formulas': { type: 'boolean' },
      out: { type: 'string' },
    });
    const example = choiceFlag(values.example, '--example', EXAMPLES);
    if (example && (values.model || values.data)) throw new UsageError('give either --example or --model/--data, not both');
    if (!example && !(values.model && values.data)) throw new UsageError('--example NAME, or --model FILE and --data FILE, is required');
    const modelPath = example ? examplePath(example, 'model.json') : values.model!;
    const dataPath = example ? examplePath(example, 'data.json') : values.data!;
    const index = numberFlag(values.sample, '--sample', 'integer') ?? 0;
    const steps = numberFlag(values.steps, '--steps', 'positive-integer') ?? 1;
    if (steps > MAX_EXPLAIN_STEPS) throw new UsageError(`--steps: at most ${MAX_EXPLAIN_STEPS} steps are explained, got ${steps}`);
    const options = {
      learningRate: numberFlag(values.lr, '--lr', 'positive'),
      steps,
      updateOrder: choiceFlag(values['update-order'], '--update-order', UPDATE_ORDERS),
      form: choiceFlag(values.form, '--form', ['auto', 'scalar', 'matrix'] as const),
      ...(example ? { example } : {}),
    };
    const lang = choiceFlag(values.lang, '--lang', LANGS)
      ?? langFromLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
    const format = choiceFlag(values.format, '--format', EXPLAIN_FORMATS) ?? 'text';
    // Every flag is checked above; files are read from here on.
    const net = loadModel(modelPath);
    const data = await loadDataset(dataPath, { target: values.target?.split(','), defaultSplit: 'train' });
    checkDataFits(net, data, { data: dataPath });
    if (index < 0 || index >= data.size) throw new UsageError(`--sample: expected a row from 0 to ${data.size - 1}, got ${index}`);
    const trace = explain(net, sampleAt(data, index), options);
    const text = render(trace, format, { lang, formulas: !values['no-formulas'] });
    if (values.out) writeAtomic(values.out, text);
    else process.stdout.write(text);
    return 0;
  },
};
