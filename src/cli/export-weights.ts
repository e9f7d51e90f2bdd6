import { loadModel, saveMatWeights } from '../node.ts';
import { parseOptions, requireFlag, type Command } from './command.ts';

export const exportWeightsCommand: Command = {
  name: 'export-weights',
  summary: 'write a model\'s weights as MATLAB Theta1, Theta2, … (.mat; as bpnet export --format mat)',
  help: `Usage: bpnet export-weights --model M.json --out W.mat [--no-compress]

Writes one matrix per layer, Theta_l = [b | W] (units × (1 + inputs), bias column first), as
doubles in a MATLAB Level-5 MAT-file that MATLAB, Octave and scipy.io.loadmat read. The course's
predict.m applies sigmoid on every layer: that reproduces the model only if it uses sigmoid.

  --model FILE      the model
  --out FILE        the .mat file to write
  --no-compress     store the matrices uncompressed (default: compressed, as MATLAB's -v7)`,
  async run(argv) {
    const { values } = parseOptions(argv, { model: { type: 'string' }, out: { type: 'string' }, 'no-compress': { type: 'boolean' } });
    const net = loadModel(requireFlag(values.model, '--model'));
    const out = requireFlag(values.out, '--out');
    saveMatWeights(out, net, !values['no-compress']);
    const other = net.layers.find((l) => l.activation !== 'sigmoid');
    if (other) process.stderr.write(`warning: this model uses ${other.activation}; Theta files are read as sigmoid everywhere (the course's predict.m, bpnet import-weights, eval --weights), so they will not reproduce it\n`);
    process.stderr.write(`wrote ${out}: ${net.layers.map((l, i) => `Theta${i + 1} ${l.units}×${l.inputs + 1}`).join(', ')}\n`);
    return 0;
  },
};
