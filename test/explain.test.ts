/**
 * The explainer's trace of the classic 2-2-2 example against an independent scalar computation
 * written out here, weight by weight, as the tutorial does it by hand.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { displayWidth, explain, Network, networkFromJSON, renderMarkdown, renderText, type ScalarTrace } from '../src/index.ts';
import { classicByHand } from './classic-by-hand.ts';
import { ROOT } from './helpers.ts';

const classicModel = () => networkFromJSON(JSON.parse(readFileSync(join(ROOT, 'examples/classic/model.json'), 'utf8')));
const classicSample = { input: [0.05, 0.1], target: [0.01, 0.99] };

/** Only plain objects, arrays, strings, booleans, null and finite numbers: JSON keeps all of it. */
function assertPlainJSON(v: unknown, path: string): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') return assert.ok(Number.isFinite(v), `${path} is ${v}`);
  assert.ok(Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype, `${path} is not a plain array or object`);
  for (const [k, x] of Object.entries(v as object)) assertPlainJSON(x, `${path}.${k}`);
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 1e-15 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);

for (const order of ['simultaneous', 'sequential'] as const) {
  test(`classic example, ${order}: every number of the trace matches the hand computation`, () => {
    const hand = classicByHand(order === 'sequential');
    const trace = explain(classicModel(), classicSample, { updateOrder: order }) as ScalarTrace;
    assert.equal(trace.form, 'scalar');
    assert.equal(trace.example, 'classic');
    assert.equal(trace.learningRate, 0.5);
    const step = trace.steps[0]!;
    const [h1, h2] = step.forward[0]!, [o1, o2] = step.forward[1]!;
    close(h1!.net, hand.netH1, 'net h1');
    close(h2!.net, hand.netH2, 'net h2');
    close(h1!.out, hand.outH1, 'out h1');
    close(h2!.out, hand.outH2, 'out h2');
    close(o1!.net, hand.netO1, 'net o1');
    close(o2!.out, hand.outO2, 'out o2');
    assert.deepEqual(h1!.terms.map((t) => `${t.weight}·${t.input}`), ['w1·i1', 'w2·i2']);
    assert.deepEqual(o2!.terms.map((t) => `${t.weight}·${t.input}`), ['w7·h1', 'w8·h2']);
    close(step.loss.terms[0]!.value, hand.eO1, 'E o1');
    close(step.loss.total, hand.total, 'E total');
    const [outLayer, hidden] = step.backward;
    close(outLayer!.deltas[0]!.dEdOut, hand.dEdOutO1, '∂E/∂out o1');
    close(outLayer!.deltas[0]!.dOutdNet!, hand.dOutdNetO1, '∂out/∂net o1');
    close(outLayer!.deltas[1]!.delta, hand.dO2, 'δ o2');
    close(hidden!.deltas[0]!.dEdOut, hand.dEdOutH1, '∂E/∂out h1');
    close(hidden!.deltas[1]!.delta, hand.dH2, 'δ h2');
    for (const w of [...outLayer!.weights, ...hidden!.weights]) {
      close(w.grad, hand.grad[w.name as keyof typeof hand.grad], `∂E/∂${w.name}`);
      close(w.new, hand.next[w.name as keyof typeof hand.next], `${w.name}⁺`);
    }
    close(step.lossAfter, hand.after, 'E after');
    // The published figures, to the printed digits.
    assert.equal(h1!.net.toFixed(4), '0.3775');
    assert.equal(h1!.out.toFixed(9), '0.593269992');
    assert.equal(o1!.out.toFixed(8), '0.75136507');
    assert.equal(step.loss.total.toFixed(9), '0.298371109');
    assert.equal(outLayer!.weights[0]!.grad.toFixed(9), '0.082167041');
    assert.equal(outLayer!.weights[0]!.new.toFixed(8), '0.35891648');
    assert.equal(step.lossAfter.toFixed(9), order === 'simultaneous' ? '0.291027774' : '0.291027924');
    if (order === 'simultaneous') {
      assert.equal(hidden!.weights[0]!.new.toFixed(9), '0.149780716');
      assert.equal(hidden!.weights[3]!.new.toFixed(8), '0.29950229');
    }
  });
}

