/**
 * bpnet export / bpnet import on the command line: every format written, onnx/tfjs/mat read back to
 * the model that was exported (export → import → export writes the same bytes), errors exit 2.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cases } from './export-helpers.ts';
import { bpnet, tempDir } from './helpers.ts';

test('bpnet export writes onnx, tfjs, js and mat; import reads onnx, tfjs and mat back to the same files', () => {
  const dir = tempDir();
  const c = cases()[0]!;
  const model = join(dir, 'm.json');
  writeFileSync(model, JSON.stringify(c.json));
  for (const [format, out, files] of [
    ['onnx', 'm.onnx', ['m.onnx']], ['tfjs', 'tf/model.json', ['tf/model.json', 'tf/model.weights.bin']], ['js', 'm.mjs', ['m.mjs']],
  ] as const) {
    const r = bpnet(['export', '--model', model, '--format', format, '--out', join(dir, out)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`wrote ${files.map((f) => join(dir, f)).join(', ')} \\(${format}, 5-4-6-3\\)`));
  }
  for (const [format, file] of [['onnx', 'm.onnx'], ['tfjs', 'tf/model.json']] as const) {
    const back = join(dir, `back-${format}.json`);
    const imp = bpnet(['import', '--format', format, join(dir, file), '--out', back]);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stderr, /5-4-6-3 \(75 parameters\)/);
    const json = JSON.parse(readFileSync(back, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(json.classLabels, c.json.classLabels);
    assert.deepEqual(json.inputTransform, c.json.inputTransform);
    const again = join(dir, `again-${format}`);
    assert.equal(bpnet(['export', '--model', back, '--format', format, '--out', join(again, file.split('/').pop()!)]).code, 0);
    assert.deepEqual(readFileSync(join(again, file.split('/').pop()!)), readFileSync(join(dir, file)));
  }
});

test('bpnet export --format mat = export-weights; import --format mat = import-weights', () => {
  const dir = tempDir();
  const c = cases()[3]!; // sigmoid → softmax: mat warns that it is read as sigmoid
  const model = join(dir, 'm.json');
  writeFileSync(model, JSON.stringify(c.json));
  const r = bpnet(['export', '--model', model, '--format', 'mat', '--out', join(dir, 'a.mat')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: this model uses softmax/);
  assert.equal(bpnet(['export-weights', '--model', model, '--out', join(dir, 'b.mat')]).code, 0);
  assert.deepEqual(readFileSync(join(dir, 'a.mat')), readFileSync(join(dir, 'b.mat')));
  assert.equal(bpnet(['import', '--format', 'mat', join(dir, 'a.mat'), '--out', join(dir, 'a.json')]).code, 0);
  assert.equal(bpnet(['import-weights', join(dir, 'a.mat'), '--out', join(dir, 'b.json')]).code, 0);
  assert.deepEqual(readFileSync(join(dir, 'a.json'), 'utf8'), readFileSync(join(dir, 'b.json'), 'utf8'));
});

test('bpnet export / import: bad usage and bad files exit 2 with one line naming the problem', () => {
  const dir = tempDir();
  const model = join(dir, 'm.json');
  writeFileSync(model, JSON.stringify(cases()[2]!.json));
  const fmt = bpnet(['export', '--model', model, '--format', 'keras', '--out', join(dir, 'x')]);
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /--format: expected one of onnx, tfjs, js, mat, got "keras"/);
  const js = bpnet(['import', '--format', 'js', model, '--out', join(dir, 'x.json')]);
  assert.equal(js.code, 2);
  assert.match(js.stderr, /--format: expected one of onnx, tfjs, mat, got "js"/);
  writeFileSync(join(dir, 'bad.onnx'), 'not onnx at all');
  const bad = bpnet(['import', '--format', 'onnx', join(dir, 'bad.onnx'), '--out', join(dir, 'x.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\.onnx.*not a valid ONNX/);
  const missing = bpnet(['import', '--format', 'tfjs', join(dir, 'none.json'), '--out', join(dir, 'x.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /none\.json.*no such file/);
});
