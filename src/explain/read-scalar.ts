/**
 * Reads one explained step in scalar form off the core's records (run.ts): every neuron's net and
 * out, the loss terms and every δ of each sample of the batch, then each weight's gradient and
 * update. The only values derived here are the chain-rule factors ∂E/∂out and ∂out/∂net, taken
 * from the same `{f, df}` records of the loss and activation the core uses.
 */
import { activations } from '../core/activations.ts';
import { losses } from '../core/losses.ts';
import type { Network } from '../core/network.ts';
import type { UpdateOrder } from '../core/train-options.ts';
import { outputRule } from './output-rule.ts';
import type { RawStep } from './run.ts';
import type {
  LossTerms, ScalarBackwardLayer, ScalarDelta, ScalarNames, ScalarNeuron, ScalarSamplePass, ScalarStep,
} from './trace.ts';

/** Forward pass, loss and deltas of batch row r. */
function samplePass(raw: RawStep, names: ScalarNames, r: number, updateOrder: UpdateOrder): ScalarSamplePass {
  const { net, trace, before, targets } = raw;
  const L = net.layers.length - 1;
  const n0 = net.inputSize, nOut = net.outputSize;
  const input = Array.from(trace.a[0]!.subarray(r * n0, (r + 1) * n0));
  const target = Array.from(targets.subarray(r * nOut, (r + 1) * nOut));
  const sourceName = (l: number, i: number) => (l === 0 ? names.inputs[i]! : names.neurons[l - 1]![i]!);
  const forward = net.layers.map((layer, l): ScalarNeuron[] =>
    Array.from({ length: layer.units }, (_, j) => ({
      name: names.neurons[l]![j]!, layer: l, index: j,
      terms: Array.from({ length: layer.inputs }, (_, i) => {
        const w = before.weights[l]![j * layer.inputs + i]!, x = trace.a[l]![r * layer.inputs + i]!;
        return { weight: names.weights[l]![j]![i]!, w, input: sourceName(l, i), x, product: w * x };
      }),
      biasName: names.biases[l]![j]!, bias: before.bias[l]![j]!,
      net: trace.z[l]![r * layer.units + j]!, out: trace.a[l + 1]![r * layer.units + j]!, activation: layer.activation,
    })),
  );
  const loss = losses[net.loss];
  const lossTerms: LossTerms = {
    loss: net.loss,
    terms: forward[L]!.map((n, j) => ({ neuron: n.name, target: target[j]!, out: n.out, value: loss.f(n.out, target[j]!) })),
    total: raw.objective.losses[r]!,
  };
  const out = net.layers[L]!;
  const rule = outputRule(out.activation, net.loss);
  const deltas: ScalarDelta[][] = [];
  for (let l = L; l >= 0; l--) {
    const layer = net.layers[l]!;
    const g = activations[layer.activation];
    deltas.push(forward[l]!.map((n, j): ScalarDelta => {
      const dOutdNet = layer.activation === 'softmax' ? null : g.df(n.net, n.out);
      const delta = trace.delta[l]![r * layer.units + j]!;
      if (l === L) return { neuron: n.name, layer: l, index: j, rule, dEdOut: loss.df(n.out, target[j]!), dOutdNet, delta, paths: null };
      // (BP2) ∂E/∂out_j = Σₖ δₖ·w_kj: the core's δ·W product (scratch), with the weights backward used.
      const above = net.layers[l + 1]!;
      const sequential = updateOrder === 'sequential';
      const used = sequential ? above.weights : before.weights[l + 1]!;
      const paths = Array.from({ length: above.units }, (_, k) => {
        const w = used[k * above.inputs + j]!, deltaTo = trace.delta[l + 1]![r * above.units + k]!;
        return { to: names.neurons[l + 1]![k]!, deltaTo, weight: names.weights[l + 1]![k]![j]!, w, updated: sequential, product: deltaTo * w };
      });
      return { neuron: n.name, layer: l, index: j, rule: 'chain', dEdOut: trace.scratch[l + 1]![r * layer.units + j]!, dOutdNet, delta, paths };
    }));
  }
  return { row: raw.rows[r]!, input, target, forward, loss: lossTerms, deltas };
}

/** The whole step: every sample's pass, then the gradients and updates of every parameter. */
export function scalarStep(raw: RawStep, names: ScalarNames, updateOrder: UpdateOrder): ScalarStep {
  const { net, before } = raw;
  const B = raw.rows.length;
  const passes = Array.from({ length: B }, (_, r) => samplePass(raw, names, r, updateOrder));
  const first = passes[0]!;
  const L = net.layers.length - 1;
  const sourceName = (l: number, i: number) => (l === 0 ? names.inputs[i]! : names.neurons[l - 1]![i]!);
  const backward: ScalarBackwardLayer[] = [];
  for (let l = L; l >= 0; l--) {
    const layer = net.layers[l]!;
    const deltas = first.deltas[L - l]!;
    const weights = [];
    for (let j = 0; j < layer.units; j++) {
      for (let i = 0; i < layer.inputs; i++) {
        const k = j * layer.inputs + i;
        weights.push({
          name: names.weights[l]![j]![i]!, layer: l, row: j, col: i, from: sourceName(l, i), to: names.neurons[l]![j]!,
          old: before.weights[l]![k]!, dEdOut: deltas[j]!.dEdOut, dOutdNet: deltas[j]!.dOutdNet, dNetdW: raw.trace.a[l]![i]!,
          delta: deltas[j]!.delta, grad: raw.trace.gradW[l]![k]!, new: layer.weights[k]!, update: raw.update(l, false, k),
        });
      }
    }
    const biases = first.forward[l]!.map((n, j) => ({
      name: n.biasName, neuron: n.name, layer: l, index: j, old: before.bias[l]![j]!, grad: raw.trace.gradB[l]![j]!,
      trained: layer.trainBias, new: layer.bias[j]!, update: layer.trainBias ? raw.update(l, true, j) : null,
    }));
    backward.push({ layer: l, output: l === L, deltas, weights, biases, updatedBeforeNextDelta: updateOrder === 'sequential' && l > 0 });
  }
  const nOut = net.outputSize;
  const outputsAfter = Array.from(raw.outputsAfter.subarray(0, nOut));
  const lossAfter = B === 1 ? raw.objectiveAfter.mean : raw.objectiveAfter.losses[0]!;
  return {
    step: raw.step, rows: raw.rows, objective: raw.objective, objectiveAfter: raw.objectiveAfter,
    batch: B > 1 ? passes : null, forward: first.forward, loss: first.loss, backward, lossAfter, outputsAfter,
  };
}

/** Samples per batch written out one by one; larger batches get the matrix form. */
export const MAX_SCALAR_BATCH = 4;

/** Whether the weights of a network are few enough to name one by one for a batch of B. */
export function scalarFits(net: Network, B: number, maxScalarWeights: number): boolean {
  const weights = net.layers.reduce((n, l) => n + l.weights.length, 0);
  return weights <= maxScalarWeights && B <= MAX_SCALAR_BATCH;
}
