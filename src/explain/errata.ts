/**
 * `bpnet errata`: every figure the five seed articles publish that bpnet recomputes, computed at
 * run time by the explainer (the core's own steps): published value, bpnet's value, and why they
 * differ where they do. The course's figures need its ex4 files, which bpnet does not ship.
 */
import { explain } from './explain.ts';
import { exampleNetwork } from './examples.ts';
import { explainSummary } from './summary.ts';
import type { ErrataReason } from '../i18n/words.ts';
import type { ScalarTrace } from './trace.ts';

/** One published figure next to bpnet's. */
export interface ErratumFigure {
  /** Stable key, e.g. "000.out_o1". */
  id: string;
  /** The seed article: "000", "002" or "004". */
  article: string;
  /** What the figure is, as a symbol (net_h1, ∂E/∂w5, w5⁺…) or a key the renderer words. */
  quantity: string;
  /** Training steps before the figure (0: before any update). */
  steps: number;
  /** As printed in the article (a percentage for the course's accuracy). */
  published: number;
  /** Correct backprop; null when bpnet needs files it does not ship. */
  bpnet: number | null;
  /** The sequential order's value, where the published figure comes from that order. */
  sequential: number | null;
  /** "matches": bpnet's value rounds to the published digits. */
  status: 'matches' | 'differs' | 'needs-files';
  reason: ErrataReason;
}

/** Decimals the article printed (0.4033 → 4). */
const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;
const agrees = (published: number, value: number) => Number(value.toFixed(decimals(published))) === published;

function figure(article: string, quantity: string, steps: number, published: number, bpnet: number, why: ErrataReason, sequential: number | null = null): ErratumFigure {
  const status = agrees(published, bpnet) ? 'matches' : 'differs';
  return { id: `${article}.${quantity}${steps > 1 ? `@${steps}` : steps === 1 ? '@1' : ''}`, article, quantity, steps, published, bpnet, sequential, status, reason: status === 'matches' ? 'agrees' : why };
}

/** The table, computed now (about 40 000 small training steps). */
export function errata(): ErratumFigure[] {
  const figures: ErratumFigure[] = [];
  // 000: the classic 2-2-2 example, one step of η = 0.5, both update orders.
  const c = exampleNetwork('classic');
  const sample = { input: c.input, target: c.target };
  const t = explain(c.network, sample, { example: 'classic', form: 'scalar' }) as ScalarTrace;
  const seq = explain(c.network, sample, { example: 'classic', form: 'scalar', updateOrder: 'sequential' }) as ScalarTrace;
  const step = t.steps[0]!;
  const neuron = (n: string) => step.forward.flat().find((x) => x.name === n)!;
  const weight = (n: string) => step.backward.flatMap((b) => b.weights).find((x) => x.name === n)!;
  const add = (q: string, published: number, value: number) => figures.push(figure('000', q, 0, published, value, 'agrees'));
  add('net_h1', 0.3775, neuron('h1').net);
  add('out_h1', 0.593269992, neuron('h1').out);
  add('out_h2', 0.596884378, neuron('h2').out);
  add('net_o1', 1.105905967, neuron('o1').net);
  add('out_o1', 0.75136507, neuron('o1').out);
  add('out_o2', 0.772928465, neuron('o2').out);
  add('E_total', 0.298371109, step.loss.total);
  add('δ_o1', 0.138498562, step.backward[0]!.deltas[0]!.delta);
  add('∂E/∂w5', 0.082167041, weight('w5').grad);
  add('w5⁺', 0.35891648, weight('w5').new);
  add('w6⁺', 0.408666186, weight('w6').new);
  add('w7⁺', 0.51130127, weight('w7').new);
  add('w8⁺', 0.561370121, weight('w8').new);
  add('∂E/∂w1', 0.000438568, weight('w1').grad);
  add('w1⁺', 0.149780716, weight('w1').new);
  add('w2⁺', 0.19956143, weight('w2').new);
  add('w3⁺', 0.24975114, weight('w3').new);
  add('w4⁺', 0.29950229, weight('w4').new);
  figures.push(figure('000', 'E_total', 1, 0.291027924, t.finalLoss, 'sequential', seq.finalLoss));
  const long = explainSummary(c.network, sample, { example: 'classic', steps: 10_000 });
  const e = long.erratum!;
  figures.push(figure('000', 'E_total', e.steps, e.published.J, e.correct.J, 'sequential', e.sequential.J));
  e.published.outputs.forEach((p, j) => figures.push(figure('000', `out_o${j + 1}`, e.steps, p, e.correct.outputs[j]!, 'sequential', e.sequential.outputs[j]!)));
  // 002: one hidden neuron, linear output, η = 0.1.
  const l = exampleNetwork('linear');
  const lt = explain(l.network, { input: l.input, target: l.target }, { example: 'linear', form: 'scalar' }) as ScalarTrace;
  const ls = lt.steps[0]!;
  const [h, o] = [ls.forward[0]![0]!, ls.forward[1]![0]!];
  const w5 = ls.backward[0]!.weights[0]!;
  figures.push(figure('002', 'net_h1', 0, 0.73, h.net, 'agrees'), figure('002', 'out_h1', 0, 0.675, h.out, 'agrees'),
    figure('002', 'out_o1', 0, 0.47, o.out, 'agrees'), figure('002', 'E_total', 0, 0.0545, ls.loss.total, 'agrees'),
    figure('002', `∂E/∂${w5.name} (w5)`, 0, -0.033, w5.grad, 'linear-output'), figure('002', `${w5.name}⁺ (w5⁺)`, 1, 0.4033, w5.new, 'linear-output'));
  // 004: the course's trained Theta1/Theta2 on its 5000 digits.
  for (const [q, published] of [['accuracy', 97.52], ['cost', 0.287629]] as const) {
    figures.push({ id: `004.${q}`, article: '004', quantity: q, steps: 0, published, bpnet: null, sequential: null, status: 'needs-files', reason: 'course-files' });
  }
  return figures;
}
