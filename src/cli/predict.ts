import { predict } from '../core/evaluate.ts';
import { writeAtomic } from '../io/files.ts';
import { loadDataset } from '../io/datasets.ts';
import { loadModel } from '../io/models.ts';
import { kernelFlags, kernelFlagsHelp, withKernel } from './model-options.ts';
import { BpnetError } from '../core/errors.ts';
import { parseOptions, requireFlag, type Command } from './command.ts';

export const predictCommand: Command = {
  name: 'predict',
  summary: 'print the model outputs for every sample of a dataset',
  help: `Usage: bpnet predict --model M.json --data D [--json] [--out FILE]

  --model FILE          the model
  --data FILE           dataset (.json, .csv, …); its targets are ignored
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
    const data = await loadDataset(requireFlag(values.data, '--data'), { target: values.target?.split(','), labels: values.labels, defaultSplit: 'test' });
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
