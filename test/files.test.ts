/** Model file round trip, extra fields preserved, CSV and JSON datasets, atomic writes, checkpoints. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Network, networkFromJSON, networkToJSON, parseDatasetJSON } from '../src/index.ts';
import { parseCSV, toCSV } from '../src/data/csv.ts';
import { writeAtomic } from '../src/io/files.ts';
import { bpnet, ROOT, tempDir } from './helpers.ts';

test('model JSON round trip keeps every number, trainBias and unknown fields', () => {
  const json = JSON.parse(readFileSync(join(ROOT, 'examples/classic/model.json'), 'utf8'));
  json.labels = ['a', 'b'];
  json.layers[1].note = { kept: true };
  const again = networkToJSON(networkFromJSON(json));
  assert.deepEqual(again, json);
  assert.equal(again.layers[0]!.trainBias, false);
});

test('a created network has the documented shape: W is units × inputs', () => {
  const net = Network.create({ inputs: 3, layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'linear' }], loss: 'mse' }, { seed: 9 });
  const json = networkToJSON(net);
  assert.equal(json.layers[0]!.weights.length, 2);
  assert.equal(json.layers[0]!.weights[0]!.length, 3);
  assert.equal(json.layers[1]!.bias.length, 1);
  assert.equal(json.format, 'bpnet-model');
});

test('CSV: numeric targets, one-hot class labels, quoted cells', () => {
  const d = parseCSV('a,b,y\n1,2,0.5\n3,4,0.25\n', 't.csv', { target: ['y'] });
  assert.deepEqual([...d.inputs], [1, 2, 3, 4]);
  assert.deepEqual([...d.targets], [0.5, 0.25]);
  const c = parseCSV('x,"label"\n0.1,cat\n0.2,dog\n0.3,cat\n', 'c.csv', { target: ['label'] });
  assert.deepEqual(c.labels, ['cat', 'dog']);
  assert.deepEqual([...c.targets], [1, 0, 0, 1, 1, 0]);
  const n = parseCSV('x,digit\n1,2\n2,0\n3,1\n', 'n.csv');
  assert.equal(n.outputSize, 3);
  assert.deepEqual([...n.targets], [0, 0, 1, 1, 0, 0, 0, 1, 0]);
  const round = parseCSV(toCSV(d), 'r.csv', { target: ['y1'], targetMode: 'values' });
  assert.deepEqual([...round.inputs], [...d.inputs]);
  assert.deepEqual([...round.targets], [...d.targets]);
  assert.throws(() => parseCSV('a,b\n1,2,3\n', 'w.csv'), /w\.csv: line 2: expected 2 values/);
  assert.throws(() => parseCSV('a,b\n1,2\n', 'w.csv', { target: ['z'] }), /no column named "z"/);
  assert.throws(() => parseCSV('a,a,y\n1,2,3\n', 'd.csv'), /d\.csv: line 1: column "a" appears twice/);
  assert.throws(() => parseCSV('a;b;y\n1;2;3\n', 's.csv'), /s\.csv: line 1: only one column: bpnet reads comma-separated values/);
});

test('JSON dataset: shapes are checked', () => {
  assert.throws(() => parseDatasetJSON({ inputs: [[1, 2], [3]], targets: [[1], [0]] }, 'd.json'), /d\.json: inputs\[1\]: expected 2 numbers, got 1/);
  assert.throws(() => parseDatasetJSON({ inputs: [[1, 2]], targets: [[1], [0]] }, 'd.json'), /d\.json: targets: has 2 rows but inputs has 1/);
  assert.throws(() => parseDatasetJSON([1, 2], 'd.json'), /d\.json: expected a JSON object/);
});

test('writes are atomic: no temporary file is left behind and the old file survives a failed write', () => {
  const dir = tempDir();
  const path = join(dir, 'model.json');
  writeAtomic(path, 'first');
  writeAtomic(path, 'second');
  assert.equal(readFileSync(path, 'utf8'), 'second');
  assert.deepEqual(readdirSync(dir), ['model.json']);
  assert.throws(() => writeAtomic(join(path, 'inside-a-file.json'), 'x'), /cannot write/);
  assert.equal(readFileSync(path, 'utf8'), 'second');
});

for (const [optimizer, batch] of [['sgd', '4'], ['momentum', '1'], ['adam', '2']]) test(`checkpoint and resume: 5 + 5 epochs equal 10 epochs bit for bit (${optimizer}, batch ${batch}, shuffled)`, () => {
  const dir = tempDir();
  const data = join(ROOT, 'examples/xor/xor.json');
  const common = ['--data', data, '--optimizer', optimizer!, '--lr', '0.1', '--batch-size', batch!, '--quiet'];
  assert.equal(bpnet(['init', '--layers', '2-3-1', '--activation', 'tanh', '--loss', 'binary-cross-entropy', '--out', join(dir, 'm0.json')]).code, 0);
  assert.equal(bpnet(['train', '--model', join(dir, 'm0.json'), ...common, '--epochs', '10', '--checkpoint-every', '5', '--out', join(dir, 'ten.json')]).code, 0);
  const r = bpnet(['train', '--model', join(dir, 'm0.json'), ...common, '--epochs', '5', '--checkpoint-every', '1', '--out', join(dir, 'half.json')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(bpnet(['train', '--model', join(dir, 'half.json'), ...common, '--epochs', '5', '--checkpoint-every', '5', '--out', join(dir, 'resumed.json')]).code, 0);
  const ten = JSON.parse(readFileSync(join(dir, 'ten.json'), 'utf8'));
  const resumed = JSON.parse(readFileSync(join(dir, 'resumed.json'), 'utf8'));
  assert.deepEqual(resumed.layers, ten.layers);
  assert.equal(resumed.training.epochs, 10);
  assert.deepEqual(resumed.training.state, ten.training.state);
  const fresh = JSON.parse(readFileSync(join(dir, 'half.json'), 'utf8'));
  assert.notDeepEqual(fresh.layers, ten.layers);
});

test('bpnet predict prints one CSV row of outputs per sample', () => {
  const r = bpnet(['predict', '--model', join(ROOT, 'examples/classic/model.json'), '--data', join(ROOT, 'examples/classic/data.json')]);
  assert.equal(r.code, 0, r.stderr);
  const [head, row] = r.stdout.trim().split('\n');
  assert.equal(head, 'y1,y2');
  assert.deepEqual(row!.split(',').map((v) => Number(Number(v).toFixed(8))), [0.75136507, 0.77292847]);
  writeFileSync(join(tempDir(), 'unused'), '');
});

test('bpnet predict reads unlabelled inputs: JSON with "inputs" only, CSV with one column per input', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'in.json'), '{"inputs":[[0.05,0.1]]}');
  writeFileSync(join(dir, 'in.csv'), 'x1,x2\n0.05,0.1\n');
  for (const file of ['in.json', 'in.csv']) {
    const r = bpnet(['predict', '--model', join(ROOT, 'examples/classic/model.json'), '--data', join(dir, file), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as number[][])[0]!.map((v) => Number(v.toFixed(8))), [0.75136507, 0.77292847]);
  }
});
