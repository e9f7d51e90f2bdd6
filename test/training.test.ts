/** The training loop: XOR, determinism, stopping criteria, schedules, cancellation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDataset, evaluate, learningRateAt, Network, train, type Dataset } from '../src/index.ts';

const xor = createDataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
const spec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' as const }, { units: 1, activation: 'sigmoid' as const }], loss: 'binary-cross-entropy' as const };

async function trainXor(seed: number) {
  const net = Network.create(spec, { seed });
  const result = await train(net, xor, { optimizer: 'sgd', learningRate: 0.5, batchSize: 4, epochs: 3000, seed, targetLoss: 0.005 });
  return { net, result };
}

test('a 2-4-1 network learns XOR to loss < 0.01 with a fixed seed', async () => {
  const { net, result } = await trainXor(1);
  const e = evaluate(net, xor);
  assert.ok(e.loss < 0.01, `loss ${e.loss}`);
  assert.equal(e.accuracy, 1);
  assert.equal(result.stopReason, 'target-loss');
});

test('the same seed twice gives bit-identical weights; another seed does not', async () => {
  const online = async (seed: number) => {
    const net = Network.create(spec, { seed });
    await train(net, xor, { optimizer: 'momentum', learningRate: 0.1, batchSize: 1, epochs: 200, seed });
    return net.layers.flatMap((l) => [...l.weights, ...l.bias]);
  };
  const a = await online(42), b = await online(42), c = await online(43);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('early stopping restores the best validation weights', async () => {
  // Noisy 1-D regression: a wide network overfits, so validation loss turns up.
  const rng = (i: number) => Math.sin(i * 12.9898) * 43758.5453 % 1;
  const x = Array.from({ length: 40 }, (_, i) => [i / 40]);
  const y = x.map(([v], i) => [Math.sin(6 * v!) * 0.5 + 0.3 * rng(i)]);
  const data: Dataset = createDataset(x, y);
  const net = Network.create({ inputs: 1, layers: [{ units: 64, activation: 'tanh' }, { units: 1, activation: 'linear' }], loss: 'mse' }, { seed: 3 });
  const result = await train(net, data, { optimizer: 'adam', learningRate: 0.05, epochs: 2000, batchSize: 8, validationSplit: 0.25, patience: 20 });
  assert.equal(result.stopReason, 'early-stopping');
  const best = Math.min(...result.history.map((h) => h.valLoss!));
  assert.equal(result.history[result.bestEpoch]!.valLoss, best);
  const val = createDataset(x.slice(30), y.slice(30));
  assert.ok(Math.abs(evaluate(net, val).loss - best) < 1e-12, 'the network holds the best epoch\'s weights');
});

test('learning-rate schedules: step and exponential decay', () => {
  assert.equal(learningRateAt(0.1, { type: 'step', every: 10, factor: 0.5 }, 9), 0.1);
  assert.equal(learningRateAt(0.1, { type: 'step', every: 10, factor: 0.5 }, 25), 0.025);
  assert.ok(Math.abs(learningRateAt(0.1, { type: 'exponential', factor: 0.9 }, 3) - 0.1 * 0.9 ** 3) < 1e-17);
});

test('callbacks report per batch and per epoch; an AbortSignal cancels after the current batch', async () => {
  const net = Network.create(spec, { seed: 1 });
  const controller = new AbortController();
  let batches = 0;
  const epochs: number[] = [];
  const result = await train(net, xor, {
    batchSize: 1, epochs: 100, signal: controller.signal,
    onBatch: () => { if (++batches === 6) controller.abort(); },
    onEpoch: (s) => { epochs.push(s.epoch); },
  });
  assert.equal(result.stopReason, 'cancelled');
  assert.equal(batches, 6);
  assert.deepEqual(epochs, [0, 1]);
});

test('invalid options fail with the option named', async () => {
  const net = Network.create(spec);
  await assert.rejects(train(net, xor, { learningRate: -1 }), /learningRate: must be a positive number/);
  await assert.rejects(train(net, xor, { batchSize: 0 }), /batchSize/);
  await assert.rejects(train(net, xor, { optimizer: 'rmsprop' as never }), /unknown optimizer "rmsprop"/);
  await assert.rejects(train(net, createDataset([[1, 2, 3]], [[1]])), /data has 3 inputs but the model expects 2/);
});
