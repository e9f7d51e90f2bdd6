/**
 * The Trainer as the playground drives it: batch by batch (`nextBatch`), with η, batch size, λ and
 * the optimizer changed on a running network (`setOptions`), and the L1 penalty.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backward, createDataset, createTrace, evaluate, forward, lossAndDelta, Network, Trainer } from '../src/index.ts';

const data = createDataset(
  Array.from({ length: 10 }, (_, i) => [Math.cos(i), Math.sin(2 * i)]),
  Array.from({ length: 10 }, (_, i) => [i % 2]),
);
const spec = { inputs: 2, layers: [{ units: 3, activation: 'tanh' as const }, { units: 1, activation: 'sigmoid' as const }], loss: 'binary-cross-entropy' as const };
const params = (n: Network) => n.layers.flatMap((l) => [...l.weights, ...l.bias]);

test('nextBatch, batch by batch, is runEpoch exactly (shuffling, schedule, epoch count)', () => {
  const a = Network.create(spec, { seed: 2 }), b = a.clone();
  const options = { optimizer: 'adam' as const, learningRate: 0.05, batchSize: 3, seed: 7, schedule: { type: 'exponential' as const, factor: 0.5 } };
  const ta = new Trainer(a, data, options), tb = new Trainer(b, data, options);
  for (let e = 0; e < 3; e++) ta.runEpoch();
  let batches = 0;
  while (tb.epoch < 3) { tb.nextBatch(); batches++; }
  assert.equal(batches, 3 * 4); // ⌈10 / 3⌉ batches per epoch
  assert.deepEqual(params(b), params(a));
  assert.equal(tb.lastEpoch?.learningRate, 0.05 * 0.25);
  tb.nextBatch();
  assert.equal(tb.epochProgress, 3 + 3 / 10);
});

test('setOptions changes η, batch size, λ and the optimizer without touching the weights', () => {
  const a = Network.create(spec, { seed: 3 }), b = a.clone();
  // Changing η and the batch size before training = constructing with them.
  const ta = new Trainer(a, data, { optimizer: 'sgd', learningRate: 0.3, batchSize: 5, weightDecay: 0.01 });
  const tb = new Trainer(b, data, { optimizer: 'sgd', learningRate: 0.1, batchSize: 2 });
  tb.setOptions({ learningRate: 0.3, batchSize: 5, weightDecay: 0.01 });
  for (let k = 0; k < 6; k++) { ta.nextBatch(); tb.nextBatch(); }
  assert.deepEqual(params(b), params(a));
  // A new optimizer keeps the weights as they are and takes over from the next batch.
  const before = params(b);
  tb.setOptions({ optimizer: 'adam', learningRate: 0.01 });
  assert.deepEqual(params(b), before);
  assert.equal(tb.optimizer.name, 'adam');
  tb.nextBatch();
  assert.notDeepEqual(params(b), before);
  assert.throws(() => tb.setOptions({ learningRate: -1 }), /learningRate/);
  assert.throws(() => tb.setOptions({ batchSize: 1.5 }), /batchSize/);
});

test('L1: the gradient gains λ·sign(W) and the objective λ·Σ|W|', () => {
  const net = Network.create(spec, { seed: 4 });
  const grads = (o: { weightDecay?: number; regularization?: 'l1' | 'l2' }) => {
    const t = createTrace(net, data.size);
    t.a[0]!.set(data.inputs);
    forward(net, t);
    lossAndDelta(net, t, data.targets);
    backward(net, t, o);
    return t.gradW.map((g) => Array.from(g));
  };
  const plain = grads({}), l1 = grads({ weightDecay: 0.1, regularization: 'l1' });
  net.layers.forEach((l, i) => {
    for (let k = 0; k < l.weights.length; k++) {
      assert.ok(Math.abs(l1[i]![k]! - (plain[i]![k]! + 0.1 * Math.sign(l.weights[k]!))) < 1e-15);
    }
  });
  let abs = 0;
  for (const l of net.layers) for (const w of l.weights) abs += Math.abs(w);
  const e = evaluate(net, data, { weightDecay: 0.1, regularization: 'l1' });
  assert.ok(Math.abs(e.objective - (e.loss + 0.1 * abs)) < 1e-12);
});
