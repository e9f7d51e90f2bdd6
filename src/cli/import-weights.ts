import { loadMatWeights, networkToJSON, writeAtomic } from '../node.ts';
import { parseOptions, requireFlag, UsageError, type Command } from './command.ts';

export const importWeightsCommand: Command = {
  name: 'import-weights',
  summary: 'turn MATLAB weights (Theta1, Theta2, … in a .mat file) into a bpnet model (as bpnet import --format mat)',
  help: `Usage: bpnet import-weights W.mat --out M.json

Reads Theta1, Theta2, … (each units × (1 + inputs), the first column the bias), as the classic
course stores its trained network, and writes a bpnet model: sigmoid on every layer, binary
cross-entropy loss. With 10 outputs the model records the course's class names 1…9, 0
(output 10 means the digit 0).

  --out FILE   the model to write`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { out: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError(`expected one weights file, got ${positionals.length}`);
    const out = requireFlag(values.out, '--out');
    const net = loadMatWeights(positionals[0]!);
    writeAtomic(out, JSON.stringify(networkToJSON(net)) + '\n');
    process.stderr.write(`wrote ${out}: ${[net.inputSize, ...net.layers.map((l) => l.units)].join('-')} (${net.parameterCount} parameters)\n`);
    return 0;
  },
};
