/**
 * The network drawn as neurons and edges (SVG). Edge width shows |w| and colour its sign (blue +,
 * orange −); a neuron's fill shows its activation for the probe sample. Large layers show their first
 * and last few neurons around an ellipsis. Optional text labels put step-mode values on the diagram.
 */
import type { ScalarNames } from '../../src/index.ts';
import { formatNumber as fmt } from '../../src/index.ts';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_SHOWN = 10;

export interface DiagramModel {
  /** Neurons per layer, inputs first. */
  sizes: number[];
  /** Textbook names (the explainer's numbering: i1, h1, o1, w1…). */
  names: ScalarNames;
  /** weights[l][j * sizes[l] + i]: from neuron i of layer l to neuron j of layer l + 1. */
  weights: ArrayLike<number>[];
  /** Biases per layer (step mode): drawn as a "b" node above each layer with its value. */
  biases?: ArrayLike<number>[];
  /** Activation of every neuron (inputs first), for the fill; optional. */
  activations?: ArrayLike<number>[];
  /** Step mode: text lines per neuron `${l}:${j}` and per edge `${l}:${j}:${i}`. */
  neuronText?: Map<string, string[]>;
  edgeText?: Map<string, string[]>;
  selected?: string;
}

export type Selection = { kind: 'neuron'; layer: number; j: number } | { kind: 'edge'; layer: number; j: number; i: number };

/** Indices of the neurons drawn for a layer of n (-1 marks the ellipsis). */
function shown(n: number): number[] {
  if (n <= MAX_SHOWN) return Array.from({ length: n }, (_, i) => i);
  const head = Math.ceil((MAX_SHOWN - 1) / 2), tail = MAX_SHOWN - 1 - head;
  return [...Array.from({ length: head }, (_, i) => i), -1, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
}

export function renderDiagram(svg: SVGSVGElement, m: DiagramModel, onSelect?: (s: Selection) => void): void {
  const cols = m.sizes.map(shown);
  const rowsMax = Math.max(...cols.map((c) => c.length));
  const labelled = !!m.neuronText;
  // Beyond a handful of neurons, every label at once is unreadable: show those of the selection.
  const shownEdges = cols.slice(1).reduce((n, c, l) => n + c.filter((j) => j >= 0).length * cols[l]!.filter((i) => i >= 0).length, 0);
  // On a narrow screen (a phone) the drawing is made at the box's own width, so that text keeps its
  // CSS size (≥ 11 px) instead of being scaled down; only the selection's labels then fit.
  const box = svg.clientWidth || (svg.parentElement?.clientWidth ?? 0);
  const narrow = box > 0 && box < (labelled ? 600 : 560);
  const dense = labelled && (rowsMax > 3 || shownEdges > 16 || narrow);
  const last = m.sizes.length - 1;
  const ends = new Set<string>();
  const sel = m.selected?.split(':').map(Number);
  if (sel?.length === 3) ends.add(`${sel[0]}:${sel[2]}`).add(`${sel[0]! + 1}:${sel[1]}`);
  const showNeuron = (l: number, key: string) =>
    !dense || key === m.selected || ends.has(key) || ((l === 0 || l === last) && m.sizes[l]! <= 3);
  const showEdge = (key: string) => !dense || key === m.selected;
  const W = narrow ? Math.max(box, 300) : dense ? 900 : labelled ? 720 : 560;
  const H = dense ? rowsMax * 64 + 100 : Math.max(labelled ? 380 : 240, rowsMax * (labelled ? 170 : 40) + 40);
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const r = Math.min(dense ? 16 : labelled ? 24 : 14, (H - 40) / (2 * rowsMax) - 2);
  const margin = narrow ? (labelled ? 56 : 24) : labelled ? 80 : 40;
  const x = (l: number) => margin + (l * (W - 2 * margin)) / Math.max(1, m.sizes.length - 1);
  const y = (l: number, k: number) => H / 2 + (k - (cols[l]!.length - 1) / 2) * ((H - 40) / rowsMax);
  let maxW = 1e-9;
  m.weights.forEach((w) => { for (let i = 0; i < w.length; i++) maxW = Math.max(maxW, Math.abs(w[i]!)); });

  const edges = el('g', { class: 'edges' });
  const labels = el('g', { class: 'labels' });
  for (let l = 0; l + 1 < m.sizes.length; l++) {
    cols[l + 1]!.forEach((j, kj) => {
      if (j < 0) return;
      cols[l]!.forEach((i, ki) => {
        if (i < 0) return;
        const w = m.weights[l]![j * m.sizes[l]! + i]!;
        const key = `${l}:${j}:${i}`;
        const [x1, y1, x2, y2] = [x(l) + r, y(l, ki), x(l + 1) - r, y(l + 1, kj)];
        const name = m.names.weights[l]![j]![i]!;
        const g = el('g', { class: `edge${m.selected === key ? ' selected' : ''}`, 'data-edge': key, 'data-name': name });
        g.append(el('line', {
          x1, y1, x2, y2, stroke: w >= 0 ? 'var(--pos)' : 'var(--neg)',
          'stroke-width': (0.4 + (labelled ? 5 : 3.5) * Math.abs(w) / maxW).toFixed(2),
        }));
        // A wide transparent copy makes thin edges easy to click or tap.
        g.append(el('line', { x1, y1, x2, y2, class: 'hit' }));
        if (onSelect && labelled) {
          g.setAttribute('tabindex', '0');
          g.setAttribute('role', 'button');
          g.setAttribute('aria-label', `${name} = ${fmt(w)}`);
          activate(g, () => onSelect({ kind: 'edge', layer: l, j, i }));
        }
        edges.append(g);
        const text = showEdge(key) ? m.edgeText?.get(key) : undefined;
        // At 36 % of the way: edges that cross (w2 and w3) cross at the middle, so labels there would be crossed.
        if (text) labels.append(textBlock(x1 + 0.36 * (x2 - x1), y1 + 0.36 * (y2 - y1) - 4, text, 'edge-label', name));
      });
    });
  }
  const neurons = el('g', { class: 'neurons' });
  m.sizes.forEach((n, l) => {
    cols[l]!.forEach((j, k) => {
      if (j < 0) {
        neurons.append(textBlock(x(l), y(l, k) + 4, ['⋮'], 'ellipsis'), textBlock(x(l), y(l, k) + 18, [`${n}`], 'count'));
        return;
      }
      const name = l === 0 ? m.names.inputs[j]! : m.names.neurons[l - 1]![j]!;
      const key = `${l}:${j}`;
      const a = m.activations?.[l]?.[j];
      const g = el('g', { class: `neuron${m.selected === key ? ' selected' : ''}`, 'data-neuron': key, 'data-name': name });
      g.append(el('circle', { cx: x(l), cy: y(l, k), r, fill: a === undefined ? 'var(--bg)' : fill(a) }));
      if (r >= 9) {
        const label = textBlock(x(l), y(l, k) + r * 0.3, [name], 'neuron-name');
        label.style.fontSize = `${Math.max(11, Math.min(14, (2.4 * r) / Math.max(2, name.length) + 2)).toFixed(1)}px`;
        g.append(label);
      }
      if (onSelect) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', a === undefined ? name : `${name}: a = ${fmt(a)}`);
        activate(g, () => onSelect({ kind: 'neuron', layer: l, j }));
      }
      neurons.append(g);
      const text = showNeuron(l, key) ? m.neuronText?.get(key) : undefined;
      // Labels go above the neurons of the upper half and below the others, away from the edges' labels.
      const above = k < (cols[l]!.length - 1) / 2;
      if (text) labels.append(textBlock(x(l), above ? y(l, k) - r - 8 - (text.length - 1) * 15.6 : y(l, k) + r + 16, text, 'neuron-label', name));
    });
  });
  if (m.biases) {
    // One "b" node per layer, above it, between the layer and the one feeding it, with its value(s).
    m.biases.forEach((b, li) => {
      const l = li + 1, bx = (x(l - 1) + x(l)) / 2 + r, by = 18;
      const shared = m.names.sharedBias?.[li] || b.length === 1;
      const name = shared ? m.names.biases[li]![0]! : `b (${layerLabel(l)})`;
      const g = el('g', { class: 'bias', 'data-bias': String(li) });
      g.append(el('circle', { cx: bx, cy: by, r: 9, fill: 'var(--panel)', stroke: 'var(--muted)' }), textBlock(bx, by + 4, ['b'], 'bias-name'));
      const value = shared ? `${name} = ${fmt(b[0]!)}` : name;
      g.append(textBlock(bx - 14, by + 4, [value], 'bias-label', name));
      g.lastElementChild!.setAttribute('text-anchor', 'end');
      neurons.append(g);
    });
  }
  svg.append(edges, neurons, labels);
  backLabels(labels);
}

