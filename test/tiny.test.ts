/**
 * The small-network fast path (src/core/tiny.ts) against the generic step it stands in for:
 * forward → lossAndDelta → backward → sgd through the reference kernel. Bit for bit: every z, a, δ,
 * gradient, loss and weight after many steps; and `train` groups the timing of short epochs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backward, createTrace, forward, lossAndDelta } from '../src/core/backprop.ts';
import { tinyStep, tinyStepApplies } from '../src/core/tiny.ts';
import { Rng } from '../src/core/rng.ts';
import { createDataset, Network, train, type NetworkSpec } from '../src/index.ts';

const SPECS: [string, NetworkSpec, number][] = [
  ['2-2-2 sigmoid, mse, fixed biases', { inputs: 2, layers: [{ units: 2, activation: 'sigmoid', trainBias: false }, { units: 2, activation: 'sigmoid', trainBias: false }], loss: 'mse' }, 0],
  ['2-8-8-1 tanh, sigmoid + binary cross-entropy', { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, 0],
  ['3-5-2 relu, linear, mse, weight decay', { inputs: 3, layers: [{ units: 5, activation: 'relu' }, { units: 2, activation: 'linear' }], loss: 'mse' }, 0.01],
  ['4-6-3 leaky-relu, sigmoid + cross-entropy', { inputs: 4, layers: [{ units: 6, activation: 'leaky-relu' }, { units: 3, activation: 'sigmoid' }], loss: 'cross-entropy' }, 0],
];

test('tinyStep is bit-identical to the generic step, trace and weights, over 200 steps', () => {
  for (const [name, spec, lambda] of SPECS) {
    const a = Network.create(spec, { seed: 4 }), b = a.clone();
    assert.ok(tinyStepApplies(a, 1), name);
    const ta = createTrace(a, 1), tb = createTrace(b, 1);
    const rng = new Rng(8);
    for (let step = 0; step < 200; step++) {
      const x = Array.from({ length: spec.inputs }, () => rng.next() * 2 - 1);
      const y = Float64Array.from({ length: a.outputSize }, () => (rng.next() < 0.5 ? 0.1 : 0.9));
      ta.a[0]!.set(x);
      tb.a[0]!.set(x);
      const lossA = tinyStep(a, ta, y, 0.3, lambda);
      forward(b, tb);
      const lossB = lossAndDelta(b, tb, y);
      backward(b, tb, { weightDecay: lambda });
      for (let l = b.layers.length - 1; l >= 0; l--) {
        b.kernel.axpy(b.layers[l]!.weights.length, -0.3, tb.gradW[l]!, b.layers[l]!.weights);
        if (b.layers[l]!.trainBias) b.kernel.axpy(b.layers[l]!.bias.length, -0.3, tb.gradB[l]!, b.layers[l]!.bias);
      }
      assert.equal(lossA, lossB, `${name}: loss at step ${step}`);
      for (const key of ['a', 'z', 'delta', 'gradW', 'gradB'] as const) {
        ta[key].forEach((arr, l) => assert.deepEqual(Array.from(arr), Array.from(tb[key][l]!), `${name}: ${key}[${l}] at step ${step}`));
      }
    }
    a.layers.forEach((l, i) => {
      assert.deepEqual(Array.from(l.weights), Array.from(b.layers[i]!.weights), `${name}: weights of layer ${i}`);
      assert.deepEqual(Array.from(l.bias), Array.from(b.layers[i]!.bias), `${name}: biases of layer ${i}`);
    });
  }
});

test('the fast path stays off where it does not apply: batches, softmax, float32', () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'softmax' }], loss: 'cross-entropy' });
  assert.equal(tinyStepApplies(net, 1), false);
  const plain = Network.create(SPECS[0]![1]);
  assert.equal(tinyStepApplies(plain, 2), false);
});

test('train times one-sample epochs in groups: every epoch gets positive, finite seconds', async () => {
  const data = createDataset([[0.05, 0.1]], [[0.01, 0.99]]);
  for (const epochs of [1, 2, 3, 100, 1001]) {
    const { history } = await train(Network.create(SPECS[0]![1], { seed: 1 }), data, { epochs, batchSize: 1, shuffle: false });
    assert.equal(history.length, epochs);
    for (const s of history) assert.ok(Number.isFinite(s.seconds) && s.seconds >= 0 && Number.isFinite(s.samplesPerSecond), `epochs ${epochs}: ${JSON.stringify(s)}`);
  }
  // Stopped inside a group (target loss), the last epochs are timed too.
  const { history, stopReason } = await train(Network.create(SPECS[0]![1], { seed: 1 }), data, { epochs: 5000, batchSize: 1, shuffle: false, targetLoss: 0.01 });
  assert.equal(stopReason, 'target-loss');
  assert.ok(history.every((s) => Number.isFinite(s.seconds)));
});
