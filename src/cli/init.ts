import { HIDDEN_ACTIVATION_NAMES, INIT_NAMES, LOSS_NAMES, networkToJSON, writeAtomic } from '../node.ts';
import { requireFlag, parseOptions, type Command } from './command.ts';
import { modelFlags, modelFromFlags } from './model-options.ts';

export const initCommand: Command = {
  name: 'init',
  summary: 'create a fresh model with seeded random weights',
  help: `Usage: bpnet init --layers 2-2-2 [--activation sigmoid] [--loss mse] --out M.json [--seed S]

Model (built from --layers; the file is written in float64):
  --layers 2-2-2          the network: input size, then units per layer
  --activation NAME       hidden layers: ${HIDDEN_ACTIVATION_NAMES.join(', ')}
                          (default relu)
  --output-activation NAME  output layer (default: softmax for cross-entropy, sigmoid for
                          binary-cross-entropy, else --activation or linear)
  --loss NAME             ${LOSS_NAMES.join(', ')} (default mse)
  --init NAME             ${INIT_NAMES.join(', ')} (default auto: he for relu, xavier otherwise)
  --init-scale ε          ε of uniform (U(−ε, ε), default 0.12) and normal (N(0, ε²), default 0.01)
  --seed S                seed of the initialisation (default 1)
  --out FILE              where to write the model (atomically)

Example: bpnet init --layers 2-2-2 --activation sigmoid --loss mse --out m.json --seed 1`,
  async run(argv) {
    const { values } = parseOptions(argv, { ...modelFlags, out: { type: 'string' } });
    const out = requireFlag(values.out, '--out');
    requireFlag(values.layers, '--layers');
    const net = modelFromFlags(values);
    writeAtomic(out, JSON.stringify(networkToJSON(net)) + '\n');
    process.stderr.write(`wrote ${out}: ${[net.inputSize, ...net.layers.map((l) => l.units)].join('-')} (${net.parameterCount} parameters)\n`);
    return 0;
  },
};
