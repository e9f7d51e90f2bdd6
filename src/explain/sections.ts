/**
 * The short sections printed with the general formulas, each with numbers of the network at hand:
 * the logistic function, why the weights start random (a symmetry example run through the core's
 * own step), and the classic article's 10 000-iteration erratum (both orders, computed).
 */
import { activations } from '../core/activations.ts';
import type { Dataset } from '../core/dataset.ts';
import { getKernel } from '../core/kernels/registry.ts';
import type { Network } from '../core/network.ts';
import { eqs, heading, para, type Doc } from './document.ts';
import type { Words } from './i18n.ts';
import { cat, d, m, MINUS, mul, name, net, num, out, paren, updated, type M } from './math.ts';
import { runSteps, type RunConfig } from './run.ts';
import { fixed9 } from './summary.ts';
import type { ExplainTrace, ScalarNames, SymmetryExample } from './trace.ts';

/**
 * Hidden neuron 2 of the first hidden layer given neuron 1's weights (in and out), then one step
 * of the core: every pair of weights is still equal. null without a hidden layer of 2+ neurons.
 */
export function symmetryExample(network: Network, data: Dataset, config: RunConfig, names: ScalarNames): SymmetryExample | null {
  if (network.layers.length < 2 || network.layers[0]!.units < 2) return null;
  const twin = network.clone(getKernel('reference', 'float64'));
  const [hidden, above] = [twin.layers[0]!, twin.layers[1]!];
  const n = hidden.inputs;
  for (let i = 0; i < n; i++) hidden.weights[n + i] = hidden.weights[i]!;
  hidden.bias[1] = hidden.bias[0]!;
  for (let k = 0; k < above.units; k++) above.weights[k * above.inputs + 1] = above.weights[k * above.inputs]!;
  const keys: [number, number, number][] = [
    ...Array.from({ length: n }, (_, i): [number, number, number] => [0, i, n + i]),
    ...Array.from({ length: above.units }, (_, k): [number, number, number] => [1, k * above.inputs, k * above.inputs + 1]),
  ];
  const label = (l: number, k: number) => names.weights[l]![Math.floor(k / twin.layers[l]!.inputs)]![k % twin.layers[l]!.inputs]!;
  const before = keys.map(([l, a]) => twin.layers[l]!.weights[a]!);
  const { last } = runSteps(twin, data, { ...config, updateOrder: config.updateOrder }, 1, null);
  return {
    unit: names.neurons[0]![0]!, twin: names.neurons[0]![1]!,
    pairs: keys.map(([l, a, b], p) => ({
      a: label(l, a), b: label(l, b), before: before[p]!, afterA: last.net.layers[l]!.weights[a]!, afterB: last.net.layers[l]!.weights[b]!,
    })),
  };
}

/** σ by name, σ(0) = ½, σ′(0) = ¼, σ′ of the first sigmoid neuron ≤ ¼, the probability reading. */
function logisticDoc(trace: ExplainTrace, w: Words): Doc {
  const s = activations.sigmoid;
  const half = s.f(0);
  const rows: M[][] = [
    [m('σ(0)', '\\sigma(0)'), m('1 / (1 + e⁰)', '\\frac{1}{1 + e^{0}}'), num(half)],
    [m('σ′(0)', "\\sigma'(0)"), mul(num(half), paren(cat(m('1'), MINUS, num(half)))), num(s.df(0, half))],
  ];
  const doc: Doc = [heading(3, w.logisticTitle), para(w.logisticText)];
  if (trace.form === 'scalar') {
    const step = trace.steps[0]!;
    const layer = step.forward.findIndex((l) => l[0]!.activation === 'sigmoid');
    const neuron = step.forward[layer]![0]!;
    const dl = step.backward.find((b) => b.layer === layer)!.deltas[0]!;
    rows.push([d(out(neuron.name), net(neuron.name)), mul(out(neuron.name), paren(cat(m('1'), MINUS, out(neuron.name)))), cat(num(dl.dOutdNet!), m(' ≤ ¼', ' \\le \\tfrac{1}{4}'))]);
    doc.push(eqs(rows));
    const outputs = step.forward[step.forward.length - 1]!;
    if (outputs[0]!.activation === 'sigmoid') {
      doc.push(para(w.logisticProbability(`out_${outputs[0]!.name} = ${num(outputs[0]!.out).t}`, (outputs[0]!.out * 100).toFixed(1))));
    }
  } else {
    doc.push(eqs(rows));
  }
  return doc;
}

function initDoc(sym: SymmetryExample | null, w: Words): Doc {
  const doc: Doc = [heading(3, w.initTitle)];
  if (sym) {
    doc.push(para(w.initText(sym.unit, sym.twin)));
    doc.push(eqs(sym.pairs.map((p) => [name(p.a), name(p.b), num(p.before)])));
    doc.push(eqs(sym.pairs.flatMap((p) => [[updated(p.a), num(p.afterA)], [updated(p.b), num(p.afterB)]])));
    doc.push(para(w.initAfter));
  }
  doc.push(para(w.initRandom));
  return doc;
}

/** The short sections for this trace (after the general formulas). */
export function sectionsDoc(trace: ExplainTrace, w: Words): Doc {
  const doc: Doc = [];
  if (trace.network.activations.includes('sigmoid')) doc.push(...logisticDoc(trace, w));
  doc.push(...initDoc(trace.symmetry, w));
  return doc;
}

/** The classic article's figures after 10 000 iterations next to bpnet's, both orders. */
export function classicErratumDoc(e: { steps: number; published: { J: number; outputs: number[] }; correct: { J: number; outputs: number[] }; sequential: { J: number; outputs: number[] } }, w: Words): Doc {
  const row = (label: M, get: (p: { J: number; outputs: number[] }) => number) => [label, fixed9(get(e.published)), fixed9(get(e.correct)), fixed9(get(e.sequential))];
  return [para(w.erratumNote(e.steps)), {
    type: 'table', head: w.erratumHead,
    rows: [row(m('E_total', 'E_{total}'), (p) => p.J), ...e.published.outputs.map((_, j) => row(out(`o${j + 1}`), (p) => p.outputs[j]!))],
  }];
}
