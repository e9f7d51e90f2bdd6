/**
 * Digit data end to end: the embedded mnist-sample split, MNIST IDX (plain and gzip) and Kaggle-style
 * CSV round trips, clear errors for truncated or corrupt files, the PNG pictures, and Ctrl-C.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { Rng } from '../src/core/rng.ts';
import { parseDigitsCSV, toDigitsCSV } from '../src/data/digits-csv.ts';
import { writeIdx } from '../src/data/idx.ts';
import { loadDataset } from '../src/io/datasets.ts';
import { bpnet, ROOT, tempDir } from './helpers.ts';

/** n random 28×28 "digits" (bytes) with labels 0…9, written as IDX files (gzip when asked). */
function makeIdx(dir: string, n: number, gzip: boolean, seed = 1) {
  const rng = new Rng(seed);
  const pixels = Array.from({ length: n * 784 }, () => (rng.next() < 0.7 ? 0 : rng.int(256)));
  const labels = Array.from({ length: n }, (_, i) => i % 10);
  const ext = gzip ? '.gz' : '';
  const images = join(dir, `train-images-idx3-ubyte${ext}`), labelsPath = join(dir, `train-labels-idx1-ubyte${ext}`);
  const enc = (b: Uint8Array) => (gzip ? gzipSync(b) : b);
  writeFileSync(images, enc(writeIdx([n, 28, 28], pixels)));
  writeFileSync(labelsPath, enc(writeIdx([n], labels)));
  return { images, labels: labelsPath, pixels, labelValues: labels };
}

test('mnist-sample: 8 000 shuffled training digits, the last 200 of each digit as the 2 000 test digits', async () => {
  const train = await loadDataset('mnist-sample:train');
  const test_ = await loadDataset('mnist-sample:test');
  assert.equal(train.size, 8000);
  assert.equal(test_.size, 2000);
  assert.ok(train.inputs instanceof Float32Array);
  assert.deepEqual(train.image, { width: 28, height: 28 });
  // Plain mnist-sample follows defaultSplit.
  assert.equal((await loadDataset('mnist-sample', { defaultSplit: 'test' })).size, 2000);
  // Test digit 0…199 are the last 200 zeros of the package's file 0.json, in order.
  const zeros = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('mnist/src/digits/0.json'), 'utf8')) as { data: number[] }).data;
  const n0 = zeros.length / 784;
  for (const k of [0, 137, 199]) {
    assert.deepEqual(Array.from(test_.inputs.subarray(k * 784, (k + 1) * 784)), Array.from(Float32Array.from(zeros.slice((n0 - 200 + k) * 784, (n0 - 199 + k) * 784))));
    assert.equal(test_.targets[k * 10], 1);
  }
  const perDigit = (d: typeof train) => Array.from({ length: 10 }, (_, k) => {
    let c = 0;
    for (let i = 0; i < d.size; i++) c += d.targets[i * 10 + k]!;
    return c;
  });
  assert.deepEqual(perDigit(test_), new Array(10).fill(200));
  assert.equal(perDigit(train)[0], n0 - 200);
  // Shuffled: the first 100 training digits are not all one class.
  assert.ok(new Set(Array.from({ length: 100 }, (_, i) => train.targets.subarray(i * 10, i * 10 + 10).indexOf(1))).size === 10);
});

test('MNIST IDX files round-trip, plain and gzip', async () => {
  const dir = tempDir();
  for (const gzip of [false, true]) {
    const sub = join(dir, String(gzip));
    mkdirSync(sub);
    const f = makeIdx(sub, 23, gzip);
    // Explicit --labels, and the MNIST naming convention when it is omitted.
    for (const data of [await loadDataset(f.images, { labels: f.labels }), await loadDataset(f.images)]) {
      assert.equal(data.size, 23);
      assert.equal(data.inputSize, 784);
      assert.equal(data.outputSize, 10);
      assert.deepEqual(Array.from(data.inputs, (v) => Math.round(v * 255)), f.pixels);
      assert.deepEqual(Array.from(data.inputs), f.pixels.map((p) => Math.fround(p / 255)));
      for (let i = 0; i < 23; i++) assert.equal(data.targets.subarray(i * 10, i * 10 + 10).indexOf(1), f.labelValues[i]);
    }
  }
});

