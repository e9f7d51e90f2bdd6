/**
 * Runs explained training steps through the core's own `Trainer.step` (forward, lossAndDelta,
 * backward with weight decay, the optimizer bpnet train uses), on a float64 copy of the network,
 * one batch of consecutive rows at a time. Each step hands its raw records — the core's Trace, the
 * parameters before, the optimizer state before and after — to a reader (scalar or matrix form).
 */
import { createTrace, forward, lossAndDelta, type Trace } from '../core/backprop.ts';
import type { Dataset } from '../core/dataset.ts';
import { getKernel } from '../core/kernels/registry.ts';
import { losses } from '../core/losses.ts';
import type { Network } from '../core/network.ts';
import type { OptimizerState } from '../core/optimizers.ts';
import type { UpdateOrder } from '../core/train-options.ts';
import { Trainer } from '../core/trainer.ts';
import type { ExplainOptimizer, Objective, OptimizerRuleStep, ParamUpdate } from './trace-update.ts';

export interface RunConfig {
  optimizer: ExplainOptimizer;
  batchSize: number;
  weightDecay: number;
  updateOrder: UpdateOrder;
  /** 0-based row of the first sample of the first batch. */
  start: number;
}

export interface Snapshot { weights: Float64Array[]; bias: Float64Array[] }

/** What one step leaves behind for a reader; `trace` is valid until the next step. */
export interface RawStep {
  step: number;
  rows: number[];
  net: Network;
  trace: Trace;
  targets: Float64Array;
  before: Snapshot;
  objective: Objective;
  objectiveAfter: Objective;
  /** Outputs of every sample of the batch after the update (rows × outputs). */
  outputsAfter: Float64Array;
  /** The update of parameter k of layer l's weights (bias = false) or biases (bias = true). */
  update(l: number, bias: boolean, k: number): ParamUpdate;
}

const snapshot = (net: Network): Snapshot => ({
  weights: net.layers.map((l) => Float64Array.from(l.weights)),
  bias: net.layers.map((l) => Float64Array.from(l.bias)),
});

/** Steps of `network` (copied, never modified) on `data`, each read by `read`. */
export function runSteps<T>(network: Network, data: Dataset, config: RunConfig, steps: number, read: ((s: RawStep) => T) | null): { records: T[]; last: RawStep } {
  const net = network.clone(getKernel('reference', 'float64'));
  const { optimizer: o, weightDecay, updateOrder } = config;
  const trainer = new Trainer(net, data, {
    optimizer: o.name, learningRate: o.learningRate, batchSize: config.batchSize, shuffle: false, updateOrder, weightDecay,
    ...(o.momentum !== null ? { momentum: o.momentum } : {}),
    ...(o.beta1 !== null ? { beta1: o.beta1, beta2: o.beta2!, epsilon: o.epsilon! } : {}),
  });
  const B = config.batchSize;
  const { trace, Y } = trainer.buffersFor(B);
  const after = createTrace(net, B);
  const records: T[] = [];
  let last: RawStep | undefined;
  for (let s = 1; s <= steps; s++) {
    const rows = Array.from({ length: B }, (_, r) => (config.start + (s - 1) * B + r) % data.size);
    rows.forEach((row, r) => {
      trace.a[0]!.set(data.inputs.subarray(row * data.inputSize, (row + 1) * data.inputSize), r * data.inputSize);
      Y.set(data.targets.subarray(row * data.outputSize, (row + 1) * data.outputSize), r * data.outputSize);
    });
    // A summary of many steps only needs the last one's numbers: the rest run bare, as in training.
    if (!read && s < steps) { trainer.step(trace, Y, o.learningRate); continue; }
    const before = snapshot(net);
    const penaltyBefore = (weightDecay / 2) * net.weightSquaredSum();
    const stateBefore = read ? trainer.optimizer.getState() : null;
    const { lossSum } = trainer.step(trace, Y, o.learningRate);
    after.a[0]!.set(trace.a[0]!);
    forward(net, after);
    const lossSumAfter = lossAndDelta(net, after, Y);
    const stateAfter = read ? trainer.optimizer.getState() : null;
    const targets = Float64Array.from(Y);
    const L = net.layers.length;
    const raw: RawStep = {
      step: s, rows, net, trace, targets, before,
      objective: objective(net, trace.a[L]!, targets, lossSum, penaltyBefore, B),
      objectiveAfter: objective(net, after.a[L]!, targets, lossSumAfter, (weightDecay / 2) * net.weightSquaredSum(), B),
      outputsAfter: Float64Array.from(after.a[L]!),
      update: (l, bias, k) => paramUpdate(net, trace, before, stateBefore!, stateAfter!, config, l, bias, k),
    };
    if (read) records.push(read(raw));
    last = raw;
  }
  return { records, last: last! };
}

/** J with its parts; each Eᵢ from the loss record (their sum is the core's `lossSum`, shown as is). */
function objective(net: Network, outputs: ArrayLike<number>, targets: Float64Array, lossSum: number, penalty: number, B: number): Objective {
  const loss = losses[net.loss], n = net.outputSize;
  const per = Array.from({ length: B }, (_, r) => {
    let e = 0;
    for (let j = 0; j < n; j++) e += loss.f(outputs[r * n + j]!, targets[r * n + j]!);
    return e;
  });
  if (B === 1) per[0] = lossSum;
  const mean = lossSum / B;
  return { losses: per, mean, penalty, J: mean + penalty };
}

function paramUpdate(
  net: Network, trace: Trace, before: Snapshot, s0: OptimizerState, s1: OptimizerState, config: RunConfig, l: number, bias: boolean, k: number,
): ParamUpdate {
  const layer = net.layers[l]!, B = trace.rows;
  const j = bias ? k : Math.floor(k / layer.inputs), i = bias ? 0 : k % layer.inputs;
  // BP3/BP4 per sample: ∂Eᵢ/∂b = δᵢ, ∂Eᵢ/∂w = δᵢ·outᵢ (the core sums these over the batch).
  const perSample = Array.from({ length: B }, (_, r) =>
    trace.delta[l]![r * layer.units + j]! * (bias ? 1 : trace.a[l]![r * layer.inputs + i]!));
  const mean = perSample.reduce((a, b) => a + b, 0) / B;
  const old = bias ? before.bias[l]![k]! : before.weights[l]![k]!;
  const decay = bias ? 0 : config.weightDecay * old;
  const grad = (bias ? trace.gradB : trace.gradW)[l]![k]!;
  const key = String(2 * l + (bias ? 1 : 0));
  const was = (b: number) => s0.buffers[key]?.[b]?.[k] ?? 0;
  const now = (b: number) => s1.buffers[key]![b]![k]!;
  const o = config.optimizer;
  let rule: OptimizerRuleStep;
  switch (o.name) {
    case 'sgd': rule = { kind: 'sgd' }; break;
    case 'momentum': rule = { kind: 'momentum', vOld: was(0), v: now(0) }; break;
    case 'nesterov': {
      const v = now(0);
      rule = { kind: 'nesterov', vOld: was(0), v, change: o.momentum! * v - o.learningRate * grad };
      break;
    }
    case 'adam': {
      const t = s1.t, m = now(0), s = now(1);
      const mHat = m / (1 - Math.pow(o.beta1!, t)), sHat = s / (1 - Math.pow(o.beta2!, t));
      rule = { kind: 'adam', t, mOld: was(0), m, sOld: was(1), s, mHat, sHat, change: -(o.learningRate * mHat) / (Math.sqrt(sHat) + o.epsilon!) };
      break;
    }
  }
  return { perSample, mean, decay, grad, rule };
}
