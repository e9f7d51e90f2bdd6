/**
 * Hostile input (issue 10), each bullet of the report reproduced through the CLI: prototype names,
 * deep nesting, huge values in messages, sizes that would not fit in memory, NaN in .mat data,
 * corrupt checkpoint state, divergence with checkpoints, resume with a validation split.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { exportModel, importModel, Network, parseCSV, writeIdx, writeMat } from '../src/index.ts';
import { bpnet, ROOT, tempDir } from './helpers.ts';

const dir = tempDir();
const classicData = join(ROOT, 'examples/classic/data.json');
const xor = join(ROOT, 'examples/xor/xor.json');
const write = (name: string, text: string | Uint8Array) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const model = JSON.parse(readFileSync(join(ROOT, 'examples/classic/model.json'), 'utf8'));

/** Exit 2 and one short printable line naming what is wrong. */
function refused(args: string[], pattern: RegExp): string {
  const r = bpnet(args);
  assert.equal(r.code, 2, `exit 2 expected, got ${r.code}: ${r.stderr.slice(0, 500)}`);
  const message = r.stderr.replace(/\n\(see: bpnet \w+ --help\)\n$/, '\n').trimEnd();
  assert.equal(message.split('\n').length, 1, message);
  assert.ok(message.length < 700, `${message.length} characters`);
  assert.doesNotMatch(message, /[\u0000-\u0008\u000b-\u001f]/);
  assert.match(message, pattern);
  return message;
}

test('names of Object.prototype members are unknown names, listed with the valid ones (all 16 pairs)', () => {
  const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
  for (const activation of names) {
    for (const loss of names) {
      const bad = write('proto.json', JSON.stringify({ ...model, loss, layers: model.layers.map((l: object) => ({ ...l, activation })) }));
      refused(['eval', '--model', bad, '--data', classicData], /proto\.json: (loss: expected one of mse, binary-cross-entropy, cross-entropy|layers\[0\]\.activation: unknown activation)/);
    }
  }
  refused(['train', '--layers', '2-2-2', '--activation', 'constructor', '--data', classicData, '--out', join(dir, 'o.json')], /--activation: expected one of sigmoid/);
  refused(['train', '--layers', '2-2-2', '--optimizer', 'toString', '--data', classicData, '--out', join(dir, 'o.json')], /--optimizer: expected one of sgd/);
});

test('deep nesting is refused with the depth named, in a model, a dataset and invalid JSON alike', () => {
  const deepModel = write('deep-model.json', JSON.stringify(model).replace(/}$/, `,"note":${'['.repeat(100_000)}${']'.repeat(100_000)}}`));
  refused(['train', '--model', deepModel, '--data', classicData, '--epochs', '1', '--out', join(dir, 'o.json')], /deep-model\.json: nested more than 64 levels deep at line 1, column \d+/);
  refused(['eval', '--model', join(ROOT, 'examples/classic/model.json'), '--data', write('deep-data.json', `{"inputs":${'['.repeat(100_000)}`)], /deep-data\.json: nested more than 64 levels deep/);
  const ok = write('sixty.json', JSON.stringify({ ...model, note: JSON.parse('['.repeat(60) + ']'.repeat(60)) }));
  assert.equal(bpnet(['train', '--model', ok, '--data', classicData, '--epochs', '1', '--quiet', '--out', join(dir, 'sixty-out.json')]).code, 0);
});

test('an offending value is shown by at most ~80 printable characters, on one line', () => {
  const huge = write('huge.json', JSON.stringify({ ...model, loss: 'x'.repeat(2_000_000) }));
  const m = refused(['eval', '--model', huge, '--data', classicData], /huge\.json: loss: expected one of .*, got "x+…"$/);
  assert.ok(m.length < 250, m);
  const control = write('control.json', JSON.stringify({ ...model, format: 'a\nb\u0007c\u001b[31m' }));
  refused(['eval', '--model', control, '--data', classicData], /format: expected "bpnet-model", got "a\\nb\\u0007c\\u001b\[31m"$/);
  // A .mat variable name with control characters.
  const X = { name: 'X', rows: 1, cols: 1, data: Float64Array.from([1]) };
  const mat = writeMat([X]);
  const at = Buffer.from(mat).indexOf('X', 128 + 8 + 32);
  mat[at] = 0x0a;
  refused(['eval', '--model', join(ROOT, 'examples/classic/model.json'), '--data', write('ctrl.mat', mat)], /ctrl\.mat: no variable "X" \(variables: "\\n"\)/);
});

