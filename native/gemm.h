// Blocked float32 GEMM: C (m×n) ← alpha·op(A)·op(B) + beta·C, row-major, either operand transposed.
//
// The classic Goto/BLIS scheme: op(A) and op(B) are copied ("packed") block by block into
// contiguous panels — MR rows of A, NR columns of B, interleaved along k — so that one register
// tile of C (MR×NR) is updated by a tight loop of broadcasts and fused multiply-adds that reads
// both panels sequentially. Transposes cost nothing but a different packing loop, so all four
// variants run at the same speed (tfjs-wasm loses 12× on the transposed ones).
//
// Vectors are GCC/Clang vector extensions of 16 floats: with -march=native they become one
// AVX-512 register, on AVX2 two, elsewhere whatever the target has — one source for every CPU.
#pragma once
#include <cstddef>
#include <functional>

namespace bpnet {

/** Number of threads the GEMM may use (the caller's thread counts as one). */
int gemm_threads();

/** Runs body(0 … chunks−1) on the GEMM's threads (or in order on this one if they are busy). */
void parallel_chunks(int chunks, const std::function<void(int)>& body);

void sgemm(bool transA, bool transB, int m, int n, int k,
           float alpha, const float* A, const float* B, float beta, float* C);

}  // namespace bpnet
