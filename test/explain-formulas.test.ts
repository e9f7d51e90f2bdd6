/**
 * Every output activation × loss pair the core accepts: the general formula of δ_o printed in the
 * derivation, evaluated with the numbers printed for the network at hand, gives the δ printed; the
 * printed arithmetic gives it too; and it is the true ∂E/∂net (computed here from the textbook
 * definitions). The vector form δᴸ = ∇ₐE ⊙ g′(zᴸ) appears only where g is elementwise and not fused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIVATION_NAMES, derivation, explain, LOSS_NAMES, Network, type ActivationName, type DerivationBlock, type LossName, type MathText,
} from '../src/index.ts';

/** A small arithmetic evaluator for printed formulas: + − · × / ² (), unary minus, relu′, g′, σ. */
function evaluate(text: string): number {
  const src = text.replace(/\s+/g, '');
  let i = 0;
  const peek = () => src[i];
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '−' || peek() === '-') v = src[i++] === '+' ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = factor();
    while (peek() === '·' || peek() === '×' || peek() === '/') v = src[i++] === '/' ? v / factor() : v * factor();
    return v;
  };
  const factor = (): number => {
    if (peek() === '−' || peek() === '-') { i++; return -factor(); }
    let v: number;
    const fn = /^(relu′|g′|σ)\(/.exec(src.slice(i));
    if (fn) {
      i += fn[0].length;
      const x = expr();
      i++; // ')'
      v = fn[1] === 'σ' ? 1 / (1 + Math.exp(-x)) : x > 0 ? 1 : fn[1] === 'relu′' ? 0 : 0.01;
    } else if (peek() === '(') {
      i++;
      v = expr();
      assert.equal(src[i++], ')', `unbalanced: ${text}`);
    } else {
      const m = /^\d+(?:\.\d+)?(?:e[+-]?\d+)?/.exec(src.slice(i));
      assert.ok(m, `cannot read "${src.slice(i)}" in ${text}`);
      i += m[0].length;
      v = Number(m[0]);
    }
    if (peek() === '²') { i++; v *= v; }
    return v;
  };
  const v = expr();
  assert.equal(i, src.length, `unread "${src.slice(i)}" in ${text}`);
  return v;
}

const rowsOf = (doc: DerivationBlock[]) => doc.flatMap((b) => (b.type === 'eqs' ? b.rows : []));
const value = (rows: MathText[][], lhs: string) => Number(rows.filter((r) => r[0]!.t.trim() === lhs).at(-1)!.at(-1)!.t);

/** The true δ of output j from the textbook definitions (independent of bpnet's records). */
function trueDelta(act: ActivationName, loss: LossName, out: number[], net: number[], target: number[], j: number): number {
  const dE = (k: number) => {
    const [a, y] = [out[k]!, target[k]!];
    return loss === 'mse' ? a - y : loss === 'cross-entropy' ? -y / a : (a - y) / (a * (1 - a));
  };
  if (act === 'softmax') return out[j]! * (dE(j) - out.reduce((s, a, k) => s + dE(k) * a, 0));
  const z = net[j]!, a = out[j]!;
  const g = {
    sigmoid: a * (1 - a), tanh: 1 - a * a, relu: z > 0 ? 1 : 0, 'leaky-relu': z > 0 ? 1 : 0.01, softplus: 1 / (1 + Math.exp(-z)), linear: 1,
  }[act as Exclude<ActivationName, 'softmax'>];
  return dE(j) * g;
}

function pairs(): [ActivationName, LossName][] {
  const list: [ActivationName, LossName][] = [];
  for (const act of ACTIVATION_NAMES) for (const loss of LOSS_NAMES) {
    try {
      Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: act }], loss });
      list.push([act, loss]);
    } catch { /* not a pair the core accepts */ }
  }
  return list;
}

