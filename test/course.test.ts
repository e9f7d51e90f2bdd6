/**
 * The classic course's file formats: MATLAB Level-5 .mat files (read, written, compressed or not),
 * and `bpnet eval --data X.mat --weights W.mat` reproducing the course's accuracy and cost, checked
 * against an independent computation written out here in plain loops.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { matMatrix, readMat, writeMat, type MatWriteVariable } from '../src/data/mat.ts';
import { Rng } from '../src/core/rng.ts';
import { bpnet, tempDir } from './helpers.ts';

// Files written by scipy.io.savemat (an independent writer) holding A = [1.5 −2 3.25; 4 5.5 −6]
// (double) and label = [1; 10] (uint8), uncompressed and compressed.
const SCIPY_PLAIN = 'TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IE1vbiBOb3YgMjMgMTI6MTI6NTEgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0OAAAAYAAAAAYAAAAIAAAABgAAAAAAAAAFAAAACAAAAAIAAAADAAAAAQABAEEAAAAJAAAAMAAAAAAAAAAAAPg/AAAAAAAAEEAAAAAAAAAAwAAAAAAAABZAAAAAAAAACkAAAAAAAAAYwA4AAAA4AAAABgAAAAgAAAAJAAAAAAAAAAUAAAAIAAAAAgAAAAEAAAABAAAABQAAAGxhYmVsAAAAAgACAAEKAAA=';
const SCIPY_COMPRESSED = 'TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IE1vbiBOb3YgMjMgMTI6MTI6NTEgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0PAAAAOgAAAHic42NgYEgAYjYg5oDSIMAK5TMBMTMQMwKhI5DmBGIDBhj4YQ+hBRygAgcglBiUzwWlJQ4AAKzNBNAPAAAALQAAAHic42NgYLAAYjYg5gBiTgYIYIXymYCYEYpBYjmJSak5YHEmBkYuBgYANHoCgw==';

test('reads .mat files written by scipy, plain and compressed, double and uint8', () => {
  for (const b64 of [SCIPY_PLAIN, SCIPY_COMPRESSED]) {
    const vars = readMat(Buffer.from(b64, 'base64'), 'scipy.mat');
    assert.deepEqual(vars.map((v) => [v.name, v.className]), [['A', 'double'], ['label', 'uint8']]);
    const A = matMatrix(vars, 'A');
    assert.equal(A.rows, 2);
    assert.equal(A.cols, 3);
    assert.deepEqual(Array.from(A.data), [1.5, -2, 3.25, 4, 5.5, -6]);
    assert.deepEqual(Array.from(matMatrix(vars, 'label').data), [1, 10]);
  }
});

test('writeMat → readMat round-trips double and uint8 matrices, compressed or not', () => {
  const rng = new Rng(3);
  const D = { name: 'Theta1', rows: 7, cols: 5, data: Float64Array.from({ length: 35 }, () => rng.normal() * 1e3) };
  const U: MatWriteVariable = { name: 'y', rows: 9, cols: 1, className: 'uint8', data: Float64Array.from({ length: 9 }, (_, i) => i * 31) };
  for (const compress of [false, true]) {
    const vars = readMat(writeMat([D, U], { compress }), 'rt.mat');
    assert.deepEqual(vars.map((v) => [v.name, v.className, v.dims]), [['Theta1', 'double', [7, 5]], ['y', 'uint8', [9, 1]]]);
    assert.deepEqual(matMatrix(vars, 'Theta1').data, D.data);
    assert.deepEqual(matMatrix(vars, 'y').data, U.data);
  }
});

/** The course's network, computed independently: h = σ(Θ2·[1; σ(Θ1·[1; x])]). */
function courseReference(X: Float64Array, y: number[], T1: Float64Array, T2: Float64Array, m: number, lambda: number) {
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  let cost = 0, correct = 0;
  const predictions: number[] = [];
  for (let i = 0; i < m; i++) {
    const a1: number[] = [];
    for (let j = 0; j < 25; j++) {
      let z = T1[j * 401]!;
      for (let k = 0; k < 400; k++) z += T1[j * 401 + 1 + k]! * X[i * 400 + k]!;
      a1.push(sig(z));
    }
    const h: number[] = [];
    for (let j = 0; j < 10; j++) {
      let z = T2[j * 26]!;
      for (let k = 0; k < 25; k++) z += T2[j * 26 + 1 + k]! * a1[k]!;
      h.push(sig(z));
    }
    for (let k = 0; k < 10; k++) {
      const yk = y[i] === k + 1 ? 1 : 0;
      cost -= yk * Math.log(h[k]!) + (1 - yk) * Math.log(1 - h[k]!);
    }
    const p = h.indexOf(Math.max(...h)) + 1;
    predictions.push(p);
    if (p === y[i]) correct++;
  }
  let reg = 0;
  for (let j = 0; j < 25; j++) for (let k = 1; k < 401; k++) reg += T1[j * 401 + k]! ** 2;
  for (let j = 0; j < 10; j++) for (let k = 1; k < 26; k++) reg += T2[j * 26 + k]! ** 2;
  return { loss: cost / m, objective: cost / m + (lambda / (2 * m)) * reg, accuracy: correct / m, predictions };
}

