/**
 * The scalar derivation, as the tutorials write it by hand: every net as its sum of products,
 * every out, the error terms, each output delta with its chain-rule factors, each hidden delta
 * summed over the paths that leave the neuron, every ∂E/∂w and w⁺ = w − η·∂E/∂w.
 */
import { activations } from '../core/activations.ts';
import { losses } from '../core/losses.ts';
import { eqs, heading, para, type Block, type Doc } from './document.ts';
import type { Words } from './i18n.ts';
import {
  cat, d, delta, err, ETA, m, MINUS, mul, name, net, num, operand, out, paren, sum, symbolOf, target, updated, type M,
} from './math.ts';
import type { ScalarBackwardLayer, ScalarDelta, ScalarNeuron, ScalarStep, ScalarTrace } from './trace.ts';

const TOTAL = err('total');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "w5, w6, w7, w8" or "w5…w36" for long runs. */
export function nameList(names: string[], lang: 'en' | 'zh'): string {
  if (names.length > 4) return `${names[0]}…${names[names.length - 1]}`;
  return names.join(lang === 'zh' ? '、' : ', ');
}

export function layerNames(w: Words, layers: number): (l: number) => { from: string; to: string } {
  const hidden = layers - 1;
  const hiddenName = (k: number) => w.hiddenLayer(hidden > 1 ? k + 1 : null);
  return (l) => ({
    from: l === 0 ? w.inputLayer : hiddenName(l - 1),
    to: l === hidden ? w.outputLayer : hiddenName(l),
  });
}

/** out = g(net): symbolic and with numbers, from the activation's record. */
function activationRow(n: ScalarNeuron, layer: ScalarNeuron[]): M[] {
  const g = activations[n.activation];
  if (n.activation === 'softmax') {
    // Per row: the numbers need every net of the layer.
    const all = layer.map((k) => num(k.net));
    return [out(n.name), g.formula(symbolOf(net(n.name))),
      m(`e^(${num(n.net).t}) / (${all.map((a) => `e^(${a.t})`).join(' + ')})`,
        `\\frac{e^{${num(n.net).k}}}{${all.map((a) => `e^{${a.k}}`).join(' + ')}}`),
      num(n.out)];
  }
  const z = net(n.name);
  // linear: out = net, written once.
  const forms = n.activation === 'linear' ? [z] : [g.formula(symbolOf(z)), g.formula(operand(n.net))];
  return [out(n.name), ...forms, num(n.out)];
}

/** ∂out/∂net = g′(net): symbolic and with numbers; null for softmax. */
function derivativeRow(dl: ScalarDelta, neuron: ScalarNeuron): M[] | null {
  if (dl.dOutdNet === null) return null;
  const o = out(neuron.name);
  const lhs = d(o, net(neuron.name));
  const form = activations[neuron.activation].derivative;
  const forms = form ? [form(symbolOf(net(neuron.name)), symbolOf(o)), form(operand(neuron.net), operand(neuron.out))] : [];
  return [lhs, ...forms, num(dl.dOutdNet)];
}

/** ∂E/∂out of an output neuron from the loss. */
function lossDerivativeRow(loss: ScalarTrace['network']['loss'], dl: ScalarDelta, n: ScalarNeuron, t: number): M[] {
  const form = losses[loss].derivative;
  return [d(TOTAL, out(n.name)), form(symbolOf(out(n.name)), symbolOf(target(n.name))), form(operand(n.out), operand(t)), num(dl.dEdOut)];
}

/** E_o = loss term of one output. */
function lossTermRow(loss: ScalarTrace['network']['loss'], n: string, t: number, a: number, value: number): M[] {
  const form = losses[loss].term;
  return [err(n), form(symbolOf(out(n)), symbolOf(target(n))), form(operand(a), operand(t)), num(value)];
}

/** What the forward and delta blocks read: one sample's pass (the step itself when B = 1). */
export type Pass = Pick<ScalarStep, 'forward' | 'loss' | 'backward'>;

export function forwardBlocks(step: Pass, trace: ScalarTrace, w: Words, title = w.forward): Doc {
  const doc: Doc = [heading(3, title)];
  const names = layerNames(w, step.forward.length);
  step.forward.forEach((layer, l) => {
    const { from, to } = names(l);
    doc.push(heading(4, cap(w.layerToLayer(from, to))));
    const rows: M[][] = [];
    for (const n of layer) {
      const source = (input: string) => (l === 0 ? name(input) : out(input));
      const bias = name(n.biasName);
      rows.push([
        net(n.name),
        sum([...n.terms.map((t) => mul(name(t.weight), source(t.input))), mul(bias, m('1'))]),
        sum([...n.terms.map((t) => mul(num(t.w, true), num(t.x, true))), mul(num(n.bias, true), m('1'))]),
        num(n.net),
      ]);
      rows.push(activationRow(n, layer));
    }
    doc.push(eqs(rows));
  });
  const L = step.forward.length - 1;
  doc.push(heading(3, w.error));
  const lossRows = step.loss.terms.map((t) => lossTermRow(trace.network.loss, t.neuron, t.target, t.out, t.value));
  if (step.loss.terms.length > 1) {
    lossRows.push([TOTAL, sum(step.loss.terms.map((t) => err(t.neuron))), sum(step.loss.terms.map((t) => num(t.value, true))), num(step.loss.total)]);
  } else {
    lossRows.push([TOTAL, err(step.forward[L]![0]!.name), num(step.loss.total)]);
  }
  doc.push(eqs(lossRows));
  return doc;
}

