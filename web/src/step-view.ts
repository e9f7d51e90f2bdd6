/**
 * The step-mode view: explains one training step of a copy of the current network on one sample and
 * reveals it stage by stage on its own diagram, with the side panel for the selected neuron or edge.
 * After the update, "Next" starts another step from the updated weights.
 */
import { explain, sampleAt, scalarNames, type Dataset, type ExplainTrace, type Network, type ScalarNames, type ScalarTrace } from '../../src/index.ts';
import { formatNumber as fmt } from '../../src/index.ts';
import { layerName, layerPhrase, t } from './i18n.ts';
import { renderDiagram, type Selection } from './network-diagram.ts';
import { explainSelection, renderPanel } from './step-panel.ts';
import { progressAt, stageLabels, stagesFor, type Progress as StepProgress, type Stage } from './step-mode.ts';

/** Scalar (named) derivations up to this many weights; above it the layer summaries of the matrix form. */
const MAX_SCALAR_WEIGHTS = 200;

export class StepView {
  private net: Network | undefined;
  private data: Dataset | undefined;
  private eta = 0.1;
  private trace: ExplainTrace | undefined;
  private stages: Stage[] = [];
  private stage = 0;
  private selection: Selection | undefined;
  private stepCount = 0;

  constructor(private readonly els: { svg: SVGSVGElement; panel: HTMLElement; phase: HTMLElement; loss: HTMLElement; sample: HTMLInputElement }) {}

  /** Starts over from a copy of `net` on sample `index` of `data`, with learning rate η. */
  load(net: Network, data: Dataset, eta: number): void {
    this.net = net.clone();
    this.data = data;
    this.eta = eta;
    this.els.sample.max = String(data.size - 1);
    this.stepCount = 0;
    this.selection = undefined;
    this.explainNow();
  }

  private explainNow(): void {
    const index = Math.min(Math.max(0, Number(this.els.sample.value) || 0), this.data!.size - 1);
    this.els.sample.value = String(index);
    this.trace = explain(this.net!, sampleAt(this.data!, index), { learningRate: this.eta, maxScalarWeights: MAX_SCALAR_WEIGHTS });
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
    // Past the update: keep the new weights and explain the next step on the same sample.
    if (this.trace.form === 'scalar') {
      for (const b of this.trace.steps[0]!.backward) {
        const layer = this.net!.layers[b.layer]!;
        for (const w of b.weights) layer.weights[w.row * layer.inputs + w.col] = w.new;
        for (const x of b.biases) layer.bias[x.index] = x.new;
      }
      this.stepCount++;
      this.explainNow();
    }
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
    const s = this.stages[this.stage]!;
    this.els.phase.textContent = `${this.stepCount > 0 ? `#${this.stepCount + 1} · ` : ''}${this.stageTitle(s)}`;
    const p = progressAt(this.stages, this.stage);
    const sizes = [this.net.inputSize, ...this.net.layers.map((l) => l.units)];
    const weights = this.net.layers.map((l) => l.weights);
    if (trace.form !== 'scalar') {
      this.els.loss.textContent = p.lossDone ? `E = ${fmt(trace.steps[0]!.loss)}` : '';
      renderDiagram(this.els.svg, { sizes, weights, names: namesOf(this.net) });
      renderPanel(this.els.panel, matrixSections(trace, p));
      return;
    }
    const step = trace.steps[0]!;
    this.els.loss.textContent = p.lossDone
      ? `E_total = ${fmt(step.loss.total)}${p.updateDone ? ` → ${fmt(step.lossAfter)}` : ''}` : '';
    const labels = stageLabels(trace, step, p);
    const key = this.selection && (this.selection.kind === 'neuron' ? `${this.selection.layer}:${this.selection.j}` : `${this.selection.layer}:${this.selection.j}:${this.selection.i}`);
    const biases = this.net.layers.map((l) => l.bias);
    renderDiagram(this.els.svg, { sizes, weights, biases, names: trace.names, neuronText: labels.neurons, edgeText: labels.edges, selected: key }, (sel) => {
      this.selection = sel;
      this.render();
      this.els.svg.querySelector<SVGElement>(sel.kind === 'neuron' ? `[data-neuron="${sel.layer}:${sel.j}"]` : `[data-edge="${sel.layer}:${sel.j}:${sel.i}"]`)?.focus();
    });
    renderPanel(this.els.panel, explainSelection(trace as ScalarTrace, step, this.selection, p, this.eta));
  }

  private stageTitle(s: Stage): string {
    switch (s.kind) {
      case 'start': return t('phaseStart');
      case 'forward': return layerPhrase('phaseForward', s.layer + 1);
      case 'loss': return t('phaseLoss');
      case 'backward': return layerPhrase('phaseBackward', s.layer + 1);
      case 'update': return `${t('phaseUpdate')} (η = ${fmt(this.eta)})`;
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
  return trace.steps[0]!.layers.map((l) => {
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