/** A white box behind every label, so that no edge runs through its numbers. */
function backLabels(labels: SVGElement): void {
  for (const text of [...labels.children] as SVGTextElement[]) {
    const b = text.getBBox();
    if (b.width === 0) continue;
    labels.insertBefore(el('rect', { x: b.x - 2, y: b.y - 1, width: b.width + 4, height: b.height + 2, rx: 3, class: 'label-back' }), text);
  }
}

function layerLabel(l: number): string {
  return `${l}`;
}

/** Blue for positive, orange for negative activations; strength by magnitude (squashed by tanh). */
function fill(a: number): string {
  const s = Math.min(1, Math.abs(Math.tanh(a)));
  return a >= 0 ? `rgba(37, 99, 235, ${s.toFixed(3)})` : `rgba(234, 88, 12, ${s.toFixed(3)})`;
}

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function textBlock(cx: number, cy: number, lines: string[], cls: string, owner?: string): SVGElement {
  const t = el('text', { x: cx, y: cy, class: cls, 'text-anchor': 'middle' });
  if (owner) t.setAttribute('data-for', owner);
  lines.forEach((line, i) => {
    const span = el('tspan', { x: cx, dy: i === 0 ? 0 : '1.2em' });
    span.textContent = line;
    t.append(span);
  });
  return t;
}

function activate(g: SVGElement, f: () => void): void {
  g.addEventListener('click', f);
  g.addEventListener('keydown', (e) => {
    const k = (e as KeyboardEvent).key;
    if (k === 'Enter' || k === ' ') { e.preventDefault(); e.stopPropagation(); f(); }
  });
}