export function outputDeltaBlocks(b: ScalarBackwardLayer, step: Pass, trace: ScalarTrace, w: Words): Doc {
  const doc: Doc = [heading(4, w.outputDeltas)];
  const neurons = step.forward[b.layer]!;
  const rule = b.deltas[0]!.rule;
  const softmax = trace.network.activations[b.layer] === 'softmax';
  if (rule === 'fused') doc.push(para(w.fused(w.activationName[trace.network.activations[b.layer]!], w.lossName[trace.network.loss])));
  if (softmax) doc.push(para(w.softmaxJacobian));
  const rows: M[][] = [];
  // Softmax: δⱼ = Σₖ ∂E/∂outₖ·∂outₖ/∂netⱼ = outⱼ·(∂E/∂outⱼ − S), S = Σₖ ∂E/∂outₖ·outₖ (δ itself is the core's).
  const S = m('S', 'S');
  const sValue = b.deltas.reduce((acc, dl, k) => acc + dl.dEdOut * neurons[k]!.out, 0);
  if (softmax) {
    rows.push([S, sum(b.deltas.map((dl, k) => mul(d(TOTAL, out(neurons[k]!.name)), out(neurons[k]!.name)))),
      sum(b.deltas.map((dl, k) => mul(num(dl.dEdOut, true), num(neurons[k]!.out, true)))),
      num(sValue)]);
  }
  b.deltas.forEach((dl, j) => {
    const n = neurons[j]!;
    const o = out(n.name);
    const t = step.loss.terms[j]!.target;
    rows.push(lossDerivativeRow(trace.network.loss, dl, n, t));
    const gRow = derivativeRow(dl, n);
    if (gRow) rows.push(gRow);
    const chain = mul(d(TOTAL, o), d(o, net(n.name)));
    const difference = [cat(o, MINUS, target(n.name)), cat(num(n.out), MINUS, num(t, true))];
    if (softmax) {
      rows.push([delta(n.name), mul(o, paren(cat(d(TOTAL, o), MINUS, S))), mul(num(n.out, true), paren(cat(num(dl.dEdOut), MINUS, num(sValue, true)))),
        ...(rule === 'fused' ? difference : []), num(dl.delta)]);
    } else if (rule === 'fused') {
      // ∂E/∂out·∂out/∂net: the (out − target)/(out(1 − out)) of the loss times out(1 − out) of σ.
      rows.push([delta(n.name), chain, mul(num(dl.dEdOut, true), num(dl.dOutdNet!, true)), ...difference, num(dl.delta)]);
    } else {
      rows.push([delta(n.name), chain, mul(num(dl.dEdOut, true), num(dl.dOutdNet!, true)), num(dl.delta)]);
    }
  });
  doc.push(eqs(rows));
  return doc;
}

export function hiddenDeltaBlocks(b: ScalarBackwardLayer, step: Pass, trace: ScalarTrace, w: Words, names: ReturnType<typeof layerNames>): Doc {
  const above = step.backward.find((x) => x.layer === b.layer + 1)!;
  const doc: Doc = [heading(4, cap(w.hiddenDeltas(names(b.layer).to, names(b.layer + 1).to)))];
  // The tutorial's ∂E_o1/∂out_h1 is meaningful when each output's error is its own term (mse, no softmax).
  const perOutput = above.output && trace.network.loss === 'mse' && above.deltas[0]!.rule === 'chain';
  const rows: M[][] = [];
  b.deltas.forEach((dl, j) => {
    const n = step.forward[b.layer]![j]!;
    const o = out(n.name);
    const paths = dl.paths!;
    const symbol = (p: (typeof paths)[number]) => mul(delta(p.to), p.updated ? updated(p.weight) : name(p.weight));
    const lhs = (p: (typeof paths)[number]) => (perOutput ? d(err(p.to), o) : symbol(p));
    const numbers = (p: (typeof paths)[number]) => mul(num(p.deltaTo, true), num(p.w, true));
    if (paths.length === 1) {
      rows.push([d(TOTAL, o), symbol(paths[0]!), numbers(paths[0]!), num(dl.dEdOut)]);
    } else {
      for (const p of paths) rows.push(perOutput ? [lhs(p), symbol(p), numbers(p), num(p.product)] : [lhs(p), numbers(p), num(p.product)]);
      rows.push([d(TOTAL, o), sum(paths.map(lhs)), sum(paths.map((p) => num(p.product, true))), num(dl.dEdOut)]);
    }
    const gRow = derivativeRow(dl, n);
    if (gRow) rows.push(gRow);
    rows.push([delta(n.name), mul(d(TOTAL, o), d(o, net(n.name))), mul(num(dl.dEdOut, true), num(dl.dOutdNet!, true)), num(dl.delta)]);
  });
  doc.push(eqs(rows));
  return doc;
}

