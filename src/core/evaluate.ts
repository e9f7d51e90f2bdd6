/**
 * Evaluation of a network on a dataset: mean loss, objective J and accuracy, computed in chunks so
 * that large datasets never need one giant buffer.
 */
import { createTrace, forward, type Trace } from './backprop.ts';
import { copyInputRows, isClassification, predictedClass, type Dataset } from './dataset.ts';
import type { Network } from './network.ts';

export interface Evaluation {
  /** Mean per-sample loss. */
  loss: number;
  /** J = loss + (λ/2)·Σ‖W‖². */
  objective: number;
  /** Fraction classified correctly, or null when the targets are not classes (0/1). */
  accuracy: number | null;
  samples: number;
}

const CHUNK = 256;

export function evaluate(net: Network, data: Dataset, options: { weightDecay?: number } = {}): Evaluation {
  const classification = isClassification(data);
  const traces = new Map<number, Trace>();
  const Y = net.kernel.alloc(Math.min(CHUNK, data.size) * data.outputSize);
  let lossSum = 0, correct = 0;
  for (let start = 0; start < data.size; start += CHUNK) {
    const rows = Math.min(CHUNK, data.size - start);
    let trace = traces.get(rows);
    if (!trace) traces.set(rows, (trace = createTrace(net, rows)));
    copyInputRows(data, start, rows, trace.a[0]!);
    Y.set(data.targets.subarray(start * data.outputSize, (start + rows) * data.outputSize));
    const out = forward(net, trace);
    const L = net.layers.length - 1;
    lossSum += net.kernel.lossSum(trace.z[L]!, out, Y, rows, data.outputSize, net.outputActivation, net.loss);
    if (classification) correct += countCorrect(out, data.targets, start, rows, data.outputSize);
  }
  const loss = lossSum / data.size;
  const lambda = options.weightDecay ?? 0;
  return {
    loss,
    objective: loss + (lambda / 2) * net.weightSquaredSum(),
    accuracy: classification ? correct / data.size : null,
    samples: data.size,
  };
}

/** Counts rows of `out` whose predicted class matches the target row `start + i`. */
export function countCorrect(out: ArrayLike<number>, targets: ArrayLike<number>, start: number, rows: number, n: number): number {
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    if (predictedClass(out, i * n, n) === predictedClass(targets, (start + i) * n, n)) correct++;
  }
  return correct;
}

/** Network outputs for every row of `inputs` (row-major, inputSize columns), as plain arrays. */
export function predict(net: Network, inputs: ArrayLike<number>, rows: number): number[][] {
  const trace = createTrace(net, Math.min(CHUNK, rows));
  const result: number[][] = [];
  for (let start = 0; start < rows; start += CHUNK) {
    const n = Math.min(CHUNK, rows - start);
    const t = n === trace.rows ? trace : createTrace(net, n);
    for (let i = 0; i < n * net.inputSize; i++) t.a[0]![i] = inputs[start * net.inputSize + i]!;
    const out = forward(net, t);
    for (let i = 0; i < n; i++) result.push(Array.from(out.subarray(i * net.outputSize, (i + 1) * net.outputSize)));
  }
  return result;
}
