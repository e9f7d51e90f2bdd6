/**
 * The decision surface of a 2-D dataset: the network's output over a grid as a heatmap (orange =
 * low, white = middle, blue = high), with the training points as filled dots and the test points as
 * ringed squares on top; and each hidden neuron's activation over the same plane as a thumbnail.
 * The page is given at most a few thousand points (the worker samples big files), so drawing stays short.
 */
import type { ActivationName, Dataset } from '../../src/index.ts';
import type { GridSpec } from './protocol.ts';

export const GRID: GridSpec = { n: 50, lo: -1.25, hi: 1.25 };

/** v in [0, 1] → orange (234, 88, 12) → white → blue (37, 99, 235), as 256 precomputed RGB triples. */
const PALETTE = (() => {
  const out = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    const [c0, c1] = t < 0.5 ? [[234, 88, 12], [255, 255, 255]] : [[255, 255, 255], [37, 99, 235]];
    const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    for (let k = 0; k < 3; k++) out[3 * i + k] = Math.round(c0[k]! + (c1[k]! - c0[k]!) * u);
  }
  return out;
})();
const shade = (v: number) => 3 * Math.round(255 * Math.max(0, Math.min(1, v)));
function colour(v: number): string {
  const i = shade(v);
  return `rgb(${PALETTE[i]},${PALETTE[i + 1]},${PALETTE[i + 2]})`;
}

/** Pixel buffers per grid size, reused by every frame (drawing allocates nothing per pixel). */
const buffers = new Map<number, { img: ImageData; canvas: OffscreenCanvas; g: OffscreenCanvasRenderingContext2D }>();

/** n × n values (row 0 at the top) drawn over the whole canvas; `unit` maps a value to [0, 1]. */
function paintGrid(canvas: HTMLCanvasElement, grid: Float32Array, unit: (v: number) => number, alpha = 200): void {
  const n = Math.round(Math.sqrt(grid.length));
  let b = buffers.get(n);
  if (!b) {
    const c = new OffscreenCanvas(n, n);
    buffers.set(n, (b = { img: new ImageData(n, n), canvas: c, g: c.getContext('2d')! }));
  }
  const d = b.img.data;
  for (let p = 0; p < n * n; p++) {
    const i = shade(unit(grid[p]!));
    d[4 * p] = PALETTE[i]!; d[4 * p + 1] = PALETTE[i + 1]!; d[4 * p + 2] = PALETTE[i + 2]!; d[4 * p + 3] = alpha;
  }
  b.g.putImageData(b.img, 0, 0);
  const g = context(canvas);
  g.imageSmoothingEnabled = true;
  g.drawImage(b.canvas, 0, 0, canvas.width, canvas.height);
}

const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  let g = contexts.get(canvas);
  if (!g) contexts.set(canvas, (g = canvas.getContext('2d')!));
  return g;
}

/** The points, drawn once per dataset (and size, toggle) into a layer that each frame only copies. */
let pointsLayer: { key: unknown[]; canvas: OffscreenCanvas } | undefined;

export interface HeatmapOptions {
  /** The targets' range: [0, 1] for classes, [-1, 1] for the regression sets. */
  range: [number, number];
  /** Show the predicted class (or the sign) instead of the output's shade. */
  discretize: boolean;
}

export function renderHeatmap(canvas: HTMLCanvasElement, grid: Float32Array | null, train: Dataset, test: Dataset | null, o: HeatmapOptions): void {
  const size = canvas.width;
  const g = context(canvas);
  g.clearRect(0, 0, size, size);
  const [lo, hi] = o.range;
  const unit = (v: number) => (v - lo) / (hi - lo);
  if (grid) paintGrid(canvas, grid, o.discretize ? (v) => (unit(v) >= 0.5 ? 1 : 0) : unit);
  const key = [train, test, size, lo, hi];
  if (!pointsLayer || pointsLayer.key.some((k, i) => k !== key[i])) pointsLayer = { key, canvas: drawPoints(size, train, test, unit) };
  g.drawImage(pointsLayer.canvas, 0, 0);
}

function drawPoints(size: number, train: Dataset, test: Dataset | null, unit: (v: number) => number): OffscreenCanvas {
  const layer = new OffscreenCanvas(size, size);
  const g = layer.getContext('2d')!;
  const px = (v: number) => ((v - GRID.lo) / (GRID.hi - GRID.lo)) * size;
  const r = size / 110;
  const dots = (d: Dataset, isTest: boolean) => {
    for (let i = 0; i < d.size; i++) {
      const c = colour(unit(d.targets[i * d.outputSize + d.outputSize - 1]!));
      const x = px(d.inputs[2 * i]!), y = size - px(d.inputs[2 * i + 1]!);
      g.beginPath();
      if (isTest) g.rect(x - r, y - r, 2 * r, 2 * r);
      else g.arc(x, y, r, 0, 2 * Math.PI);
      g.fillStyle = isTest ? 'white' : c;
      g.strokeStyle = isTest ? c : 'white';
      g.lineWidth = isTest ? 2 : 1;
      g.fill();
      g.stroke();
    }
  };
  dots(train, false);
  if (test && test !== train) dots(test, true);
  return layer;
}

/** The range an activation's values fall in, for the thumbnails' colours. */
function rangeOf(a: ActivationName): [number, number] {
  return a === 'sigmoid' || a === 'softmax' ? [0, 1] : a === 'tanh' ? [-1, 1] : [-1, 1];
}

/** One small canvas per hidden neuron, a row per layer, each showing the neuron's output over the plane. */
export function renderNeurons(host: HTMLElement, neurons: Float32Array[][], activations: ActivationName[]): void {
  const shape = neurons.map((l) => l.length).join('-');
  if (host.dataset.shape !== shape) {
    host.dataset.shape = shape;
    host.replaceChildren(...neurons.map((layer, l) => {
      const row = document.createElement('div');
      row.className = 'neuron-row';
      row.append(...layer.map((_, j) => {
        const c = document.createElement('canvas');
        c.width = c.height = 50;
        c.title = `h${l + 1}.${j + 1}`;
        c.setAttribute('aria-label', c.title);
        return c;
      }));
      return row;
    }));
  }
  neurons.forEach((layer, l) => {
    const [lo, hi] = rangeOf(activations[l]!);
    const row = host.children[l]!;
    layer.forEach((pic, j) => paintGrid(row.children[j] as HTMLCanvasElement, pic, (v) => (v - lo) / (hi - lo), 255));
  });
}
