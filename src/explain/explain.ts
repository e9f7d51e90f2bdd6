/**
 * `explain`: runs training steps through the core's own `Trainer.step` (forward, lossAndDelta,
 * backward with weight decay, the optimizer — the code `bpnet train` runs), in float64, on batches
 * of consecutive samples, and reads every intermediate value off the core's records (run.ts).
 * Nothing here recomputes the math: the only values derived locally are the chain-rule factors and
 * the optimizer's displayed intermediates (m̂, ŝ), from the same records and formulas the core uses.
 */
import { BpnetError, check } from '../core/errors.ts';
import type { Network } from '../core/network.ts';
import type { OptimizerName } from '../core/optimizers.ts';
import type { UpdateOrder } from '../core/train-options.ts';
import { detectExample, PUBLISHED } from './examples.ts';
import { matrixStep } from './matrix.ts';
import { scalarNames } from './names.ts';
import { scalarFits, scalarStep } from './read-scalar.ts';
import { runConfig } from './config.ts';
import { runSteps } from './run.ts';
import { classicErratum } from './summary.ts';
import { symmetryExample } from './sections.ts';
import { asDataset, sampleAt, type ExplainSample, type ExplainSource } from './source.ts';
import type { ExampleName, ExplainNote, ExplainTrace, ExplainNetworkInfo } from './trace.ts';

/** The step options of `bpnet train` (same names and defaults), plus what to show. */
export interface ExplainOptions {
  /** Update rule (default "sgd"). */
  optimizer?: OptimizerName;
  /** η (default: 0.5 for the classic example, else 0.1 like `bpnet train`; adam 0.001). */
  learningRate?: number;
  /** μ of momentum and nesterov (default 0.9). */
  momentum?: number;
  /** Adam's β₁, β₂, ε (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Samples per step, B (default min(32, samples), as `bpnet train`). */
  batchSize?: number;
  /** λ of the penalty (λ/2)·Σ w² (default 0). */
  weightDecay?: number;
  /** 0-based index of the first sample of the first batch (default 0); batches are consecutive, never shuffled. */
  start?: number;
  /** Number of training steps on the sample, each explained in full (default 1, at most 100). */
  steps?: number;
  /** "simultaneous" (correct backprop, default) or "sequential" (see `ExplainTraceBase.updateOrder`). */
  updateOrder?: UpdateOrder;
  /** "scalar" names every weight; "matrix" summarises layers; "auto" (default) picks by size. */
  form?: 'auto' | 'scalar' | 'matrix';
  /** "auto" uses the scalar form up to this many weights (default 64). */
  maxScalarWeights?: number;
  /** The worked example this is (adds its errata notes); default: recognised from the numbers. */
  example?: ExampleName | null;
}

/** Most training steps one explanation shows in full. */
export const MAX_EXPLAIN_STEPS = 100;

/**
 * The derivation of `steps` training steps of `network` on batches of consecutive samples of
 * `source`, with the optimizer, batch size and weight decay of `options`. The network is not
 * modified (a float64 copy is trained).
 * @example
 * const trace = explain(net, { input: [0.05, 0.1], target: [0.01, 0.99] }, { learningRate: 0.5 });
 * console.log(renderText(trace, { lang: 'en' }));
 */
