/**
 * The classic course's handwritten-digit exercise in bpnet terms (browser-safe).
 *
 * Data: X is m × 400 (20×20 grey images, each unrolled column-major), y is m × 1 with labels 1…10
 * where 10 stands for the digit 0. Weights: Theta1 (25 × 401), Theta2 (10 × 26), the first column of
 * each being the bias, sigmoid on every layer. The course's cost is
 *   J = −(1/m) Σᵢ Σₖ [yᵢₖ log hₖ(xᵢ) + (1 − yᵢₖ) log(1 − hₖ(xᵢ))] + λ/(2m) Σ θ² (non-bias θ only),
 * i.e. bpnet's binary cross-entropy summed over the outputs and averaged over samples, plus weight
 * decay with bpnet's λ = course λ / m (bpnet's penalty is (λ/2)·Σ‖W‖², biases excluded).
 */
import type { Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { checkMemory } from '../core/memory.ts';
import type { DenseLayer } from '../core/architecture.ts';
import { Network } from '../core/network.ts';
import { squareImage } from './digits-csv.ts';
import { matMatrix, type MatVariable, type MatWriteVariable } from './mat.ts';

/** Most classes a label vector y may ask for (a one-hot target row each). */
export const MAX_CLASSES = 65536;

/** Class names for labels 1…10 where 10 means the digit 0 (the course's convention). */
export const COURSE_LABELS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** The course's regularisation λ as bpnet's weight decay for m samples. */
export function courseWeightDecay(lambda: number, samples: number): number {
  return lambda / samples;
}

/**
 * Dataset from the variables X and y. y holds one label per row: labels 1…K go to output k − 1
 * (so 1…10 reads the course's files, output 9 = digit 0), labels starting at 0 go to output k;
 * a y with several columns is taken as one-hot targets as it is.
 */
export function courseDataset(vars: MatVariable[], source: string, options: { maxMemory?: number } = {}): Dataset {
  const X = matMatrix(vars, 'X', source);
  const y = matMatrix(vars, 'y', source);
  if (y.rows !== X.rows) throw new BpnetError(`y has ${y.rows} rows but X has ${X.rows}`, source);
  if (X.rows === 0 || X.cols === 0) throw new BpnetError(`X is empty (${X.rows}×${X.cols})`, source);
  // X's rows are images unrolled column by column when they are square (the course's 20×20 digits).
  const image = squareImage(X.cols, true);
  if (y.cols > 1) return { size: X.rows, inputSize: X.cols, outputSize: y.cols, inputs: X.data, targets: y.data, ...image };
  let min = Infinity, max = -Infinity;
  y.data.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) throw new BpnetError(`y(${i + 1}) = ${v} is not a class label (an integer ≥ 0)`, source);
    min = Math.min(min, v);
    max = Math.max(max, v);
  });
  const base = min >= 1 ? 1 : 0;
  const classes = max - base + 1;
  // Checked before the one-hot targets are allocated: y = 3e8 is a corrupt file, not 3e8 classes.
  if (classes > MAX_CLASSES) {
    const i = y.data.indexOf(max);
    throw new BpnetError(`y(${i + 1}) = ${max} is out of range: class labels go up to ${MAX_CLASSES - 1 + base}`, source);
  }
  checkMemory(8 * X.rows * classes, `the one-hot targets (${X.rows} rows × ${classes} classes)`, source, options.maxMemory);
  const targets = new Float64Array(X.rows * classes);
  y.data.forEach((v, i) => { targets[i * classes + v - base] = 1; });
  const labels = base === 1 && classes === 10 ? COURSE_LABELS : Array.from({ length: classes }, (_, k) => String(k + base));
  return { size: X.rows, inputSize: X.cols, outputSize: classes, inputs: X.data, targets, labels, classLabels: labels, ...image };
}

/** A sigmoid network from Theta1, Theta2, … (each units × (1 + inputs), bias column first). */
export function courseNetwork(vars: MatVariable[], source: string): Network {
  const thetas: string[] = [];
  for (let l = 1; vars.some((v) => v.name === `Theta${l}`); l++) thetas.push(`Theta${l}`);
  if (thetas.length === 0) {
    throw new BpnetError(`no weights: expected variables Theta1, Theta2, … (found: ${vars.map((v) => v.name).join(', ') || 'none'})`, source);
  }
  const layers = thetas.map((name, l): DenseLayer => {
    const t = matMatrix(vars, name, source);
    if (t.cols < 2) throw new BpnetError(`${name} is ${t.rows}×${t.cols}: needs a bias column and at least one weight column`, source);
    const inputs = t.cols - 1;
    const weights = new Float64Array(t.rows * inputs);
    const bias = new Float64Array(t.rows);
    for (let j = 0; j < t.rows; j++) {
      bias[j] = t.data[j * t.cols]!;
      weights.set(t.data.subarray(j * t.cols + 1, (j + 1) * t.cols), j * inputs);
    }
    if (l > 0) {
      const prev = matMatrix(vars, thetas[l - 1]!, source);
      if (prev.rows !== inputs) {
        throw new BpnetError(`${name} is ${t.rows}×${t.cols}, so it expects ${inputs} inputs, but ${thetas[l - 1]} has ${prev.rows} units`, source);
      }
    }
    return { inputs, units: t.rows, activation: 'sigmoid', weights, bias, trainBias: true, extra: {} };
  });
  const meta = layers[layers.length - 1]!.units === 10 ? { classLabels: [...COURSE_LABELS] } : {};
  return new Network(layers, 'binary-cross-entropy', undefined, {}, meta);
}

/**
 * Theta1, Theta2, … of a network: [b | W] per layer, for writing back as a .mat file.
 * A 10-class digit model whose output k means digit k is written in the course's order (row r
 * means label r + 1, and row 10 the digit 0), so that importing it again, or the course's
 * predict.m, gives the same digits.
 */
export function networkToThetas(net: Network): MatWriteVariable[] {
  const last = net.layers.length - 1;
  const labels = net.classLabels;
  const courseOrder = Array.isArray(labels) && labels.join() === COURSE_LABELS.join();
  const digitOrder = net.outputSize === 10 && !courseOrder && (!Array.isArray(labels) || labels.join() === '0,1,2,3,4,5,6,7,8,9');
  return net.layers.map((l, i) => {
    const cols = l.inputs + 1;
    const data = new Float64Array(l.units * cols);
    for (let r = 0; r < l.units; r++) {
      const j = i === last && digitOrder ? (r + 1) % 10 : r;
      data[r * cols] = l.bias[j]!;
      for (let k = 0; k < l.inputs; k++) data[r * cols + 1 + k] = l.weights[j * l.inputs + k]!;
    }
    return { name: `Theta${i + 1}`, rows: l.units, cols, data };
  });
}
