/**
 * The step-mode view: explains one training step of a copy of the current network — with the side
 * panel's optimizer, batch size and λ, on a batch of consecutive samples from the chosen one — and
 * reveals it stage by stage on its own diagram, with the side panel for the selected neuron or edge.
 * After the update, "Next" explains the following step (the optimizer's state carries over).
 */
import {
  explain, MAX_EXPLAIN_STEPS, scalarNames, type Dataset, type ExplainTrace, type Network, type OptimizerName, type ScalarNames,
  type ScalarTrace, type UpdateOrder,
} from '../../src/index.ts';
import { formatNumber as fmt } from '../../src/index.ts';
import { layerName, layerPhrase, t, type Key } from './i18n.ts';
import { renderDiagram, type Selection } from './network-diagram.ts';
import { explainSelection, renderPanel } from './step-panel.ts';
import { progressAt, stageLabels, stagesFor, type Progress as StepProgress, type Stage } from './step-mode.ts';

/** Scalar (named) derivations up to this many weights; above it the layer summaries of the matrix form. */
const MAX_SCALAR_WEIGHTS = 200;

/** What the side panel sets for a step (a bare number: plain SGD with that η). */
export interface StepSettings {
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  weightDecay: number;
  momentum?: number;
  /** "l1" cannot be explained here: the step then runs without it, and says so. */
  regularization?: string;
}