test('the one-hidden-neuron example: linear output gradient −0.222738301, new weight 0.422273830 (seed 002 erratum)', () => {
  const net = networkFromJSON(JSON.parse(readFileSync(join(ROOT, 'examples/linear/model.json'), 'utf8')));
  const trace = explain(net, { input: [0.5, 0.8], target: [0.8] }) as ScalarTrace;
  assert.equal(trace.example, 'linear');
  assert.equal(trace.learningRate, 0.1);
  // By hand: h = σ(0.5·0.3 + 0.8·0.6 + 0.1), out = 0.4·h + 0.2, ∂E/∂w = (out − 0.8)·h (linear: g′ = 1).
  const h = 1 / (1 + Math.exp(-(0.5 * 0.3 + 0.8 * 0.6 + 0.1)));
  const o = 0.4 * h + 0.2;
  const grad = (o - 0.8) * h;
  const w = trace.steps[0]!.backward[0]!.weights[0]!;
  assert.equal(w.name, 'w3');
  close(w.grad, grad, '∂E/∂w3');
  close(w.new, 0.4 - 0.1 * grad, 'w3⁺');
  assert.equal(w.grad.toFixed(9), '-0.222738301');
  assert.equal(w.new.toFixed(9), '0.422273830');
  assert.equal(trace.steps[0]!.backward[0]!.deltas[0]!.dOutdNet, 1);
  assert.deepEqual(trace.names.biases, [['b1'], ['b2']]);
  const note = trace.notes.find((n) => n.kind === 'errata-linear');
  assert.ok(note && note.kind === 'errata-linear');
  assert.equal(note.publishedGrad, -0.033);
  close(note.grad, grad, 'erratum gradient');
});

test('any small network: every ∂E/∂w of the trace matches a finite difference, every update is w − η·∂E/∂w', () => {
  // 3-4-3, tanh hidden, softmax + cross-entropy output, trainable biases: no textbook example.
  const net = Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 7 });
  const sample = { input: [0.3, -1.2, 0.8], target: [0, 1, 0] };
  const trace = explain(net, sample, { learningRate: 0.25 }) as ScalarTrace;
  assert.equal(trace.form, 'scalar');
  assert.equal(trace.example, null);
  const step = trace.steps[0]!;
  assert.equal(step.backward[0]!.deltas[0]!.rule, 'fused');
  // Independent loss: forward pass written out here over the model's parameters.
  const loss = (W: number[][], B: number[][]) => {
    const h = [0, 1, 2, 3].map((j) => Math.tanh(W[0]!.slice(j * 3, j * 3 + 3).reduce((s, w, i) => s + w * sample.input[i]!, B[0]![j]!)));
    const z = [0, 1, 2].map((k) => W[1]!.slice(k * 4, k * 4 + 4).reduce((s, w, j) => s + w * h[j]!, B[1]![k]!));
    const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    return -(z[1]! - lse);
  };
  const W = net.layers.map((l) => Array.from(l.weights)), B = net.layers.map((l) => Array.from(l.bias));
  close(step.loss.total, loss(W, B), 'E');
  for (const layer of step.backward) {
    for (const g of layer.weights) {
      const k = g.row * net.layers[g.layer]!.inputs + g.col, eps = 1e-6;
      const plus = W.map((r) => r.slice()), minus = W.map((r) => r.slice());
      plus[g.layer]![k]! += eps;
      minus[g.layer]![k]! -= eps;
      const numeric = (loss(plus, B) - loss(minus, B)) / (2 * eps);
      assert.ok(Math.abs(g.grad - numeric) < 1e-8, `${g.name}: ${g.grad} vs ${numeric}`);
      close(g.new, g.old - 0.25 * g.grad, `${g.name}⁺`);
      close(g.grad, g.delta * g.dNetdW, `${g.name} = δ·out`);
    }
    for (const dl of layer.deltas) if (dl.rule === 'chain') close(dl.delta, dl.dEdOut * dl.dOutdNet!, `δ ${dl.neuron}`);
    for (const b of layer.biases) close(b.new, b.old - 0.25 * b.grad, `${b.name}⁺`);
  }
  assert.deepEqual(trace.names.biases[0], ['b_h1', 'b_h2', 'b_h3', 'b_h4']);
  assertPlainJSON(trace, 'trace');
  // The caller's network is not trained.
  assert.deepEqual(Array.from(net.layers[0]!.weights), W[0]);
});

