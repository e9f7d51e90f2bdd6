/**
 * An in-memory dataset: inputs (size × inputSize) and targets (size × outputSize), row-major.
 */
import { BpnetError, check } from './errors.ts';
import type { Float } from './tensor.ts';

/** Samples as two row-major matrices of the same number of rows: inputs (size × inputSize) and targets (size × outputSize). */
export interface Dataset {
  readonly size: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly inputs: Float;
  readonly targets: Float;
  /** Names of the target columns or classes, when known (e.g. from a CSV header). */
  readonly labels?: string[];
  /**
   * Set when the targets are one-hot classes: the name of each class (CSV label column, IDX,
   * .mat y, digits). `bpnet train` stores it in the model as "classLabels".
   */
  readonly classLabels?: string[];
  /** Set when every input row is a grey image (MNIST, the course's X): its size and unrolling. */
  readonly image?: ImageShape;
}

/** How the inputs of a sample form a grey image (width × height pixels, row or column order). */
export interface ImageShape {
  width: number;
  height: number;
  /** Unrolled column by column (MATLAB's order, as in the course's X) instead of row by row. */
  columnMajor?: boolean;
}

/**
 * Builds a dataset from nested arrays, checking shapes and that every number is finite.
 * @example createDataset([[0, 0], [0, 1]], [[0], [1]])
 */
export function createDataset(
  inputs: readonly (readonly number[])[], targets: readonly (readonly number[])[], source = 'data',
): Dataset {
  check(Array.isArray(inputs) && inputs.length > 0, 'expected a non-empty array of input rows', `${source}: inputs`);
  check(Array.isArray(targets), 'expected an array of target rows', `${source}: targets`);
  check(targets.length === inputs.length, `has ${targets.length} rows but inputs has ${inputs.length}`, `${source}: targets`);
  const inputSize = rowLength(inputs, `${source}: inputs`);
  const outputSize = rowLength(targets, `${source}: targets`);
  return {
    size: inputs.length, inputSize, outputSize,
    inputs: flattenChecked(inputs, inputSize, `${source}: inputs`),
    targets: flattenChecked(targets, outputSize, `${source}: targets`),
  };
}

function rowLength(rows: readonly (readonly number[])[], where: string): number {
  const first = rows[0];
  check(Array.isArray(first) && first.length > 0, 'expected each row to be a non-empty array of numbers', `${where}[0]`);
  return first.length;
}

function flattenChecked(rows: readonly (readonly number[])[], cols: number, where: string): Float64Array {
  const out = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new BpnetError(`expected ${cols} numbers, got ${Array.isArray(row) ? row.length : typeof row}`, `${where}[${i}]`);
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new BpnetError(`expected a finite number, got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`, `${where}[${i}][${j}]`);
      }
      out[i * cols + j] = v;
    }
  });
  return out;
}

/** Rows [start, end) as a dataset sharing no memory with the original. */
export function sliceDataset(data: Dataset, start: number, end: number): Dataset {
  return {
    ...data,
    size: end - start,
    inputs: data.inputs.slice(start * data.inputSize, end * data.inputSize),
    targets: data.targets.slice(start * data.outputSize, end * data.outputSize),
  };
}

/** True when every target is 0 or 1: accuracy is then meaningful. */
export function isClassification(data: Dataset): boolean {
  for (let i = 0; i < data.targets.length; i++) if (data.targets[i] !== 0 && data.targets[i] !== 1) return false;
  return true;
}

/** Index of the predicted class of row i: argmax, or the 0.5 threshold for a single output. */
export function predictedClass(out: ArrayLike<number>, offset: number, n: number): number {
  if (n === 1) return out[offset]! >= 0.5 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < n; j++) if (out[offset + j]! > out[offset + best]!) best = j;
  return best;
}
