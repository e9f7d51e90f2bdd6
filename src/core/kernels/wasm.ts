/**
 * The WebAssembly SIMD float32 kernel: runs in Node and in browsers alike. GEMM goes to the
 * hand-written SIMD loop in wasm/gemm.wat (4×8 register tiles, packed B panels); everything else
 * is the js32 kernel. The operands are copied into WebAssembly memory on each call — O(m·k + k·n)
 * work against the product's O(m·n·k) — and the transposes are folded into that copy, so all
 * variants run the same inner loop. Tiny products stay in JavaScript, where a copy would cost more.
 */
import type { Float } from '../tensor.ts';
import { createJs32Kernel } from './js32.ts';
import type { Kernel } from './kernel.ts';
import { GEMM_WASM_BASE64 } from './wasm/gemm-wasm.ts';

interface GemmExports {
  memory: WebAssembly.Memory;
  mm(pA: number, pB: number, pC: number, mp: number, np: number, k: number): void;
}

// cache: the compiled WebAssembly module (immutable once compiled).
let compiled: GemmExports | null | undefined;

/** The instantiated module (compiled once, synchronously: it is 656 bytes), or null without WebAssembly SIMD. */
function gemmModule(): GemmExports | null {
  if (compiled === undefined) {
    try {
      const bytes = Uint8Array.from(atob(GEMM_WASM_BASE64), (c) => c.charCodeAt(0));
      compiled = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as GemmExports;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Below this many multiply-adds the copy in and out costs more than SIMD saves. */
const MIN_WORK = 4096;

/** The WebAssembly SIMD float32 kernel, or undefined when the engine has no WebAssembly SIMD. */
export function createWasmKernel(): Kernel | undefined {
  const wasm = gemmModule();
  if (!wasm) return undefined;
  const js = createJs32Kernel();
  let heap = new Float32Array(wasm.memory.buffer);

  /** Makes sure `floats` floats fit in memory (growing it invalidates the old view). */
  const reserve = (floats: number) => {
    const bytes = floats * 4;
    if (bytes > wasm.memory.buffer.byteLength) wasm.memory.grow(Math.ceil((bytes - wasm.memory.buffer.byteLength) / 65536));
    if (heap.buffer !== wasm.memory.buffer) heap = new Float32Array(wasm.memory.buffer);
  };

  return {
    ...js,
    name: 'wasm',
    gemm(transA, transB, m, n, k, alpha, A, B, beta, C) {
      if (m * n * k < MIN_WORK) return js.gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
      const mp = (m + 3) & ~3, np = (n + 7) & ~7;
      const a = 0, b = mp * k, c = b + np * k; // float offsets of op(A), packed op(B), C
      reserve(c + mp * np);
      const h = heap;
      // op(A), row-major, rows m .. mp zero.
      if (!transA && A.length === m * k) h.set(A, a);
      else if (!transA) for (let i = 0; i < m * k; i++) h[a + i] = A[i]!;
      else for (let p = 0; p < k; p++) for (let i = 0; i < m; i++) h[a + i * k + p] = A[p * m + i]!;
      h.fill(0, a + m * k, b);
      // op(B) in panels of 8 columns: h[b + (j·k + p)·8 + c] = op(B)[p, 8j + c], zero beyond n.
      for (let j = 0; j < np; j += 8) {
        const panel = b + j * k, cols = Math.min(8, n - j);
        for (let p = 0; p < k; p++) {
          const dst = panel + p * 8;
          if (transB) for (let q = 0; q < cols; q++) h[dst + q] = B[(j + q) * k + p]!;
          else for (let q = 0, src = p * n + j; q < cols; q++) h[dst + q] = B[src + q]!;
          for (let q = cols; q < 8; q++) h[dst + q] = 0;
        }
      }
      wasm.mm(a * 4, b * 4, c * 4, mp, np, k);
      copyOut(h, c, np, C, m, n, alpha, beta);
    },
  };
}

function copyOut(h: Float32Array, c: number, np: number, C: Float, m: number, n: number, alpha: number, beta: 0 | 1): void {
  for (let i = 0; i < m; i++) {
    const src = c + i * np, dst = i * n;
    if (beta === 1) for (let j = 0; j < n; j++) C[dst + j]! += alpha * h[src + j]!;
    else if (alpha === 1) for (let j = 0; j < n; j++) C[dst + j] = h[src + j]!;
    else for (let j = 0; j < n; j++) C[dst + j] = alpha * h[src + j]!;
  }
}
