/**
 * Class labels and input normalisation travel in the model file: `bpnet train` writes them,
 * `bpnet predict` prints the label, `bpnet eval` applies the stored inputTransform.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Network, Rng } from '../src/node.ts';
import { bpnet, tempDir } from './helpers.ts';

/** Three colours in two features of very different scales (so that normalisation matters). */
function colours(dir: string): { train: string; inputs: string; rows: number[][] } {
  const rng = new Rng(7);
  const centres: Record<string, [number, number]> = { red: [10, 1000], green: [60, 3000], blue: [90, 500] };
  const rows: number[][] = [];
  const lines = ['width,"weight, g",colour'];
  for (let i = 0; i < 90; i++) {
    const name = Object.keys(centres)[i % 3]!;
    const [a, b] = centres[name]!;
    const row = [a + 8 * rng.uniform(-1, 1), b + 300 * rng.uniform(-1, 1)];
    rows.push(row);
    lines.push(`${row[0]},${row[1]},"${name}"`);
  }
  const train = join(dir, 'colours.csv'), inputs = join(dir, 'new.csv');
  writeFileSync(train, lines.join('\r\n') + '\r\n');
  writeFileSync(inputs, 'width,"weight, g"\n12,1100\n58,2900\n88,450\n');
  return { train, inputs, rows };
}

test('train writes classLabels and a zscore inputTransform; predict prints labels; eval applies the transform', () => {
  const dir = tempDir();
  const { train, inputs, rows } = colours(dir);
  const model = join(dir, 'm.json');
  const t = bpnet(['train', '--layers', '2-8-3', '--data', train, '--normalize', 'zscore', '--optimizer', 'adam', '--lr', '0.05', '--epochs', '60', '--quiet', '--out', model]);
  assert.equal(t.code, 0, t.stderr);
  const json = JSON.parse(readFileSync(model, 'utf8'));
  assert.deepEqual(json.classLabels, ['blue', 'green', 'red']);
  // The stored mean and std equal an independent computation over the training rows.
  assert.equal(json.inputTransform.type, 'zscore');
  for (let j = 0; j < 2; j++) {
    const mean = rows.reduce((s, r) => s + r[j]!, 0) / rows.length;
    const std = Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean) ** 2, 0) / rows.length);
    assert.ok(Math.abs(json.inputTransform.mean[j] - mean) < 1e-9 * Math.abs(mean));
    assert.ok(Math.abs(json.inputTransform.std[j] - std) < 1e-9 * std);
  }
  const p = bpnet(['predict', '--model', model, '--data', inputs]);
  assert.equal(p.code, 0, p.stderr);
  const lines = p.stdout.trim().split('\n');
  assert.equal(lines[0], 'blue,green,red,label');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').at(-1)), ['red', 'green', 'blue']);
  // eval on the raw training data gives the library's evaluate of the loaded model (transform applied).
  const e = JSON.parse(bpnet(['eval', '--model', model, '--data', train, '--json']).stdout) as { loss: number; accuracy: number };
  const net = Network.fromJSON(json);
  const outputs = net.predict(rows);
  const loss = outputs.reduce((s, o, i) => s - Math.log(o[['blue', 'green', 'red'].indexOf(['red', 'green', 'blue'][i % 3]!)]!), 0) / rows.length;
  assert.ok(Math.abs(e.loss - loss) < 1e-9, `${e.loss} vs ${loss}`);
  assert.equal(e.accuracy, 1);
});

test('--normalize minmax stores min and max; a bad value is a usage error', () => {
  const dir = tempDir();
  const { train, rows } = colours(dir);
  const model = join(dir, 'mm.json');
  assert.equal(bpnet(['train', '--layers', '2-3', '--data', train, '--normalize', 'minmax', '--epochs', '1', '--quiet', '--out', model]).code, 0);
  const t = JSON.parse(readFileSync(model, 'utf8')).inputTransform;
  assert.deepEqual(t, { type: 'minmax', min: [0, 1].map((j) => Math.min(...rows.map((r) => r[j]!))), max: [0, 1].map((j) => Math.max(...rows.map((r) => r[j]!))) });
  const bad = bpnet(['train', '--layers', '2-3', '--data', train, '--normalize', 'l2', '--out', model]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--normalize/);
});

test('eval maps a CSV class column onto the model classLabels, even when the file lacks a class', () => {
  const dir = tempDir();
  const { train } = colours(dir);
  const model = join(dir, 'm.json');
  assert.equal(bpnet(['train', '--layers', '2-8-3', '--data', train, '--normalize', 'zscore', '--optimizer', 'adam', '--lr', '0.05', '--epochs', '60', '--quiet', '--out', model]).code, 0);
  // Only red and blue, red first: sorted on its own this file would be 2 classes [blue, red].
  const rows = [[12, 1100, 'red'], [88, 450, 'blue'], [9, 950, 'red']] as const;
  const test2 = join(dir, 'two.csv');
  writeFileSync(test2, 'width,"weight, g",colour\n' + rows.map((r) => r.join(',')).join('\n') + '\n');
  const e = bpnet(['eval', '--model', model, '--data', test2, '--json']);
  assert.equal(e.code, 0, e.stderr);
  const result = JSON.parse(e.stdout) as { loss: number; accuracy: number; samples: number };
  const net = Network.fromJSON(JSON.parse(readFileSync(model, 'utf8')));
  const outputs = net.predict(rows.map((r) => [r[0], r[1]]));
  const expected = outputs.reduce((s, o, i) => s - Math.log(o[['blue', 'green', 'red'].indexOf(rows[i]![2])]!), 0) / rows.length;
  assert.equal(result.samples, 3);
  assert.ok(Math.abs(result.loss - expected) < 1e-9, `${result.loss} vs ${expected}`);
  assert.equal(result.accuracy, 1);
  // A class the model does not know is an error naming the line.
  writeFileSync(test2, 'width,"weight, g",colour\n12,1100,purple\n');
  const bad = bpnet(['eval', '--model', model, '--data', test2]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /two\.csv: line 2: column "colour": "purple" is not one of the model's classes \(blue, green, red\)/);
});
