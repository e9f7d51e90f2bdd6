/**
 * The renderers: the Chinese and English renderings carry the same numbers, text fits 100 columns,
 * every LaTeX fragment of the Markdown is valid KaTeX, the Markdown structure matches its
 * snapshot, and a 784-30-10 network gets the short matrix form.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import katex from 'katex';
import {
  displayWidth, explain, Network, networkFromJSON, renderExplanationJSON as renderJSON, renderMarkdown, renderText, type ExplainTrace,
  type ExplainLang as Lang,
} from '../src/index.ts';
import { ROOT } from './helpers.ts';

const example = (name: string) => {
  const net = networkFromJSON(JSON.parse(readFileSync(join(ROOT, `examples/${name}/model.json`), 'utf8')));
  const data = JSON.parse(readFileSync(join(ROOT, `examples/${name}/data.json`), 'utf8')) as { inputs: number[][]; targets: number[][] };
  return { net, sample: { input: data.inputs[0]!, target: data.targets[0]!, index: 0 } };
};

function traces(): [string, ExplainTrace][] {
  const classic = example('classic'), linear = example('linear');
  const deep = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, { seed: 3 });
  const soft = Network.create({ inputs: 3, layers: [{ units: 4, activation: 'leaky-relu' }, { units: 3, activation: 'softmax' }], loss: 'mse' }, { seed: 5 });
  const wide = Network.create({ inputs: 8, layers: [{ units: 6, activation: 'sigmoid' }, { units: 2, activation: 'linear' }], loss: 'mse' }, { seed: 2 });
  return [
    ['classic', explain(classic.net, classic.sample)],
    ['classic sequential, 2 steps', explain(classic.net, classic.sample, { updateOrder: 'sequential', steps: 2 })],
    ['linear', explain(linear.net, linear.sample)],
    ['2-3-3-1 relu/tanh/bce', explain(deep, { input: [0.5, -0.25], target: [1] }, { learningRate: 0.3 })],
    ['3-4-3 softmax mse', explain(soft, { input: [1, 2, -1], target: [0, 0, 1] })],
    ['8-6-2 (60 weights, scalar)', explain(wide, { input: [0.1, 0.2, 0.3, 0.4, -0.5, -0.6, -0.7, -0.8], target: [1, -1] })],
    ['classic, matrix form', explain(classic.net, classic.sample, { form: 'matrix' })],
  ];
}

/** Every number in a rendering, in order (names such as w5 or h1 are not numbers). */
function numbers(s: string): string[] {
  return s.match(/(?<![\p{L}\p{N}_.{^])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gu) ?? [];
}

test('the Chinese and English renderings contain the same numbers, in the same order', () => {
  for (const [name, trace] of traces()) {
    for (const render of [renderText, renderMarkdown]) {
      const en = render(trace, { lang: 'en' }), zh = render(trace, { lang: 'zh' });
      assert.notEqual(en, zh);
      assert.ok(numbers(en).length > 20, name);
      assert.deepEqual(numbers(zh), numbers(en), `${name} (${render.name})`);
    }
  }
  const zh = renderText(traces()[0]![1], { lang: 'zh' });
  for (const word of ['前向传播', '反向传播', '链式法则', '误差', '学习率', '权重更新']) assert.ok(zh.includes(word), word);
});

test('text fits 100 columns (CJK counted double) and prints the tutorial figures', () => {
  for (const [name, trace] of traces()) {
    for (const lang of ['en', 'zh'] as Lang[]) {
      for (const line of renderText(trace, { lang }).split('\n')) {
        assert.ok(displayWidth(line) <= 100, `${name} ${lang}: ${displayWidth(line)} columns: ${line}`);
      }
    }
  }
  const text = renderText(traces()[0]![1], { lang: 'en' });
  for (const line of [
    'net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.3775',
    'out_h1 = 1 / (1 + e^(−net_h1)) = 1 / (1 + e^(−0.3775)) = 0.593269992',
    'E_total = E_o1 + E_o2 = 0.274811083 + 0.023560026 = 0.298371109',
    'w5⁺          = w5 − η · ∂E_total/∂w5 = 0.4 − 0.5·0.082167041 = 0.35891648',
    'E_total = 0.291027774',
    'E_total = 0.291027924',
  ]) assert.ok(text.includes(line), line);
  assert.ok(!renderText(traces()[0]![1], { formulas: false }).includes('σ′(x)'));
  assert.ok(text.includes('σ′(x)     = e^(−x) / (1 + e^(−x))²'));
});

/** Display (```math) and inline ($…$) LaTeX fragments of a Markdown document. */
function latexFragments(md: string): string[] {
  const display = [...md.matchAll(/```math\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
  const prose = md.replace(/```math\n[\s\S]*?\n```/g, '').replace(/`[^`]*`/g, '');
  const inline = [...prose.matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]!);
  return [...display, ...inline];
}

test('every LaTeX fragment of the Markdown renders with KaTeX (strict)', () => {
  let count = 0;
  for (const [name, trace] of traces()) {
    for (const lang of ['en', 'zh'] as Lang[]) {
      const md = renderMarkdown(trace, { lang });
      const fragments = latexFragments(md);
      assert.ok(fragments.length > 5, name);
      for (const tex of fragments) {
        assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'error', displayMode: true }), `${name} ${lang}: ${tex}`);
        count++;
      }
      // No dollar sign left unpaired in prose, no math fence left open.
      assert.equal((md.match(/```/g) ?? []).length % 2, 0);
    }
  }
  assert.ok(count > 500, `${count} fragments`);
});

/** Headings, math blocks (with their row count), tables and paragraphs, one per line. */
function structure(md: string): string {
  return md.split(/\n\n(?=#|```|\||[^\s])/).map((block) => {
    if (block.startsWith('#')) return block;
    if (block.startsWith('```math')) return `  math: ${block.split(' \\\\\n').length} rows`;
    if (block.startsWith('|')) return `  table: ${block.split('\n').length - 2} rows`;
    return '  paragraph';
  }).join('\n') + '\n';
}

test('Markdown structure of the classic example matches its snapshot (UPDATE_SNAPSHOTS=1 rewrites it)', () => {
  const classic = traces()[0]![1];
  for (const lang of ['en', 'zh'] as Lang[]) {
    const file = join(ROOT, 'test', 'snapshots', `explain-classic.${lang}.structure.txt`);
    const actual = structure(renderMarkdown(classic, { lang }));
    if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
      assert.ok(process.env.UPDATE_SNAPSHOTS === '1', `missing snapshot ${file}: run with UPDATE_SNAPSHOTS=1`);
      writeFileSync(file, actual);
    }
    assert.equal(actual, readFileSync(file, 'utf8'));
  }
});

test('784-30-10: the matrix-form summary, short, in well under a second', () => {
  const net = Network.create({ inputs: 784, layers: [{ units: 30, activation: 'sigmoid' }, { units: 10, activation: 'sigmoid' }], loss: 'mse' }, { seed: 1 });
  const input = Array.from({ length: 784 }, (_, i) => (i % 13) / 13), target = Array.from({ length: 10 }, (_, i) => (i === 4 ? 1 : 0));
  const started = performance.now();
  const trace = explain(net, { input, target }, { learningRate: 3 });
  const text = renderText(trace), md = renderMarkdown(trace), json = renderJSON(trace);
  const ms = performance.now() - started;
  assert.equal(trace.form, 'matrix');
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  assert.ok(text.split('\n').length < 150, `${text.split('\n').length} text lines`);
  assert.ok(md.split('\n').length < 300, `${md.split('\n').length} Markdown lines`);
  assert.ok(json.length < 50_000, `${json.length} JSON characters`);
  assert.ok(text.includes('∂E/∂W¹    30×784') && text.includes('δˡ     = ((Wˡ⁺¹)ᵀ·δˡ⁺¹) ⊙ g′(zˡ)'));
  // The summary's numbers are the network's: ‖W¹‖ before the step, and one followed weight.
  if (trace.form !== 'matrix') return;
  const first = trace.steps[0]!.layers[0]!;
  const norm = Math.sqrt(Array.from(net.layers[0]!.weights).reduce((s, w) => s + w * w, 0));
  assert.ok(Math.abs(first.weights.norm - norm) < 1e-12);
  for (const s of first.weightSamples) {
    assert.equal(s.old, net.layers[0]!.weights[s.row * 784 + s.col]);
    assert.ok(Math.abs(s.new - (s.old - 3 * s.grad)) < 1e-15);
  }
});

test('the excerpts in docs/explain.md and the README are real output of bpnet explain', () => {
  const excerpts = (file: string) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
  const blocks = excerpts('docs/explain.md');
  assert.equal(blocks.length, 2);
  const classic = example('classic');
  const outputs = [
    renderText(explain(classic.net, classic.sample, { example: 'classic' }), { lang: 'en', formulas: false }),
    renderText(explain(classic.net, classic.sample, { example: 'classic', updateOrder: 'sequential' }), { lang: 'zh', formulas: false }),
  ];
  const readme = excerpts('README.md');
  assert.equal(readme.length, 1);
  [...blocks, ...readme].forEach((block, i) => {
    const lines = block.split('\n').filter((l) => l.trim() !== '' && l.trim() !== '…');
    assert.ok(lines.length > (i < 2 ? 15 : 5));
    for (const line of lines) assert.ok(outputs[i % 2]!.split('\n').includes(line), `excerpt line not in the output: ${line}`);
  });
});
