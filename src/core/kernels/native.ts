/**
 * The native float32 kernel (Node only, reachable only from the Node entry point): a C++ addon
 * built at install time from `native/` by `scripts/build-native.mjs`, with a cache-blocked
 * AVX-512/AVX2 GEMM that uses every core for large products. It works on the caller's
 * Float32Arrays in place — no copies, no allocation.
 *
 * When the addon is missing, the backend says why: the install script leaves its reason in
 * `build/native-status.json` (no compiler, no Node headers…), and `npm rebuild bpnet` tries again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { activations, type ActivationName } from '../activations.ts';
import { optimizers, stepNumbers } from '../optimizers.ts';
import type { Kernel } from './kernel.ts';
import { createReferenceKernel } from './reference.ts';
import { BROWSER_KERNELS, type KernelBackend, type KernelList } from './registry.ts';

/** The functions of native/addon.cc. */
export interface NativeAddon {
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number,
    alpha: number, A: Float32Array, B: Float32Array, beta: number, C: Float32Array): void;
  biasActivate(Z: Float32Array, b: Float32Array, A: Float32Array, rows: number, cols: number, activation: number): void;
  activationBackward(G: Float32Array, Z: Float32Array, A: Float32Array, out: Float32Array, rows: number, cols: number, activation: number): void;
  sumRows(X: Float32Array, rows: number, cols: number, alpha: number, out: Float32Array): void;
  axpy(n: number, alpha: number, x: Float32Array, y: Float32Array): void;
  /** Absent from builds older than the fused paths (as update): the reference loops stand in. */
  gather?(src: Float32Array | Uint8Array, cols: number, order: Uint32Array, start: number, rows: number, dst: Float32Array, values: Float32Array | null): void;
  /** One optimizer step (rule: the record's opcode); b0, b1 its buffers (unused ones: any array). */
  update?(rule: number, p: Float32Array, g: Float32Array, b0: Float32Array, b1: Float32Array,
    lr: number, mu: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;
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

/** Where the install script puts the addon: `build/` at the package root (src/core/kernels or dist/core/kernels, three up). */
export const NATIVE_ADDON_PATH = fileURLToPath(new URL('../../../build/bpnet_native.node', import.meta.url));
/** What the install script found: {"built": false, "reason": "…"} when it could not build the addon. */
export const NATIVE_STATUS_PATH = fileURLToPath(new URL('../../../build/native-status.json', import.meta.url));

const REBUILD = 'run `npm rebuild bpnet` (needs a C++ compiler and Node headers)';

/** Where to look for the addon and the install script's note (tests point these elsewhere). */
export interface NativeLocation {
  addonPath?: string;
  statusPath?: string;
  /** Environment to read BPNET_NO_NATIVE from (default process.env). */
  env?: Record<string, string | undefined>;
}

/** The loaded addon, or the reason it cannot be had (Node caches a loaded addon itself). */
export function probeNativeAddon(where: NativeLocation = {}): { addon: NativeAddon } | { reason: string } {
  const addonPath = where.addonPath ?? NATIVE_ADDON_PATH;
  if ((where.env ?? process.env).BPNET_NO_NATIVE) return { reason: 'disabled by the environment variable BPNET_NO_NATIVE' };
  if (!existsSync(addonPath)) return { reason: `not built — ${installNote(where.statusPath ?? NATIVE_STATUS_PATH)}; ${REBUILD}` };
  try {
    return { addon: createRequire(import.meta.url)(addonPath) as NativeAddon };
  } catch (e) {
    return { reason: `the built addon does not load (${(e as Error).message.split('\n')[0]}); ${REBUILD}` };
  }
}

/** The install script's reason for not building, or the likely one when it left none. */
function installNote(statusPath: string): string {
  try {
    const status = JSON.parse(readFileSync(statusPath, 'utf8')) as { reason?: unknown };
    if (typeof status.reason === 'string') return status.reason;
  } catch {
    // No note: the install script did not run.
  }
  return 'the install script did not run (installed with --ignore-scripts?)';
}

/** The loaded addon, or null when it was not built (or cannot load on this machine). */
export function loadNativeAddon(where: NativeLocation = {}): NativeAddon | null {
  const probe = probeNativeAddon(where);
  return 'addon' in probe ? probe.addon : null;
}

/** The native kernel (float32 only), or undefined when the addon is not available. */
export function createNativeKernel(dtype: 'float32' | 'float64' = 'float32', where: NativeLocation = {}): Kernel | undefined {
  const lib = loadNativeAddon(where);
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
    gather(src, cols, order, start, rows, dst, values) {
      if (src instanceof Float64Array || !lib.gather) ref.gather(src, cols, order, start, rows, dst, values);
      else lib.gather(src as Float32Array | Uint8Array, cols, order, start, rows, dst as Float32Array, values ?? null);
    },
    update(rule, p, g, buffers, c) {
      const code = optimizers[rule].opcode;
      if (code === null || !lib.update) return ref.update(rule, p, g, buffers, c);
      const w = p as Float32Array, b = buffers as readonly Float32Array[], h = stepNumbers(c);
      lib.update(code, w, g as Float32Array, b[0] ?? w, b[1] ?? w, h.lr, h.mu, h.beta1, h.beta2, h.epsilon, h.c1, h.c2);
    },
  };
}

/** The native backend as a list entry; `where` points it at another build (tests). */
export function createNativeBackend(where: NativeLocation = {}): KernelBackend {
  return {
    name: 'native',
    description: 'C++ addon built at install: blocked AVX2/AVX-512 float32 GEMM on every core; Node only',
    dtypes: ['float32'],
    unavailable: () => {
      const probe = probeNativeAddon(where);
      return 'reason' in probe ? probe.reason : undefined;
    },
    create: (dtype) => createNativeKernel(dtype as 'float32', where)!,
  };
}

/** The Node entry point's backends, fastest first: native, then everything the browser has. */
export const NODE_KERNELS: KernelList = [createNativeBackend(), ...BROWSER_KERNELS];
