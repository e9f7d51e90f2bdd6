import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, loadModel, saveExport } from '../node.ts';
import { choiceFlag, parseOptions, requireFlag, type Command } from './command.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a model for other tools: ONNX, TensorFlow.js, a standalone JS module or MATLAB weights',
  help: `Usage: bpnet export --model M.json --format onnx|tfjs|js|mat --out PATH

Formats (dense networks; the model's inputTransform is part of every export but mat):
${EXPORT_FORMAT_NAMES.map((f) => `  ${f.padEnd(5)} ${EXPORT_FORMATS[f].summary}`).join('\n')}

  --model FILE     the model
  --format NAME    one of ${EXPORT_FORMAT_NAMES.join(', ')}
  --out PATH       the file to write (tfjs: model.json; its weights go beside it as NAME.weights.bin)

bpnet import reads onnx, tfjs and mat back. See docs/export.md.`,
  async run(argv) {
    const { values } = parseOptions(argv, { model: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
    const format = requireFlag(choiceFlag(values.format, '--format', EXPORT_FORMAT_NAMES), '--format');
    const out = requireFlag(values.out, '--out');
    const net = loadModel(requireFlag(values.model, '--model'));
    const caveat = EXPORT_FORMATS[format].caveat?.(net);
    if (caveat) process.stderr.write(`warning: ${caveat}\n`);
    const written = saveExport(out, net, format);
    process.stderr.write(`wrote ${written.join(', ')} (${format}, ${[net.inputSize, ...net.layers.map((l) => l.units)].join('-')})\n`);
    return 0;
  },
};
