/**
 * The Chinese derivation as the seed articles write it: for six networks (classic, linear, 2-3-2
 * tanh + softmax + cross-entropy, a ReLU net, momentum with λ, a batch of 2) no English word of 3+
 * letters outside function and symbol names (code spans aside), the articles' terms, samples
 * counted from 1, and the same numbers in the same order as the English text. Usage errors and
 * --help in Chinese.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDataset, explain, Network, networkFromJSON, renderText, type ExplainOptions, type ExplainSource } from '../src/index.ts';
import { bpnet, ROOT } from './helpers.ts';

/** Function and symbol names allowed in Chinese text (and the program's name). */
const ALLOWED = new Set(['out', 'net', 'total', 'target', 'sigmoid', 'Sigmoid', 'tanh', 'ReLU', 'relu', 'softmax', 'Softmax', 'mse',
  'Logistic', 'Adam', 'Nesterov', 'max', 'exp', 'bpnet']);

const example = (name: string) => {
  const net = networkFromJSON(JSON.parse(readFileSync(join(ROOT, 'examples', name, 'model.json'), 'utf8')));
  const d = JSON.parse(readFileSync(join(ROOT, 'examples', name, 'data.json'), 'utf8')) as { inputs: number[][]; targets: number[][] };
  return { net, source: { input: d.inputs[0]!, target: d.targets[0]!, index: 0 } as ExplainSource };
};

function networks(): { name: string; net: Network; source: ExplainSource; options: ExplainOptions }[] {
  const two = createDataset([[0.05, 0.1], [0.9, -0.3]], [[0.01, 0.99], [0.8, 0.1]]);
  const sig = Network.create({ inputs: 2, layers: [{ units: 2, activation: 'sigmoid' }, { units: 2, activation: 'sigmoid' }], loss: 'mse' }, { seed: 5 });
  return [
    { name: 'classic', ...example('classic'), options: {} },
    { name: 'linear', ...example('linear'), options: {} },
    {
      name: '2-3-2 tanh + softmax + cross-entropy',
      net: Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 3 }),
      source: { input: [0.4, -0.7], target: [0, 1] }, options: {},
    },
    {
      name: 'ReLU', net: Network.create({ inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' }, { seed: 2 }),
      source: { input: [0.5, 0.2], target: [0.7] }, options: {},
    },
    { name: 'momentum with λ', net: sig, source: two, options: { optimizer: 'momentum', weightDecay: 0.001, learningRate: 0.5, batchSize: 1, steps: 2 } },
    { name: 'batch of 2', net: sig, source: two, options: { batchSize: 2 } },
  ];
}

const numbers = (s: string) => s.replace(/`[^`]*`/g, '').match(/(?<![\w.⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉^])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?!\w|\.\d)/g) ?? [];

test('zh output of six networks: no English words, the articles\' terms, samples from 1, the same numbers as en in the same order', () => {
  for (const { name, net, source, options } of networks()) {
    const trace = explain(net, source, options);
    const zh = renderText(trace, { lang: 'zh' }), en = renderText(trace, { lang: 'en' });
    const words = zh.replace(/`[^`]*`/g, '').match(/[A-Za-z]{3,}/g) ?? [];
    const english = [...new Set(words.filter((w) => !ALLOWED.has(w)))];
    assert.deepEqual(english, [], `${name}: English in the Chinese text: ${english.join(', ')}`);
    const flat = zh.replace(/\n/g, '');
    for (const term of ['偏导', '链式法则', '学习率', '隐藏层', '误差项', '权重']) assert.ok(flat.includes(term), `${name}: no ${term}`);
    assert.ok(flat.includes('隐含层') && flat.includes('权值'), `${name}: the glossary`);
    assert.ok(!/第 0 (个|行)/.test(zh), `${name}: a sample counted from 0`);
    // CJK next to Latin or digits is spaced; CJK next to CJK is not.
    assert.ok(!/[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]/.test(zh.replace(/`[^`]*`/g, '')), `${name}: unspaced CJK/Latin`);
    assert.ok(!/[\u4e00-\u9fff] [\u4e00-\u9fff]/.test(zh), `${name}: a space between Chinese characters`);
    assert.deepEqual(numbers(zh), numbers(en), `${name}: numbers differ between zh and en`);
  }
});

test('zh: usage errors and explain --help in Chinese (--lang zh or a zh locale)', () => {
  let r = bpnet(['explain', '--example', 'classic', '--lang', 'zh', '--momentum', 'x']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--momentum：应为\[0, 1\) 之间的数|--momentum：应为 \[0, 1\) 之间的数/);
  assert.match(r.stderr, /参见/);
  r = bpnet(['explain', '--lang', 'zh', '--nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /未知选项 --nope/);
  r = bpnet(['explain', '--lang', 'zh', '--example', 'classic', '--sample', '3']);
  assert.match(r.stderr, /--sample：应为 1 到 1 之间的样本序号，实际为 3/);
  r = bpnet(['explain', '--help', '--lang', 'zh']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^用法：bpnet explain/);
  assert.ok(!/\b(the|of|and|default)\b/.test(r.stdout), 'English words in the Chinese help');
});
