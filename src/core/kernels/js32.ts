/**
 * A plain TypeScript float32 kernel: the reference kernel's loops, except GEMM, which is
 * reordered so that every inner loop runs over contiguous memory (the reference walks B by
 * columns). It needs nothing but JavaScript, so it is the last fallback of the fast path.
 */
import { allocFloat } from '../tensor.ts';
import type { Kernel } from './kernel.ts';
import { createReferenceKernel } from './reference.ts';

/** The plain TypeScript float32 kernel (the fallback of the fast path; runs everywhere). */
export function createJs32Kernel(): Kernel {
  // One row of C accumulated in float64, reused by every call (grown when a wider C comes).
  let row = new Float64Array(64);
  return {
    ...createReferenceKernel('float32'),
    name: 'js32',
    alloc: (length) => allocFloat('float32', length),
    gemm(transA, transB, m, n, k, alpha, A, B, beta, C) {
      if (row.length < n) row = new Float64Array(n);
      for (let i = 0; i < m; i++) {
        const c = i * n;
        if (transB) {
          // op(B)[p, j] = B[j*k + p]: C[i, j] is the dot product of two contiguous rows.
          for (let j = 0; j < n; j++) {
            let sum = 0;
            const b = j * k;
            if (transA) for (let p = 0; p < k; p++) sum += A[p * m + i]! * B[b + p]!;
            else for (let p = 0, a = i * k; p < k; p++) sum += A[a + p]! * B[b + p]!;
            row[j] = sum;
          }
        } else {
          // C[i, :] = Σ_p op(A)[i, p] · B[p, :]: axpy over contiguous rows of B.
          row.fill(0, 0, n);
          for (let p = 0; p < k; p++) {
            const a = transA ? A[p * m + i]! : A[i * k + p]!;
            if (a === 0) continue;
            const b = p * n;
            for (let j = 0; j < n; j++) row[j]! += a * B[b + j]!;
          }
        }
        if (beta === 1) for (let j = 0; j < n; j++) C[c + j]! += alpha * row[j]!;
        else for (let j = 0; j < n; j++) C[c + j] = alpha * row[j]!;
      }
    },
  };
}

