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
  // The published figures of article 000, in its order: forward values, E, δ_o1, then the updates.
  const forward = { net_h1: 0.3775, out_h1: 0.593269992, out_h2: 0.596884378, net_o1: 1.105905967, out_o1: 0.75136507, out_o2: 0.772928465 };
  for (const [q, published] of Object.entries(forward)) {
    const [kind, name] = q.split('_') as ['net' | 'out', string];
    add(q, published, neuron(name)[kind]);
  }
  add('E_total', 0.298371109, step.loss.total);
  add('δ_o1', 0.138498562, step.backward[0]!.deltas[0]!.delta);
  const updates = [['w5', 0.082167041, [0.35891648, 0.408666186, 0.51130127, 0.561370121]], ['w1', 0.000438568, [0.149780716, 0.19956143, 0.24975114, 0.29950229]]] as const;
  for (const [first, grad, updated] of updates) {
    add(`∂E/∂${first}`, grad, weight(first).grad);
    updated.forEach((published, k) => { const w = `w${Number(first.slice(1)) + k}`; add(`${w}⁺`, published, weight(w).new); });
  }
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