test('IDX with more labels than one call can take as arguments (300 000) loads', async () => {
  const dir = tempDir();
  const n = 300_000;
  writeFileSync(join(dir, 'big-images-idx3-ubyte'), writeIdx([n, 1, 1], Array.from({ length: n }, (_, i) => i % 256)));
  writeFileSync(join(dir, 'big-labels-idx1-ubyte'), writeIdx([n], Array.from({ length: n }, (_, i) => (i * 7) % 10)));
  const data = await loadDataset(join(dir, 'big-images-idx3-ubyte'));
  assert.equal(data.size, n);
  assert.equal(data.targets[(n - 1) * 10 + ((n - 1) * 7) % 10], 1);
});

test('Kaggle-style digit CSV round-trips (label, pixel0…pixel783)', async () => {
  const dir = tempDir();
  const f = makeIdx(dir, 17, false, 5);
  const original = await loadDataset(f.images);
  const csv = toDigitsCSV(original);
  assert.ok(csv.startsWith('label,pixel0,pixel1,'));
  const path = join(dir, 'train.csv');
  writeFileSync(path, csv);
  const back = await loadDataset(path);
  assert.deepEqual(back.inputs, original.inputs);
  assert.deepEqual(back.targets, original.targets);
  assert.deepEqual(parseDigitsCSV(csv).targets, original.targets);
});

test('truncated or corrupt IDX, gzip and CSV files: one-line error naming the file, exit 2', () => {
  const dir = tempDir();
  const f = makeIdx(dir, 20, false);
  const images = readFileSync(f.images), labels = readFileSync(f.labels);
  const model = join(dir, 'm.json');
  assert.equal(bpnet(['init', '--layers', '784-10', '--loss', 'cross-entropy', '--output-activation', 'softmax', '--out', model]).code, 0);
  const csv = toDigitsCSV({ size: 3, inputSize: 4, outputSize: 10, inputs: new Float32Array(12), targets: Float32Array.from({ length: 30 }, (_, i) => (i % 11 === 0 ? 1 : 0)) });
  const cases: { name: string; bytes: Uint8Array; labels?: Uint8Array; why: RegExp }[] = [
    { name: 'cut-images-idx3-ubyte', bytes: images.subarray(0, images.length - 100), labels, why: /truncated/ },
    { name: 'head-images-idx3-ubyte', bytes: images.subarray(0, 9), labels, why: /truncated/ },
    { name: 'magic-images-idx3-ubyte', bytes: Uint8Array.from([1, 2, 3, 4, ...images.subarray(4)]), labels, why: /not an IDX/ },
    { name: 'extra-images-idx3-ubyte', bytes: Buffer.concat([images, Buffer.alloc(5)]), labels, why: /corrupt/ },
    { name: 'labels-short-images-idx3-ubyte', bytes: images, labels: writeIdx([19], new Array(19).fill(1)), why: /19 labels/ },
    { name: 'label-byte-images-idx3-ubyte', bytes: images, labels: writeIdx([20], Array.from({ length: 20 }, (_, i) => (i === 7 ? 77 : i % 10))), why: /label 77 at item 7 is out of range/ },
    { name: 'cut-images-idx3-ubyte.gz', bytes: gzipSync(images).subarray(0, 500), labels: gzipSync(labels), why: /corrupt gzip|truncated/ },
    { name: 'garbled-images-idx3-ubyte.gz', bytes: Uint8Array.from(gzipSync(images), (b, i) => (i > 20 && i < 60 ? b ^ 0x5a : b)), labels, why: /corrupt gzip/ },
  ];
  const csvCases = [
    { name: 'cut.csv', text: csv.slice(0, csv.length - 4), why: /line 4: expected 5 values/ },
    { name: 'bad.csv', text: csv.replace(/\n1,0,0,0,0/, '\n1,0,abc,0,0'), why: /line 3: pixel1/ },
    { name: 'range.csv', text: csv.replace(/\n1,0,0,0,0/, '\n1,0,0,300,0'), why: /line 3: pixel2.*0…255/ },
    { name: 'label.csv', text: csv.replace(/\n1,0,0,0,0/, '\n-1,0,0,0,0'), why: /line 3: label/ },
  ];
  const m4 = join(dir, 'm4.json');
  assert.equal(bpnet(['init', '--layers', '4-10', '--loss', 'cross-entropy', '--out', m4]).code, 0);
  const runs: [string, string[]][] = [];
  for (const c of cases) {
    const path = join(dir, c.name);
    writeFileSync(path, c.bytes);
    const lab = join(dir, `${c.name}.labels-idx1-ubyte`);
    writeFileSync(lab, c.labels!);
    runs.push([path, ['eval', '--model', model, '--data', path, '--labels', lab]]);
    const r = bpnet(runs.at(-1)![1]);
    assert.equal(r.code, 2, `${c.name}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${c.name}: ${r.stderr}`);
    assert.match(lines[0]!, c.why, c.name);
    assert.ok(lines[0]!.includes(c.name), `${c.name}: ${r.stderr}`);
  }
  for (const c of csvCases) {
    const path = join(dir, c.name);
    writeFileSync(path, c.text);
    const r = bpnet(['eval', '--model', m4, '--data', path]);
    assert.equal(r.code, 2, `${c.name}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${c.name}: ${r.stderr}`);
    assert.match(lines[0]!, c.why, `${c.name}: ${lines[0]}`);
    assert.ok(lines[0]!.includes(path), `${c.name}: ${r.stderr}`);
  }
  // No labels file given and none by the naming convention.
  const lone = join(dir, 'lone-idx3-ubyte');
  writeFileSync(lone, images);
  const r = bpnet(['eval', '--model', model, '--data', lone]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--labels/);
});

