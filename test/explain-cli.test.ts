/**
 * `bpnet explain` as a user runs it: the classic example's JSON trace against the hand computation,
 * the sequential variant reaching the published 0.291027924, the linear example's erratum, the
 * locale default, files and usage errors.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ScalarTrace } from '../src/index.ts';
import { classicByHand } from './classic-by-hand.ts';
import { bpnet, ROOT, tempDir } from './helpers.ts';

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 1e-15 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);

test('bpnet explain --example classic --format json: every number matches the hand computation and the published figures', () => {
  const r = bpnet(['explain', '--example', 'classic', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const trace = JSON.parse(r.stdout) as ScalarTrace;
  const hand = classicByHand();
  const step = trace.steps[0]!;
  const neuron = (name: string) => step.forward.flat().find((n) => n.name === name)!;
  const weight = (name: string) => step.backward.flatMap((b) => b.weights).find((w) => w.name === name)!;
  close(neuron('h1').net, hand.netH1, 'net h1');
  close(neuron('h1').out, hand.outH1, 'out h1');
  close(neuron('h2').out, hand.outH2, 'out h2');
  close(neuron('o1').out, hand.outO1, 'out o1');
  close(neuron('o2').net, hand.netO2, 'net o2');
  close(step.loss.total, hand.total, 'E total');
  close(step.backward[0]!.deltas[0]!.delta, hand.dO1, 'δ o1');
  close(step.backward[1]!.deltas[0]!.dEdOut, hand.dEdOutH1, '∂E/∂out h1');
  close(step.backward[1]!.deltas[1]!.delta, hand.dH2, 'δ h2');
  for (const w of ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'] as const) {
    close(weight(w).grad, hand.grad[w], `∂E/∂${w}`);
    close(weight(w).new, hand.next[w], `${w}⁺`);
  }
  close(step.lossAfter, hand.after, 'E after');
  // The figures of the published derivation, to the digits it prints.
  const fixed = (x: number, d: number) => Number(x.toFixed(d));
  assert.equal(fixed(neuron('h1').net, 4), 0.3775);
  assert.equal(fixed(neuron('h1').out, 9), 0.593269992);
  assert.equal(fixed(neuron('o1').out, 8), 0.75136507);
  assert.equal(fixed(step.loss.total, 9), 0.298371109);
  assert.equal(fixed(weight('w5').grad, 9), 0.082167041);
  assert.equal(fixed(weight('w5').new, 8), 0.35891648);
  assert.equal(fixed(weight('w1').new, 9), 0.149780716);
  assert.equal(fixed(weight('w4').new, 8), 0.29950229);
  assert.equal(fixed(step.lossAfter, 9), 0.291027774);
  assert.equal(trace.learningRate, 0.5);
  const note = trace.notes.find((n) => n.kind === 'update-order');
  assert.ok(note && note.kind === 'update-order' && note.published === 0.291027924);
  close(note.otherLossAfter, classicByHand(true).after, 'sequential E after');
});

test('--update-order sequential: the hidden deltas use w5⁺…w8⁺ and the error reaches 0.291027924', () => {
  const r = bpnet(['explain', '--example', 'classic', '--update-order', 'sequential', '--lang', 'en', '--no-formulas']);
  assert.equal(r.code, 0, r.stderr);
  const seq = classicByHand(true);
  assert.ok(r.stdout.includes(`∂E_o1/∂out_h1    = δ_o1·w5⁺ = 0.138498562·0.35891648 = ${(seq.dO1 * seq.next.w5).toFixed(9)}`));
  assert.ok(r.stdout.includes(`δ_h1             = ∂E_total/∂out_h1 · ∂out_h1/∂net_h1 = 0.030229739·0.241300709 = ${seq.dH1.toFixed(9)}`));
  assert.ok(r.stdout.includes('Sequential order: w5, w6, w7, w8 are replaced by their new values now'));
  assert.match(r.stdout, /── After the update ──[\s\S]*E_total = 0\.291027924/);
  assert.ok(r.stdout.includes('This is the figure the classic tutorial prints, 0.291027924'));
  assert.match(r.stdout, /gives:\n  E_total = 0\.291027774/);
  assert.ok(!r.stdout.includes('General formulas'));
});

test('bpnet explain --example linear: the erratum of the seed (−0.033 → −0.222738301, 0.4033 → 0.42227383)', () => {
  const r = bpnet(['explain', '--example', 'linear', '--lang', 'en']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes('Learning rate: η = 0.1'));
  assert.ok(r.stdout.includes('∂E_total/∂w3 = -0.222738301'));
  assert.ok(r.stdout.includes('w3⁺          = 0.4 − 0.1·(-0.222738301) = 0.42227383'));
  assert.ok(r.stdout.includes('as −0.033 and the new weight as 0.4033'));
});

test('language: --lang, else LC_ALL / LC_MESSAGES / LANG', () => {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
  try {
    delete process.env.LC_ALL;
    delete process.env.LC_MESSAGES;
    process.env.LANG = 'zh_CN.UTF-8';
    const zh = bpnet(['explain', '--example', 'classic', '--no-formulas']);
    assert.equal(zh.code, 0, zh.stderr);
    for (const word of ['前向传播', '反向传播', '计算误差', '学习率', '权重更新', '0.291027774']) assert.ok(zh.stdout.includes(word), word);
    process.env.LC_ALL = 'en_US.UTF-8';
    assert.ok(bpnet(['explain', '--example', 'classic', '--no-formulas']).stdout.includes('Forward pass'));
    assert.ok(bpnet(['explain', '--example', 'classic', '--no-formulas', '--lang', 'zh']).stdout.includes('前向传播'));
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});

test('--model and --data (CSV), --sample, --steps, --format markdown --out', () => {
  const dir = tempDir();
  const model = join(dir, 'm.json'), out = join(dir, 'explain.md');
  assert.equal(bpnet(['init', '--layers', '2-2-1', '--activation', 'sigmoid', '--loss', 'mse', '--out', model]).code, 0);
  const r = bpnet(['explain', '--model', model, '--data', join(ROOT, 'examples/xor/xor.csv'), '--sample', '4', '--steps', '2',
    '--batch-size', '1', '--lr', '0.7', '--format', 'markdown', '--lang', 'en', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const md = readFileSync(out, 'utf8');
  assert.ok(md.startsWith('# Backpropagation by hand: the 2-2-1 network'));
  assert.ok(md.includes('Training sample 4: inputs: $i_{1} = 1$, $i_{2} = 1$'));
  assert.ok(md.includes('## Step 2 of 2') && md.includes('$\\eta = 0.7$'));
});

test('usage errors exit 2 with a message', () => {
  for (const [args, message] of [
    [['--example', 'classic', '--model', 'm.json'], /either --example or --model/],
    [['--example', 'nope'], /--example: expected one of classic, linear/],
    [[], /--example NAME, or --model FILE and --data FILE/],
    [['--example', 'classic', '--sample', '2'], /--sample: expected a sample from 1 to 1, got 2/],
    [['--example', 'classic', '--sample', '0'], /--sample: expected a positive integer/],
    [['--example', 'classic', '--steps', '101'], /at most 100 steps/],
    [['--example', 'classic', '--lang', 'fr'], /--lang: expected one of en, zh/],
    [['--example', 'classic', '--lr', '-1'], /--lr: expected a positive number/],
  ] as const) {
    const r = bpnet(['explain', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
