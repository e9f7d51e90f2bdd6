/**
 * Options: one schema per command, shared by the library and the CLI, checked in full before any
 * file is read; the same rule gives the same words in both.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDataset, evaluate, EVALUATE_SCHEMA, GRADCHECK_SCHEMA, gradientCheck, MODEL_SCHEMA, Network, train, TRAIN_SCHEMA, UPDATE_ORDERS } from '../src/index.ts';
import { bpnet } from './helpers.ts';

test('train checks every flag before reading a file: a bad activation is reported, not the missing data', () => {
  const r = bpnet(['train', '--layers', '2-2-1', '--activation', 'foo', '--data', '/nonexistent.csv', '--out', '/nonexistent/o.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--activation: expected one of sigmoid, tanh, relu/);
  for (const [flag, value] of [['--lr', '0'], ['--optimizer', 'rmsprop'], ['--update-order', 'random'], ['--seed', '1.5'], ['--epochs', '-1'], ['--loss', 'hinge']]) {
    const bad = bpnet(['train', '--layers', '2-2-1', flag!, value!, '--data', '/nonexistent.csv', '--out', '/nonexistent/o.json']);
    assert.equal(bad.code, 2, `${flag} ${value}: ${bad.stderr}`);
    assert.match(bad.stderr, new RegExp(`${flag}: expected`), `${flag} ${value}`);
  }
});

test('the library refuses the same values with the schema\'s words, naming the option', async () => {
  const net = Network.create({ inputs: 1, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' });
  const data = createDataset([[1]], [[1]]);
  await assert.rejects(train(net, data, { learningRate: 0 }), /learningRate: must be a positive number, got 0/);
  await assert.rejects(train(net, data, { updateOrder: 'random' as never }), /updateOrder: unknown update order "random" \(expected one of: simultaneous, sequential\)/);
  await assert.rejects(train(net, data, { epochs: -1 }), /epochs: must be an integer ≥ 0/);
  assert.deepEqual(TRAIN_SCHEMA.updateOrder, { kind: 'choice', what: 'update order', choices: UPDATE_ORDERS });
  assert.equal(MODEL_SCHEMA.activation.kind, 'choice');
});

test('eval and gradcheck: their schemas check the library call and the flags alike, before any file is read', () => {
  const net = Network.create({ inputs: 1, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' });
  const data = createDataset([[1]], [[1]]);
  assert.throws(() => evaluate(net, data, { weightDecay: -1 }), /weightDecay: must be a number ≥ 0, got -1/);
  assert.throws(() => evaluate(net, data, { regularization: 'l3' as never }), /regularization: unknown regularization "l3" \(expected one of: l2, l1\)/);
  assert.throws(() => gradientCheck(net, data, { step: 0 }), /step: must be a positive number, got 0/);
  assert.deepEqual(Object.keys(EVALUATE_SCHEMA), ['weightDecay', 'regularization']);
  assert.deepEqual(Object.keys(GRADCHECK_SCHEMA), ['step', 'weightDecay', 'floor']);
  for (const command of ['eval', 'gradcheck']) {
    const r = bpnet([command, '--model', '/nonexistent.json', '--data', '/nonexistent.csv', '--weight-decay', '-1']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^bpnet ${command}: --weight-decay: expected a number ≥ 0, got "-1"`));
  }
});
