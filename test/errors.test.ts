/** Bad input: each case gives a one-line message naming the file and field or line, and exit code 2. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bpnet, ROOT, tempDir } from './helpers.ts';

const dir = tempDir();
const classicModel = join(ROOT, 'examples/classic/model.json');
const classicData = join(ROOT, 'examples/classic/data.json');
const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const model = (layers: unknown) => JSON.stringify({ format: 'bpnet-model', version: 1, loss: 'mse', layers });
const layer = (extra: Record<string, unknown> = {}) => ({
  type: 'dense', inputs: 2, units: 2, activation: 'sigmoid', weights: [[0.1, 0.2], [0.3, 0.4]], bias: [0, 0], ...extra,
});

function expectInputError(args: string[], ...patterns: RegExp[]) {
  const r = bpnet(args);
  assert.equal(r.code, 2, `exit code 2 expected, got ${r.code}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const message = r.stderr.trim();
  assert.doesNotMatch(message, /\n\s+at /, 'no stack trace');
  for (const p of patterns) assert.match(message, p);
  return message;
}

test('malformed JSON names the file, line and column', () => {
  const bad = write('broken.json', '{"format": "bpnet-model",\n "version": 1,\n "loss": mse}');
  const msg = expectInputError(['eval', '--model', bad, '--data', classicData], /broken\.json/, /invalid JSON/, /line 3/);
  assert.equal(msg.split('\n').length, 1);
});

test('wrong weight shape names the layer and field', () => {
  const bad = write('shape.json', model([layer({ weights: [[0.1, 0.2], [0.3]] }), layer()]));
  expectInputError(['eval', '--model', bad, '--data', classicData], /shape\.json: layers\[0\]\.weights\[1\]: expected 2 numbers, got 1/);
  const chain = write('chain.json', model([layer(), layer({ inputs: 3, weights: [[1, 2, 3], [4, 5, 6]] })]));
  expectInputError(['eval', '--model', chain, '--data', classicData], /chain\.json: layers\[1\]\.inputs: inputs is 3 but the previous layer has 2 units/);
});

test('NaN or a string in the data names the row and column', () => {
  const bad = write('nan.json', '{"inputs":[[0.05,0.1],[0.2,"NaN"]],"targets":[[0.01,0.99],[0,1]]}');
  expectInputError(['eval', '--model', classicModel, '--data', bad], /nan\.json: inputs\[1\]\[1\]: expected a finite number, got "NaN"/);
  const csv = write('nan.csv', 'x1,x2,y\n0,1,1\n1,oops,0\n');
  expectInputError(['train', '--layers', '2-2-1', '--data', csv, '--out', join(dir, 'o.json')], /nan\.csv: line 3: column "x2": expected a finite number, got "oops"/);
});

test('unknown activation names the field and lists the valid ones', () => {
  const bad = write('act.json', model([layer({ activation: 'sigmod' }), layer()]));
  expectInputError(['eval', '--model', bad, '--data', classicData], /act\.json: layers\[0\]\.activation: unknown activation "sigmod"/, /sigmoid, tanh, relu/);
  expectInputError(['init', '--layers', '2-2-2', '--activation', 'sigmod', '--out', join(dir, 'i.json')], /--activation: expected one of/);
});

test('a negative learning rate is refused before anything is read', () => {
  expectInputError(['train', '--model', classicModel, '--data', classicData, '--lr', '-0.5', '--out', join(dir, 'x.json')], /--lr: expected a positive number, got "-0\.5"/);
});

test('a missing file is named', () => {
  expectInputError(['train', '--model', join(dir, 'nope.json'), '--data', classicData, '--out', join(dir, 'x.json')], /nope\.json: cannot read: no such file/);
  expectInputError(['eval', '--model', classicModel, '--data', join(dir, 'missing.csv')], /missing\.csv: cannot read: no such file/);
});

test('usage errors: unknown flag, unknown command, missing required flag', () => {
  expectInputError(['train', '--modle', classicModel], /Unknown option '--modle'/);
  assert.equal(bpnet(['trian']).code, 2);
  expectInputError(['eval', '--data', classicData], /--model is required/);
  expectInputError(['init', '--layers', '2-x', '--out', join(dir, 'i.json')], /--layers: expected sizes like 784-128-10/);
});

test('data that does not fit the model is refused with both sizes', () => {
  const data = write('three.json', '{"inputs":[[1,2,3]],"targets":[[0,1]]}');
  expectInputError(['train', '--model', classicModel, '--data', data, '--out', join(dir, 'x.json')], /three\.json: has 3 inputs per sample but the model .*model\.json expects 2/);
});

test('an --out that cannot be written is refused before training starts', () => {
  expectInputError(['train', '--model', classicModel, '--data', classicData, '--epochs', '100000', '--out', dir], /cannot write: is a directory, expected a file/);
});

test('training that diverges stops with a clear message and writes no model full of nulls', () => {
  const out = join(dir, 'diverged.json');
  expectInputError(['train', '--layers', '2-8-1', '--activation', 'relu', '--output-activation', 'linear', '--loss', 'mse',
    '--data', join(ROOT, 'examples/xor/xor.csv'), '--lr', '1000', '--epochs', '60', '--quiet', '--out', out], /training diverged: the loss became (NaN|Infinity)/);
  assert.throws(() => readFileSync(out), /ENOENT/);
});

test('softmax on a single output unit is refused', () => {
  expectInputError(['train', '--layers', '2-3-1', '--loss', 'cross-entropy', '--data', join(ROOT, 'examples/xor/xor.csv'), '--out', join(dir, 's.json')],
    /softmax needs at least 2 output units/);
});

test('gradcheck refuses data that does not fit the model, and train names both files', () => {
  expectInputError(['gradcheck', '--model', classicModel, '--data', join(ROOT, 'examples/xor/xor.csv')], /data has 2 inputs and 1 targets, the model 2 inputs and 2 outputs/);
  expectInputError(['train', '--model', classicModel, '--data', join(ROOT, 'examples/xor/xor.csv'), '--out', join(dir, 'x.json')], /xor\.csv: has 1 targets per sample but the model .*model\.json has 2 outputs/);
});