test('k steps: each step starts where the previous one ended', () => {
  const trace = explain(classicModel(), classicSample, { steps: 3 }) as ScalarTrace;
  assert.equal(trace.steps.length, 3);
  for (let s = 1; s < 3; s++) {
    close(trace.steps[s]!.loss.total, trace.steps[s - 1]!.lossAfter, `E before step ${s + 1}`);
    assert.deepEqual(trace.steps[s]!.backward[0]!.weights.map((w) => w.old), trace.steps[s - 1]!.backward[0]!.weights.map((w) => w.new));
  }
  assert.equal(trace.finalLoss, trace.steps[2]!.lossAfter);
  assert.throws(() => explain(classicModel(), classicSample, { steps: 0 }), /steps/);
  assert.throws(() => explain(classicModel(), { input: [1], target: [0, 1] }), /inputs/);
});

test('every activation × loss: the printed chain-rule factors multiply to the core\'s δ and ∂E/∂w', () => {
  const pairs = [
    ['sigmoid', 'mse'], ['tanh', 'mse'], ['linear', 'mse'], ['relu', 'mse'], ['leaky-relu', 'mse'], ['softmax', 'mse'],
    ['sigmoid', 'binary-cross-entropy'], ['softmax', 'binary-cross-entropy'], ['softmax', 'cross-entropy'], ['sigmoid', 'cross-entropy'],
  ] as const;
  for (const [output, loss] of pairs) {
    for (const hidden of ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'linear'] as const) {
      const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: hidden }, { units: 2, activation: output }], loss }, { seed: 11 });
      const trace = explain(net, { input: [0.7, -0.4], target: [1, 0] }) as ScalarTrace;
      const what = `${hidden}/${output}/${loss}`;
      for (const layer of trace.steps[0]!.backward) {
        for (const dl of layer.deltas) {
          if (dl.rule === 'chain') assert.ok(Math.abs(dl.delta - dl.dEdOut * dl.dOutdNet!) < 1e-12, `${what} δ ${dl.neuron}`);
          if (dl.rule === 'fused') {
            const o = trace.steps[0]!.forward[layer.layer]![dl.index]!.out;
            assert.ok(Math.abs(dl.delta - (o - trace.sample.target[dl.index]!)) < 1e-12, `${what} fused δ ${dl.neuron}`);
          }
          if (dl.rule === 'softmax-jacobian') {
            const outs = trace.steps[0]!.forward[layer.layer]!.map((n) => n.out);
            const S = layer.deltas.reduce((acc, x, k) => acc + x.dEdOut * outs[k]!, 0);
            assert.ok(Math.abs(dl.delta - outs[dl.index]! * (dl.dEdOut - S)) < 1e-12, `${what} softmax δ ${dl.neuron}`);
          }
          if (dl.paths) assert.ok(Math.abs(dl.dEdOut - dl.paths.reduce((s, p) => s + p.product, 0)) < 1e-12, `${what} Σ paths ${dl.neuron}`);
        }
        for (const g of layer.weights) assert.ok(Math.abs(g.grad - g.delta * g.dNetdW) < 1e-12, `${what} ${g.name}`);
      }
      for (const lang of ['en', 'zh'] as const) {
        const text = renderText(trace, { lang });
        assert.ok(text.split('\n').every((l) => displayWidth(l) <= 100), `${what} ${lang} width`);
        assert.ok(!/NaN|undefined|Infinity/.test(text + renderMarkdown(trace, { lang })), `${what} ${lang}`);
      }
    }
  }
});

test('a model with an inputTransform is explained on the inputs it sees: (x − mean) / std', () => {
  const json = JSON.parse(readFileSync(join(ROOT, 'examples/classic/model.json'), 'utf8'));
  const mean = [10, -4], std = [2, 0.5];
  const raw = { input: [0.05 * std[0]! + mean[0]!, 0.1 * std[1]! + mean[1]!], target: [0.01, 0.99] };
  const withTransform = explain(networkFromJSON({ ...json, inputTransform: { type: 'zscore', mean, std } }), raw, { learningRate: 0.5, form: 'scalar' }) as ScalarTrace;
  // The published example's inputs are 0.05 and 0.1: the transform brings the raw values back to them.
  const published = explain(networkFromJSON(json), { input: [0.05, 0.1], target: [0.01, 0.99] }, { learningRate: 0.5, form: 'scalar' }) as ScalarTrace;
  const o1 = (t: ScalarTrace) => t.steps[0]!.forward[1]![0]!.out;
  assert.ok(Math.abs(o1(withTransform) - 0.75136507) < 1e-8, String(o1(withTransform)));
  assert.ok(Math.abs(o1(withTransform) - o1(published)) < 1e-15);
});
