/**
 * Explained steps with the optimizers, batches and weight decay of `bpnet train`, against an
 * independent scalar oracle (explain-oracle.ts): every number of the JSON trace to 1e-12 relative,
 * and every number printed in the text is one the oracle computed (or a setting: η, μ, λ, B…).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createDataset, explain, formatNumber as fmt, networkFromJSON, renderText,
  type ExplainOptions, type ParamUpdate, type ScalarTrace,
} from '../src/index.ts';
import { bpnet, tempDir } from './helpers.ts';
import { oracleSteps, type OracleNet, type OracleParam, type OracleSample, type OracleStep } from './explain-oracle.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const START: OracleNet = {
  W: [[[0.15, -0.2], [0.25, 0.3]], [[0.4, 0.45], [-0.5, 0.55]]],
  b: [[0.35, -0.1], [0.6, 0.2]],
};
const DATA: OracleSample[] = [
  { x: [0.05, 0.1], y: [0.01, 0.99] }, { x: [0.9, -0.3], y: [0.8, 0.1] },
  { x: [-0.4, 0.6], y: [0.3, 0.7] }, { x: [0.2, 0.2], y: [0.95, 0.05] },
];

const model = () => networkFromJSON({
  format: 'bpnet-model', version: 1, loss: 'mse',
  layers: START.W.map((W, l) => ({ type: 'dense', inputs: W[0]!.length, units: W.length, activation: 'sigmoid', weights: W, bias: START.b[l] })),
});

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected) + 1e-18, `${what}: ${actual} ≠ ${expected}`);
}

function checkUpdate(u: ParamUpdate, next: number, p: OracleParam, kind: string, what: string): void {
  u.perSample.forEach((g, i) => close(g, p.perSample[i]!, `${what} ∂E${i + 1}/∂w`));
  close(u.mean, p.mean, `${what} mean`);
  close(u.decay, p.decay, `${what} λ·w`);
  close(u.grad, p.grad, `${what} ∂J/∂w`);
  close(next, p.next, `${what}⁺`);
  const r = u.rule;
  assert.equal(r.kind, kind);
  if (r.kind === 'momentum' || r.kind === 'nesterov') { close(r.vOld, p.vOld, `${what} v₋`); close(r.v, p.v, `${what} v`); }
  if (r.kind === 'nesterov') close(r.change, p.change, `${what} μ·v − η·g`);
  if (r.kind === 'adam') {
    close(r.mOld, p.mOld, `${what} m₋`); close(r.m, p.m, `${what} m`); close(r.sOld, p.sOld, `${what} s₋`); close(r.s, p.s, `${what} s`);
    close(r.mHat, p.mHat, `${what} m̂`); close(r.sHat, p.sHat, `${what} ŝ`); close(r.change, p.change, `${what} change`);
  }
}

/** Every number of the trace against the oracle. */
function checkTrace(trace: ScalarTrace, oracle: OracleStep[], kind: string): void {
  assert.equal(trace.steps.length, oracle.length);
  trace.steps.forEach((step, s) => {
    const o = oracle[s]!;
    const where = `step ${s + 1}`;
    close(step.objective.J, o.J, `${where} J`); close(step.objective.mean, o.mean, `${where} mean E`); close(step.objective.penalty, o.penalty, `${where} penalty`);
    close(step.objectiveAfter.J, o.JAfter, `${where} J after`); close(step.objectiveAfter.penalty, o.penaltyAfter, `${where} penalty after`);
    step.objectiveAfter.losses.forEach((e, i) => close(e, o.lossesAfter[i]!, `${where} E${i + 1} after`));
    step.outputsAfter.forEach((a, k) => close(a, o.outputsAfter[0]![k]!, `${where} out_o${k + 1} after`));
    const passes = step.batch ?? [{ forward: step.forward, loss: step.loss, deltas: step.backward.map((b) => b.deltas) }];
    passes.forEach((p, i) => {
      const os = o.samples[i]!;
      close(p.loss.total, os.E, `${where} E${i + 1}`);
      p.forward.forEach((layer, l) => layer.forEach((n, j) => {
        close(n.net, os.z[l]![j]!, `${where} sample ${i + 1} net_${n.name}`);
        close(n.out, os.a[l + 1]![j]!, `${where} sample ${i + 1} out_${n.name}`);
      }));
      p.deltas.forEach((layer) => layer.forEach((dl) => close(dl.delta, os.delta[dl.layer]![dl.index]!, `${where} sample ${i + 1} δ_${dl.neuron}`)));
    });
    for (const b of step.backward) {
      for (const w of b.weights) checkUpdate(w.update, w.new, o.params[`${w.layer}:w:${w.row}:${w.col}`]!, kind, `${where} ${w.name}`);
      for (const x of b.biases) checkUpdate(x.update!, x.new, o.params[`${x.layer}:b:${x.index}`]!, kind, `${where} ${x.name}`);
    }
  });
}

