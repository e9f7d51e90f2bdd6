/** Initialisation: each scheme draws from the distribution it documents, seeded and reproducible. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Network, type ActivationName, type InitName } from '../src/index.ts';

function stats(init: InitName, inputs: number, units: number, activation: ActivationName = 'tanh', epsilon?: number) {
  const net = Network.create({ inputs, layers: [{ units, activation }], loss: 'mse' }, { seed: 5, init, epsilon });
  const w = Array.from(net.layers[0]!.weights), b = Array.from(net.layers[0]!.bias);
  const mean = w.reduce((s, v) => s + v, 0) / w.length;
  const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
  return { w, b, mean, std: Math.sqrt(variance), max: Math.max(...w.map(Math.abs)) };
}

test('uniform: U(−0.12, 0.12) by default (the course), biases too', () => {
  const s = stats('uniform', 400, 100);
  assert.ok(s.max <= 0.12 && s.max > 0.119, `max |w| ${s.max}`);
  assert.ok(Math.abs(s.std - 0.12 / Math.sqrt(3)) < 0.002, `std ${s.std}`);
  assert.ok(s.b.some((v) => v !== 0) && s.b.every((v) => Math.abs(v) <= 0.12));
});

test('normal: N(0, ε²) with ε = 0.01 by default, or the ε given', () => {
  assert.ok(Math.abs(stats('normal', 400, 100).std - 0.01) < 0.0003);
  assert.ok(Math.abs(stats('normal', 400, 100, 'tanh', 0.5).std - 0.5) < 0.015);
});

test('xavier: U(±√(6/(in+out))), biases 0; he: N(0, 2/in), biases 0; auto picks he for relu', () => {
  const x = stats('xavier', 300, 100);
  const limit = Math.sqrt(6 / 400);
  assert.ok(x.max <= limit && x.max > 0.99 * limit);
  assert.ok(x.b.every((v) => v === 0));
  const h = stats('he', 300, 100);
  assert.ok(Math.abs(h.std - Math.sqrt(2 / 300)) < 0.003, `std ${h.std}`);
  assert.ok(h.b.every((v) => v === 0));
  assert.deepEqual(stats('auto', 30, 10, 'relu').w, stats('he', 30, 10, 'relu').w);
  assert.deepEqual(stats('auto', 30, 10, 'sigmoid').w, stats('xavier', 30, 10, 'sigmoid').w);
});

test('the same seed gives the same weights; another seed other weights', () => {
  const make = (seed: number) => Array.from(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'relu' }], loss: 'mse' }, { seed }).layers[0]!.weights);
  assert.deepEqual(make(7), make(7));
  assert.notDeepEqual(make(7), make(8));
});
