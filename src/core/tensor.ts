/** The element types bpnet computes in. float64 is the exact reference; float32 the fast path. */
export type DType = 'float32' | 'float64';

/** A flat, row-major matrix or vector. Every heavy array in bpnet is one of these. */
export type Float = Float64Array | Float32Array;

/** A zero-filled Float64Array or Float32Array of `length` numbers. */
export function allocFloat(dtype: DType, length: number): Float {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** Copies nested number arrays (rows) into one flat row-major typed array. */
export function flatten(rows: readonly (readonly number[])[], cols: number, dtype: DType = 'float64'): Float {
  const out = allocFloat(dtype, rows.length * cols);
  rows.forEach((row, i) => out.set(row, i * cols));
  return out;
}

/** Splits a flat row-major array back into nested plain arrays. */
export function unflatten(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from({ length: cols }, (_, j) => data[i * cols + j]!));
  return out;
}
