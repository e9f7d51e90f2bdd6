/**
 * The matrix form of a step, for networks too large to name every weight: per layer, the norms
 * and ranges of z, a, δ, W, ∂E/∂W and a few entries followed through the update — a screenful
 * instead of one line per weight.
 */
import type { Trace } from '../core/backprop.ts';
import type { Network } from '../core/network.ts';
import type { UpdateOrder } from '../core/train.ts';
import type { MatrixEntry, MatrixLayer, MatrixStep, MatrixSummary, MatrixWeightSample } from './trace.ts';

/** Entries shown per vector or matrix. */
const SAMPLES = 3;
/** Outputs are listed in full up to this many. */
const MAX_LISTED_OUTPUTS = 16;

export function summarize(x: ArrayLike<number>, rows: number, cols: number): MatrixSummary {
  let sq = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < rows * cols; i++) {
    const v = x[i]!;
    sq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { rows, cols, norm: Math.sqrt(sq), min, max };
}

/** Indices of the first entry and of the largest |x| (distinct, in index order), `count` in all. */
function pick(x: ArrayLike<number>, count: number): number[] {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => Math.abs(x[b]!) - Math.abs(x[a]!) || a - b);
  const chosen = new Set([0, ...order.slice(0, count)]);
  return [...chosen].slice(0, count).sort((a, b) => a - b);
}

export function matrixStep(
  step: number, net: Network, trace: Trace, before: { weights: Float64Array[]; bias: Float64Array[] }, lossSum: number,
  target: number[], updateOrder: UpdateOrder, lossAfter: number,
): MatrixStep {
  const L = net.layers.length;
  const layers = net.layers.map((l, i): MatrixLayer => {
    const delta = trace.delta[i]!;
    const gradW = trace.gradW[i]!;
    const deltaSamples: MatrixEntry[] = pick(delta, SAMPLES).map((j) => ({ row: j, col: 0, value: delta[j]! }));
    const weightSamples: MatrixWeightSample[] = pick(gradW, SAMPLES).map((k) => ({
      row: Math.floor(k / l.inputs), col: k % l.inputs, old: before.weights[i]![k]!, grad: gradW[k]!, new: l.weights[k]!,
    }));
    return {
      layer: i, inputs: l.inputs, units: l.units, activation: l.activation,
      z: summarize(trace.z[i]!, l.units, 1),
      a: summarize(trace.a[i + 1]!, l.units, 1),
      delta: summarize(delta, l.units, 1),
      deltaSamples,
      weights: summarize(before.weights[i]!, l.units, l.inputs),
      gradW: summarize(gradW, l.units, l.inputs),
      weightsAfter: summarize(l.weights, l.units, l.inputs),
      weightSamples,
      gradB: summarize(trace.gradB[i]!, l.units, 1),
      trainBias: l.trainBias,
      updatedBeforeNextDelta: updateOrder === 'sequential' && i > 0,
    };
  });
  const outputs = net.outputSize <= MAX_LISTED_OUTPUTS
    ? Array.from(trace.a[L]!)
    : null;
  return {
    step, loss: lossSum, lossAfter,
    outputs,
    targets: outputs ? target.slice() : null,
    layers,
  };
}
