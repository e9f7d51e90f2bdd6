/**
 * The decision surface of a 2-D dataset: the network's output over a grid as a heatmap (orange = 0,
 * white = 0.5, blue = 1), with the training points filled and the test points ringed on top.
 */
import type { Dataset } from '../../src/index.ts';
import type { GridSpec } from './protocol.ts';

export const GRID: GridSpec = { n: 50, lo: -1.25, hi: 1.25 };

function colour(v: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, v));
  // Blend orange (234, 88, 12) → white → blue (37, 99, 235).
  const [c0, c1] = t < 0.5 ? [[234, 88, 12], [255, 255, 255]] : [[255, 255, 255], [37, 99, 235]];
  const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
  return [0, 1, 2].map((k) => Math.round(c0[k]! + (c1[k]! - c0[k]!) * u)) as [number, number, number];
}

export function renderHeatmap(canvas: HTMLCanvasElement, grid: Float32Array | null, train: Dataset, test: Dataset): void {
  const size = canvas.width;
  const g = canvas.getContext('2d')!;
  g.clearRect(0, 0, size, size);
  if (grid) {
    const { n } = GRID;
    const img = new ImageData(n, n);
    for (let p = 0; p < n * n; p++) {
      const [r, gr, b] = colour(grid[p]!);
      img.data.set([r, gr, b, 200], 4 * p);
    }
    const tmp = new OffscreenCanvas(n, n);
    tmp.getContext('2d')!.putImageData(img, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(tmp, 0, 0, size, size);
  }
  const px = (v: number) => ((v - GRID.lo) / (GRID.hi - GRID.lo)) * size;
  const dot = (d: Dataset, ringed: boolean) => {
    for (let i = 0; i < d.size; i++) {
      const label = d.targets[i * d.outputSize + d.outputSize - 1]!;
      const [r, gr, b] = colour(label);
      g.beginPath();
      g.arc(px(d.inputs[2 * i]!), size - px(d.inputs[2 * i + 1]!), size / 110, 0, 2 * Math.PI);
      g.fillStyle = ringed ? 'white' : `rgb(${r},${gr},${b})`;
      g.strokeStyle = ringed ? `rgb(${r},${gr},${b})` : 'white';
      g.lineWidth = ringed ? 2 : 1;
      g.fill();
      g.stroke();
    }
  };
  dot(train, false);
  dot(test, true);
}
