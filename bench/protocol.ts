/**
 * How the orchestrator talks to a contender process: one JSON command per line on stdin
 * ({"cmd":"run"} or {"cmd":"finish","epochs":6}: train up to that many epochs, then report), one JSON answer per line on stdout. A contender announces
 * itself with {"ready":true} (or {"skip":"reason"}) first.
 */
import { createInterface } from 'node:readline';

export interface Contender {
  /** One timed measurement: W1 {seconds} per epoch, W2 {seconds} per 10 000 steps, W3 {gflops: {...}}. */
  run(): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** After the rounds: accuracy (W1) and anything else worth reporting (its maxRssMB replaces this process's). */
  finish?(epochs: number): Promise<Record<string, unknown>> | Record<string, unknown>;
}

const send = (message: unknown) => process.stdout.write(JSON.stringify(message) + '\n');

/** Serves a contender until stdin closes; `make` may throw or return a string to skip. */
export async function serve(make: () => Promise<Contender | string> | Contender | string): Promise<void> {
  let contender: Contender | string;
  try {
    contender = await make();
  } catch (e) {
    contender = e instanceof Error ? e.message : String(e);
  }
  if (typeof contender === 'string') {
    send({ skip: contender });
    return;
  }
  send({ ready: true });
  for await (const line of createInterface({ input: process.stdin })) {
    const { cmd, epochs = 0 } = JSON.parse(line) as { cmd: string; epochs?: number };
    const answer = cmd === 'run' ? await contender.run() : { maxRssMB: process.resourceUsage().maxRSS / 1024, ...(await contender.finish?.(epochs)) };
    send(answer);
  }
}

/** Timing of `fn` in seconds. */
export async function timed(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** Runs `call` repeatedly for at least `minSeconds` and returns seconds per call (after one warm-up call). */
export function perCall(call: () => void, minSeconds = 0.15): number {
  call();
  let reps = 0;
  const t = performance.now();
  let elapsed = 0;
  do {
    call();
    reps++;
    elapsed = (performance.now() - t) / 1000;
  } while (elapsed < minSeconds);
  return elapsed / reps;
}

export const GEMM_SHAPES = [[256, 784, 128], [1024, 1024, 1024]] as const;
/** The shapes a contender times; BENCH_SMALL_GEMM=1 spares the slowest ones the 1024³ product (seconds per call). */
export const gemmShapes = () => (process.env.BENCH_SMALL_GEMM ? GEMM_SHAPES.slice(0, 1) : GEMM_SHAPES);
export const GEMM_VARIANTS = ['nn', 'nt', 'tn'] as const;
/** Key of a GEMM result, e.g. "256×784×128 nt" (m×k×n, op(A) m×k, op(B) k×n). */
export const gemmKey = (m: number, k: number, n: number, v: string) => `${m}×${k}×${n} ${v}`;

export function randomFloats(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
