/**
 * The fused kernel operations (batch gather with byte scaling, one-pass optimizer updates) of the
 * fast float32 kernels, held to the float64 reference on odd shapes; and one epoch of every
 * optimizer on byte-backed images within 1e-4 of the reference's loss.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getKernel } from '../src/core/kernels/registry.ts';
import type { Kernel, UpdateHyper } from '../src/core/kernels/kernel.ts';
import { createReferenceKernel } from '../src/core/kernels/reference.ts';
import { OPTIMIZER_NAMES } from '../src/core/optimizers.ts';
import { Rng } from '../src/core/rng.ts';
import { byteDataset, copyInputRows, scaledBytes } from '../src/core/dataset.ts';
import { Network, Trainer, evaluate } from '../src/index.ts';
import { createNativeKernel, loadNativeAddon } from '../src/io/native-kernel.ts';

const ref = createReferenceKernel('float64');
const native = createNativeKernel('float32');
const NATIVE_SKIP = native ? false : 'native addon not built (run `npm run build:native`); its cases are skipped';
const fast: [string, Kernel | undefined][] = [['js32', getKernel('js32', 'float32')], ['wasm', getKernel('wasm', 'float32')], ['native', native]];

function random(rng: Rng, n: number, scale = 1): [Float32Array, Float64Array] {
  const f32 = new Float32Array(n);
  for (let i = 0; i < n; i++) f32[i] = (rng.next() * 2 - 1) * scale;
  return [f32, Float64Array.from(f32)];
}

/** |x − y| ≤ tol·(|y| + floor): `floor` is the magnitude of the terms that may cancel in y. */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string, floor: number): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i]! - expected[i]!);
    if (!(err <= tol * (Math.abs(expected[i]!) + floor))) assert.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (error ${err})`);
  }
}

const hyper = (t: number): UpdateHyper => ({
  lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, c1: 1 - 0.9 ** t, c2: 1 - 0.999 ** t,
});

for (const [name, kernel] of fast) {
  const skip = name === 'native' ? NATIVE_SKIP : kernel ? false : `${name} kernel unavailable`;

  test(`${name}: gather copies rows (floats, and bytes through their value table) exactly as the reference`, { skip }, () => {
    const rng = new Rng(5);
    for (const [n, cols, rows] of [[1, 1, 1], [7, 3, 5], [50, 784, 33], [9, 1023, 4]] as const) {
      const order = Uint32Array.from({ length: n }, (_, i) => i);
      rng.shuffle(order);
      const start = n - rows;
      const bytes = Uint8Array.from({ length: n * cols }, () => Math.floor(rng.next() * 256));
      const [f32, f64] = random(rng, n * cols);
      const table = scaledBytes(1 / 255);
      for (const [src, refSrc, values] of [[bytes, bytes, table], [f32, f64, undefined]] as const) {
        const got = new Float32Array(rows * cols), want = new Float64Array(rows * cols);
        kernel!.gather(src, cols, order, start, rows, got, values);
        ref.gather(refSrc, cols, order, start, rows, want, values);
        assert.deepEqual(Array.from(got), Array.from(want), `${n}×${cols}, ${rows} rows from ${start}, ${values ? 'bytes' : 'floats'}`);
      }
      // Bytes become the float32 nearest b/255, in every dtype and in the lazy float view.
      const data = byteDataset({ size: n, inputSize: cols, outputSize: 1, targets: new Float32Array(n) }, bytes, table);
      const rowsOut = new Float64Array(2 * cols);
      copyInputRows(data, n - 2 < 0 ? 0 : Math.max(0, n - 2), Math.min(2, n), rowsOut);
      for (let i = 0; i < Math.min(2, n) * cols; i++) assert.equal(rowsOut[i], Math.fround(bytes[(Math.max(0, n - 2)) * cols + i]! / 255));
      assert.equal(data.inputs[0], Math.fround(bytes[0]! / 255));
    }
  });

  test(`${name}: fused optimizer updates match the reference within 1e-5 for every rule`, { skip }, () => {
    const rng = new Rng(9);
    for (const rule of OPTIMIZER_NAMES) for (const n of [1, 3, 17, 1000, 4099]) {
      const [p32, p64] = random(rng, n), count = rule === 'adam' ? 2 : rule === 'sgd' ? 0 : 1;
      const b = Array.from({ length: count }, () => random(rng, n, 0.1));
      if (rule === 'adam') for (let i = 0; i < n; i++) b[1]![0][i] = Math.abs(b[1]![0][i]!), b[1]![1][i] = b[1]![0][i]!;
      for (let t = 1; t <= 3; t++) {
        const [g32, g64] = random(rng, n);
        kernel!.update(rule, p32, g32, b.map((x) => x[0]), hyper(t));
        ref.update(rule, p64, g64, b.map((x) => x[1]), hyper(t));
      }
      // Parameters start in [−1, 1]: their rounding is relative to that, not to a cancelled result.
      assertClose(p32, p64, 1e-5, `${rule} n=${n} parameters`, 1);
      b.forEach((x, i) => assertClose(x[0], x[1], 1e-5, `${rule} n=${n} buffer ${i}`, 0.1));
    }
  });

  test(`${name}: one epoch of every optimizer on byte-backed images gives the reference's loss within 1e-4`, { skip }, () => {
    const rng = new Rng(4);
    const size = 200, pixels = 49;
    const bytes = Uint8Array.from({ length: size * pixels }, () => (rng.next() < 0.6 ? 0 : Math.floor(rng.next() * 256)));
    const targets = new Float32Array(size * 3);
    for (let i = 0; i < size; i++) targets[i * 3 + (bytes[i * pixels + 3]! + bytes[i * pixels + 20]! > 200 ? 0 : bytes[i * pixels + 9]! > 100 ? 1 : 2)] = 1;
    const data = byteDataset({ size, inputSize: pixels, outputSize: 3, targets }, bytes, scaledBytes(1 / 255));
    for (const optimizer of OPTIMIZER_NAMES) {
      const spec = { inputs: pixels, layers: [{ units: 37, activation: 'relu' as const }, { units: 3, activation: 'softmax' as const }], loss: 'cross-entropy' as const };
      const a = Network.create(spec, { seed: 3 });
      const b = a.clone(kernel!);
      const options = { optimizer, learningRate: optimizer === 'adam' ? 0.003 : 0.05, batchSize: 16, seed: 2 };
      const ta = new Trainer(a, data, options), tb = new Trainer(b, data, options);
      ta.runEpoch();
      tb.runEpoch();
      const la = ta.runEpoch().loss, lb = tb.runEpoch().loss;
      assert.ok(Math.abs(la - lb) <= 1e-4 * Math.abs(la), `${optimizer}: epoch loss ${lb} vs reference ${la}`);
      assert.ok(Math.abs(evaluate(a, data).loss - evaluate(b, data).loss) <= 1e-4 * evaluate(a, data).loss, `${optimizer}: evaluation`);
    }
  });
}

test('native: gather refuses indices beyond the source', { skip: NATIVE_SKIP }, () => {
  const lib = loadNativeAddon()!;
  const table = scaledBytes(1);
  assert.throws(() => lib.gather(new Uint8Array(6), 3, Uint32Array.of(0, 2), 0, 2, new Float32Array(6), table), /out of range/);
  assert.throws(() => lib.gather(new Float32Array(6), 3, Uint32Array.of(0), 0, 2, new Float32Array(6), null), /too short/);
  assert.throws(() => lib.gather(new Uint8Array(6), 3, Uint32Array.of(0), 0, 1, new Float32Array(3), new Float32Array(255)), /too short/);
});
