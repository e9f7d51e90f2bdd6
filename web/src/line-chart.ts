/**
 * A minimal line chart on a canvas: several series over a shared x axis (epochs), solid or dashed,
 * with the y range fitted to the data (or fixed, e.g. [0, 1] for accuracy).
 */
export interface Series {
  points: [number, number][];
  colour: string;
  dashed?: boolean;
}

export function renderLineChart(canvas: HTMLCanvasElement, series: Series[], yRange?: [number, number]): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 300, h = canvas.clientHeight || 150;
  if (canvas.width !== Math.round(w * dpr)) { canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr); }
  const g = canvas.getContext('2d')!;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const all = series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  const pad = { l: 44, r: 8, t: 8, b: 20 };
  const xMax = Math.max(1e-9, ...all.map(([x]) => x));
  const [y0, y1] = yRange ?? [0, Math.max(1e-9, ...all.map(([, y]) => y)) * 1.05];
  const X = (x: number) => pad.l + (x / xMax) * (w - pad.l - pad.r);
  const Y = (y: number) => h - pad.b - ((y - y0) / (y1 - y0 || 1)) * (h - pad.t - pad.b);
  g.strokeStyle = '#9ca3af';
  g.fillStyle = getComputedStyle(canvas).color || '#374151';
  g.lineWidth = 1;
  g.font = '11px system-ui, sans-serif';
  g.beginPath();
  g.moveTo(pad.l, pad.t);
  g.lineTo(pad.l, h - pad.b);
  g.lineTo(w - pad.r, h - pad.b);
  g.stroke();
  for (const v of [y0, (y0 + y1) / 2, y1]) g.fillText(v.toPrecision(2), 2, Y(v) + 4);
  if (xMax > 1e-6) {
    const label = String(Number(xMax.toPrecision(3)));
    g.fillText(label, w - pad.r - g.measureText(label).width, h - 5);
  }
  for (const s of series) {
    if (s.points.length === 0) continue;
    g.strokeStyle = s.colour;
    g.lineWidth = 2;
    g.setLineDash(s.dashed ? [5, 4] : []);
    g.beginPath();
    s.points.forEach(([x, y], i) => (i === 0 ? g.moveTo(X(x), Y(y)) : g.lineTo(X(x), Y(y))));
    g.stroke();
  }
  g.setLineDash([]);
}