test('sizes are checked before allocating, with the memory they need', () => {
  refused(['train', '--layers', '3-100000000-2', '--data', classicData, '--max-memory', '2GB', '--out', join(dir, 'o.json')],
    /^bpnet train: --layers 3-100000000-2: the weights need 4\.8 GB, more than the memory limit of 2\.0 GB \(raise it with --max-memory/);
  refused(['train', '--layers', '784-100000000-10', '--data', classicData, '--out', join(dir, 'o.json')], /--layers 784-100000000-10: the weights need 636 GB/);
  const units = write('units.json', JSON.stringify({ ...model, layers: [{ ...model.layers[0], units: 2147483648 }, model.layers[1]] }));
  refused(['eval', '--model', units, '--data', classicData], /units\.json: layers\[0\]\.weights: expected 2147483648 rows \(one per unit\), got 2/);
  const X = { name: 'X', rows: 2, cols: 2, data: Float64Array.from([0, 1, 1, 0]) };
  for (const [label, expected] of [[2 ** 31, /y\(2\) = 2147483648 is out of range: class labels go up to 65536/], [3e8, /y\(2\) = 300000000 is out of range/]] as const) {
    const mat = write('labels.mat', writeMat([X, { name: 'y', rows: 2, cols: 1, data: Float64Array.from([1, label]) }]));
    refused(['eval', '--model', join(ROOT, 'examples/classic/model.json'), '--data', mat], expected);
  }
  // A gzip bomb: an IDX header declaring 2×2×2 bytes, then 50 MB of zeros.
  const header = writeIdx([2, 2, 2], new Array(8).fill(0));
  const bomb = new Uint8Array(header.length + 50_000_000);
  bomb.set(header);
  const images = write('bomb-images-idx3-ubyte.gz', gzipSync(bomb));
  write('bomb-labels-idx1-ubyte', writeIdx([2], [0, 1]));
  refused(['eval', '--model', join(ROOT, 'examples/classic/model.json'), '--data', images, '--labels', join(dir, 'bomb-labels-idx1-ubyte')],
    /bomb-images-idx3-ubyte\.gz: corrupt: decompresses to more than the 24 bytes its header declares/);
});

test('NaN and Infinity in .mat data are refused with the variable and its index', () => {
  const y = { name: 'y', rows: 2, cols: 1, data: Float64Array.from([1, 2]) };
  const nan = write('nan.mat', writeMat([{ name: 'X', rows: 2, cols: 2, data: Float64Array.from([0, 1, NaN, 0]) }, y], { compress: true }));
  refused(['eval', '--model', join(ROOT, 'examples/classic/model.json'), '--data', nan], /nan\.mat: X\(2,1\) is NaN, expected a finite number/);
  const inf = write('inf.mat', writeMat([{ name: 'X', rows: 2, cols: 2, data: Float64Array.from([0, 1, 1, 0]) }, { ...y, data: Float64Array.from([1, Infinity]) }]));
  refused(['train', '--layers', '2-2-2', '--data', inf, '--out', join(dir, 'o.json')], /inf\.mat: y\(2,1\) is Infinity/);
});

test('a corrupt checkpoint state is refused with the field named, before training', () => {
  const out = join(dir, 'ckpt.json');
  assert.equal(bpnet(['train', '--layers', '2-3-1', '--data', xor, '--optimizer', 'adam', '--epochs', '2', '--checkpoint-every', '1', '--quiet', '--out', out]).code, 0);
  const good = JSON.parse(readFileSync(out, 'utf8'));
  const corrupt = (name: string, edit: (s: Record<string, unknown>) => void) => {
    const c = structuredClone(good);
    edit(c.training.state);
    return write(name, JSON.stringify(c));
  };
  const train = (file: string) => ['train', '--model', file, '--data', xor, '--epochs', '1', '--out', join(dir, 'resumed.json')];
  refused(train(corrupt('c1.json', (s) => { s.optimizer = 5; })), /c1\.json: training\.state\.optimizer: expected the optimizer state/);
  refused(train(corrupt('c2.json', (s) => { s.order = [0, 0, 1, 2]; })), /c2\.json: training\.state\.order\[1\]: sample 0 appears twice: not a permutation/);
  refused(train(corrupt('c3.json', (s) => { s.order = [0, 1, 2]; })), /resume\.order: the saved run had 3 training samples, this data has 4/);
  refused(train(corrupt('c4.json', (s) => { (s.optimizer as { buffers: Record<string, unknown> }).buffers['0'] = [[1]]; })), /training\.state\.optimizer\.buffers\.0: expected 2 buffers for adam/);
  refused(train(corrupt('c5.json', (s) => { s.rng = [0, 0, 0, 0, null]; })), /training\.state\.rng: all four state words are 0/);
  refused(train(corrupt('c6.json', (s) => { s.epoch = -1; })), /training\.state\.epoch: must be an integer ≥ 0, got -1/);
  refused(train(corrupt('c7.json', (s) => { delete (s.optimizer as { buffers?: Record<string, unknown> }).buffers; })), /training\.state\.optimizer\.buffers/);
});

test('divergence with checkpoints keeps the last good model, and the message says which epoch it holds', () => {
  const out = join(dir, 'diverge.json');
  const r = bpnet(['train', '--layers', '2-2-2', '--data', classicData, '--lr', '1e300', '--batch-size', '1', '--epochs', '5', '--checkpoint-every', '1', '--out', out]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /training diverged: the (loss|weights) became .* in epoch 2; .*diverge\.json still holds the model of epoch 1 \(the last checkpoint\)/);
  const kept = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(kept.training.epochs, 1);
  assert.ok(kept.layers.every((l: { weights: number[][] }) => l.weights.flat().every(Number.isFinite)));
  // Without checkpoints, nothing is written at all.
  const none = join(dir, 'none.json');
  const r2 = bpnet(['train', '--layers', '2-2-2', '--data', classicData, '--lr', '1e300', '--batch-size', '1', '--epochs', '5', '--out', none]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /none\.json was not written/);
  assert.ok(!readdirSync(dir).includes('none.json'));
});

test('resume with --validation-split is bit-identical: 4 + 4 epochs equal 8 epochs', () => {
  const common = ['--data', xor, '--layers', '2-6-1', '--optimizer', 'adam', '--lr', '0.05', '--batch-size', '1', '--validation-split', '0.25', '--patience', '100', '--quiet'];
  const eight = join(dir, 'eight.json'), half = join(dir, 'half.json'), resumed = join(dir, 'resumed8.json');
  assert.equal(bpnet(['train', ...common, '--epochs', '8', '--checkpoint-every', '1', '--out', eight]).code, 0);
  assert.equal(bpnet(['train', ...common, '--epochs', '4', '--checkpoint-every', '1', '--out', half]).code, 0);
  const r = bpnet(['train', ...common.filter((a, i) => a !== '--layers' && common[i - 1] !== '--layers'), '--model', half, '--epochs', '4', '--checkpoint-every', '1', '--out', resumed]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(resumed, 'utf8'), readFileSync(eight, 'utf8'));
  const state = JSON.parse(readFileSync(eight, 'utf8')).training.state;
  assert.ok(state.best && state.weights, 'the file holds the best weights and the current state');
  assert.ok(state.best.epoch < 7, 'the best epoch is not the last: the model and the current weights differ');
});

test('CSV is linear in its size: 1 000 000 columns parse (the quadratic duplicate check took minutes)', () => {
  const n = 1_000_000;
  const head = Array.from({ length: n }, (_, i) => `x${i}`).join(',') + ',y';
  const row = (k: number) => Array.from({ length: n }, (_, i) => (i + k) % 7).join(',') + `,${k}`;
  const d = parseCSV(`${head}\n${row(3)}\n`, 'wide.csv', { target: ['y'], targetMode: 'values' });
  assert.equal(d.inputSize, n);
  assert.deepEqual([d.inputs[0], d.inputs[1], d.inputs[n - 1]], [3, 4, (n + 2) % 7]);
  assert.deepEqual([...d.targets], [3]);
});

test('imported models are untrusted too: ONNX lengths and shapes, tfjs structure and weight paths', () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 2, activation: 'sigmoid' }], loss: 'mse' }, { seed: 1 });
  const onnx = exportModel(net, 'onnx')[0]!.data as Uint8Array;
  // A 10-byte varint length of −1 for the graph (field 7, wire type 2): once moved the reader backwards.
  const negative = Uint8Array.from([0x08, 0x07, 0x3a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  assert.throws(() => importModel('onnx', () => negative, 'm.onnx'), /^BpnetError: m\.onnx: not a valid ONNX \(protobuf\) file: field 7 claims -1 bytes/);
  assert.throws(() => importModel('onnx', () => onnx.subarray(0, 40), 'm.onnx'), (e: Error) => e.name === 'BpnetError' && /^m\.onnx: /.test(e.message));
  const [json, weights] = exportModel(net, 'tfjs', 'model.json');
  const doc = JSON.parse(json!.data as string);
  const read = (text: string) => (name: string) => (name === 'model.json' ? new TextEncoder().encode(text) : weights!.data as Uint8Array);
  for (const [change, pattern] of [
    [(d: any) => { d.weightsManifest[0].paths = ['../../etc/passwd']; }, /weightsManifest\[0\]\.paths\[0\]: expected a file name beside model\.json, got "\.\.\/\.\.\/etc\/passwd"/],
    [(d: any) => { d.weightsManifest[0].weights[0].shape = [2 ** 31, 2 ** 31]; }, /weightsManifest\[0\]\.weights\[0\]: needs \d+ bytes at 0/],
    [(d: any) => { d.weightsManifest = [7]; }, /weightsManifest\[0\]: expected \{paths: \[…\], weights: \[…\]\}, got 7/],
    [(d: any) => { d.modelTopology.config.layers[0] = null; }, /modelTopology layers\[0\]: expected \{class_name, config\}, got null/],
  ] as const) {
    const d = structuredClone(doc);
    change(d);
    assert.throws(() => importModel('tfjs', read(JSON.stringify(d)), 'model.json'), pattern);
  }
  assert.throws(() => importModel('toString' as never, read(''), 'x'), /unknown format "toString" \(expected one of: onnx, tfjs, js, mat\)/);
});

