/**
 * `explain`: runs training steps on one sample through the core's own `Trainer.step` (forward,
 * lossAndDelta, backward, the SGD optimizer — the code `bpnet train` runs), in float64, and reads
 * every intermediate value off the core's `Trace`. Nothing here recomputes the math: the only
 * values derived locally are the chain-rule factors ∂E/∂out and ∂out/∂net, taken from the same
 * `{f, df}` records of the loss and activation the core uses, and checked against the core's δ.
 */
import { activations } from '../core/activations.ts';
import { createTrace, forward, lossAndDelta, type Trace } from '../core/backprop.ts';
import { createDataset, type Dataset } from '../core/dataset.ts';
import { checkInputsFit } from '../core/fit.ts';
import { BpnetError, check } from '../core/errors.ts';
import { getKernel } from '../core/kernels/registry.ts';
import { losses } from '../core/losses.ts';
import type { Network } from '../core/network.ts';
import { Trainer } from '../core/trainer.ts';
import type { UpdateOrder } from '../core/train-options.ts';
import { detectExample, PUBLISHED } from './examples.ts';
import { matrixStep } from './matrix.ts';
import { scalarNames } from './names.ts';
import type {
  ExampleName, ExplainNote, ExplainTrace, MatrixStep, ExplainNetworkInfo, ScalarBackwardLayer, ScalarNames, ScalarNeuron, ScalarStep,
} from './trace.ts';

/** One training sample: an input vector and its target vector. */
export interface ExplainSample {
  input: ArrayLike<number>;
  target: ArrayLike<number>;
  /** Its row in the dataset it came from, shown in the derivation (optional). */
  index?: number;
}

