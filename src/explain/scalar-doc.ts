/**
 * The scalar derivation, as the tutorials write it by hand: every net as its sum of products,
 * every out, the error terms, each output delta with its chain-rule factors, each hidden delta
 * summed over the paths that leave the neuron, every ∂E/∂w and w⁺ = w − η·∂E/∂w.
 */
import type { ActivationName } from '../core/activations.ts';
import { eqs, heading, para, type Block, type Doc } from './document.ts';
import type { Words } from './i18n.ts';
import {
  cat, d, delta, err, ETA, m, MINUS, mul, name, net, num, out, paren, sum, squared, half, target, updated, type M,
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

/** out = g(net): symbolic and with numbers. */
function activationRow(n: ScalarNeuron, layer: ScalarNeuron[]): M[] {
  const z = net(n.name), v = num(n.net, true), arg = num(n.net);
  const forms: Record<ActivationName, () => M[]> = {
    sigmoid: () => [
      m(`1 / (1 + e^(−${z.t}))`, `\\frac{1}{1 + e^{-${z.k}}}`),
      m(`1 / (1 + e^(−${v.t}))`, `\\frac{1}{1 + e^{-${v.k}}}`),
    ],
    tanh: () => [m(`tanh(${z.t})`, `\\tanh(${z.k})`), m(`tanh(${arg.t})`, `\\tanh(${arg.k})`)],
    relu: () => [m(`max(0, ${z.t})`, `\\max(0, ${z.k})`), m(`max(0, ${arg.t})`, `\\max(0, ${arg.k})`)],
    'leaky-relu': () => [m(`max(0.01·${z.t}, ${z.t})`, `\\max(0.01 \\cdot ${z.k}, ${z.k})`), m(`max(0.01·${v.t}, ${arg.t})`, `\\max(0.01 \\cdot ${v.k}, ${arg.k})`)],
    linear: () => [z],
    softmax: () => {
      const all = layer.map((k) => num(k.net));
      return [
        m(`e^(${z.t}) / Σ_k e^(net_k)`, `\\frac{e^{${z.k}}}{\\sum_k e^{\\mathit{net}_k}}`),
        m(`e^(${num(n.net).t}) / (${all.map((a) => `e^(${a.t})`).join(' + ')})`,
          `\\frac{e^{${num(n.net).k}}}{${all.map((a) => `e^{${a.k}}`).join(' + ')}}`),
      ];
    },
  };
  return [out(n.name), ...forms[n.activation](), num(n.out)];
}

/** ∂out/∂net = g′(net): symbolic and with numbers; null for softmax. */
function derivativeRow(dl: ScalarDelta, neuron: ScalarNeuron): M[] | null {
  if (dl.dOutdNet === null) return null;
  const o = out(neuron.name), a = num(neuron.out, true), z = net(neuron.name), v = num(neuron.net);
  const lhs = d(o, net(neuron.name));
  const forms: Partial<Record<ActivationName, M[]>> = {
    sigmoid: [mul(o, paren(cat(m('1'), MINUS, o))), mul(a, paren(cat(m('1'), MINUS, a)))],
    tanh: [cat(m('1'), MINUS, m(`${o.t}²`, `${o.k}^2`)), cat(m('1'), MINUS, m(`${a.t}²`, `${a.k}^2`))],
    relu: [m(`relu′(${z.t})`, `\\operatorname{relu}'(${z.k})`), m(`relu′(${v.t})`, `\\operatorname{relu}'(${v.k})`)],
    'leaky-relu': [m(`g′(${z.t})`, `g'(${z.k})`), m(`g′(${v.t})`, `g'(${v.k})`)],
  };
  return [lhs, ...(forms[neuron.activation] ?? []), num(dl.dOutdNet)];
}

/** ∂E/∂out of an output neuron from the loss. */
function lossDerivativeRow(loss: ScalarTrace['network']['loss'], dl: ScalarDelta, n: ScalarNeuron, t: number): M[] {
  const o = out(n.name), y = target(n.name), a = num(n.out, true), yv = num(t, true);
  const lhs = d(TOTAL, o);
  if (loss === 'mse') return [lhs, cat(o, MINUS, y), cat(num(n.out), MINUS, yv), num(dl.dEdOut)];
  if (loss === 'cross-entropy') {
    return [lhs, m(`−${y.t} / ${o.t}`, `-\\frac{${y.k}}{${o.k}}`), m(`−${yv.t} / ${a.t}`, `-\\frac{${yv.k}}{${a.k}}`), num(dl.dEdOut)];
  }
  return [lhs,
    m(`(${o.t} − ${y.t}) / (${o.t}·(1 − ${o.t}))`, `\\frac{${o.k} - ${y.k}}{${o.k}\\,(1 - ${o.k})}`),
    m(`(${a.t} − ${yv.t}) / (${a.t}·(1 − ${a.t}))`, `\\frac{${a.k} - ${yv.k}}{${a.k}\\,(1 - ${a.k})}`),
    num(dl.dEdOut)];
}

/** E_o = loss term of one output. */
function lossTermRow(loss: ScalarTrace['network']['loss'], n: string, t: number, a: number, value: number): M[] {
  const o = out(n), y = target(n), av = num(a, true), yv = num(t, true);
  if (loss === 'mse') return [err(n), half(squared(cat(y, MINUS, o))), half(squared(cat(num(t), MINUS, av))), num(value)];
  if (loss === 'cross-entropy') return [err(n), m(`−${y.t}·ln(${o.t})`, `-${y.k} \\ln ${o.k}`), m(`−${yv.t}·ln(${av.t})`, `-${yv.k} \\ln ${av.k}`), num(value)];
  return [err(n),
    m(`−(${y.t}·ln(${o.t}) + (1 − ${y.t})·ln(1 − ${o.t}))`, `-\\left(${y.k} \\ln ${o.k} + (1 - ${y.k}) \\ln(1 - ${o.k})\\right)`),
    m(`−(${yv.t}·ln(${av.t}) + (1 − ${yv.t})·ln(1 − ${av.t}))`, `-\\left(${yv.k} \\ln ${av.k} + (1 - ${yv.k}) \\ln(1 - ${av.k})\\right)`),
    num(value)];
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

