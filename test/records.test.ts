/**
 * One home per concept: every activation, loss, optimizer and init rule is a complete record, looked
 * up by its own name only; every activation is explained in both languages from its record, and the
 * native kernel implements every elementwise opcode.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIVATION_NAMES, activations, explain, INIT_NAMES, LOSS_NAMES, OPTIMIZER_NAMES, getActivation, getInitRule, getLoss, getOptimizerRule, HIDDEN_ACTIVATION_NAMES,
  initRules, isActivationName, isLossName, losses, Network, optimizers, renderMarkdown, renderText, symbol, type ScalarTrace,
} from '../src/index.ts';
import { loadNativeAddon } from '../src/core/kernels/native.ts';

const BASE = ['name', 'help', 'words'];
const PARTS: Record<string, [Record<string, object>, string[]]> = {
  activation: [activations, [...BASE, 'f', 'df', 'formula', 'derivative', 'rule', 'opcode', 'init', 'kink', 'outputOnly']],
  loss: [losses, [...BASE, 'f', 'df', 'fusedActivation', 'fusedLossSum', 'outputActivations', 'formula', 'term', 'derivative']],
  optimizer: [optimizers, [...BASE, 'formula', 'rows', 'buffers', 'update']],
  'init rule': [initRules, [...BASE, 'formula', 'fill']],
};

const isMath = (x: unknown) => typeof x === 'object' && x !== null && typeof (x as { t: unknown }).t === 'string'
  && (x as { t: string }).t.length > 0 && typeof (x as { k: unknown }).k === 'string' && (x as { k: string }).k.length > 0;

for (const [kind, [table, parts]] of Object.entries(PARTS)) {
  test(`every ${kind} record has all its parts: ${parts.join(', ')}`, () => {
    for (const [key, record] of Object.entries(table)) {
      for (const part of parts) assert.ok(Object.hasOwn(record, part), `${kind} ${key} misses "${part}"`);
      const r = record as Record<string, unknown> & { words: Record<string, string> };
      assert.equal(r.name, key);
      assert.ok(typeof r.help === 'string' && r.help.length > 0, `${kind} ${key}: help`);
      for (const lang of ['en', 'zh']) assert.ok(r.words[lang]?.length, `${kind} ${key}: words.${lang}`);
      const formula = typeof r.formula === 'function' ? (r.formula as (x: unknown) => unknown)(symbol('x')) : r.formula;
      assert.ok(isMath(formula), `${kind} ${key}: formula in text and TeX`);
    }
  });
}

test('records are looked up by their own names: toString, __proto__ and constructor are refused with the valid names', () => {
  for (const bad of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'foo']) {
    assert.equal(isActivationName(bad), false, bad);
    assert.equal(isLossName(bad), false, bad);
    assert.throws(() => getActivation(bad), (e: Error) => e.message.includes(`unknown activation "${bad}"`) && e.message.includes(ACTIVATION_NAMES.join(', ')));
    const lists = (what: string, names: readonly string[]) => (e: Error) => e.message.includes(`unknown ${what} "${bad}" (expected one of: ${names.join(', ')})`);
    assert.throws(() => getLoss(bad), lists('loss', LOSS_NAMES));
    assert.throws(() => getOptimizerRule(bad), lists('optimizer', OPTIMIZER_NAMES));
    assert.throws(() => getInitRule(bad), lists('init rule', INIT_NAMES));
    assert.throws(() => Network.create({ inputs: 2, layers: [{ units: 1, activation: bad as never }], loss: 'mse' }), /unknown activation/);
  }
});

test('each activation: f′ matches a central difference of f, and its opcode is unique', () => {
  const codes = new Set<number>();
  for (const a of HIDDEN_ACTIVATION_NAMES) {
    const g = activations[a];
    for (const z of [-3, -0.7, 0.3, 1.1, 4]) {
      const h = 1e-6, numeric = (g.f(z + h) - g.f(z - h)) / (2 * h);
      assert.ok(Math.abs(g.df(z, g.f(z)) - numeric) < 1e-6, `${a}′(${z}) = ${g.df(z, g.f(z))}, difference quotient ${numeric}`);
    }
    assert.ok(g.opcode !== null && !codes.has(g.opcode), `${a}: opcode ${g.opcode}`);
    codes.add(g.opcode);
  }
});

test('the native addon, when built, implements every elementwise opcode', { skip: loadNativeAddon() ? false : 'native addon not built' }, () => {
  const count = loadNativeAddon()!.activationCount?.();
  assert.ok(count !== undefined, 'the addon predates activationCount(): rebuild it with `npm run build:native`');
  for (const a of HIDDEN_ACTIVATION_NAMES) assert.ok(activations[a].opcode! < count, `${a}: opcode ${activations[a].opcode} not in the addon (rebuild with npm run build:native)`);
});

test('every hidden activation is explained in English and Chinese from its record', () => {
  for (const hidden of HIDDEN_ACTIVATION_NAMES) {
    const net = Network.create({ inputs: 2, layers: [{ units: 2, activation: hidden }, { units: 1, activation: 'sigmoid' }], loss: 'mse' }, { seed: 3 });
    const trace = explain(net, { input: [0.7, -0.4], target: [1] }) as ScalarTrace;
    const g = activations[hidden];
    for (const lang of ['en', 'zh'] as const) {
      const text = renderText(trace, { lang }), md = renderMarkdown(trace, { lang });
      assert.ok(!/NaN|undefined|Infinity/.test(text + md), `${hidden} ${lang}`);
      assert.ok(text.includes(g.formula(symbol('net_h1')).t), `${hidden} ${lang}: g(net_h1) from the record`);
      if (hidden !== 'sigmoid') assert.ok(text.includes(g.rule.t), `${hidden} ${lang}: its derivative rule`);
      if (lang === 'zh') assert.ok(/[\u4e00-\u9fff]/.test(text), 'Chinese words');
    }
    const dl = trace.steps[0]!.backward[1]!.deltas[0]!;
    assert.ok(Math.abs(dl.dOutdNet! - g.df(trace.steps[0]!.forward[0]![0]!.net, trace.steps[0]!.forward[0]![0]!.out)) >= 0);
  }
});
