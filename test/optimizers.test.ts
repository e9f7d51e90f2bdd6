/**
 * Update rules against an independent scalar implementation of a 2-2-1 sigmoid network with mse:
 * gradients written out by the chain rule in plain loops (no library code), then the formulas
 *   sgd: W ← W − η∇J;  momentum: v ← μv − η∇J, W ← W + v;  nesterov: v′ ← μv − η∇J, W ← W + μv′ − η∇J;
 *   adam: the usual bias-corrected moments.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDataset, Network, train, type OptimizerName } from '../src/index.ts';

const X = [[0.1, 0.7], [0.9, -0.3], [-0.5, 0.4]];
const T = [[0.2], [0.8], [0.5]];
// Parameters as one flat vector: W1 (2×2, row-major), b1 (2), W2 (1×2), b2 (1).
const initial = [0.15, -0.2, 0.25, 0.3, 0.1, -0.1, 0.4, -0.45, 0.05];
const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** ∂J/∂θ of J = (1/m)Σ ½(o − t)² + (λ/2)Σ W², by the chain rule, sample by sample. */
function gradient(p: number[], lambda: number): number[] {
  const g = new Array(p.length).fill(0);
  for (let s = 0; s < X.length; s++) {
    const [x1, x2] = X[s]!;
    const h = [sig(p[0]! * x1! + p[1]! * x2! + p[4]!), sig(p[2]! * x1! + p[3]! * x2! + p[5]!)];
    const o = sig(p[6]! * h[0]! + p[7]! * h[1]! + p[8]!);
    const dOut = (o - T[s]![0]!) * o * (1 - o);
    g[6] += dOut * h[0]!; g[7] += dOut * h[1]!; g[8] += dOut;
    for (let j = 0; j < 2; j++) {
      const dh = dOut * p[6 + j]! * h[j]! * (1 - h[j]!);
      g[2 * j] += dh * x1!; g[2 * j + 1] += dh * x2!; g[4 + j] += dh;
    }
  }
  return g.map((v, i) => v / X.length + (i < 4 || i === 6 || i === 7 ? lambda * p[i]! : 0));
}

function independent(optimizer: OptimizerName, steps: number, lr: number, lambda: number, mu = 0.9): number[] {
  const p = [...initial];
  const v = new Array(p.length).fill(0), m = new Array(p.length).fill(0), s2 = new Array(p.length).fill(0);
  for (let t = 1; t <= steps; t++) {
    const g = gradient(p, lambda);
    for (let i = 0; i < p.length; i++) {
      if (optimizer === 'sgd') p[i] -= lr * g[i]!;
      if (optimizer === 'momentum') { v[i] = mu * v[i] - lr * g[i]!; p[i] += v[i]; }
      if (optimizer === 'nesterov') { v[i] = mu * v[i] - lr * g[i]!; p[i] += mu * v[i] - lr * g[i]!; }
      if (optimizer === 'adam') {
        m[i] = 0.9 * m[i] + 0.1 * g[i]!;
        s2[i] = 0.999 * s2[i] + 0.001 * g[i]! ** 2;
        p[i] -= (lr * m[i] / (1 - 0.9 ** t)) / (Math.sqrt(s2[i] / (1 - 0.999 ** t)) + 1e-8);
      }
    }
  }
  return p;
}

async function library(optimizer: OptimizerName, steps: number, lr: number, lambda: number): Promise<number[]> {
  const net = Network.create({ inputs: 2, layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }], loss: 'mse' });
  const [l1, l2] = net.layers as [typeof net.layers[0], typeof net.layers[0]];
  l1.weights.set(initial.slice(0, 4)); l1.bias.set(initial.slice(4, 6));
  l2.weights.set(initial.slice(6, 8)); l2.bias.set(initial.slice(8));
  // Full batch: one epoch = one step.
  await train(net, createDataset(X, T), { optimizer, learningRate: lr, weightDecay: lambda, batchSize: 3, epochs: steps, shuffle: false });
  return [...l1.weights, ...l1.bias, ...l2.weights, ...l2.bias];
}

for (const [optimizer, steps, lr, lambda] of [
  ['sgd', 1, 0.5, 0], ['sgd', 1, 0.5, 0.1], ['momentum', 2, 0.5, 0], ['momentum', 2, 0.3, 0.05],
  ['nesterov', 3, 0.5, 0], ['adam', 3, 0.01, 0.01],
] as [OptimizerName, number, number, number][]) {
  test(`${steps} full-batch ${optimizer} step(s), η = ${lr}, λ = ${lambda}, match the formulas`, async () => {
    const expected = independent(optimizer, steps, lr, lambda);
    const actual = await library(optimizer, steps, lr, lambda);
    actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-14, `θ[${i}]: ${v} vs ${expected[i]}`));
    // The step really moved the weights (a test that cannot fail is a defect).
    assert.ok(Math.abs(actual[6]! - initial[6]!) > 1e-4);
  });
}
