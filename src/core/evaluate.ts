/**
 * Evaluation of a network on a dataset: mean loss, objective J and accuracy, computed in chunks so
 * that large datasets never need one giant buffer.
 */
import { createTrace, forward, type Trace } from './backprop.ts';
import { checkDataset, copyInputRows, isClassification, predictedClass, type Dataset } from './dataset.ts';
import { checkDataFits } from './fit.ts';
import { transformDataset } from './input-transform.ts';
import { checkOptions, choice, RULES, type OptionSchema } from './schema.ts';
import { checkOptionsArg } from './validate.ts';
import { checkNetwork } from './network-checks.ts';
import type { Network } from './network.ts';

/** Result of `evaluate`: mean loss, objective J (loss plus the weight-decay penalty), accuracy and sample count. */
export interface Evaluation {
  /** Mean per-sample loss. */
  loss: number;
  /** J = loss + (λ/2)·Σ‖W‖² (or + λ·Σ|W| with L1). */
  objective: number;
  /** Fraction classified correctly, or null when the targets are not classes (0/1). */
  accuracy: number | null;
  samples: number;
}

const CHUNK = 256;

/** Options of `evaluate`: λ and the penalty it weighs, for the objective J. */
export interface EvaluateOptions {
  weightDecay?: number;
  regularization?: 'l2' | 'l1';
}

/** The options of `evaluate` and their rules (the CLI's `eval` maps its flags onto them). */
export const EVALUATE_SCHEMA = {
  weightDecay: RULES.nonNegative,
  regularization: choice('regularization', ['l2', 'l1'] as const),
} as const satisfies OptionSchema<keyof EvaluateOptions>;

/** Evaluates on raw data: the model's inputTransform is applied first. */
export function evaluate(net: Network, data: Dataset, options: EvaluateOptions = {}): Evaluation {
  checkNetwork(net, 'net');
  checkDataset(data, 'data');
  const o = checkOptionsArg(options, 'options');
  checkOptions(EVALUATE_SCHEMA, o);
  checkDataFits(net, data);
  return evaluateTransformed(net, transformDataset(net.inputTransform, data), options);
}

/** `evaluate` on inputs already transformed (the trainer transforms its validation data once). */
export function evaluateTransformed(net: Network, data: Dataset, options: EvaluateOptions = {}): Evaluation {
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
    objective: loss + net.penalty(lambda, options.regularization),
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
