/**
 * Backprop against central finite differences for every activation × loss combination the library
 * accepts, depths 1–4, with and without weight decay, including large |z|.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIVATION_NAMES, backward, createDataset, createTrace, forward, gradientCheck, lossAndDelta, LOSS_NAMES,
  losses, Network, Rng, type ActivationName, type LossName,
} from '../src/index.ts';

const hidden = ACTIVATION_NAMES.filter((a) => a !== 'softmax');

function randomData(rng: Rng, rows: number, inputs: number, outputs: number, loss: LossName, scale = 1) {
  const x = Array.from({ length: rows }, () => Array.from({ length: inputs }, () => rng.uniform(-scale, scale)));
  const y = Array.from({ length: rows }, () => {
    if (loss === 'cross-entropy') {
      const row = new Array(outputs).fill(0);
      row[rng.int(outputs)] = 1;
      return row;
    }
    return Array.from({ length: outputs }, () => rng.uniform(0.05, 0.95));
  });
  return createDataset(x, y);
}

function pairs(): [ActivationName, LossName][] {
  const out: [ActivationName, LossName][] = [];
  for (const loss of LOSS_NAMES) {
    for (const act of ACTIVATION_NAMES) {
      const allowed = losses[loss].outputActivations;
      if (!allowed || allowed.includes(act)) out.push([act, loss]);
    }
  }
  return out;
}

for (const [outputActivation, loss] of pairs()) {
  test(`gradient check: output ${outputActivation} with ${loss}, every hidden activation, depths 1–4`, () => {
    const rng = new Rng(7);
    for (let depth = 1; depth <= 4; depth++) {
      for (const act of hidden) {
        for (const lambda of [0, 0.3]) {
          const sizes = [3, 4, 5, 3].slice(0, depth);
          const outputs = outputActivation === 'softmax' || loss === 'cross-entropy' ? 3 : 2;
          const net = Network.create({
            inputs: 3,
            layers: [...sizes.slice(1).map((units) => ({ units, activation: act })), { units: outputs, activation: outputActivation }],
            loss,
          }, { seed: depth * 13 + lambda * 10, init: 'normal', epsilon: 0.8 });
          const data = randomData(rng, 5, 3, outputs, loss);
          const report = gradientCheck(net, data, { weightDecay: lambda });
          const checked = net.parameterCount - report.reduce((n, r) => n + r.kinks, 0);
          assert.ok(checked > 0.9 * net.parameterCount, `only ${checked} of ${net.parameterCount} parameters checked (the rest at ReLU kinks)`);
          for (const r of report) {
            assert.ok(r.maxRelativeError < 1e-6,
              `${act} hidden, depth ${depth}, λ=${lambda}: layer ${r.layer} ${r.worst} relative error ${r.maxRelativeError}`);
          }
        }
      }
    }
  });
}

test('gradient check with |z| > 30 (large weights and inputs)', () => {
  const rng = new Rng(3);
  for (const [act, outAct, loss] of [
    ['tanh', 'softmax', 'cross-entropy'], ['relu', 'linear', 'mse'], ['leaky-relu', 'sigmoid', 'binary-cross-entropy'],
    ['linear', 'softmax', 'cross-entropy'],
  ] as [ActivationName, ActivationName, LossName][]) {
    const net = Network.create({ inputs: 3, layers: [{ units: 4, activation: act }, { units: 3, activation: outAct }], loss },
      { seed: 5, init: 'normal', epsilon: 6 });
    const data = randomData(rng, 4, 3, 3, loss, 8);
    const trace = createTrace(net, 4);
    trace.a[0]!.set(data.inputs);
    forward(net, trace);
    const maxZ = Math.max(...trace.z.map((z) => Math.max(...Array.from(z, Math.abs))));
    assert.ok(maxZ > 30, `expected some |z| > 30, got ${maxZ}`);
    for (const r of gradientCheck(net, data, { weightDecay: 0.01 })) {
      assert.ok(r.maxRelativeError < 1e-6, `${act}/${outAct}/${loss}: layer ${r.layer} ${r.worst} ${r.maxRelativeError}`);
    }
  }
});

test('relu′(0) = 0: a unit with z exactly 0 passes no gradient back', () => {
  // Hidden unit 0 gets z = 0·x + 0 = 0 exactly; unit 1 gets z = x > 0.
  const net = Network.create({ inputs: 1, layers: [{ units: 2, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' });
  net.layers[0]!.weights.set([0, 1]);
  net.layers[0]!.bias.set([0, 0]);
  net.layers[1]!.weights.set([1, 1]);
  const trace = createTrace(net, 1);
  trace.a[0]!.set([2]);
  forward(net, trace);
  assert.equal(trace.z[0]![0], 0);
  lossAndDelta(net, trace, new Float64Array([5]));
  backward(net, trace);
  // (−0 from −3·0 is fine: compare by value.)
  assert.ok(trace.delta[0]![0] === 0 && trace.gradW[0]![0] === 0 && trace.gradB[0]![0] === 0);
  assert.equal(trace.delta[0]![1], (2 - 5) * 1); // (a − y)·w·relu′(2) with relu′ = 1
});

test('sigmoid, softmax and the log terms stay finite for |z| up to 1e4', () => {
  for (const [outAct, loss] of [['sigmoid', 'binary-cross-entropy'], ['softmax', 'cross-entropy'], ['sigmoid', 'mse'], ['softmax', 'binary-cross-entropy']] as [ActivationName, LossName][]) {
    const net = Network.create({ inputs: 1, layers: [{ units: 2, activation: outAct }], loss });
    net.layers[0]!.weights.set([1e4, -1e4]);
    for (const x of [1, -1]) {
      const trace = createTrace(net, 1);
      trace.a[0]!.set([x]);
      forward(net, trace);
      const l = lossAndDelta(net, trace, new Float64Array([0, 1]));
      backward(net, trace);
      assert.ok(Number.isFinite(l), `${outAct}/${loss}: loss ${l}`);
      for (const arr of [...trace.a, ...trace.delta, ...trace.gradW, ...trace.gradB]) {
        for (const v of arr) assert.ok(Number.isFinite(v), `${outAct}/${loss}: non-finite value`);
      }
      if (loss !== 'mse' && x === 1) assert.ok(l > 1e3, `${outAct}/${loss}: a confident wrong answer must cost ~1e4, got ${l}`);
    }
  }
});