test('--max-memory on every command that reads data: eval, predict, show and gradcheck refuse what needs more', () => {
  const n = 50;
  const images = write('mm-images-idx3-ubyte', writeIdx([n, 28, 28], new Array(n * 784).fill(7)));
  write('mm-labels-idx1-ubyte', writeIdx([n], new Array(n).fill(3)));
  const classic = join(ROOT, 'examples/classic/model.json');
  for (const args of [['eval', '--model', classic], ['predict', '--model', classic], ['show', '--out', join(dir, 'g.png')], ['gradcheck', '--model', classic]]) {
    // The file (39 kB) fits in 45 kB, its one-hot targets (checked for up to 256 classes) do not.
    refused([...args, '--data', images, '--max-memory', '45KB'], new RegExp(`^bpnet ${args[0]}: .*mm-labels-idx1-ubyte: the one-hot targets need \\d+ kB, more than the memory limit of 45 kB \\(raise it with --max-memory`));
    refused([...args, '--data', images, '--max-memory', 'lots'], new RegExp(`^bpnet ${args[0]}: --max-memory: expected a size such as 8GB, 512MB or 1\\.5GiB, got "lots"$`));
  }
  // Raised, the same file is read (show draws it).
  assert.equal(bpnet(['show', '--out', join(dir, 'g.png'), '--data', images, '--max-memory', '1MB']).code, 0);
});

test('a data file larger than the memory limit is refused before it is read', () => {
  const csv = write('big.csv', 'x1,x2,y\n' + '0.5,0.25,1\n'.repeat(1000));
  refused(['eval', '--model', join(ROOT, 'examples/classic/model.json'), '--data', csv, '--max-memory', '20KB'],
    /^bpnet eval: .*big\.csv: the file's bytes and characters need 33 kB, more than the memory limit of 20 kB/);
});
