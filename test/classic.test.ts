/**
 * The classic 2-2-2 worked example (inputs 0.05/0.10, targets 0.01/0.99, sigmoid, mse, η = 0.5,
 * biases fixed), checked to 9 decimals through the public API and through the CLI.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDataset, evaluate, networkFromJSON, predict, train, type UpdateOrder } from '../src/index.ts';
import { bpnet, ROOT, round, tempDir } from './helpers.ts';

const modelPath = join(ROOT, 'examples/classic/model.json');
const dataPath = join(ROOT, 'examples/classic/data.json');
const data = createDataset([[0.05, 0.1]], [[0.01, 0.99]]);
const load = () => networkFromJSON(JSON.parse(readFileSync(modelPath, 'utf8')), modelPath);

async function run(updates: number, updateOrder: UpdateOrder) {
  const net = load();
  await train(net, data, { learningRate: 0.5, batchSize: 1, epochs: updates, shuffle: false, updateOrder });
  return { net, error: evaluate(net, data).loss, outputs: predict(net, data.inputs, 1)[0]! };
}

test('error before the first update is 0.298371109', () => {
  assert.equal(round(evaluate(load(), data).loss), 0.298371109);
});

test('correct backprop: 0.291027774 after one update', async () => {
  const { net, error } = await run(1, 'simultaneous');
  assert.equal(round(error), 0.291027774);
  // Updated weights of the published derivation (w5⁺, w1⁺, w4⁺).
  assert.equal(round(net.layers[1]!.weights[0]!, 8), 0.35891648);
  assert.equal(round(net.layers[0]!.weights[0]!, 9), 0.149780716);
  assert.equal(round(net.layers[0]!.weights[3]!, 8), 0.29950229);
  // Biases are frozen in this example.
  assert.equal(net.layers[0]!.bias[0], 0.35);
  assert.equal(net.layers[1]!.bias[1], 0.6);
});

test('correct backprop: 0.000035102 and outputs 0.015913620 / 0.984064274 after 10 000 updates', async () => {
  const { error, outputs } = await run(10_000, 'simultaneous');
  assert.equal(round(error), 0.000035102);
  assert.equal(round(outputs[0]!), 0.01591362);
  assert.equal(round(outputs[1]!), 0.984064274);
});

test('the published figures come from the sequential order, not from correct backprop', async () => {
  const one = await run(1, 'sequential');
  assert.equal(round(one.error), 0.291027924);
  const many = await run(10_000, 'sequential');
  assert.equal(round(many.error), 0.000035085);
  assert.equal(round(many.outputs[0]!), 0.015912196);
  assert.equal(round(many.outputs[1]!), 0.984065734);
});

test('bpnet train on the shipped example files reproduces the figures', () => {
  const dir = tempDir();
  for (const [order, epochs, expected] of [
    ['simultaneous', '1', 0.291027774], ['sequential', '1', 0.291027924],
    ['simultaneous', '10000', 0.000035102], ['sequential', '10000', 0.000035085],
  ] as const) {
    const out = join(dir, `${order}-${epochs}.json`);
    const r = bpnet(['train', '--model', modelPath, '--data', dataPath, '--lr', '0.5', '--batch-size', '1',
      '--epochs', epochs, '--no-shuffle', '--update-order', order, '--out', out, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const e = bpnet(['eval', '--model', out, '--data', dataPath, '--json']);
    assert.equal(e.code, 0, e.stderr);
    assert.equal(round(JSON.parse(e.stdout).loss), expected, `${order} × ${epochs}`);
    if (epochs === '10000') {
      const p = bpnet(['predict', '--model', out, '--data', dataPath, '--json']);
      assert.equal(p.code, 0, p.stderr);
      const outputs = (JSON.parse(p.stdout) as number[][])[0]!.map((v) => round(v));
      assert.deepEqual(outputs, order === 'simultaneous' ? [0.01591362, 0.984064274] : [0.015912196, 0.984065734]);
    }
  }
  const before = bpnet(['eval', '--model', modelPath, '--data', dataPath, '--json']);
  assert.equal(round(JSON.parse(before.stdout).loss), 0.298371109);
});
