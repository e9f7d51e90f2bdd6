/**
 * The fast float32 kernels (js32, wasm, native) held to the float64 reference: every operation on
 * random shapes, tiny and odd ones included, and one whole training epoch. Native cases are
 * skipped, with a message, when the addon was not built; the others always run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTIVATION_NAMES, type ActivationName } from '../src/core/activations.ts';
import { getKernel as browserGetKernel } from '../src/core/kernels/registry.ts';
import { getKernel, selectKernel } from '../src/core/kernels/node-kernels.ts';
import { losses, type LossName } from '../src/core/losses.ts';
import { Rng } from '../src/core/rng.ts';
import { Trainer, Network, createDataset, type Float } from '../src/index.ts';
import { loadNativeAddon } from '../src/core/kernels/native.ts';
import { ROOT } from './helpers.ts';
import { assertClose, fast, native, NATIVE_SKIP, random, ref } from './kernel-helpers.ts';

// (m, n, k): 1×1, 3×7, 1023×5 and odd sizes, plus products big enough for the wasm and threaded native paths.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 7, 1], [3, 7, 9], [1023, 5, 3], [5, 1023, 7], [1, 17, 33], [17, 33, 65], [64, 130, 200], [33, 9, 1023],
];

for (const [name, kernel] of fast) {
  const skip = name === 'native' ? NATIVE_SKIP : kernel ? false : `${name} kernel unavailable`;

  test(`${name}: gemm matches the reference within 1e-5 on every shape and transpose`, { skip }, () => {
    const rng = new Rng(7);
    for (const [m, n, k] of SHAPES) {
      for (const transA of [false, true]) for (const transB of [false, true]) for (const beta of [0, 1] as const) {
        const alpha = beta ? 0.5 : 1;
        const [A32, A64] = random(rng, m * k), [B32, B64] = random(rng, k * n), [C32, C64] = random(rng, m * n);
        const expected = Float64Array.from(C64);
        ref.gemm(transA, transB, m, n, k, alpha, A64, B64, beta, expected);
        // The error bound of a sum is relative to Σ|a·b|, not to the (possibly cancelled) result.
        const magnitude = Float64Array.from(C64, Math.abs);
        ref.gemm(transA, transB, m, n, k, Math.abs(alpha), A64.map(Math.abs), B64.map(Math.abs), beta, magnitude);
        kernel!.gemm(transA, transB, m, n, k, alpha, A32, B32, beta, C32);
        assertClose(C32, expected, magnitude, 1e-5, `${m}×${n}×${k} ${transA ? 't' : 'n'}${transB ? 't' : 'n'} β=${beta}`);
      }
    }
  });

  test(`${name}: bias + activation, activation backward, sums and axpy match the reference`, { skip }, () => {
    const rng = new Rng(11);
    for (const [rows, cols] of [[1, 1], [3, 7], [1023, 5], [64, 130]] as const) {
      for (const act of ACTIVATION_NAMES) {
        const [Z32, Z64] = random(rng, rows * cols, 4), [b32, b64] = random(rng, cols);
        const A32 = new Float32Array(rows * cols), A64 = new Float64Array(rows * cols);
        ref.biasActivate(Z64, b64, A64, rows, cols, act);
        kernel!.biasActivate(Z32, b32, A32, rows, cols, act);
        assertClose(Z32, Z64, Z64.map((z) => Math.abs(z) + 1), 1e-6, `${act} z`);
        assertClose(A32, A64, A64.map((a) => Math.abs(a) + 1e-3), 1e-5, `${act} a (${rows}×${cols})`);
        const [G32, G64] = random(rng, rows * cols);
        const out32 = new Float32Array(rows * cols), out64 = new Float64Array(rows * cols);
        ref.activationBackward(G64, Z64, Float64Array.from(A32), out64, rows, cols, act);
        kernel!.activationBackward(G32, Z32, A32, out32, rows, cols, act);
        assertClose(out32, out64, out64.map((o) => Math.abs(o) + 1e-3), 1e-5, `${act} backward`);
      }
      const [X32, X64] = random(rng, rows * cols);
      const s32 = new Float32Array(cols), s64 = new Float64Array(cols);
      ref.sumRows(X64, rows, cols, 1 / rows, s64);
      kernel!.sumRows(X32, rows, cols, 1 / rows, s32);
      assertClose(s32, s64, 1, 1e-5, 'sumRows');
      const [y32, y64] = random(rng, rows * cols);
      ref.axpy(rows * cols, -0.3, X64, y64);
      kernel!.axpy(rows * cols, -0.3, X32, y32);
      assertClose(y32, y64, 1, 1e-6, 'axpy');
    }
  });

  test(`${name}: output deltas and losses match the reference for every output rule`, { skip }, () => {
    const rng = new Rng(13);
    const pairs: [ActivationName, LossName][] = [
      ['softmax', 'cross-entropy'], ['sigmoid', 'binary-cross-entropy'], ['sigmoid', 'mse'], ['linear', 'mse'],
      ['tanh', 'mse'], ['softmax', 'mse'], ['sigmoid', 'cross-entropy'], ['softmax', 'binary-cross-entropy'],
    ];
    for (const [act, loss] of pairs) for (const [rows, cols] of [[1, 1], [3, 7], [1023, 5]] as const) {
      if (act === 'softmax' && cols === 1) continue;
      const [Z32, Z64] = random(rng, rows * cols, 3);
      const Y = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) Y[i * cols + Math.floor(rng.next() * cols)] = 1;
      const A64 = new Float64Array(rows * cols), A32 = new Float32Array(rows * cols);
      ref.biasActivate(Z64, new Float64Array(cols), A64, rows, cols, act);
      kernel!.biasActivate(Z32, new Float32Array(cols), A32, rows, cols, act);
      assertClose(A32, A64, A64.map((a) => Math.abs(a) + 1e-3), 1e-5, `${act} a`);
      // From here on both get the same activations: a non-fused rule such as softmax + binary
      // cross-entropy divides by a(1 − a) and so magnifies the rounding of a in either precision.
      A64.set(A32);
      const d64 = new Float64Array(rows * cols), d32 = new Float32Array(rows * cols);
      const l64 = ref.outputDelta(Z64, A64, Y, d64, rows, cols, act, loss);
      const l32 = kernel!.outputDelta(Z32, A32, Float32Array.from(Y), d32, rows, cols, act, loss);
      assertClose([l32], [l64], Math.abs(l64) + 1e-3, 1e-5, `${act}+${loss} loss`);
      // Through the softmax Jacobian, δ_j = a_j (g_j − Σ_k g_k a_k) with g = ∂loss/∂a: its rounding
      // error is relative to the terms, a_j (|g_j| + Σ_k |g_k| a_k), which can dwarf δ itself.
      const scale = d64.map((d) => Math.abs(d) + 1e-3);
      if (act === 'softmax' && loss !== 'cross-entropy') {
        for (let i = 0; i < rows; i++) {
          let dot = 0;
          for (let k = 0; k < cols; k++) dot += Math.abs(losses[loss].df(A64[i * cols + k]!, Y[i * cols + k]!)) * A64[i * cols + k]!;
          for (let j = 0; j < cols; j++) scale[i * cols + j]! += A64[i * cols + j]! * (Math.abs(losses[loss].df(A64[i * cols + j]!, Y[i * cols + j]!)) + dot);
        }
      }
      assertClose(d32, d64, scale, 1e-5, `${act}+${loss} delta`);
      assertClose([kernel!.lossSum(Z32, A32, Float32Array.from(Y), rows, cols, act, loss)], [l64], Math.abs(l64) + 1e-3, 1e-5, `${act}+${loss} lossSum`);
    }
  });

  test(`${name}: one training epoch gives the reference's loss within 1e-4`, { skip }, () => {
    const rng = new Rng(3);
    const inputs = Array.from({ length: 300 }, () => Array.from({ length: 30 }, () => rng.next()));
    const cls = inputs.map((x) => (x[0]! + x[1]! > 1 ? 0 : x[2]! > 0.5 ? 1 : 2));
    for (const [hidden, out, loss, targets] of [
      ['relu', 'softmax', 'cross-entropy', cls.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)))],
      ['tanh', 'sigmoid', 'binary-cross-entropy', cls.map((c) => [c === 0 ? 1 : 0])],
      ['sigmoid', 'linear', 'mse', inputs.map((x) => [x[0]! - x[3]!, x[4]!])],
    ] as const) {
      const data = createDataset(inputs, targets as number[][]);
      const spec = { inputs: 30, layers: [{ units: 64, activation: hidden }, { units: 32, activation: 'leaky-relu' as const }, { units: targets[0]!.length, activation: out }], loss };
      const a = Network.create(spec, { seed: 5 });
      const b = a.clone(kernel!);
      const options = { learningRate: 0.05, batchSize: 16, seed: 2 };
      const la = new Trainer(a, data, options).runEpoch().loss;
      const lb = new Trainer(b, data, options).runEpoch().loss;
      assert.ok(Math.abs(la - lb) <= 1e-4 * Math.abs(la), `${hidden}/${out}/${loss}: epoch loss ${lb} vs reference ${la}`);
      assert.equal(b.kernel.dtype, 'float32');
    }
  });
}

test('native: wrong arrays throw instead of reading out of bounds', { skip: NATIVE_SKIP }, () => {
  const lib = loadNativeAddon()!;
  assert.throws(() => lib.gemm(false, false, 4, 4, 4, 1, new Float32Array(15), new Float32Array(16), 0, new Float32Array(16)), /too short/);
  assert.throws(() => lib.axpy(3, 1, new Float64Array(3) as unknown as Float32Array, new Float32Array(3)), /Float32Array/);
});

test('selection: auto picks the fastest float32 kernel and the reference for float64', () => {
  assert.equal(getKernel('auto', 'float32').name, native ? 'native' : 'wasm');
  assert.equal(browserGetKernel('auto', 'float32').name, 'wasm', 'the browser list has no native kernel');
  assert.equal(getKernel('auto', 'float64').name, 'reference');
  assert.equal(selectKernel({ parameterCount: 10_000 }).dtype, 'float64');
  assert.equal(selectKernel({ parameterCount: 10_001 }).dtype, 'float32');
  assert.equal(selectKernel({ parameterCount: 10_001, dtype: 'float64' }).name, 'reference');
  assert.throws(() => getKernel('wasm', 'float64'), /not available for float64/);
});

test('the committed WebAssembly binary is assembled from gemm.wat', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-wasm.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
