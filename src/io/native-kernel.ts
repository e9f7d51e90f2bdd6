/**
 * The native float32 kernel (Node only): a C++ addon built at install time from `native/` by
 * `scripts/build-native.mjs`, with a cache-blocked AVX-512/AVX2 GEMM that uses every core for
 * large products. It works on the caller's Float32Arrays in place — no copies, no allocation.
 *
 * Importing this module registers backend "native" (preferred by `backend: "auto"` for float32)
 * when the addon was built, and does nothing otherwise: bpnet then falls back to the WebAssembly
 * kernel. The CLI and the benchmark import it; the browser entry point never does.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { activations, type ActivationName } from '../core/activations.ts';
import type { Kernel } from '../core/kernels/kernel.ts';
import { createReferenceKernel } from '../core/kernels/reference.ts';
import { registerKernel } from '../core/kernels/registry.ts';
import type { Float } from '../core/tensor.ts';

interface NativeAddon {
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number,
    alpha: number, A: Float32Array, B: Float32Array, beta: number, C: Float32Array): void;
  biasActivate(Z: Float32Array, b: Float32Array, A: Float32Array, rows: number, cols: number, activation: number): void;
  activationBackward(G: Float32Array, Z: Float32Array, A: Float32Array, out: Float32Array, rows: number, cols: number, activation: number): void;
  sumRows(X: Float32Array, rows: number, cols: number, alpha: number, out: Float32Array): void;
  axpy(n: number, alpha: number, x: Float32Array, y: Float32Array): void;
  threads(): number;
  /** How many activation opcodes it implements (absent from builds older than this function: 5). */
  activationCount?(): number;
}

/**
 * The activation's opcode in native/addon.cc (from its record), or undefined for softmax (per row,
 * in TypeScript) and for opcodes an addon built from older sources does not know yet.
 */
function opcodeOf(lib: NativeAddon, activation: ActivationName): number | undefined {
  const code = activations[activation].opcode;
  return code !== null && code < (lib.activationCount?.() ?? 5) ? code : undefined;
}

/** Where the install script puts the addon: `build/` at the package root (two levels up from src/io or dist/io). */
export const NATIVE_ADDON_PATH = fileURLToPath(new URL('../../build/bpnet_native.node', import.meta.url));

// cache: the loaded addon (immutable once loaded).
let addon: NativeAddon | null | undefined;

/** The loaded addon, or null when it was not built (or cannot load on this machine). */
export function loadNativeAddon(): NativeAddon | null {
  if (addon === undefined) {
    try {
      addon = process.env.BPNET_NO_NATIVE ? null : (createRequire(import.meta.url)(NATIVE_ADDON_PATH) as NativeAddon);
    } catch {
      addon = null;
    }
  }
  return addon;
}

/** The native kernel (float32 only), or undefined when the addon is not available. */
export function createNativeKernel(dtype: 'float32' | 'float64' = 'float32'): Kernel | undefined {
  const lib = loadNativeAddon();
  if (!lib || dtype !== 'float32') return undefined;
  // Loss, softmax and anything without a native code use the reference loops on float32 arrays:
  // they touch only rows × outputs numbers per batch.
  const ref = createReferenceKernel('float32');
  return {
    ...ref,
    name: 'native',
    gemm(transA, transB, m, n, k, alpha, A, B, beta, C) {
      lib.gemm(transA, transB, m, n, k, alpha, A as Float32Array, B as Float32Array, beta, C as Float32Array);
    },
    biasActivate(Z, b, A, rows, cols, activation) {
      const code = opcodeOf(lib, activation);
      if (code === undefined) ref.biasActivate(Z, b, A, rows, cols, activation);
      else lib.biasActivate(Z as Float32Array, b as Float32Array, A as Float32Array, rows, cols, code);
    },
    activationBackward(G, Z, A, out, rows, cols, activation) {
      const code = opcodeOf(lib, activation);
      if (code === undefined) ref.activationBackward(G, Z, A, out, rows, cols, activation);
      else lib.activationBackward(G as Float32Array, Z as Float32Array, A as Float32Array, out as Float32Array, rows, cols, code);
    },
    sumRows(X, rows, cols, alpha, out) {
      lib.sumRows(X as Float32Array, rows, cols, alpha, out as Float32Array);
    },
    axpy(n, alpha, x, y) {
      lib.axpy(n, alpha, x as Float32Array, y as Float32Array);
    },
  };
}

registerKernel('native', (dtype) => createNativeKernel(dtype), { auto: true });
