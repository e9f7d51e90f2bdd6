/**
 * The WebAssembly SIMD float32 kernel: runs in Node and in browsers alike. GEMM, bias +
 * activation (linear, relu, leaky-relu), its backward, column sums and the optimizer updates run in
 * wasm/gemm.wat (4×8 register tiles over op(B) packed in panels); softmax, the loss and the
 * activations that need exp are the js32 kernel's. The operands are copied into WebAssembly memory
 * as they are stored — a memcpy each, O(m·k + k·n) against the product's O(m·n·k) — and the module
 * packs and transposes them itself. Tiny operations stay in JavaScript, where a copy costs more.
 * With a helper (the Node entry's, wasm-threads.ts) a large product is split by columns over two
 * threads on one shared memory.
 */
import { activations, LEAKY_RELU_SLOPE } from '../activations.ts';
import { optimizers, stepNumbers } from '../optimizers.ts';
import type { Float } from '../tensor.ts';
import { createJs32Kernel } from './js32.ts';
import type { Kernel } from './kernel.ts';
import { GEMM_WASM_BASE64, GEMM_WASM_SHARED_BASE64 } from './wasm/gemm-wasm.ts';

/** The functions of gemm.wat (pointers are byte offsets into `memory`). */
export interface GemmExports {
  memory: WebAssembly.Memory;
  packBn(src: number, k: number, n: number, dst: number, j0: number, j1: number): void;
  packBt(src: number, k: number, n: number, dst: number, j0: number, j1: number): void;
  mm(pA: number, sI: number, sP: number, pB: number, pC: number, m: number, n: number, k: number,
    alpha: number, beta: number, tmp: number, j0: number, j1: number): void;
  biasAct(z: number, b: number, a: number, rows: number, cols: number, op: number, slope: number): void;
  actBack(g: number, z: number, out: number, n: number, op: number, slope: number): void;
  sumRows(x: number, rows: number, cols: number, alpha: number, out: number): void;
  update(rule: number, p: number, g: number, v: number, s: number, n: number,
    lr: number, mu: number, beta1: number, beta2: number, epsilon: number, c1: number, c2: number): void;
}

/**
 * What the other thread of a two-thread product does (wasm-threads.ts): packs and multiplies
 * columns [j0, n) of a product whose operands are already in the shared memory, while the caller
 * does [0, j0); `wait` returns when it is done.
 */
export interface GemmHelper {
  /** The module on the memory both threads share. */
  readonly exports: GemmExports;
  /** Hands the job over; false when the helper is not ready yet (the caller then does it all). */
  start(job: GemmJob): boolean;
  wait(): void;
}

/** One product's part for the helper: gemm.wat's packB and mm arguments (byte offsets). */
export interface GemmJob {
  transB: boolean; src: number; k: number; n: number; packed: number;
  pA: number; sI: number; sP: number; pC: number; m: number; alpha: number; beta: number; tmp: number;
  j0: number; j1: number;
}

/** The module's bytes: its own memory, or (shared) importing env.memory for two threads. */
export function gemmModuleBytes(shared = false): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(shared ? GEMM_WASM_SHARED_BASE64 : GEMM_WASM_BASE64), (c) => c.charCodeAt(0));
}

// cache: the compiled WebAssembly module (immutable once compiled).
let compiled: GemmExports | null | undefined;

/** The instantiated module (compiled once, synchronously: a few kilobytes), or null without WebAssembly SIMD. */
function gemmModule(): GemmExports | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes())).exports as unknown as GemmExports;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Below this many multiply-adds the copy in and out costs more than SIMD saves. */
const MIN_WORK = 4096;
/** From this many multiply-adds (and 16 columns) a helper thread takes half the columns: below, waking it costs more. */
const PARALLEL_WORK = 1 << 20;
/**
 * Products done on one thread after one where the helper finished long after this thread (it had
 * no core of its own: a busy machine), before trying two threads again.
 */
const ALONE_AFTER_A_SLOW_HELPER = 64;
/** Elementwise operations on fewer numbers stay in JavaScript, for the same reason. */
const MIN_ELEMENTS = 256;
/** Activation opcodes (from the records) that gemm.wat computes: linear, relu, leaky-relu; the others need exp, which WebAssembly lacks. */
const WASM_ACTIVATIONS = 3;
/** Optimizer opcodes (from the records) that gemm.wat's update knows: sgd, momentum, nesterov, adam. */
const WASM_OPTIMIZERS = 4;

/**
 * The WebAssembly SIMD float32 kernel, or undefined when the engine has no WebAssembly SIMD. With
 * a helper, on its shared memory, large products on two threads.
 */
