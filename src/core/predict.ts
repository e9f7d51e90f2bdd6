/**
 * Prediction on raw inputs: the model's inputTransform is applied, then the forward pass in chunks
 * (so a large batch never needs one giant buffer). Every argument is checked: a wrong length or a
 * non-number throws a BpnetError naming the index instead of giving NaN.
 */
import { createTrace, forward } from './backprop.ts';
import { predictedClass } from './dataset.ts';
import { BpnetError, show } from './errors.ts';
import { transformInputs } from './input-transform.ts';
import { checkNetwork } from './network-checks.ts';
import type { Network } from './network.ts';

const CHUNK = 256;

/**
 * Network outputs for every row of `inputs` (row-major, `rows` × inputSize numbers), as plain arrays.
 * @example predict(net, [0, 0, 0, 1], 2) // → [[0.02], [0.97]] for a 2-input network
 */
export function predict(net: Network, inputs: ArrayLike<number>, rows: number): number[][] {
  checkNetwork(net, 'net');
  const cols = net.inputSize;
  if (!Number.isInteger(rows) || rows < 0) throw new BpnetError(`expected a whole number of rows ≥ 0, got ${rows}`, 'rows');
  if (inputs === null || typeof inputs !== 'object' || typeof inputs.length !== 'number') {
    throw new BpnetError(`expected an array of ${rows} × ${cols} numbers, got ${inputs === null ? 'null' : typeof inputs}`, 'inputs');
  }
  if (inputs.length !== rows * cols) {
    throw new BpnetError(`expected ${rows} rows × ${cols} inputs = ${rows * cols} numbers, got ${inputs.length}`, 'inputs');
  }
  for (let i = 0; i < inputs.length; i++) {
    const v = inputs[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new BpnetError(`expected a finite number (row ${Math.floor(i / cols)}, input ${i % cols}), got ${show(v)}`, `inputs[${i}]`);
    }
  }
  const x = transformInputs(net.inputTransform, inputs, rows, cols);
  const trace = createTrace(net, Math.max(1, Math.min(CHUNK, rows)));
  const result: number[][] = [];
  for (let start = 0; start < rows; start += CHUNK) {
    const n = Math.min(CHUNK, rows - start);
    const t = n === trace.rows ? trace : createTrace(net, n);
    for (let i = 0; i < n * cols; i++) t.a[0]![i] = x[start * cols + i]!;
    const out = forward(net, t);
    for (let i = 0; i < n; i++) result.push(Array.from(out.subarray(i * net.outputSize, (i + 1) * net.outputSize)));
  }
  return result;
}

/** The class label (from `net.classLabels`, else the index as a string) of every row. */
export function predictClasses(net: Network, inputs: ArrayLike<number>, rows: number): string[] {
  return predict(net, inputs, rows).map((out) => {
    const k = predictedClass(out, 0, out.length);
    return net.classLabels?.[k] ?? String(k);
  });
}

/**
 * One input row or a batch of rows as one flat array, checking every length and value: the
 * error names the index (`input[3]`, `inputs[2]`, `inputs[2][3]`).
 */
export function flattenInputs(x: unknown, cols: number): { flat: Float64Array; rows: number; batch: boolean } {
  const isRow = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || ArrayBuffer.isView(v);
  if (!isRow(x)) throw new BpnetError(`expected an array of ${cols} numbers or an array of such arrays, got ${x === null ? 'null' : typeof x}`, 'input');
  const batch = x.length > 0 && isRow(x[0]);
  const rows = batch ? x.length : 1;
  const flat = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = batch ? x[r] : x;
    const where = batch ? `inputs[${r}]` : 'input';
    if (!isRow(row)) throw new BpnetError(`expected an array of ${cols} numbers, got ${row === null ? 'null' : typeof row}`, where);
    if (row.length !== cols) throw new BpnetError(`expected ${cols} numbers (the model's inputs), got ${row.length}`, where);
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new BpnetError(`expected a finite number, got ${show(v)}`, `${where}[${j}]`);
      }
      flat[r * cols + j] = v;
    }
  }
  return { flat, rows, batch };
}

