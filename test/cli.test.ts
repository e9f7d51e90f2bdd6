/** The command line as a whole: help texts, version, gradcheck, JSON output contracts. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { bpnet, ROOT, tempDir } from './helpers.ts';

test('bpnet --help lists every command, and each command has --help', () => {
  const r = bpnet(['--help']);
  assert.equal(r.code, 0);
  const names = [...r.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]!);
  for (const name of ['train', 'eval', 'predict', 'init', 'gradcheck']) assert.ok(names.includes(name), `${name} listed`);
  for (const name of names) {
    const h = bpnet([name, '--help']);
    assert.equal(h.code, 0, name);
    assert.match(h.stdout, /Usage: bpnet/, name);
  }
  assert.match(bpnet(['--version']).stdout, /^\d+\.\d+\.\d+/);
});

test('bpnet gradcheck passes on the classic example', () => {
  const r = bpnet(['gradcheck', '--model', join(ROOT, 'examples/classic/model.json'), '--data', join(ROOT, 'examples/classic/data.json'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { maxRelativeError: number }[];
  assert.equal(report.length, 2);
  for (const l of report) assert.ok(l.maxRelativeError < 1e-6);
});

test('train --json prints exactly one JSON object per epoch with the documented keys', () => {
  const out = join(tempDir(), 'xor.json');
  const r = bpnet(['train', '--layers', '2-4-1', '--activation', 'tanh', '--data', join(ROOT, 'examples/xor/xor.csv'),
    '--optimizer', 'adam', '--lr', '0.05', '--epochs', '5', '--validation-split', '0.25', '--json', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 5);
  lines.forEach((line, i) => {
    const e = JSON.parse(line);
    assert.deepEqual(Object.keys(e), ['epoch', 'loss', 'accuracy', 'valLoss', 'valAccuracy', 'seconds']);
    assert.equal(e.epoch, i + 1);
    assert.equal(typeof e.loss, 'number');
    assert.equal(typeof e.valLoss, 'number');
  });
  const ev = bpnet(['eval', '--model', out, '--data', join(ROOT, 'examples/xor/xor.csv'), '--json']);
  assert.deepEqual(Object.keys(JSON.parse(ev.stdout)), ['loss', 'objective', 'accuracy', 'samples']);
});
