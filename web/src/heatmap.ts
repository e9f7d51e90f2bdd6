/**
 * The decision surface of a 2-D dataset: the network's output over a grid as a heatmap (orange =
 * low, white = middle, blue = high), with the training points as filled dots and the test points as
 * ringed squares on top; and each hidden neuron's activation over the same plane as a thumbnail.
 * The page is given at most a few thousand points (the worker samples big files), so drawing stays short.
 */
import type { ActivationName, Dataset } from '../../src/index.ts';
import type { GridSpec } from './protocol.ts';

export const GRID: GridSpec = { n: 50, lo: -1.25, hi: 1.25 };

/** v in [0, 1] → orange (234, 88, 12) → white → blue (37, 99, 235). */
function colour(v: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, v));
  const [c0, c1] = t < 0.5 ? [[234, 88, 12], [255, 255, 255]] : [[255, 255, 255], [37, 99, 235]];
  const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
  return [0, 1, 2].map((k) => Math.round(c0[k]! + (c1[k]! - c0[k]!) * u)) as [number, number, number];
}

/** n × n values (row 0 at the top) drawn over the whole canvas; `unit` maps a value to [0, 1]. */
function paintGrid(canvas: HTMLCanvasElement, grid: Float32Array, unit: (v: number) => number, alpha = 200): void {
  const n = Math.round(Math.sqrt(grid.length));
  const img = new ImageData(n, n);
  for (let p = 0; p < n * n; p++) {
    const [r, g, b] = colour(unit(grid[p]!));
    img.data.set([r, g, b, alpha], 4 * p);
  }
  const tmp = new OffscreenCanvas(n, n);
  tmp.getContext('2d')!.putImageData(img, 0, 0);
  const g = canvas.getContext('2d')!;
  g.imageSmoothingEnabled = true;
  g.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}

export interface HeatmapOptions {
  /** The targets' range: [0, 1] for classes, [-1, 1] for the regression sets. */
  range: [number, number];
  /** Show the predicted class (or the sign) instead of the output's shade. */
  discretize: boolean;
}

export function renderHeatmap(canvas: HTMLCanvasElement, grid: Float32Array | null, train: Dataset, test: Dataset | null, o: HeatmapOptions): void {
  const size = canvas.width;
  const g = canvas.getContext('2d')!;
  g.clearRect(0, 0, size, size);
  const [lo, hi] = o.range;
  const unit = (v: number) => (v - lo) / (hi - lo);
  if (grid) paintGrid(canvas, grid, o.discretize ? (v) => (unit(v) >= 0.5 ? 1 : 0) : unit);
  const px = (v: number) => ((v - GRID.lo) / (GRID.hi - GRID.lo)) * size;
  const r = size / 110;
  const dots = (d: Dataset, isTest: boolean) => {
    for (let i = 0; i < d.size; i++) {
      const [cr, cg, cb] = colour(unit(d.targets[i * d.outputSize + d.outputSize - 1]!));
      const x = px(d.inputs[2 * i]!), y = size - px(d.inputs[2 * i + 1]!);
      g.beginPath();
      if (isTest) g.rect(x - r, y - r, 2 * r, 2 * r);
      else g.arc(x, y, r, 0, 2 * Math.PI);
      g.fillStyle = isTest ? 'white' : `rgb(${cr},${cg},${cb})`;
      g.strokeStyle = isTest ? `rgb(${cr},${cg},${cb})` : 'white';
      g.lineWidth = isTest ? 2 : 1;
      g.fill();
      g.stroke();
    }
  };
  dots(train, false);
  if (test && test !== train) dots(test, true);
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
