import { predict } from '../core/predict.ts';
import { writeAtomic } from '../io/files.ts';
import { loadDataset } from '../io/datasets.ts';
import { loadModel } from '../io/models.ts';
import { readJson, readText } from '../io/files.ts';
import { parseCSV } from '../data/csv.ts';
import { createDataset, type Dataset } from '../core/dataset.ts';
import { kernelFlags, kernelFlagsHelp, withKernel } from './model-options.ts';
import { BpnetError } from '../core/errors.ts';
import { parseOptions, requireFlag, type Command } from './command.ts';

export const predictCommand: Command = {
  name: 'predict',
  summary: 'print the model outputs for every sample of a dataset',
  help: `Usage: bpnet predict --model M.json --data D [--json] [--out FILE]

  --model FILE          the model
  --data FILE           inputs: a dataset (.json, .csv, …; its targets are ignored), a JSON file
                        with "inputs" only, or a CSV with one column per model input
  --labels FILE         IDX: the labels file for an images file
  --target NAME[,NAME]  CSV: target column(s), excluded from the inputs
  --json                print a JSON array of output rows instead of CSV
  --out FILE            write to FILE (atomically) instead of stdout
${kernelFlagsHelp}`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...kernelFlags, model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string' }, labels: { type: 'string' },
      json: { type: 'boolean' }, out: { type: 'string' },
    });
    const net = withKernel(loadModel(requireFlag(values.model, '--model')), values);
    const dataPath = requireFlag(values.data, '--data');
    const data = unlabelled(dataPath, net.inputSize, values.target)
      ?? await loadDataset(dataPath, { target: values.target?.split(','), labels: values.labels, defaultSplit: 'test' });
    if (data.inputSize !== net.inputSize) {
      throw new BpnetError(`has ${data.inputSize} inputs per sample but the model expects ${net.inputSize}`, values.data);
    }
    const outputs = predict(net, data.inputs, data.size);
    const text = values.json
      ? JSON.stringify(outputs) + '\n'
      : [Array.from({ length: net.outputSize }, (_, j) => `y${j + 1}`).join(','), ...outputs.map((r) => r.join(','))].join('\n') + '\n';
    if (values.out) writeAtomic(values.out, text);
    else process.stdout.write(text);
    return 0;
  },
};

/**
 * Inputs without targets — the usual case for prediction: a JSON file with "inputs" only, or a CSV
 * (no --target) with exactly as many columns as the model has inputs. Anything else: undefined,
 * and the file is read as a dataset.
 */
function unlabelled(path: string, inputSize: number, target: string | undefined): Dataset | undefined {
  if (/\.json$/i.test(path)) {
    const json = readJson(path) as { inputs?: unknown; targets?: unknown };
    if (json && typeof json === 'object' && Array.isArray(json.inputs) && json.targets === undefined) {
      return createDataset(json.inputs as number[][], (json.inputs as unknown[]).map(() => [0]), path);
    }
  }
  if (/\.csv$/i.test(path) && target === undefined) {
    const lines = readText(path).split(/\r?\n/).filter((l) => l.trim() !== '');
    if ((lines[0] ?? '').split(',').length === inputSize) {
      // A constant dummy target column lets the dataset parser check every input value.
      const text = lines.map((l, i) => `${l},${i === 0 ? '_none' : 0}`).join('\n');
      return parseCSV(text, path, { target: ['_none'], targetMode: 'values' });
    }
  }
  return undefined;
}
