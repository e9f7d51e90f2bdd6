/**
 * Step mode: one training step on one sample, walked stage by stage — forward layer by layer, the
 * loss, backward from the output layer down, the update — with each value put on the diagram where
 * it belongs. All numbers come from the explainer's trace (`explain()` runs the core's own step).
 */
import type { ScalarStep, ScalarTrace } from '../../src/index.ts';
import { formatNumber as fmt } from '../../src/index.ts';

export type Stage =
  | { kind: 'start' }
  | { kind: 'forward'; layer: number }
  | { kind: 'loss' }
  | { kind: 'backward'; layer: number }
  | { kind: 'update' };

/** start, forward 0…L, loss, backward L…0, update. */
export function stagesFor(layers: number): Stage[] {
  const stages: Stage[] = [{ kind: 'start' }];
  for (let l = 0; l < layers; l++) stages.push({ kind: 'forward', layer: l });
  stages.push({ kind: 'loss' });
  for (let l = layers - 1; l >= 0; l--) stages.push({ kind: 'backward', layer: l });
  stages.push({ kind: 'update' });
  return stages;
}

/** What has been computed once stage `upTo` is reached. */
export interface Progress {
  forwardDone: (layer: number) => boolean;
  lossDone: boolean;
  backwardDone: (layer: number) => boolean;
  updateDone: boolean;
}

export function progressAt(stages: Stage[], upTo: number): Progress {
  const seen = stages.slice(0, upTo + 1);
  return {
    forwardDone: (l) => seen.some((s) => s.kind === 'forward' && s.layer === l),
    lossDone: seen.some((s) => s.kind === 'loss'),
    backwardDone: (l) => seen.some((s) => s.kind === 'backward' && s.layer === l),
    updateDone: seen.some((s) => s.kind === 'update'),
  };
}

/** Diagram labels: keys `${l}:${j}` for neurons (l = 0 inputs) and `${l}:${j}:${i}` for edges. */
export function stageLabels(trace: ScalarTrace, step: ScalarStep, p: Progress): { neurons: Map<string, string[]>; edges: Map<string, string[]> } {
  const neurons = new Map<string, string[]>();
  const edges = new Map<string, string[]>();
  trace.sample.input.forEach((x, i) => neurons.set(`0:${i}`, [`= ${fmt(x)}`]));
  step.forward.forEach((layer, l) => {
    if (!p.forwardDone(l)) return;
    layer.forEach((n, j) => neurons.set(`${l + 1}:${j}`, [`z = ${fmt(n.net)}`, `a = ${fmt(n.out)}`]));
  });
  if (p.lossDone) {
    const L = step.forward.length;
    step.loss.terms.forEach((term, j) => neurons.get(`${L}:${j}`)?.push(`y = ${fmt(term.target)}`));
  }
  // Every edge shows its weight; the backward pass adds ∂E/∂w, the update the new value.
  step.forward.forEach((layer) => layer.forEach((n) => n.terms.forEach((term, i) => {
    edges.set(`${n.layer}:${n.index}:${i}`, [`${term.weight} = ${fmt(term.w)}`]);
  })));
  // With a batch or weight decay the update follows ∂J/∂w, not the sample's ∂E/∂w.
  const batchOrDecay = trace.batchSize > 1 || trace.weightDecay !== 0;
  for (const b of step.backward) {
    if (!p.backwardDone(b.layer)) continue;
    b.deltas.forEach((d) => neurons.get(`${b.layer + 1}:${d.index}`)?.push(`δ = ${fmt(d.delta)}`));
    b.weights.forEach((w) => {
      const first = p.updateDone ? `${w.name} = ${fmt(w.old)} → ${fmt(w.new)}` : `${w.name} = ${fmt(w.old)}`;
      edges.set(`${w.layer}:${w.row}:${w.col}`, [first, `${batchOrDecay ? '∂J/∂w' : '∂E/∂w'} = ${fmt(w.grad)}`]);
    });
  }
  return { neurons, edges };
}