const fill = (key: Key, values: Record<string, string | number>) =>
  t(key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

export class StepView {
  private net: Network | undefined;
  private data: Dataset | undefined;
  private settings: StepSettings = { optimizer: 'sgd', learningRate: 0.1, batchSize: 1, weightDecay: 0 };
  private order: UpdateOrder = 'simultaneous';
  private readonly orderSelect: HTMLSelectElement;
  private readonly note: HTMLElement;
  private trace: ExplainTrace | undefined;
  private stages: Stage[] = [];
  private stage = 0;
  private selection: Selection | undefined;
  private stepCount = 0;

  constructor(private readonly els: { svg: SVGSVGElement; panel: HTMLElement; phase: HTMLElement; loss: HTMLElement; sample: HTMLInputElement }) {
    // The update-order choice and the notes (settings, batch, erratum) belong to step mode: made here.
    this.orderSelect = document.createElement('select');
    this.orderSelect.id = 'step-order';
    const label = document.createElement('label');
    label.className = 'step-order';
    const span = document.createElement('span');
    span.dataset.i18n = 'stepOrder';
    label.append(span, ' ', this.orderSelect);
    els.sample.closest('label')?.after(label);
    this.orderSelect.addEventListener('change', () => {
      this.order = this.orderSelect.value as UpdateOrder;
      this.stepCount = 0;
      if (this.net) this.explainNow();
    });
    this.note = document.createElement('div');
    this.note.id = 'step-note';
    this.note.setAttribute('aria-live', 'polite');
    els.loss.after(this.note);
    this.fillOrder();
  }

  private fillOrder(): void {
    this.orderSelect.replaceChildren(new Option(t('orderSimultaneous'), 'simultaneous'), new Option(t('orderSequential'), 'sequential'));
    this.orderSelect.value = this.order;
    const span = this.orderSelect.parentElement?.querySelector('span');
    if (span) span.textContent = t('stepOrder');
  }

  /**
   * Starts over from a copy of `net` on `data` with the side panel's settings (a bare η: plain SGD,
   * one sample). The first sample of the batch is the one in the sample box, counted from 1.
   */
  load(net: Network, data: Dataset, settings: StepSettings | number): void {
    this.net = net.clone();
    this.data = data;
    this.settings = typeof settings === 'number'
      ? { optimizer: 'sgd', learningRate: settings, batchSize: 1, weightDecay: 0 } : settings;
    this.els.sample.min = '1';
    this.els.sample.max = String(data.size);
    this.stepCount = 0;
    this.selection = undefined;
    this.explainNow();
  }

  private explainNow(): void {
    const index = Math.min(Math.max(1, Number(this.els.sample.value) || 1), this.data!.size);
    this.els.sample.value = String(index);
    const s = this.settings;
    const l1 = s.regularization === 'l1' && s.weightDecay > 0;
    // Past MAX_EXPLAIN_STEPS the updated weights become the new start (the optimizer state restarts).
    if (this.stepCount >= MAX_EXPLAIN_STEPS) this.stepCount = 0;
    const weights = this.net!.layers.reduce((n, l) => n + l.weights.length, 0);
    this.trace = explain(this.net!, this.data!, {
      optimizer: s.optimizer, learningRate: s.learningRate, momentum: s.momentum, weightDecay: l1 ? 0 : s.weightDecay,
      batchSize: Math.min(s.batchSize, this.data!.size), start: index - 1, steps: this.stepCount + 1, updateOrder: this.order,
      form: weights <= MAX_SCALAR_WEIGHTS ? 'scalar' : 'matrix',
    });
    this.renderNote(l1);
    this.stages = stagesFor(this.net!.layers.length);
    this.stage = 0;
    if (this.trace.form !== 'scalar') this.selection = undefined;
    // Start on the first output neuron: on a bigger diagram only the selection shows its numbers.
    else if (this.selection === undefined && this.net!.layers.reduce((n, l) => n + l.weights.length, 0) > 16) {
      this.selection = { kind: 'neuron', layer: this.net!.layers.length, j: 0 };
    }
    this.render();
  }

  sampleChanged(): void {
    if (this.net) this.explainNow();
  }

  next(): void {
    if (!this.trace) return;
    if (this.stage < this.stages.length - 1) { this.stage++; this.render(); return; }
    // Past the update: explain the following step (the next batch, the optimizer's state carried on).
    if (this.stepCount + 1 >= MAX_EXPLAIN_STEPS && this.trace.form === 'scalar') {
      for (const b of this.current()!.backward) {
        const layer = this.net!.layers[b.layer]!;
        for (const w of b.weights) layer.weights[w.row * layer.inputs + w.col] = w.new;
        for (const x of b.biases) layer.bias[x.index] = x.new;
      }
    }
    this.stepCount++;
    this.explainNow();
  }

  /** The step shown: the last one of the trace. */
  private current() {
    const trace = this.trace;
    if (!trace || trace.form !== 'scalar') return undefined;
    return trace.steps[trace.steps.length - 1]!;
  }

  /** The settings in use, the batch, what cannot be explained, and the classic example's erratum. */
  private renderNote(l1: boolean): void {
    const trace = this.trace!, s = this.settings;
    const lines = [fill('stepSettings', { optimizer: s.optimizer, lr: fmt(s.learningRate), batch: trace.batchSize, lambda: fmt(trace.weightDecay) })];
    const step = trace.steps[trace.steps.length - 1]!;
    if (trace.batchSize > 1) lines.push(fill('stepBatch', { samples: step.rows.map((r) => r + 1).join(', '), first: step.rows[0]! + 1 }));
    if (l1) lines.push(t('stepL1'));
    for (const n of trace.notes) {
      if (n.kind === 'update-order' && n.published !== null) {
        const [correct, sequential] = n.updateOrder === 'simultaneous' ? [n.lossAfter, n.otherLossAfter] : [n.otherLossAfter, n.lossAfter];
        lines.push(fill('erratumOne', { correct: fmt(correct), sequential: fmt(sequential) }));
      }
      if (n.kind === 'errata-classic') {
        lines.push(fill('erratumLong', { error: n.erratum.correct.J.toFixed(9), outputs: n.erratum.correct.outputs.map((o) => o.toFixed(9)).join(' / ') }));
      }
    }
    this.note.replaceChildren(...lines.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
  }

  back(): void {
    if (this.stage > 0) { this.stage--; this.render(); }
  }

  restart(): void {
    this.stage = 0;
    this.render();
  }

  render(): void {
    const trace = this.trace;
    if (!trace || !this.net) return;
    this.fillOrder();
    this.renderNote(this.settings.regularization === 'l1' && this.settings.weightDecay > 0);
    const s = this.stages[this.stage]!;
    this.els.phase.textContent = `${this.stepCount > 0 ? `#${this.stepCount + 1} · ` : ''}${this.stageTitle(s)}`;
    const p = progressAt(this.stages, this.stage);
    const sizes = [this.net.inputSize, ...this.net.layers.map((l) => l.units)];
    const weights = this.net.layers.map((l) => l.weights);
    if (trace.form !== 'scalar') {
      const m = trace.steps[trace.steps.length - 1]!;
      this.els.loss.textContent = p.lossDone ? `J = ${fmt(m.loss)}${p.updateDone ? ` → ${fmt(m.lossAfter)}` : ''}` : '';
      renderDiagram(this.els.svg, { sizes, weights, names: namesOf(this.net) });
      renderPanel(this.els.panel, matrixSections(trace, p));
      return;
    }
    const step = this.current()!;
    const plain = trace.batchSize === 1 && trace.weightDecay === 0;
    this.els.loss.textContent = !p.lossDone ? '' : plain
      ? `E_total = ${fmt(step.loss.total)}${p.updateDone ? ` → ${fmt(step.lossAfter)}` : ''}`
      : `J = ${fmt(step.objective.J)}${p.updateDone ? ` → ${fmt(step.objectiveAfter.J)}` : ''}`;
    const labels = stageLabels(trace, step, p);
    const key = this.selection && (this.selection.kind === 'neuron' ? `${this.selection.layer}:${this.selection.j}` : `${this.selection.layer}:${this.selection.j}:${this.selection.i}`);
    const biases = this.net.layers.map((l) => l.bias);
    renderDiagram(this.els.svg, { sizes, weights, biases, names: trace.names, neuronText: labels.neurons, edgeText: labels.edges, selected: key }, (sel) => {
      this.selection = sel;
      this.render();
      this.els.svg.querySelector<SVGElement>(sel.kind === 'neuron' ? `[data-neuron="${sel.layer}:${sel.j}"]` : `[data-edge="${sel.layer}:${sel.j}:${sel.i}"]`)?.focus();
    });
    renderPanel(this.els.panel, explainSelection(trace as ScalarTrace, step, this.selection, p));
  }

  private stageTitle(s: Stage): string {
    switch (s.kind) {
      case 'start': return t('phaseStart');
      case 'forward': return layerPhrase('phaseForward', s.layer + 1);
      case 'loss': return t('phaseLoss');
      case 'backward': return layerPhrase('phaseBackward', s.layer + 1);
      case 'update': return `${t('phaseUpdate')} (${this.settings.optimizer}, η = ${fmt(this.settings.learningRate)})`;
    }
  }
}

let namesCache: { key: string; names: ScalarNames } | undefined;

/** Names for a network, cached per architecture (a 784-128-10 network has 100 000 of them). */
export function namesOf(net: Network): ScalarNames {
  const key = [net.inputSize, ...net.layers.map((l) => `${l.units}${l.trainBias ? '' : 'f'}`)].join('-');
  if (namesCache?.key !== key) namesCache = { key, names: scalarNames(net) };
  return namesCache.names;
}

function matrixSections(trace: ExplainTrace, p: StepProgress): string[][] {
  if (trace.form !== 'matrix') return [];
  return trace.steps[trace.steps.length - 1]!.layers.map((l) => {
    const lines = [`${layerName(l.layer + 1)} (${l.units}×${l.inputs}, ${l.activation})`];
    if (p.forwardDone(l.layer)) lines.push(`‖z‖ = ${fmt(l.z.norm)}   ‖a‖ = ${fmt(l.a.norm)}`);
    if (p.backwardDone(l.layer)) {
      lines.push(`‖δ‖ = ${fmt(l.delta.norm)}   ‖∂E/∂W‖ = ${fmt(l.gradW.norm)}`);
      lines.push(`‖W‖ = ${fmt(l.weights.norm)}${p.updateDone ? ` → ${fmt(l.weightsAfter.norm)}` : ''}`);
      if (p.updateDone) lines.push(...l.weightSamples.slice(0, 3).map((w) => `W[${w.row},${w.col}] = ${fmt(w.old)} − η×${fmt(w.grad)} = ${fmt(w.new)}`));
    }
    return lines;
  });
}
