/**
 * The wasm kernel on two threads (Node only, reached only from the Node entry point): gemm.wat's
 * variant on a shared memory, instantiated here and in one helper thread (worker_threads). A large
 * product is split by columns: the helper packs and multiplies its half of op(B)'s panels while
 * this thread does the other, and this thread then waits for it with Atomics — a product stays a
 * synchronous call. The helper never keeps the process alive (unref), and `BPNET_THREADS=1` (as for
 * the native kernel) keeps the wasm kernel on one thread. A page gets the one-thread kernel: shared
 * memory there needs cross-origin isolation.
 */
import { Worker } from 'node:worker_threads';
import type { Kernel } from './kernel.ts';
import type { KernelBackend } from './registry.ts';
import { createWasmKernel, gemmModuleBytes, type GemmExports, type GemmHelper, type GemmJob } from './wasm.ts';

/** Checks of the job word before the helper sleeps (some tens of microseconds). */
const SPIN = 20_000;

/** The helper thread's loop: wait for a job number in ctl[0], do the job, write the number to ctl[1]. */
const HELPER_SOURCE = `
(function helper() {
  const { workerData } = require('node:worker_threads');
  const { module, memory, ctl } = workerData;
  const x = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const I = new Int32Array(ctl), F = new Float32Array(ctl);
  Atomics.store(I, 2, 1);
  Atomics.notify(I, 2);
  const SPIN = ${SPIN};
  let seen = 0;
  for (;;) {
    // A batch's products come tens of microseconds apart: look for the next one a while before
    // sleeping, since a sleeping thread is woken slowly (and often onto the caller's core).
    for (let spin = 0; spin < SPIN && Atomics.load(I, 0) === seen; spin++);
    Atomics.wait(I, 0, seen);
    const job = Atomics.load(I, 0);
    if (job === seen) continue;
    if (job < 0) break;
    seen = job;
    const [transB, src, k, n, packed, pA, sI, sP, pC, m, beta, tmp, j0, j1] = I.subarray(4, 18);
    (transB ? x.packBt : x.packBn)(src, k, n, packed, j0, j1);
    x.mm(pA, sI, sP, packed, pC, m, n, k, F[18], beta, tmp, j0, j1);
    Atomics.store(I, 1, job);
    Atomics.notify(I, 1);
  }
})();
`;

/** How long to wait for the helper thread to start, once per process. */
const START_MS = 2000;

/** A helper thread on a new shared memory, or null where threads or shared memory are missing. */
function startHelper(): GemmHelper | null {
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true });
    const module = new WebAssembly.Module(gemmModuleBytes(true));
    const exports = { ...(new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GemmExports), memory };
    const ctl = new SharedArrayBuffer(20 * 4);
    const I = new Int32Array(ctl), F = new Float32Array(ctl);
    const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { module, memory, ctl } });
    worker.unref();
    // A helper that fails to start only leaves the products on this thread. It boots on its own
    // (no help from this thread's event loop) in some tens of milliseconds: wait for it once, so
    // that what a program computes with does not depend on how fast its first products came.
    worker.on('error', () => {});
    Atomics.wait(I, 2, 0, START_MS);
    let job = 0;
    return {
      exports,
      start(j: GemmJob) {
        if (Atomics.load(I, 2) !== 1) return false; // still starting
        I.set([j.transB ? 1 : 0, j.src, j.k, j.n, j.packed, j.pA, j.sI, j.sP, j.pC, j.m, j.beta, j.tmp, j.j0, j.j1], 4);
        F[18] = j.alpha;
        Atomics.store(I, 0, ++job);
        Atomics.notify(I, 0);
        return true;
      },
      wait() {
        for (let done = Atomics.load(I, 1); done !== job; done = Atomics.load(I, 1)) Atomics.wait(I, 1, done);
      },
    };
  } catch {
    return null;
  }
}

/** Whether the environment asks for one thread (BPNET_THREADS=1, as for the native kernel). */
const oneThread = (): boolean => Number(process.env.BPNET_THREADS) === 1;

// cache: the helper thread and its shared memory, started once per process on first use.
let helper: GemmHelper | null | undefined;

/** The wasm kernel with the process's helper thread (started on first use), else on one thread. */
export function createWasmThreadsKernel(): Kernel | undefined {
  if (helper === undefined) helper = oneThread() ? null : startHelper();
  return createWasmKernel(helper ?? undefined);
}

/** Node's wasm backend: as the browser's, with large products on two threads. */
export const wasmThreadsBackend: KernelBackend = {
  name: 'wasm',
  description: 'WebAssembly SIMD float32 GEMM, large products on two threads (worker_threads); Node and browsers',
  dtypes: ['float32'],
  unavailable: () => (createWasmKernel() ? undefined : 'this JavaScript engine has no WebAssembly SIMD'),
  create: () => createWasmThreadsKernel()!,
};