function pngSize(path: string): { width: number; height: number } {
  const png = PNG.sync.read(readFileSync(path));
  assert.equal(png.data.length, png.width * png.height * 4);
  return { width: png.width, height: png.height };
}

test('pictures: show grid, training curves and confusion matrix are valid PNGs of the stated size', () => {
  const dir = tempDir();
  const f = makeIdx(dir, 60, true, 9);
  const grid = join(dir, 'grid.png'), pred = join(dir, 'pred.png'), curves = join(dir, 'loss.png'), conf = join(dir, 'conf.png');
  const model = join(dir, 'm.json');
  const size = (stderr: string) => {
    const m = /(\d+)×(\d+) pixels/.exec(stderr);
    assert.ok(m, stderr);
    return { width: Number(m![1]), height: Number(m![2]) };
  };
  let r = bpnet(['show', '--data', f.images, '--count', '100', '--out', grid]);
  assert.equal(r.code, 0, r.stderr);
  // 60 digits (all there are) in an 8-column grid of 2× tiles: 8·(56 + 4) + 4 by 8·(56 + 4) + 4.
  assert.deepEqual(pngSize(grid), { width: 484, height: 484 });
  assert.deepEqual(size(r.stderr), pngSize(grid));
  r = bpnet(['train', '--data', f.images, '--layers', '784-8-10', '--epochs', '3', '--out', model, '--plot', curves, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(pngSize(curves), { width: 640, height: 480 });
  r = bpnet(['show', '--data', f.images, '--count', '25', '--model', model, '--out', pred]);
  assert.equal(r.code, 0, r.stderr);
  // 5×5 tiles with a label strip of 14 pixels under each image.
  assert.deepEqual(pngSize(pred), { width: 5 * 60 + 4, height: 5 * 74 + 4 });
  assert.match(r.stderr, /\d+ of 25 predicted wrong/);
  r = bpnet(['eval', '--data', f.images, '--model', model, '--confusion', conf]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(pngSize(conf), size(r.stderr));
  assert.deepEqual(pngSize(conf), { width: 470, height: 480 });
  // The text matrix: 10 rows whose counts add up to the 60 samples, 6 per true digit.
  const rows = r.stdout.split('\n').filter((l) => /^\d\s/.test(l));
  assert.equal(rows.length, 10);
  for (const row of rows) assert.equal(row.trim().split(/\s+/).slice(1).map(Number).reduce((a, b) => a + b, 0), 6);
});

test('Ctrl-C stops training after the current batch, saves the model and exits 130', async () => {
  const dir = tempDir();
  const out = join(dir, 'xor.json');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'train', '--data', join(ROOT, 'examples/xor/xor.csv'),
    '--layers', '2-4-1', '--activation', 'tanh', '--epochs', '100000000', '--json', '--out', out], { cwd: ROOT });
  let stdout = '', stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n') && !child.killed) child.kill('SIGINT');
    });
    child.on('exit', (c) => resolve(c));
  });
  assert.equal(code, 130, stderr);
  const model = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(model.format, 'bpnet-model');
  assert.ok(model.training.epochs >= 1 && model.training.epochs < 100000000);
  // Every epoch line printed is complete JSON: it stopped cleanly between batches.
  for (const line of stdout.trim().split('\n')) assert.equal(typeof JSON.parse(line).loss, 'number');
});