export function createWasmKernel(helper?: GemmHelper): Kernel | undefined {
  const wasm = gemmModule();
  if (!wasm) return undefined;
  const js = createJs32Kernel();
  // The module on its own memory, and (with a helper) on the memory both threads share: copies into
  // a shared memory are slower, so only products split over two threads go there.
  const own = view(wasm), both = helper && view(helper.exports);
  /** Products left to do on one thread (see ALONE_AFTER_A_SLOW_HELPER). */
  let alone = 0;

  return {
    ...js,
    name: 'wasm',
    gemm(transA, transB, m, n, k, alpha, A, B, beta, C) {
      if (m * n * k < MIN_WORK) return js.gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
      const big = both !== undefined && m * n * k >= PARALLEL_WORK && n >= 16;
      if (big && alone > 0) alone--;
      const mem = big && alone === 0 ? both! : own, x = mem.x;
      // Float offsets, 16-byte aligned: A and B as stored, op(B) packed in panels of 8 columns, C, tmp.
      const a = 0, b = a + up4(m * k), packed = b + up4(k * n), c = packed + ((n + 7) >> 3) * 8 * k, tmp = c + up4(m * n);
      const h = room(mem, tmp + 64);
      put(h, A, m * k, a);
      put(h, B, k * n, b);
      if (beta === 1) put(h, C, m * n, c);
      // op(A)[i, p] at A + i·sI + p·sP (bytes): rows of A, or columns of a stored Aᵀ.
      const sI = transA ? 4 : k * 4, sP = transA ? m * 4 : 4;
      // The helper takes the columns from `half` (a multiple of 8 near n/2) on.
      const half = (n >> 4) << 3, started = performance.now();
      const helped = mem === both && helper!.start({
        transB, src: b * 4, k, n, packed: packed * 4, pA: a * 4, sI, sP, pC: c * 4, m, alpha, beta, tmp: (tmp + 32) * 4, j0: half, j1: n,
      });
      const end = helped ? half : n;
      if (transB) x.packBt(b * 4, k, n, packed * 4, 0, end);
      else x.packBn(b * 4, k, n, packed * 4, 0, end);
      x.mm(a * 4, sI, sP, packed * 4, c * 4, m, n, k, alpha, beta, tmp * 4, 0, end);
      if (helped) {
        const ownDone = performance.now();
        helper!.wait();
        // Waiting longer than half our own part: the two halves ran one after the other.
        if (performance.now() - ownDone > (ownDone - started) / 2) alone = ALONE_AFTER_A_SLOW_HELPER;
      }
      C.set(h.subarray(c, c + m * n));
    },
    biasActivate(Z, b, A, rows, cols, activation) {
      const op = activations[activation].opcode, n = rows * cols;
      if (op === null || op >= WASM_ACTIVATIONS || n < MIN_ELEMENTS) return js.biasActivate(Z, b, A, rows, cols, activation);
      const z = 0, bias = up4(n), a = bias + up4(cols);
      const h = room(own, a + n);
      put(h, Z, n, z);
      put(h, b, cols, bias);
      wasm.biasAct(z * 4, bias * 4, a * 4, rows, cols, op, LEAKY_RELU_SLOPE);
      Z.set(h.subarray(z, z + n));
      A.set(h.subarray(a, a + n));
    },
    activationBackward(G, Z, A, out, rows, cols, activation) {
      const op = activations[activation].opcode, n = rows * cols;
      if (op === null || op >= WASM_ACTIVATIONS || n < MIN_ELEMENTS) return js.activationBackward(G, Z, A, out, rows, cols, activation);
      const g = 0, z = up4(n), o = z + up4(n);
      const h = room(own, o + n);
      put(h, G, n, g);
      put(h, Z, n, z);
      wasm.actBack(g * 4, z * 4, o * 4, n, op, LEAKY_RELU_SLOPE);
      out.set(h.subarray(o, o + n));
    },
    sumRows(X, rows, cols, alpha, out) {
      const n = rows * cols;
      if (n < MIN_ELEMENTS) return js.sumRows(X, rows, cols, alpha, out);
      const h = room(own, up4(n) + up4(cols));
      put(h, X, n, 0);
      wasm.sumRows(0, rows, cols, alpha, up4(n) * 4);
      out.set(h.subarray(up4(n), up4(n) + cols));
    },
    update(rule, p, g, buffers, c) {
      const op = optimizers[rule].opcode, n = p.length, n4 = up4(n);
      if (op === null || op >= WASM_OPTIMIZERS || n < MIN_ELEMENTS) return js.update(rule, p, g, buffers, c);
      // p, g, then the rule's buffers, each padded to a whole number of vectors.
      const h = room(own, (2 + buffers.length) * n4);
      put(h, p, n, 0);
      put(h, g, n, n4);
      buffers.forEach((x, i) => put(h, x, n, (2 + i) * n4));
      const s = stepNumbers(c), at = (i: number) => Math.min(i, 1 + buffers.length) * n4 * 4;
      wasm.update(op, 0, n4 * 4, at(2), at(3), n4, s.lr, s.mu, s.beta1, s.beta2, s.epsilon, s.c1, s.c2);
      p.set(h.subarray(0, n));
      buffers.forEach((x, i) => x.set(h.subarray((2 + i) * n4, (2 + i) * n4 + n)));
    },
  };
}

/** A module and a view of its memory, renewed when the memory grows. */
interface MemoryView {
  readonly x: GemmExports;
  heap: Float32Array;
}

const view = (x: GemmExports): MemoryView => ({ x, heap: new Float32Array(x.memory.buffer) });

/** Room for `floats` floats in the memory (growing it detaches the old view); returns the current view. */
function room(v: MemoryView, floats: number): Float32Array {
  const memory = v.x.memory, bytes = floats * 4;
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  if (v.heap.buffer !== memory.buffer) v.heap = new Float32Array(memory.buffer);
  return v.heap;
}

/** x's first n numbers into h at float offset `at` (a memcpy). */
function put(h: Float32Array, x: Float, n: number, at: number): void {
  h.set(x.length === n ? x : x.subarray(0, n), at);
}

/** n rounded up to a multiple of 4 (floats: 16 bytes, a SIMD vector). */
const up4 = (n: number): number => (n + 3) & ~3;