/** The course's predict.m for one image: the 1-based index of the largest output. */
function courseArgmax(x: Float64Array, T1: Float64Array, T2: Float64Array): number {
  const r = courseReference(x, [0], T1, T2, 1, 0);
  return r.predictions[0]!;
}

test('bpnet eval --weights reproduces the course cost and accuracy to 1e-9 (compressed and plain .mat)', () => {
  const m = 500;
  const rng = new Rng(7);
  const T1 = Float64Array.from({ length: 25 * 401 }, () => rng.uniform(-0.3, 0.3));
  const T2 = Float64Array.from({ length: 10 * 26 }, () => rng.uniform(-2, 2));
  // 20×20 "images" in [0, 1], 60 % blank pixels.
  const X = Float64Array.from({ length: m * 400 }, () => (rng.next() < 0.6 ? 0 : rng.next()));
  // Labels 1…10 (10 = digit 0): about 70 % the network's own answer, so accuracy is neither ~10 % nor 100 %.
  const y = Array.from({ length: m }, (_, i) => (rng.next() < 0.7 ? courseArgmax(X.subarray(i * 400), T1, T2) : 1 + rng.int(10)));
  const dir = tempDir();
  const files = [
    { compress: true, yClass: 'uint8' as const },
    { compress: false, yClass: 'double' as const },
  ];
  for (const { compress, yClass } of files) {
    const data = join(dir, `X-${compress}.mat`), weights = join(dir, `W-${compress}.mat`);
    writeFileSync(data, writeMat([
      { name: 'X', rows: m, cols: 400, data: X },
      { name: 'y', rows: m, cols: 1, className: yClass, data: Float64Array.from(y) },
    ], { compress }));
    writeFileSync(weights, writeMat([
      { name: 'Theta1', rows: 25, cols: 401, data: T1 },
      { name: 'Theta2', rows: 10, cols: 26, data: T2 },
    ], { compress }));
    for (const lambda of [0, 1, 3]) {
      const expected = courseReference(X, y, T1, T2, m, lambda);
      const args = ['eval', '--data', data, '--weights', weights, '--json', ...(lambda ? ['--lambda', String(lambda)] : [])];
      const r = bpnet(args);
      assert.equal(r.code, 0, r.stderr);
      const got = JSON.parse(r.stdout);
      assert.equal(got.samples, m);
      assert.ok(Math.abs(got.loss - expected.loss) < 1e-9, `loss ${got.loss} vs ${expected.loss}`);
      assert.ok(Math.abs(got.objective - expected.objective) < 1e-9, `objective ${got.objective} vs ${expected.objective}`);
      assert.equal(got.accuracy, expected.accuracy);
      assert.ok(expected.accuracy > 0.5 && expected.accuracy < 1);
    }
  }
});

test('import-weights → eval --model gives the same figures; export-weights writes the Thetas back', () => {
  const dir = tempDir();
  const rng = new Rng(11);
  const T1 = Float64Array.from({ length: 3 * 5 }, () => rng.normal());
  const T2 = Float64Array.from({ length: 10 * 4 }, () => rng.normal());
  const W = join(dir, 'W.mat');
  writeFileSync(W, writeMat([{ name: 'Theta1', rows: 3, cols: 5, data: T1 }, { name: 'Theta2', rows: 10, cols: 4, data: T2 }]));
  const X = Float64Array.from({ length: 20 * 4 }, () => rng.next());
  const y = Float64Array.from({ length: 20 }, (_, i) => 1 + (i % 10));
  const D = join(dir, 'D.mat');
  writeFileSync(D, writeMat([{ name: 'X', rows: 20, cols: 4, data: X }, { name: 'y', rows: 20, cols: 1, data: y }], { compress: true }));
  const M = join(dir, 'M.json');
  const imp = bpnet(['import-weights', W, '--out', M]);
  assert.equal(imp.code, 0, imp.stderr);
  const model = JSON.parse(readFileSync(M, 'utf8'));
  assert.equal(model.loss, 'binary-cross-entropy');
  assert.deepEqual(model.layers.map((l: { activation: string }) => l.activation), ['sigmoid', 'sigmoid']);
  assert.equal(model.layers[0].bias[2], T1[2 * 5]);
  assert.equal(model.layers[0].weights[2][3], T1[2 * 5 + 4]);
  const viaWeights = JSON.parse(bpnet(['eval', '--data', D, '--weights', W, '--json', '--lambda', '2']).stdout);
  const viaModel = JSON.parse(bpnet(['eval', '--data', D, '--model', M, '--json', '--lambda', '2']).stdout);
  assert.deepEqual(viaModel, viaWeights);
  for (const compress of [true, false]) {
    const back = join(dir, `back-${compress}.mat`);
    const exp = bpnet(['export-weights', '--model', M, '--out', back, ...(compress ? [] : ['--no-compress'])]);
    assert.equal(exp.code, 0, exp.stderr);
    const vars = readMat(readFileSync(back), back);
    assert.deepEqual(matMatrix(vars, 'Theta1').data, T1);
    assert.deepEqual(matMatrix(vars, 'Theta2').data, T2);
  }
});

