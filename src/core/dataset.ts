/**
 * An in-memory dataset: inputs (size × inputSize) and targets (size × outputSize), row-major.
 */
import { BpnetError, check, show } from './errors.ts';
import { checkInteger } from './validate.ts';
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
  /**
   * Set when the inputs are held as bytes (image pixels): input i is `values[data[i]]`, the same
   * float32 number in every dtype and kernel. Training and evaluation turn the bytes into numbers
   * batch by batch, so 60 000 MNIST images take 47 MB instead of 188 MB as float32; `inputs` is
   * then made (once) only if something else asks for it.
   */
  readonly inputBytes?: ByteInputs;
}

/** Inputs held as bytes: input i is `values[data[i]]`. */
export interface ByteInputs {
  readonly data: Uint8Array;
  /** The number each byte value stands for (256 entries). */
  readonly values: Float32Array;
}

/** The table of byte values for pixels scaled by `scale` (1/255: 0…255 → [0, 1]). */
export function scaledBytes(scale: number): Float32Array {
  return Float32Array.from({ length: 256 }, (_, k) => k * scale);
}

/**
 * A dataset whose inputs are bytes standing for `values[byte]` (see Dataset.inputBytes and
 * scaledBytes). `inputs` is a lazy float32 copy for code that wants plain numbers. `inputBytes` is
 * not enumerable, so a copy made by spreading (`{ ...data, inputs: other }`, `{ ...data, size }`)
 * is a plain float dataset and never pairs the old bytes with new rows.
 */
export function byteDataset(fields: Omit<Dataset, 'inputs' | 'inputBytes'>, bytes: Uint8Array, values: Float32Array): Dataset {
  check(bytes.length === fields.size * fields.inputSize, `holds ${bytes.length} bytes, expected ${fields.size}×${fields.inputSize}`, 'inputs');
  check(values.length === 256, `expected 256 byte values, got ${values.length}`, 'inputs');
  let floats: Float32Array | undefined;
  const data = {
    ...fields,
    get inputs(): Float32Array {
      if (!floats) {
        floats = new Float32Array(bytes.length);
        for (let i = 0; i < bytes.length; i++) floats[i] = values[bytes[i]!]!;
      }
      return floats;
    },
  };
  return Object.defineProperty(data, 'inputBytes', { value: { data: bytes, values }, enumerable: false });
}

/**
 * Every field of a dataset except its inputs, read key by key: a spread would read the lazy
 * `inputs` of byte-backed data and so make the float copy it exists to avoid.
 */
export function datasetFields(data: Dataset): Omit<Dataset, 'inputs' | 'inputBytes'> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (key !== 'inputs') out[key] = data[key as keyof Dataset];
  return out as unknown as Omit<Dataset, 'inputs' | 'inputBytes'>;
}

/** Rows [start, start + rows) of the inputs, as numbers, into dst (rows × inputSize). */
export function copyInputRows(data: Dataset, start: number, rows: number, dst: Float): void {
  const from = start * data.inputSize, n = rows * data.inputSize;
  const bytes = data.inputBytes;
  if (!bytes) {
    dst.set(data.inputs.subarray(from, from + n));
    return;
  }
  const b = bytes.data, values = bytes.values;
  for (let i = 0; i < n; i++) dst[i] = values[b[from + i]!]!;
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
  if (typeof source !== 'string') throw new BpnetError(`expected a name for messages (a string), got ${show(source)}`, 'source');
  check(Array.isArray(inputs) && inputs.length > 0, `expected a non-empty array of input rows, got ${show(inputs)}`, `${source}: inputs`);
  check(Array.isArray(targets), `expected an array of target rows, got ${show(targets)}`, `${source}: targets`);
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
      throw new BpnetError(`expected ${cols} numbers, got ${Array.isArray(row) ? row.length : show(row)}`, `${where}[${i}]`);
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new BpnetError(`expected a finite number, got ${show(v)}`, `${where}[${i}][${j}]`);
      }
      out[i * cols + j] = v;
    }
  });
  return out;
}

/** Rows [start, end) as a dataset sharing no memory with the original. */
export function sliceDataset(data: Dataset, start: number, end: number): Dataset {
  const { inputBytes, inputSize, outputSize } = data;
  if (inputBytes) {
    return byteDataset(
      { ...datasetFields(data), size: end - start, targets: data.targets.slice(start * outputSize, end * outputSize) },
      inputBytes.data.slice(start * inputSize, end * inputSize), inputBytes.values,
    );
  }
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

/**
 * `value` as a dataset, checked whole: sizes are positive integers, inputs and targets are typed
 * arrays of exactly size × inputSize and size × outputSize finite numbers. An empty dataset is
 * refused (its mean loss would be 0/0 = NaN).
 */
export function checkDataset(value: unknown, name = 'data'): Dataset {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BpnetError(`expected a dataset (createDataset or a loader), got ${show(value)}`, name);
  }
  const d = value as Record<string, unknown>;
  if (d.size === 0) throw new BpnetError('is empty: it has no samples', name);
  const size = checkInteger(d.size, `${name}.size`, 1);
  const inputSize = checkInteger(d.inputSize, `${name}.inputSize`, 1);
  const outputSize = checkInteger(d.outputSize, `${name}.outputSize`, 1);
  const bytes = (value as Dataset).inputBytes;
  if (bytes) {
    // Byte inputs stay bytes (reading `inputs` would make the float copy they exist to avoid).
    if (!(bytes.data instanceof Uint8Array) || bytes.data.length !== size * inputSize) throw new BpnetError(`expected ${size * inputSize} bytes`, `${name}.inputBytes`);
    if (!(bytes.values instanceof Float32Array) || bytes.values.length !== 256 || !bytes.values.every(Number.isFinite)) throw new BpnetError('expected 256 finite byte values', `${name}.inputBytes`);
  }
  for (const [key, cols] of [['inputs', inputSize], ['targets', outputSize]] as const) {
    if (key === 'inputs' && bytes) continue;
    const a = d[key];
    if (!(a instanceof Float64Array || a instanceof Float32Array)) throw new BpnetError(`expected a Float64Array or Float32Array, got ${show(a)}`, `${name}.${key}`);
    if (a.length !== size * cols) throw new BpnetError(`has ${a.length} numbers, expected size × ${key === 'inputs' ? 'inputSize' : 'outputSize'} = ${size * cols}`, `${name}.${key}`);
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i]!)) throw new BpnetError(`row ${Math.floor(i / cols)}, column ${i % cols} is ${a[i]}, expected a finite number`, `${name}.${key}`);
    }
  }
  return value as Dataset;
}