test('bpnet start (one epoch): prints the test accuracy and writes model, curves and prediction grid', () => {
  const dir = tempDir();
  const r = bpnet(['start', '--epochs', '1', '--out-dir', dir, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const m = /^test accuracy (\d+\.\d\d) % on 2000 digits of mnist-sample:test, after 1 epochs/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const model = join(dir, 'model.json');
  // The printed figure is the model's: eval on the saved file agrees.
  const e = JSON.parse(bpnet(['eval', '--model', model, '--data', 'mnist-sample:test', '--json']).stdout);
  assert.equal((100 * e.accuracy).toFixed(2), m![1]);
  assert.ok(e.accuracy > 0.85, `one epoch should already give > 85 %, got ${e.accuracy}`);
  assert.deepEqual(pngSize(join(dir, 'loss.png')), { width: 640, height: 480 });
  assert.deepEqual(pngSize(join(dir, 'predictions.png')), { width: 10 * 60 + 4, height: 10 * 74 + 4 });
});

test('random shifts draw from the run\'s own Rng: checkpoint and resume stay bit-identical', () => {
  const dir = tempDir();
  const f = makeIdx(dir, 30, false, 4);
  const common = ['--data', f.images, '--batch-size', '8', '--quiet'];
  assert.equal(bpnet(['init', '--layers', '784-4-10', '--loss', 'cross-entropy', '--out', join(dir, 'm0.json')]).code, 0);
  assert.equal(bpnet(['train', '--model', join(dir, 'm0.json'), ...common, '--epochs', '4', '--checkpoint-every', '4', '--out', join(dir, 'four.json')]).code, 0);
  assert.equal(bpnet(['train', '--model', join(dir, 'm0.json'), ...common, '--epochs', '2', '--checkpoint-every', '2', '--out', join(dir, 'half.json')]).code, 0);
  assert.equal(bpnet(['train', '--model', join(dir, 'half.json'), ...common, '--epochs', '2', '--checkpoint-every', '2', '--out', join(dir, 'resumed.json')]).code, 0);
  const four = JSON.parse(readFileSync(join(dir, 'four.json'), 'utf8'));
  const resumed = JSON.parse(readFileSync(join(dir, 'resumed.json'), 'utf8'));
  assert.deepEqual(resumed.layers, four.layers);
  // And the shifts did change the run: without them the weights differ.
  assert.equal(bpnet(['train', '--model', join(dir, 'm0.json'), ...common, '--epochs', '4', '--augment', 'none', '--out', join(dir, 'plain.json')]).code, 0);
  assert.notDeepEqual(JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8')).layers, four.layers);
});

test('the web playground\'s digits are the same samples, in the same order, as mnist-sample', async () => {
  const { splitDigits } = await import('../web/src/digits-data.ts');
  const { encodeDigits, readPackageDigits } = await import('../web/scripts/digits-asset.ts');
  const web = splitDigits(encodeDigits(readPackageDigits()));
  for (const split of ['train', 'test'] as const) {
    const cli = await loadDataset(`mnist-sample:${split}`);
    assert.equal(web[split].size, cli.size);
    assert.deepEqual(web[split].targets, cli.targets, split);
    assert.deepEqual(web[split].inputs, cli.inputs, split);
  }
});
