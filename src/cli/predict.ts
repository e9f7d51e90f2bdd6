import {
  BpnetError, checkInputsFit, createDataset, csvCell, type Dataset, loadDataset, loadModel, type Network, parseCSV, predict,
  predictedClass, readCsvRecords, readJson, readText, writeAtomic,
} from '../node.ts';
import { kernelFlags, kernelFlagsFrom, kernelFlagsHelp, MAX_MEMORY_HELP, memoryFlag, memoryFromFlag, withKernel } from './model-options.ts';
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
                        (CSV: a model with "classLabels" names its output columns by them and
                        adds a last column "label", the predicted class)
  --out FILE            write to FILE (atomically) instead of stdout
${kernelFlagsHelp}
${MAX_MEMORY_HELP}`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...kernelFlags, ...memoryFlag, model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string' }, labels: { type: 'string' },
      json: { type: 'boolean' }, out: { type: 'string' },
    });
    const kernel = kernelFlagsFrom(values);
    const maxMemory = memoryFromFlag(values['max-memory']);
    const dataPath = requireFlag(values.data, '--data');
    const net = withKernel(loadModel(requireFlag(values.model, '--model')), kernel);
    const data = unlabelled(dataPath, net.inputSize, values.target)
      ?? await loadDataset(dataPath, { target: values.target?.split(','), labels: values.labels, defaultSplit: 'test', maxMemory });
    checkInputsFit(data.inputSize, net, { data: values.data });
    const outputs = predict(net, data.inputs, data.size);
    const text = values.json ? JSON.stringify(outputs) + '\n' : outputsCsv(net, outputs);
    if (values.out) writeAtomic(values.out, text);
    else process.stdout.write(text);
    return 0;
  },
};

/** One CSV row per sample; with classLabels the columns are named by class and "label" is the predicted one. */
function outputsCsv(net: Network, outputs: number[][]): string {
  const labels = net.classLabels;
  const names = labels && labels.length === net.outputSize ? labels : Array.from({ length: net.outputSize }, (_, j) => `y${j + 1}`);
  if (!labels) return [names.join(','), ...outputs.map((r) => r.join(','))].join('\n') + '\n';
  const head = [...names, 'label'].map(csvCell).join(',');
  return [head, ...outputs.map((r) => `${r.join(',')},${csvCell(labels[predictedClass(r, 0, r.length)]!)}`)].join('\n') + '\n';
}

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
    const text = readText(path);
    let columns = 0;
    try {
      columns = readCsvRecords(text.slice(0, text.indexOf('\n') >>> 0), path)[0]?.cells.length ?? 0;
    } catch {
      // A header with a quoted line break: not a plain inputs file; read it as a dataset below.
    }
    if (columns === inputSize) return parseCSV(text, path, { inputsOnly: true });
  }
  return undefined;
}
