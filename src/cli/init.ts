import { writeAtomic } from '../io/files.ts';
import { networkToJSON } from '../core/model-json.ts';
import { requireFlag, parseOptions, type Command } from './command.ts';
import { modelFlags, modelFlagsHelp, modelFromFlags } from './model-options.ts';

// init always builds from --layers and writes float64 JSON: of the model flags, only these apply.
const initHelp = modelFlagsHelp.split('\n')
  .filter((l) => /^Model:|--layers|--activation|--output-activation|--loss|--init|--seed|^ {20,}(binary|install|\(default)/.test(l) && !/install\)/.test(l))
  .join('\n').replace('(default: from the data)', '(default mse)').replace('or build a new model: ', 'the network: ');

export const initCommand: Command = {
  name: 'init',
  summary: 'create a fresh model with seeded random weights',
  help: `Usage: bpnet init --layers 2-2-2 [--activation sigmoid] [--loss mse] --out M.json [--seed S]

${initHelp}
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
