import { IMPORT_FORMAT_NAMES, loadExport, saveModel } from '../node.ts';
import { choiceFlag, parseOptions, requireFlag, UsageError, type Command } from './command.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'turn an ONNX, TensorFlow.js or MATLAB-weights file into a bpnet model',
  help: `Usage: bpnet import --format onnx|tfjs|mat FILE --out M.json

Reads a dense network (fully connected layers with bpnet's activations):
  onnx  Gemm (or MatMul + Add) and activation nodes; Sub/Div before the first layer become the
        model's inputTransform. A file exported by bpnet comes back as the same model (weights in
        float32); for others the loss is chosen by the output activation (softmax → cross-entropy,
        sigmoid → binary-cross-entropy, else mse).
  tfjs  a TensorFlow.js layers model.json (Sequential of Dense layers) with its weights files beside it.
  mat   Theta1, Theta2, … as the classic course stores them (sigmoid everywhere, bias column first).

  --format NAME   one of ${IMPORT_FORMAT_NAMES.join(', ')}
  --out FILE      the model to write`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { format: { type: 'string' }, out: { type: 'string' } }, true);
    const format = requireFlag(choiceFlag(values.format, '--format', IMPORT_FORMAT_NAMES), '--format');
    if (positionals.length !== 1) throw new UsageError(`expected one file to import, got ${positionals.length}`);
    const out = requireFlag(values.out, '--out');
    const net = loadExport(positionals[0]!, format);
    saveModel(out, net);
    process.stderr.write(`wrote ${out}: ${[net.inputSize, ...net.layers.map((l) => l.units)].join('-')} (${net.parameterCount} parameters)\n`);
    return 0;
  },
};
