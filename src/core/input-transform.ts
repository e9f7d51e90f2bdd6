/**
 * Input normalisation stored in the model ("inputTransform"), so that whoever uses the model —
 * eval, predict, the page, an export — feeds the network what it was trained on:
 *   zscore:  x′ᵢ = (xᵢ − meanᵢ) / stdᵢ        (population standard deviation)
 *   minmax:  x′ᵢ = (xᵢ − minᵢ) / (maxᵢ − minᵢ)  (the training data mapped onto [0, 1])
 * Both are fitted on the training data. A constant column is stored with std 1 (zscore) or
 * max = min + 1 (minmax), so both formulas hold as written everywhere, with no special case.
 */
import { datasetFields, type Dataset } from './dataset.ts';
import { BpnetError, check, show } from './errors.ts';

/** The stored normalisation: one number per input in each array. */
export type InputTransform =
  | { type: 'zscore'; mean: number[]; std: number[] }
  | { type: 'minmax'; min: number[]; max: number[] };

/** Choices of `normalize` (train option, `--normalize`): "none" keeps the inputs as they are. */
export type NormalizeName = 'none' | 'minmax' | 'zscore';
/** Every `normalize` choice. */
export const NORMALIZE_NAMES: readonly NormalizeName[] = ['none', 'minmax', 'zscore'];

/**
 * Input i of a dataset is `table ? table[src[i]] : src[i]`: byte-backed data (Dataset.inputBytes)
 * is read through its value table, so fitting and transforming never make its float copy.
 */
function rawInputs(data: Pick<Dataset, 'inputs' | 'inputBytes'>): { src: ArrayLike<number>; table: Float32Array | undefined } {
  return data.inputBytes ? { src: data.inputBytes.data, table: data.inputBytes.values } : { src: data.inputs, table: undefined };
}

/** Fits a transform on the rows of a dataset; "none" gives undefined. */
export function fitInputTransform(type: NormalizeName, data: Pick<Dataset, 'inputs' | 'inputBytes' | 'size' | 'inputSize'>): InputTransform | undefined {
  if (type === 'none') return undefined;
  const { size: n, inputSize: cols } = data;
  const { src, table } = rawInputs(data);
  const x = (i: number): number => (table ? table[src[i]!]! : src[i]!);
  if (type === 'minmax') {
    const min = new Array<number>(cols).fill(Infinity), max = new Array<number>(cols).fill(-Infinity);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < cols; j++) {
        const v = x(r * cols + j);
        if (v < min[j]!) min[j] = v;
        if (v > max[j]!) max[j] = v;
      }
    }
    for (let j = 0; j < cols; j++) if (!(max[j]! > min[j]!)) max[j] = min[j]! + 1;
    return { type, min, max };
  }
  // Two passes (mean, then squared deviations): no cancellation as in E[x²] − E[x]².
  const mean = new Array<number>(cols).fill(0), std = new Array<number>(cols).fill(0);
  for (let r = 0; r < n; r++) for (let j = 0; j < cols; j++) mean[j] += x(r * cols + j);
  for (let j = 0; j < cols; j++) mean[j] /= n;
  for (let r = 0; r < n; r++) for (let j = 0; j < cols; j++) std[j] += (x(r * cols + j) - mean[j]!) ** 2;
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt(std[j]! / n) || 1;
  return { type, mean, std };
}

/** x′ = (x − offset) / scale per column: the common form of both transforms. */
function offsetScale(t: InputTransform): { offset: number[]; scale: number[] } {
  return t.type === 'zscore'
    ? { offset: t.mean, scale: t.std }
    : { offset: t.min, scale: t.max.map((m, j) => m - t.min[j]!) };
}

/**
 * The transformed copy of `rows` × `cols` inputs (row-major). With `table`, the inputs are bytes
 * standing for `table[byte]` (Dataset.inputBytes).
 */
export function applyInputTransform(t: InputTransform, inputs: ArrayLike<number>, rows: number, cols: number, table?: Float32Array): Float64Array {
  const { offset, scale } = offsetScale(t);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let j = 0, i = r * cols; j < cols; j++, i++) out[i] = ((table ? table[inputs[i]!]! : inputs[i]!) - offset[j]!) / scale[j]!;
  }
  return out;
}

/** `rows` × `cols` raw inputs as the network sees them: transformed by `t`, or the same array when there is none. */
export function transformInputs<T extends ArrayLike<number>>(t: InputTransform | undefined, inputs: T, rows: number, cols: number): T | Float64Array {
  return t ? applyInputTransform(t, inputs, rows, cols) : inputs;
}

/**
 * The dataset with transformed inputs (the same object when there is no transform). The result
 * holds plain numbers: a per-column transform of bytes is no longer one 256-value table.
 */
export function transformDataset(t: InputTransform | undefined, data: Dataset): Dataset {
  if (!t) return data;
  const { src, table } = rawInputs(data);
  const inputs = applyInputTransform(t, src, data.size, data.inputSize, table);
  return { ...datasetFields(data), inputs };
}

/** Checks a transform read from a model file; `field` names it in errors. */
export function parseInputTransform(v: unknown, inputs: number, field: string): InputTransform {
  const fail = (f: string, m: string): never => { throw new BpnetError(m, `${field}${f}`); };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('', 'expected an object {"type":"zscore"|"minmax", …}');
  const o = v as Record<string, unknown>;
  const numbers = (key: string, positive: boolean): number[] => {
    const a = o[key];
    if (!Array.isArray(a) || a.length !== inputs) fail(`.${key}`, `expected ${inputs} numbers (one per input), got ${Array.isArray(a) ? a.length : typeof a}`);
    (a as unknown[]).forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x) || (positive && x <= 0)) fail(`.${key}[${i}]`, `expected a finite number${positive ? ' > 0' : ''}, got ${show(x)}`);
    });
    return a as number[];
  };
  if (o.type === 'zscore') return { type: 'zscore', mean: numbers('mean', false), std: numbers('std', true) };
  if (o.type === 'minmax') {
    const min = numbers('min', false), max = numbers('max', false);
    max.forEach((m, i) => { if (!(m > min[i]!)) fail(`.max[${i}]`, `expected more than min[${i}] = ${min[i]}, got ${m}`); });
    return { type: 'minmax', min, max };
  }
  return fail('.type', `expected "zscore" or "minmax", got ${show(o.type)}`);
}

/** Fits the inputTransform that `normalize` asks for, unless the model has one (which must then match). */
export function fitNormalization(net: { inputTransform: InputTransform | undefined }, normalize: NormalizeName | undefined, rows: Dataset): void {
  if (!normalize || normalize === 'none') return;
  if (net.inputTransform) {
    check(net.inputTransform.type === normalize, `the model already normalises its inputs with ${net.inputTransform.type}; keep that (or start from a new model)`, 'normalize');
    return;
  }
  net.inputTransform = fitInputTransform(normalize, rows);
}
