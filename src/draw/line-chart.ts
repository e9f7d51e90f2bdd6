/**
 * Training curves: loss per epoch (top panel) and accuracy per epoch (bottom panel), training in
 * blue and validation (when there is any) in orange. Axis labels use the built-in bitmap font.
 */
import { textWidth } from './font.ts';
import { BLACK, BLUE, createRaster, drawLine, drawText, GREY, LIGHT_GREY, ORANGE, type Color, type Raster } from './raster.ts';

/** One line of a chart: its name, values (null = gap) and colour. */
export interface Curve {
  name: string;
  values: (number | null)[];
  color?: Color;
}

/** One chart: a title and its curves. */
export interface Panel {
  title: string;
  curves: Curve[];
  /** Format of the y tick labels (default: 3 significant digits). */
  format?: (v: number) => string;
}

export const CHART_WIDTH = 640;
export const PANEL_HEIGHT = 240;
const LEFT = 70, RIGHT = 20, TOP = 30, BOTTOM = 40, S = 2;

/** One panel per entry, stacked; x is the epoch 1…n. */
export function drawCurves(panels: Panel[]): Raster {
  const r = createRaster(CHART_WIDTH, PANEL_HEIGHT * panels.length);
  panels.forEach((p, i) => drawPanel(r, p, i * PANEL_HEIGHT));
  return r;
}

function drawPanel(r: Raster, panel: Panel, top: number): void {
  const x0 = LEFT, x1 = CHART_WIDTH - RIGHT, y0 = top + TOP, y1 = top + PANEL_HEIGHT - BOTTOM;
  const all = panel.curves.flatMap((c) => c.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const n = Math.max(1, ...panel.curves.map((c) => c.values.length));
  let lo = all.length ? Math.min(...all) : 0, hi = all.length ? Math.max(...all) : 1;
  if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
  const pad = (hi - lo) * 0.05;
  lo -= pad; hi += pad;
  // Ticks at round numbers: the smallest step of 1, 2 or 5 × 10^k giving at most five intervals.
  const raw = (hi - lo) / 5, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const yStep = [1, 2, 5, 10].map((f) => f * mag).find((st) => st >= raw)!;
  const decimals = Math.max(0, -Math.floor(Math.log10(yStep) + 1e-9));
  const fmt = panel.format ?? ((v: number) => v.toFixed(decimals));
  const X = (e: number) => x0 + (n === 1 ? (x1 - x0) / 2 : ((e - 1) / (n - 1)) * (x1 - x0));
  const Y = (v: number) => y1 - ((v - lo) / (hi - lo)) * (y1 - y0);
  for (let v = Math.ceil(lo / yStep) * yStep; v <= hi; v += yStep) {
    const y = Math.round(Y(v));
    drawLine(r, x0, y, x1, y, LIGHT_GREY);
    const label = fmt(Math.abs(v) < yStep * 1e-9 ? 0 : v);
    drawText(r, x0 - 6 - textWidth(label, S), y - 5, label, GREY, S);
  }
  // x ticks at about 6 epochs.
  const step = Math.max(1, Math.ceil(n / 6));
  for (let e = 1; e <= n; e += step) {
    const x = Math.round(X(e));
    drawLine(r, x, y1, x, y1 + 4, GREY);
    drawText(r, x - textWidth(String(e), S) / 2, y1 + 8, String(e), GREY, S);
  }
  drawLine(r, x0, y0, x0, y1, BLACK);
  drawLine(r, x0, y1, x1, y1, BLACK);
  drawText(r, x1 - textWidth('EPOCH', S), y1 + 24, 'EPOCH', GREY, S);
  drawText(r, x0, top + 8, panel.title, BLACK, S);
  let legendX = x0 + textWidth(panel.title, S) + 30;
  panel.curves.forEach((c, k) => {
    const color = c.color ?? (k === 0 ? BLUE : ORANGE);
    drawLine(r, legendX, top + 13, legendX + 20, top + 13, color, 3);
    drawText(r, legendX + 26, top + 8, c.name, color, S);
    legendX += 26 + textWidth(c.name, S) + 24;
    let prev: [number, number] | undefined;
    c.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) { prev = undefined; return; }
      const pt: [number, number] = [Math.round(X(i + 1)), Math.round(Y(v))];
      if (prev) drawLine(r, prev[0], prev[1], pt[0], pt[1], color, 2);
      else drawLine(r, pt[0], pt[1], pt[0], pt[1], color, 3);
      prev = pt;
    });
  });
}