test('every accepted activation × loss pair: the general δ_o formula, evaluated with the printed numbers, gives the printed δ', () => {
  const accepted = pairs();
  assert.ok(accepted.length >= 8, `only ${accepted.length} pairs`);
  for (const [act, loss] of accepted) {
    const what = `${act} + ${loss}`;
    const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: act }], loss }, { seed: 4, init: 'uniform', epsilon: 0.8 });
    const target = loss === 'mse' ? [0.2, 0.9] : [0, 1];
    const doc = derivation(explain(net, { input: [0.3, -0.6], target }, { form: 'scalar' }), { lang: 'en' });
    // The general formulas: the rows under "Delta of an output neuron", and the vector form.
    const at = doc.findIndex((b) => b.type === 'para' && b.text[0] === 'Delta of an output neuron');
    const general = (doc[at + 1] as Extract<DerivationBlock, { type: 'eqs' }>).rows.filter((r) => r[0]!.t === 'δ_o');
    assert.ok(general.length > 0, what);
    const bp1 = rowsOf(doc).find((r) => r[0]!.t === 'δᴸ')!;
    if (act === 'softmax' || losses(act, loss) === 'fused') assert.notEqual(bp1[1]!.t, '∇ₐE ⊙ g′(zᴸ)', `${what}: BP1 printed elementwise`);
    else assert.equal(bp1[1]!.t, '∇ₐE ⊙ g′(zᴸ)', what);
    // The numbers printed in step 1.
    const start = doc.findIndex((b) => b.type === 'heading' && b.text === 'Step 1');
    const end = doc.findIndex((b, k) => k > start && b.type === 'heading' && b.text === 'After the update');
    const rows = rowsOf(doc.slice(start, end));
    const outs = [0, 1].map((j) => value(rows, `out_o${j + 1}`)), nets = [0, 1].map((j) => value(rows, `net_o${j + 1}`));
    const S = act === 'softmax' ? value(rows, 'S') : NaN;
    for (const j of [0, 1]) {
      const o = `o${j + 1}`;
      const printed = value(rows, `δ_${o}`);
      const names: [string, number][] = [
        ['∂E/∂out_o', value(rows, `∂E_total/∂out_${o}`)], ['target_o', target[j]!], ['out_o', outs[j]!], ['net_o', nets[j]!], ['S', S],
      ];
      let evaluated = 0;
      for (const formula of general.flatMap((r) => r.slice(1).map((x) => x.t))) {
        if (/Σ|∂out_o\/∂net_o/.test(formula)) continue; // the definitions, not a formula in printed quantities
        const text = names.reduce((s, [n, v]) => s.split(n).join(`(${v})`), formula);
        assert.ok(Math.abs(evaluate(text) - printed) <= 1e-7 * (1 + Math.abs(printed)), `${what} ${o}: ${formula} → ${evaluate(text)}, printed δ ${printed}`);
        evaluated++;
      }
      assert.ok(evaluated > 0, `${what}: no general formula in printed quantities`);
      // The printed arithmetic of δ itself (the row's numbers) gives the printed δ.
      const deltaRows = rows.filter((r) => r[0]!.t.trim() === `δ_${o}`);
      for (const r of deltaRows) for (const x of r.slice(1, -1)) {
        if (/[a-zA-Z∂Σ]/.test(x.t.replace(/relu′|g′|σ/g, ''))) continue;
        assert.ok(Math.abs(evaluate(x.t) - printed) <= 1e-7 * (1 + Math.abs(printed)), `${what} ${o}: ${x.t} ≠ ${printed}`);
      }
      assert.ok(Math.abs(trueDelta(act, loss, outs, nets, target, j) - printed) <= 1e-7 * (1 + Math.abs(printed)), `${what} ${o}: not ∂E/∂net`);
    }
  }
});

/** "fused" when the loss's natural output activation is used (δ = a − y). */
function losses(act: ActivationName, loss: LossName): string {
  return (act === 'sigmoid' && loss === 'binary-cross-entropy') || (act === 'softmax' && loss === 'cross-entropy') ? 'fused' : 'chain';
}
