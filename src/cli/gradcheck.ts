import { getKernel, GRADCHECK_SCHEMA, gradientCheck, loadDataset, loadModel, type GradCheckOptions } from '../node.ts';
import { optionsFromFlags } from './flags.ts';
import { modelClasses } from './eval.ts';
import { numberFlag, parseOptions, requireFlag, type Command } from './command.ts';
import { MAX_MEMORY_HELP, memoryFlag, memoryFromFlag } from './model-options.ts';

export const gradcheckCommand: Command = {
  name: 'gradcheck',
  summary: 'compare backprop gradients with finite differences, per layer',
  help: `Usage: bpnet gradcheck --model M.json --data D [--samples N] [--weight-decay λ] [--json]

Compares ∂J/∂θ from backprop with fourth-order central differences for every weight and bias,
in float64, on the first N samples (default 10), and prints the largest relative error per layer.
Parameters whose perturbation moves a ReLU input across 0 are skipped (the kink has no derivative).
Exit code 3 when any layer's error is 1e-6 or more (or not a number).

  --model FILE        the model
  --data FILE         dataset
  --samples N         samples used (default 10)
  --weight-decay λ    include (λ/2)·Σ‖W‖² in J
  --json              print the per-layer report as JSON
${MAX_MEMORY_HELP}`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...memoryFlag, model: { type: 'string' }, data: { type: 'string' }, samples: { type: 'string' }, target: { type: 'string' },
      'weight-decay': { type: 'string' }, json: { type: 'boolean' },
    });
    const samples = numberFlag(values.samples, '--samples', 'positive-integer') ?? 10;
    const options = optionsFromFlags<keyof GradCheckOptions, GradCheckOptions>(GRADCHECK_SCHEMA, { weightDecay: 'weight-decay' }, values);
    const maxMemory = memoryFromFlag(values['max-memory']);
    const net = loadModel(requireFlag(values.model, '--model'), getKernel('reference', 'float64'));
    const all = await loadDataset(requireFlag(values.data, '--data'), { target: values.target?.split(','), classLabels: modelClasses(net), maxMemory });
    const n = Math.min(samples, all.size);
    const data = { ...all, size: n, inputs: all.inputs.slice(0, n * all.inputSize), targets: all.targets.slice(0, n * all.outputSize) };
    const report = gradientCheck(net, data, options);
    if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
    else {
      for (const r of report) {
        process.stdout.write(`layer ${r.layer}  max relative error ${r.maxRelativeError.toExponential(2)} (${r.worst})` +
          `  max absolute ${r.maxAbsoluteError.toExponential(2)}${r.kinks ? `  ${r.kinks} skipped at a ReLU kink` : ''}\n`);
      }
    }
    // 3, not 1 (internal error) or 2 (bad input): the check ran and found a mismatch.
    return report.every((r) => r.maxRelativeError < 1e-6) ? 0 : 3;
  },
};