test('truncated or corrupt .mat files: one-line error naming the file, exit 2', () => {
  const dir = tempDir();
  const good = writeMat([
    { name: 'X', rows: 10, cols: 4, data: Float64Array.from({ length: 40 }, (_, i) => i / 40) },
    { name: 'y', rows: 10, cols: 1, data: Float64Array.from({ length: 10 }, (_, i) => 1 + (i % 3)) },
  ], { compress: true });
  const plain = writeMat([{ name: 'X', rows: 10, cols: 4, data: new Float64Array(40) }, { name: 'y', rows: 10, cols: 1, data: new Float64Array(10).fill(1) }]);
  const corruptZ = good.slice();
  corruptZ[128 + 8 + 10] ^= 0xff; // inside the deflate stream
  const cases: [string, Uint8Array, RegExp][] = [
    ['short.mat', good.subarray(0, 60), /truncated.*header/],
    ['cut.mat', good.subarray(0, good.length - 7), /truncated|corrupt/],
    ['cut-plain.mat', plain.subarray(0, plain.length - 30), /truncated/],
    ['corrupt.mat', corruptZ, /corrupt|truncated/],
    ['text.mat', new TextEncoder().encode('hello, this is not a mat file'.padEnd(200, '.')), /not a MATLAB/],
    ['noy.mat', writeMat([{ name: 'X', rows: 2, cols: 2, data: new Float64Array(4) }]), /no variable "y"/],
  ];
  const model = join(dir, 'm.json');
  assert.equal(bpnet(['init', '--layers', '4-3', '--loss', 'binary-cross-entropy', '--out', model]).code, 0);
  for (const [name, bytes, why] of cases) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const r = bpnet(['eval', '--model', model, '--data', path]);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${name}: ${r.stderr}`);
    assert.ok(lines[0]!.includes(path), `${name}: ${r.stderr}`);
    assert.match(lines[0]!, why, name);
  }
  // Weights files too.
  const w = join(dir, 'w.mat');
  writeFileSync(w, good.subarray(0, good.length - 3));
  const r = bpnet(['import-weights', w, '--out', join(dir, 'x.json')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.ok(r.stderr.includes(w));
});

test('export-weights writes a 0…9 digit model in the course order (row r = label r+1, 10 = 0); import restores it', async () => {
  const dir = tempDir();
  const model = join(dir, 'm.json'), mat = join(dir, 'W.mat'), back = join(dir, 'back.json'), data = join(dir, 'd.json');
  assert.equal(bpnet(['init', '--layers', '4-3-10', '--activation', 'sigmoid', '--output-activation', 'sigmoid', '--loss', 'binary-cross-entropy', '--seed', '3', '--out', model]).code, 0);
  writeFileSync(data, JSON.stringify({ inputs: [[0.1, 0.2, 0.3, 0.4], [1, 0, -1, 0.5]], targets: [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0]] }));
  assert.equal(bpnet(['export-weights', '--model', model, '--out', mat]).code, 0);
  assert.equal(bpnet(['import-weights', mat, '--out', back]).code, 0);
  const before = JSON.parse(bpnet(['predict', '--model', model, '--data', data, '--json']).stdout) as number[][];
  const after = JSON.parse(bpnet(['predict', '--model', back, '--data', data, '--json']).stdout) as number[][];
  before.forEach((row, s) => row.forEach((v, digit) => assert.ok(Math.abs(after[s]![(digit + 9) % 10]! - v) < 1e-12, `sample ${s}, digit ${digit}`)));
  assert.deepEqual(JSON.parse(readFileSync(back, 'utf8')).classLabels, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
  // Evaluating that course-ordered model on digit-ordered CSV data lines the classes up by name
  // (eval reads a CSV class column in the model's classLabels order), never silently wrong.
  const csv = join(dir, 'digits.csv');
  writeFileSync(csv, 'a,b,c,d,digit\n' + Array.from({ length: 10 }, (_, k) => `${k / 10},0.5,0.2,0.1,${k}`).join('\n') + '\n');
  const e = bpnet(['eval', '--model', back, '--data', csv, '--json']);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(JSON.parse(e.stdout).samples, 10);
});
