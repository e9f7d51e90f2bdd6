/**
 * The fused kernel operations (batch gather with byte scaling, one-pass optimizer updates) of the
 * fast float32 kernels, held to the float64 reference on odd shapes; and one epoch of every
 * optimizer on byte-backed images within 1e-4 of the reference's loss.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPTIMIZER_NAMES, type UpdateContext } from '../src/core/optimizers.ts';
import { Rng } from '../src/core/rng.ts';
import { byteDataset, copyInputRows, scaledBytes } from '../src/core/dataset.ts';
import { fitInputTransform, transformDataset } from '../src/core/input-transform.ts';
import { loadNativeAddon } from '../src/core/kernels/native.ts';
import { Network, Trainer, evaluate } from '../src/index.ts';
import { assertClose, fast, NATIVE_SKIP, random, ref } from './kernel-helpers.ts';

/** |x − y| ≤ tol·(|y| + floor): `floor` is the magnitude of the terms that may cancel in y. */
const closeTo = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string, floor: number): void =>
  assertClose(actual, expected, Array.from(expected, (y) => Math.abs(y) + floor), tol, what);

const hyper = (t: number): UpdateContext => ({ lr: 0.01, t, options: { momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } });

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
      closeTo(p32, p64, 1e-5, `${rule} n=${n} parameters`, 1);
      b.forEach((x, i) => closeTo(x[0], x[1], 1e-5, `${rule} n=${n} buffer ${i}`, 0.1));
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
  assert.throws(() => lib.gather!(new Uint8Array(6), 3, Uint32Array.of(0, 2), 0, 2, new Float32Array(6), table), /out of range/);
  assert.throws(() => lib.gather!(new Float32Array(6), 3, Uint32Array.of(0), 0, 2, new Float32Array(6), null), /too short/);
  assert.throws(() => lib.gather!(new Uint8Array(6), 3, Uint32Array.of(0), 0, 1, new Float32Array(3), new Float32Array(255)), /too short/);
});

test('byte-backed data: normalisation fits on the bytes and transforms into floats; a spread copy is a float dataset', () => {
  const bytes = Uint8Array.of(0, 255, 51, 102, 204, 0);
  const data = byteDataset({ size: 3, inputSize: 2, outputSize: 1, targets: Float64Array.of(0, 1, 1), classLabels: ['a', 'b'] }, bytes, scaledBytes(1 / 255));
  const floats = { size: 3, inputSize: 2, outputSize: 1, targets: data.targets, inputs: Float64Array.from(bytes, (b) => Math.fround(b / 255)) };
  for (const type of ['zscore', 'minmax'] as const) {
    const t = fitInputTransform(type, data)!;
    assert.deepEqual(t, fitInputTransform(type, floats));
    const out = transformDataset(t, data);
    assert.equal(out.inputBytes, undefined);
    assert.deepEqual(out.classLabels, ['a', 'b']);
    assert.deepEqual(Array.from(out.inputs), Array.from(transformDataset(t, floats).inputs));
  }
  // minmax by hand: column 0 holds 0, 0.2, 0.8 (as float32) → 0, 0.25, 1.
  const mm = transformDataset(fitInputTransform('minmax', data), data).inputs;
  assert.deepEqual([mm[0], mm[4]], [0, 1]);
  assert.ok(Math.abs(mm[2]! - 0.25) < 1e-7);
  const copy = { ...data, size: 2, inputs: Float64Array.of(9, 8, 7, 6), targets: Float64Array.of(1, 0) };
  assert.equal(copy.inputBytes, undefined);
  const rows = new Float64Array(4);
  copyInputRows(copy, 0, 2, rows);
  assert.deepEqual(Array.from(rows), [9, 8, 7, 6]);
});