/** Every number printed in the steps (before the notes) is an oracle value or a setting. */
function checkText(text: string, oracle: OracleStep[], settings: number[]): void {
  const known = new Set<string>();
  const add = (x: number) => { known.add(fmt(x)); known.add(fmt(-x)); };
  for (const o of oracle) {
    [o.J, o.mean, o.penalty, o.JAfter, o.meanAfter, o.penaltyAfter, ...o.lossesAfter, ...o.outputsAfter.flat()].forEach(add);
    for (const s of o.samples) [...s.z.flat(), ...s.a.flat(), ...s.delta.flat(), ...s.dEdOut.flat(), ...s.paths, ...s.terms, s.E].forEach(add);
    for (const s of o.samples) s.a.forEach((a) => a.forEach((x) => add(x * (1 - x)))); // σ′ = out·(1 − out)
    for (const p of Object.values(o.params)) [p.old, ...p.perSample, p.mean, p.decay, p.grad, p.vOld, p.v, p.change, p.mOld, p.m, p.sOld, p.s, p.mHat, p.sHat, p.next].forEach(add);
  }
  for (const d of DATA) [...d.x, ...d.y].forEach(add);
  [...settings, 0, 1, 2, 3, 4].forEach(add);
  const body = text.slice(0, text.search(/═══ Notes/) >>> 0);
  const numbers = body.match(/(?<![\w.⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉^])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?!\w|\.\d)/g) ?? [];
  assert.ok(numbers.length > 100, `only ${numbers.length} numbers found`);
  const unknown = numbers.filter((n) => !known.has(n) && !known.has(fmt(Number(n))));
  assert.deepEqual(unknown.slice(0, 10), [], `printed numbers the oracle did not compute: ${unknown.slice(0, 10).join(', ')}`);
}

function run(options: ExplainOptions & { batchSize: number }, samples: OracleSample[], kind: 'sgd' | 'momentum' | 'nesterov' | 'adam', lambda: number) {
  const data = createDataset(samples.map((s) => s.x), samples.map((s) => s.y));
  const trace = explain(model(), data, { ...options, steps: 2, form: 'scalar' }) as ScalarTrace;
  const oracle = oracleSteps(START, samples, { optimizer: kind, lr: options.learningRate!, momentum: options.momentum, lambda, batchSize: options.batchSize }, 2);
  checkTrace(trace, oracle, kind);
  const settings = [options.learningRate!, options.momentum ?? 0.9, lambda, 0.9, 0.999, 1e-8, 1 - 0.9, 1 - 0.999];
  checkText(renderText(trace, { lang: 'en', formulas: false }), oracle, settings);
  checkText(renderText(trace, { lang: 'zh', formulas: false }).replace('═══ 说明', '═══ Notes'), oracle, settings);
  return trace;
}

test('two full-batch momentum steps, λ = 0.001, μ = 0.9, η = 0.5 on 2 samples: every number matches the scalar oracle', () => {
  const trace = run({ optimizer: 'momentum', learningRate: 0.5, momentum: 0.9, weightDecay: 0.001, batchSize: 2 }, DATA.slice(0, 2), 'momentum', 0.001);
  assert.equal(trace.steps[1]!.rows.join(), '0,1');
  // v starts at 0, and the second step starts from the first step's v.
  const w1 = trace.steps.map((s) => s.backward[1]!.weights[0]!.update.rule);
  assert.ok(w1[0]!.kind === 'momentum' && w1[0].vOld === 0 && w1[1]!.kind === 'momentum' && w1[1].vOld === w1[0].v);
});

test('two full-batch nesterov steps (λ = 0.001): every number matches the scalar oracle', () => {
  run({ optimizer: 'nesterov', learningRate: 0.5, momentum: 0.9, weightDecay: 0.001, batchSize: 2 }, DATA.slice(0, 2), 'nesterov', 0.001);
});

test('two full-batch adam steps (λ = 0.001): moments, bias corrections and updates match the scalar oracle', () => {
  run({ optimizer: 'adam', learningRate: 0.05, weightDecay: 0.001, batchSize: 2 }, DATA.slice(0, 2), 'adam', 0.001);
});

test('two mini-batch SGD steps with B = 2 on 4 samples: consecutive batches, numbers match the scalar oracle', () => {
  const trace = run({ optimizer: 'sgd', learningRate: 0.5, batchSize: 2 }, DATA, 'sgd', 0);
  assert.deepEqual(trace.steps.map((s) => s.rows), [[0, 1], [2, 3]]);
});

test('bpnet explain --format json carries J before and after, per-weight gradient, decay, optimizer state and new weight', () => {
  const dir = tempDir();
  const m = join(dir, 'm.json'), d = join(dir, 'd.json');
  writeFileSync(m, JSON.stringify({ format: 'bpnet-model', version: 1, loss: 'mse', layers: START.W.map((W, l) => ({ type: 'dense', inputs: 2, units: 2, activation: 'sigmoid', weights: W, bias: START.b[l] })) }));
  writeFileSync(d, JSON.stringify({ inputs: DATA.slice(0, 2).map((s) => s.x), targets: DATA.slice(0, 2).map((s) => s.y) }));
  const r = bpnet(['explain', '--model', m, '--data', d, '--optimizer', 'momentum', '--momentum', '0.9', '--lr', '0.5',
    '--weight-decay', '0.001', '--batch-size', '2', '--steps', '2', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const trace = JSON.parse(r.stdout) as ScalarTrace;
  assert.equal(trace.optimizer.name, 'momentum');
  assert.equal(trace.batchSize, 2);
  assert.equal(trace.weightDecay, 0.001);
  checkTrace(trace, oracleSteps(START, DATA.slice(0, 2), { optimizer: 'momentum', lr: 0.5, momentum: 0.9, lambda: 0.001, batchSize: 2 }, 2), 'momentum');
});
