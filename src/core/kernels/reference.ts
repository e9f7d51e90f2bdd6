/**
 * The float64 reference kernel: plain loops, written to be read. It is the oracle that every fast
 * path is tested against, and the path used wherever exactness is the point (worked examples,
 * explain, gradient check).
 */
import { activations, softmaxBackwardRow, softmaxRow, type ActivationName } from '../activations.ts';
import { losses, type LossName } from '../losses.ts';
import { optimizers, type OptimizerName, type UpdateContext } from '../optimizers.ts';
import { allocFloat, type DType, type Float } from '../tensor.ts';
import type { Kernel } from './kernel.ts';

/** The reference kernel: plain loops in float64 (or float32), the oracle of every fast path. */
export function createReferenceKernel(dtype: DType = 'float64'): Kernel {
  return {
    name: 'reference',
    dtype,
    alloc: (length) => allocFloat(dtype, length),
    gemm,
    biasActivate,
    activationBackward,
    outputDelta,
    lossSum,
    sumRows(X, rows, cols, alpha, out) {
      // Loops, not fill(): on the tiny layers of the worked examples a builtin call costs more.
      for (let j = 0; j < cols; j++) out[j] = 0;
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j]! += X[i * cols + j]!;
      if (alpha !== 1) for (let j = 0; j < cols; j++) out[j]! *= alpha;
    },
    axpy(n, alpha, x, y) {
      for (let i = 0; i < n; i++) y[i]! += alpha * x[i]!;
    },
    gather,
    update,
  };
}

/** dst row r ← src row order[start + r]; bytes through their value table. */
function gather(src: Float | Uint8Array, cols: number, order: Uint32Array, start: number, rows: number, dst: Float, values?: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const from = order[start + r]! * cols, to = r * cols;
    if (values) for (let j = 0; j < cols; j++) dst[to + j] = values[src[from + j]!]!;
    // Wide rows: set() is a memcpy (or one conversion loop in native code), many times faster than
    // element access from a function that sees every array type; it costs a short-lived view.
    else if (cols >= 32) dst.set(src.subarray(from, from + cols), to);
    else for (let j = 0; j < cols; j++) dst[to + j] = src[from + j]!;
  }
}

/** The optimizer's own step (its record's loop), in the kernel's dtype. */
function update(rule: OptimizerName, p: Float, g: Float, buffers: readonly Float[], c: UpdateContext): void {
  optimizers[rule].update(p, g, buffers, c);
}

function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float, B: Float, beta: 0 | 1, C: Float,
): void {
  // Strides make op(A)[i, p] = A[i*ai + p*ap].
  const ai = transA ? 1 : k, ap = transA ? m : 1;
  if (transB) {
    // op(B)[p, j] = B[j*k + p]: C[i, j] is the dot product of row i of op(A) with row j of B.
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += A[i * ai + p * ap]! * B[j * k + p]!;
        const c = i * n + j;
        C[c] = alpha * sum + (beta === 1 ? C[c]! : 0);
      }
    }
    return;
  }
  // op(B)[p, j] = B[p*n + j]: row i of C accumulates the rows of B weighted by row i of op(A).
  // This loop order walks B and C along their rows (cache-friendly), and skips zero weights
  // (common: ReLU's inactive units, blank pixels): the same sums, up to rounding, wherever B is finite (a
  // NaN or ∞ in B still reaches the loss through the forward pass, which skips nothing).
  for (let i = 0; i < m; i++) {
    const c = i * n;
    if (beta === 0) for (let j = 0; j < n; j++) C[c + j] = 0;
    for (let p = 0; p < k; p++) {
      const s = alpha * A[i * ai + p * ap]!;
      if (s === 0) continue;
      const b = p * n;
      for (let j = 0; j < n; j++) C[c + j]! += s * B[b + j]!;
    }
  }
}

function biasActivate(Z: Float, b: Float, A: Float, rows: number, cols: number, activation: ActivationName): void {
  if (activation === 'softmax') {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) Z[i * cols + j]! += b[j]!;
    for (let i = 0; i < rows; i++) softmaxRow(Z, A, i * cols, cols);
    return;
  }
  // One pass: z += b, a = g(z) (read back from Z, so a float32 Z gives g of the stored z).
  const f = activations[activation].f;
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      Z[k]! += b[j]!;
      A[k] = f(Z[k]!);
    }
  }
}

function activationBackward(
  G: Float, Z: Float, A: Float, out: Float, rows: number, cols: number, activation: ActivationName,
): void {
  if (activation === 'softmax') {
    for (let i = 0; i < rows; i++) softmaxBackwardRow(G, A, out, i * cols, cols);
    return;
  }
  const df = activations[activation].df;
  for (let i = 0; i < rows * cols; i++) out[i] = G[i]! * df(Z[i]!, A[i]!);
}

function outputDelta(
  Z: Float, A: Float, Y: Float, delta: Float, rows: number, cols: number,
  activation: ActivationName, lossName: LossName,
): number {
  const loss = losses[lossName];
  if (loss.fusedActivation === activation) {
    // Fused rule: the g′ factor cancels against ∂loss/∂a, leaving δ = a − y.
    for (let i = 0; i < rows * cols; i++) delta[i] = A[i]! - Y[i]!;
  } else {
    for (let i = 0; i < rows * cols; i++) delta[i] = loss.df(A[i]!, Y[i]!);
    activationBackward(delta, Z, A, delta, rows, cols, activation);
  }
  return lossSum(Z, A, Y, rows, cols, activation, lossName);
}

function lossSum(Z: Float, A: Float, Y: Float, rows: number, cols: number, activation: ActivationName, lossName: LossName): number {
  const loss = losses[lossName];
  // The fused pair's loss comes from z, where log(a) cannot round to log(0).
  if (loss.fusedActivation === activation && loss.fusedLossSum) return loss.fusedLossSum(Z, Y, rows, cols);
  let total = 0;
  for (let i = 0; i < rows * cols; i++) total += loss.f(A[i]!, Y[i]!);
  return total;
}
