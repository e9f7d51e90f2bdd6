/**
 * The one-hidden-neuron example (seed 002): inputs 0.5/0.8, hidden sigmoid w = 0.3/0.6, b = 0.1,
 * linear output w = 0.4, b = 0.2, target 0.8, mse, η = 0.1. The tutorial's −0.033 / 0.4033 for the
 * output weight is wrong for a linear output; the correct gradient is (out − t)·a.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { backward, createDataset, createTrace, forward, lossAndDelta, networkFromJSON, train } from '../src/index.ts';
import { ROOT, round } from './helpers.ts';

const load = () => networkFromJSON(JSON.parse(readFileSync(join(ROOT, 'examples/linear/model.json'), 'utf8')));

// Independent scalar computation of the same example.
const z = 0.5 * 0.3 + 0.8 * 0.6 + 0.1;
const a = 1 / (1 + Math.exp(-z));
const out = 0.4 * a + 0.2;
const error = 0.5 * (out - 0.8) ** 2;
const gradOutputWeight = (out - 0.8) * a;

test('forward values: z = 0.73, a ≈ 0.675, output ≈ 0.47, error ≈ 0.0545', () => {
  const net = load();
  const trace = createTrace(net, 1);
  trace.a[0]!.set([0.5, 0.8]);
  forward(net, trace);
  assert.equal(round(trace.z[0]![0]!, 12), 0.73);
  assert.equal(round(trace.a[1]![0]!, 3), 0.675);
  assert.equal(round(trace.a[2]![0]!, 2), 0.47);
  assert.equal(round(lossAndDelta(net, trace, new Float64Array([0.8])), 4), 0.0545);
  assert.equal(round(trace.a[2]![0]!, 12), round(out, 12));
});

test('the output-weight gradient is (out − t)·a ≈ −0.2227, not −0.033', () => {
  const net = load();
  const trace = createTrace(net, 1);
  trace.a[0]!.set([0.5, 0.8]);
  forward(net, trace);
  lossAndDelta(net, trace, new Float64Array([0.8]));
  backward(net, trace);
  assert.equal(round(trace.gradW[1]![0]!, 9), -0.222738301);
  assert.equal(round(trace.gradW[1]![0]!, 12), round(gradOutputWeight, 12));
  assert.equal(round(trace.gradW[1]![0]!, 4), -0.2227);
  assert.notEqual(round(trace.gradW[1]![0]!, 3), -0.033);
  assert.equal(round(error, 4), 0.0545);
});

test('one update with η = 0.1 gives the output weight 0.422273830', async () => {
  const net = load();
  await train(net, createDataset([[0.5, 0.8]], [[0.8]]), { learningRate: 0.1, batchSize: 1, epochs: 1, shuffle: false });
  assert.equal(round(net.layers[1]!.weights[0]!, 9), 0.42227383);
  assert.equal(round(net.layers[1]!.weights[0]!, 12), round(0.4 - 0.1 * gradOutputWeight, 12));
});
