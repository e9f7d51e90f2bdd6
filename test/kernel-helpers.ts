/**
 * What the kernel tests share: the float64 reference, the fast float32 kernels (native when built),
 * random float32-representable inputs and a relative closeness check.
 */
import assert from 'node:assert/strict';
import type { Kernel } from '../src/core/kernels/kernel.ts';
import { createNativeKernel } from '../src/core/kernels/native.ts';
import { getKernel } from '../src/core/kernels/registry.ts';
import { createReferenceKernel } from '../src/core/kernels/reference.ts';
import type { Rng } from '../src/core/rng.ts';

export const ref = createReferenceKernel('float64');
export const native = createNativeKernel('float32');
export const NATIVE_SKIP = native ? false : 'native addon not built (run `npm run build:native`); its cases are skipped';
export const fast: [string, Kernel | undefined][] = [['js32', getKernel('js32', 'float32')], ['wasm', getKernel('wasm', 'float32')], ['native', native]];

/** Random float32-representable numbers, as both a float32 and a float64 array. */
export function random(rng: Rng, n: number, scale = 1): [Float32Array, Float64Array] {
  const f32 = new Float32Array(n);
  for (let i = 0; i < n; i++) f32[i] = (rng.next() * 2 - 1) * scale;
  return [f32, Float64Array.from(f32)];
}

/** |x − y| ≤ tol·scale per element, with `scale` the magnitude the error is relative to. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: ArrayLike<number> | number, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const s = typeof scale === 'number' ? scale : scale[i]!;
    const err = Math.abs(actual[i]! - expected[i]!);
    if (!(err <= tol * s)) assert.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (error ${err}, allowed ${tol * s})`);
  }
}