export function explain(network: Network, source: ExplainSource, options: ExplainOptions = {}): ExplainTrace {
  const { data, rowOffset } = asDataset(source, network);
  const steps = options.steps ?? 1;
  check(Number.isInteger(steps) && steps >= 1 && steps <= MAX_EXPLAIN_STEPS, `must be an integer from 1 to ${MAX_EXPLAIN_STEPS}, got ${steps}`, 'steps');
  const first = sampleAt(data, options.start ?? 0);
  const input = Array.from(first.input), target = Array.from(first.target);
  const example = options.example !== undefined ? options.example : (data.size === 1 ? detectExample(network, input, target) : null);
  const config = runConfig(network, data, options, example);
  const weights = network.layers.reduce((n, l) => n + l.weights.length, 0);
  const formOption = options.form ?? 'auto';
  if (!['auto', 'scalar', 'matrix'].includes(formOption)) throw new BpnetError(`expected auto, scalar or matrix, got "${formOption}"`, 'form');
  const form = formOption === 'auto' ? (scalarFits(network, config.batchSize, options.maxScalarWeights ?? 64) ? 'scalar' : 'matrix') : formOption;
  const names = form === 'scalar' ? scalarNames(network) : undefined;
  const run = runSteps(network, data, config, steps, (raw) =>
    names ? { scalar: scalarStep(raw, names, config.updateOrder), matrix: null } : { scalar: null, matrix: matrixStep(raw, config.updateOrder) });
  // Rows are 0-based in the trace; a single sample keeps the row it came from.
  const relabel = (rows: number[]) => rows.map((r) => r + rowOffset);
  for (const rec of run.records) {
    const step = rec.scalar ?? rec.matrix!;
    step.rows = relabel(step.rows);
    rec.scalar?.batch?.forEach((p, r) => { p.row = step.rows[r]!; });
  }
  const info: ExplainNetworkInfo = {
    sizes: [network.inputSize, ...network.layers.map((l) => l.units)],
    activations: network.layers.map((l) => l.activation),
    loss: network.loss,
    weights,
    parameters: network.parameterCount,
    trainBias: network.layers.map((l) => l.trainBias),
  };
  const last = run.last;
  const base = {
    format: 'bpnet-explain' as const, version: 1 as const, network: info,
    sample: { index: Array.isArray(source) || 'size' in source ? (options.start ?? 0) : ((source as ExplainSample).index ?? null), input, target },
    learningRate: config.optimizer.learningRate, optimizer: config.optimizer, batchSize: config.batchSize, weightDecay: config.weightDecay,
    updateOrder: config.updateOrder, example,
    finalLoss: last.objectiveAfter.J, finalOutputs: Array.from(last.outputsAfter.subarray(0, network.outputSize)), notes: [] as ExplainNote[],
    symmetry: names ? symmetryExample(network, data, config, names) : null,
  };
  const plain = config.optimizer.name === 'sgd' && config.weightDecay === 0 && config.batchSize === 1;
  if (network.layers.length > 1) {
    const otherOrder: UpdateOrder = config.updateOrder === 'simultaneous' ? 'sequential' : 'simultaneous';
    const other = runSteps(network, data, { ...config, updateOrder: otherOrder }, steps, null);
    base.notes.push({
      kind: 'update-order', updateOrder: config.updateOrder, otherOrder, lossAfter: base.finalLoss, otherLossAfter: other.last.objectiveAfter.J,
      published: example === 'classic' && steps === 1 && config.optimizer.learningRate === 0.5 && plain ? PUBLISHED.classic.errorAfterOneUpdate : null,
    });
  }
  if (example === 'classic' && plain && config.optimizer.learningRate === 0.5) base.notes.push({ kind: 'errata-classic', erratum: classicErratum(network, data, config) });
  const firstStep = run.records[0]!.scalar;
  if (firstStep && example === 'linear' && config.optimizer.learningRate === 0.1 && config.optimizer.name === 'sgd' && config.weightDecay === 0) {
    const w = firstStep.backward[0]!.weights[0]!; // the output weight, in the first step
    base.notes.push({ kind: 'errata-linear', weight: w.name, publishedGrad: PUBLISHED.linear.grad, publishedNew: PUBLISHED.linear.newWeight, old: w.old, grad: w.grad, new: w.new });
  }
  if (names) return { ...base, form: 'scalar', names, steps: run.records.map((r) => r.scalar!) };
  return { ...base, form: 'matrix', steps: run.records.map((r) => r.matrix!) };
}
