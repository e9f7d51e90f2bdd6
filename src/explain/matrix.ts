/**
 * The matrix form of a step, for networks too large to name every weight: per layer, the norms
 * and ranges of z, a, δ, W, ∂E/∂W and a few entries followed through the update — a screenful
 * instead of one line per weight. Over a batch, z, a and δ are B × units matrices.
 */
import type { UpdateOrder } from '../core/train-options.ts';
import type { RawStep } from './run.ts';
import type { MatrixEntry, MatrixLayer, MatrixStep, MatrixSummary, MatrixWeightSample } from './trace-matrix.ts';

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

export function matrixStep(raw: RawStep, updateOrder: UpdateOrder): MatrixStep {
  const { net, trace, before } = raw;
  const L = net.layers.length, B = raw.rows.length;
  const layers = net.layers.map((l, i): MatrixLayer => {
    const delta = trace.delta[i]!;
    const gradW = trace.gradW[i]!;
    const deltaSamples: MatrixEntry[] = pick(delta.subarray(0, l.units), SAMPLES).map((j) => ({ row: j, col: 0, value: delta[j]! }));
    const weightSamples: MatrixWeightSample[] = pick(gradW, SAMPLES).map((k) => ({
      row: Math.floor(k / l.inputs), col: k % l.inputs, old: before.weights[i]![k]!, grad: gradW[k]!, new: l.weights[k]!,
      update: raw.update(i, false, k),
    }));
    return {
      layer: i, inputs: l.inputs, units: l.units, activation: l.activation,
      // Textbook shapes: a column per sample (units × B).
      z: summarize(trace.z[i]!, l.units, B),
      a: summarize(trace.a[i + 1]!, l.units, B),
      delta: summarize(delta, l.units, B),
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
  const n = net.outputSize;
  const outputs = n <= MAX_LISTED_OUTPUTS ? Array.from(trace.a[L]!.subarray(0, n)) : null;
  return {
    step: raw.step, rows: raw.rows, objective: raw.objective, objectiveAfter: raw.objectiveAfter,
    loss: raw.objective.J, lossAfter: raw.objectiveAfter.J,
    outputs,
    targets: outputs ? Array.from(raw.targets.subarray(0, n)) : null,
    layers,
  };
}