/** Options of `explain`: learning rate, steps, update order, scalar or matrix form, the worked example. */
export interface ExplainOptions {
  /** η (default: 0.5 for the classic example, else 0.1 like `bpnet train`). */
  learningRate?: number;
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

/** Most training steps one explanation shows. */
export const MAX_EXPLAIN_STEPS = 100;

/** A sample from a dataset's row `index`. */
export function sampleAt(data: Dataset, index: number): ExplainSample {
  check(Number.isInteger(index) && index >= 0 && index < data.size, `expected a row from 0 to ${data.size - 1}, got ${index}`, 'sample');
  return {
    input: data.inputs.subarray(index * data.inputSize, (index + 1) * data.inputSize),
    target: data.targets.subarray(index * data.outputSize, (index + 1) * data.outputSize),
    index,
  };
}

/**
 * The derivation of `steps` gradient-descent steps of `network` on one sample. The network is not
 * modified (a float64 copy is trained).
 * @example
 * const trace = explain(net, { input: [0.05, 0.1], target: [0.01, 0.99] }, { learningRate: 0.5 });
 * console.log(renderText(trace, { lang: 'en' }));
 */
export function explain(network: Network, sample: ExplainSample, options: ExplainOptions = {}): ExplainTrace {
  const input = Array.from(sample.input), target = Array.from(sample.target);
  checkInputsFit(input.length, network, { data: 'sample' });
  check(target.length === network.outputSize, `has ${target.length} targets but the model has ${network.outputSize} outputs`, 'sample');
  const steps = options.steps ?? 1;
  check(Number.isInteger(steps) && steps >= 1 && steps <= MAX_EXPLAIN_STEPS, `must be an integer from 1 to ${MAX_EXPLAIN_STEPS}, got ${steps}`, 'steps');
  const example = options.example !== undefined ? options.example : detectExample(network, input, target);
  const learningRate = options.learningRate ?? (example === 'classic' ? 0.5 : 0.1);
  check(Number.isFinite(learningRate) && learningRate > 0, `must be a positive number, got ${learningRate}`, 'learningRate');
  const updateOrder = options.updateOrder ?? 'simultaneous';
  check(updateOrder === 'simultaneous' || updateOrder === 'sequential', `must be "simultaneous" or "sequential", got "${updateOrder}"`, 'updateOrder');
  const weights = network.layers.reduce((n, l) => n + l.weights.length, 0);
  const formOption = options.form ?? 'auto';
  if (!['auto', 'scalar', 'matrix'].includes(formOption)) throw new BpnetError(`expected auto, scalar or matrix, got "${formOption}"`, 'form');
  const form = formOption === 'auto' ? (weights <= (options.maxScalarWeights ?? 64) ? 'scalar' : 'matrix') : formOption;

  const run = runSteps(network, input, target, learningRate, updateOrder, steps, form === 'scalar');
  const info: ExplainNetworkInfo = {
    sizes: [network.inputSize, ...network.layers.map((l) => l.units)],
    activations: network.layers.map((l) => l.activation),
    loss: network.loss,
    weights,
    parameters: network.parameterCount,
    trainBias: network.layers.map((l) => l.trainBias),
  };
  const base = {
    format: 'bpnet-explain' as const, version: 1 as const, network: info,
    sample: { index: sample.index ?? null, input, target }, learningRate, updateOrder, example,
    finalLoss: run.finalLoss, finalOutputs: run.finalOutputs, notes: [] as ExplainNote[],
  };
  if (network.layers.length > 1) {
    const otherOrder: UpdateOrder = updateOrder === 'simultaneous' ? 'sequential' : 'simultaneous';
    const other = runSteps(network, input, target, learningRate, otherOrder, steps, false);
    base.notes.push({
      kind: 'update-order', updateOrder, otherOrder, lossAfter: run.finalLoss, otherLossAfter: other.finalLoss,
      published: example === 'classic' && steps === 1 && learningRate === 0.5 ? PUBLISHED.classic.errorAfterOneUpdate : null,
    });
  }
  if (form === 'scalar' && example === 'linear' && learningRate === 0.1) {
    const w = run.scalarSteps[0]!.backward[0]!.weights[0]!; // the output weight, in the first step
    base.notes.push({ kind: 'errata-linear', weight: w.name, publishedGrad: PUBLISHED.linear.grad, publishedNew: PUBLISHED.linear.newWeight, old: w.old, grad: w.grad, new: w.new });
  }
  if (form === 'scalar') return { ...base, form: 'scalar', names: run.names!, steps: run.scalarSteps };
  return { ...base, form: 'matrix', steps: run.matrixSteps };
}

interface Snapshot { weights: Float64Array[]; bias: Float64Array[] }

const snapshot = (net: Network): Snapshot => ({
  weights: net.layers.map((l) => Float64Array.from(l.weights)),
  bias: net.layers.map((l) => Float64Array.from(l.bias)),
});

/** Trains a float64 copy step by step, recording each step in the chosen form. */
function runSteps(
  network: Network, input: number[], target: number[], learningRate: number, updateOrder: UpdateOrder, steps: number, scalar: boolean,
) {
  const net = network.clone(getKernel('reference', 'float64'));
  const data = createDataset([input], [target], 'sample');
  const trainer = new Trainer(net, data, { learningRate, batchSize: 1, shuffle: false, updateOrder, optimizer: 'sgd' });
  const { trace, Y } = trainer.buffersFor(1);
  const after = createTrace(net, 1);
  const names = scalar ? scalarNames(net) : undefined;
  const scalarSteps: ScalarStep[] = [];
  const matrixSteps: MatrixStep[] = [];
  let finalLoss = NaN;
  for (let s = 1; s <= steps; s++) {
    trace.a[0]!.set(data.inputs);
    Y.set(data.targets);
    const before = snapshot(net);
    const { lossSum } = trainer.step(trace, Y, learningRate);
    after.a[0]!.set(data.inputs);
    forward(net, after);
    finalLoss = lossAndDelta(net, after, data.targets);
    const outputsAfter = Array.from(after.a[net.layers.length]!);
    if (names) scalarSteps.push(scalarStep(s, net, names, trace, before, lossSum, target, updateOrder, finalLoss, outputsAfter));
    else matrixSteps.push(matrixStep(s, net, trace, before, lossSum, target, updateOrder, finalLoss));
  }
  return { names, scalarSteps, matrixSteps, finalLoss, finalOutputs: Array.from(after.a[net.layers.length]!) };
}

/** Reads one step off the core's trace (before/after parameters from the snapshots and the network). */
function scalarStep(
  step: number, net: Network, names: ScalarNames, trace: Trace, before: Snapshot, lossSum: number, target: number[],
  updateOrder: UpdateOrder, lossAfter: number, outputsAfter: number[],
): ScalarStep {
  const L = net.layers.length - 1;
  const sourceName = (l: number, i: number) => (l === 0 ? names.inputs[i]! : names.neurons[l - 1]![i]!);
  const forwardLayers = net.layers.map((layer, l): ScalarNeuron[] =>
    Array.from({ length: layer.units }, (_, j) => ({
      name: names.neurons[l]![j]!, layer: l, index: j,
      terms: Array.from({ length: layer.inputs }, (_, i) => {
        const w = before.weights[l]![j * layer.inputs + i]!, x = trace.a[l]![i]!;
        return { weight: names.weights[l]![j]![i]!, w, input: sourceName(l, i), x, product: w * x };
      }),
      biasName: names.biases[l]![j]!, bias: before.bias[l]![j]!,
      net: trace.z[l]![j]!, out: trace.a[l + 1]![j]!, activation: layer.activation,
    })),
  );
  const loss = losses[net.loss];
  const out = net.layers[L]!;
  const lossTerms = {
    loss: net.loss,
    terms: forwardLayers[L]!.map((n, j) => ({ neuron: n.name, target: target[j]!, out: n.out, value: loss.f(n.out, target[j]!) })),
    total: lossSum,
  };
  const outputRule = loss.fusedActivation === out.activation ? 'fused' : out.activation === 'softmax' ? 'softmax-jacobian' : 'chain';
  const backwardLayers: ScalarBackwardLayer[] = [];
  for (let l = L; l >= 0; l--) {
    const layer = net.layers[l]!;
    const g = activations[layer.activation];
    const sequential = updateOrder === 'sequential';
    const deltas = forwardLayers[l]!.map((n, j) => {
      const dOutdNet = layer.activation === 'softmax' ? null : g.df(n.net, n.out);
      if (l === L) {
        return { neuron: n.name, layer: l, index: j, rule: outputRule, dEdOut: loss.df(n.out, target[j]!), dOutdNet, delta: trace.delta[l]![j]!, paths: null } as const;
      }
      // (BP2) ∂E/∂out_j = Σₖ δₖ·w_kj: the core's δ·W product (scratch), with the weights backward used.
      const above = net.layers[l + 1]!;
      const used = sequential ? above.weights : before.weights[l + 1]!;
      const paths = Array.from({ length: above.units }, (_, k) => {
        const w = used[k * above.inputs + j]!, deltaTo = trace.delta[l + 1]![k]!;
        return { to: names.neurons[l + 1]![k]!, deltaTo, weight: names.weights[l + 1]![k]![j]!, w, updated: sequential, product: deltaTo * w };
      });
      return { neuron: n.name, layer: l, index: j, rule: 'chain', dEdOut: trace.scratch[l + 1]![j]!, dOutdNet, delta: trace.delta[l]![j]!, paths } as const;
    });
    const weights = [];
    for (let j = 0; j < layer.units; j++) {
      for (let i = 0; i < layer.inputs; i++) {
        const k = j * layer.inputs + i;
        weights.push({
          name: names.weights[l]![j]![i]!, layer: l, row: j, col: i, from: sourceName(l, i), to: names.neurons[l]![j]!,
          old: before.weights[l]![k]!, dEdOut: deltas[j]!.dEdOut, dOutdNet: deltas[j]!.dOutdNet, dNetdW: trace.a[l]![i]!,
          delta: trace.delta[l]![j]!, grad: trace.gradW[l]![k]!, new: layer.weights[k]!,
        });
      }
    }
    const biases = forwardLayers[l]!.map((n, j) => ({
      name: n.biasName, neuron: n.name, layer: l, index: j, old: before.bias[l]![j]!, grad: trace.gradB[l]![j]!,
      trained: layer.trainBias, new: layer.bias[j]!,
    }));
    backwardLayers.push({ layer: l, output: l === L, deltas, weights, biases, updatedBeforeNextDelta: sequential && l > 0 });
  }
  return { step, forward: forwardLayers, loss: lossTerms, backward: backwardLayers, lossAfter, outputsAfter };
}
