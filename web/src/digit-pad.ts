/**
 * A drawing pad for digits (mouse, pen or finger) and the MNIST-style preprocessing of the drawing:
 * the ink's bounding box scaled to fit 20×20, then placed in a 28×28 image so that its centre of
 * mass sits at the centre — how the MNIST digits were normalised — with pixels in [0, 1].
 */
export class DigitPad {
  private drawing = false;
  private last: [number, number] | null = null;
  private readonly g: CanvasRenderingContext2D;

  constructor(readonly canvas: HTMLCanvasElement, private readonly onChange: () => void) {
    this.g = canvas.getContext('2d', { willReadFrequently: true })!;
    this.clear(false);
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.drawing = true;
      this.last = this.point(e);
      this.line(this.last, this.last);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      const p = this.point(e);
      this.line(this.last!, p);
      this.last = p;
    });
    const end = () => { this.drawing = false; this.last = null; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  clear(notify = true): void {
    this.g.fillStyle = 'black';
    this.g.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (notify) this.onChange();
  }

  private point(e: PointerEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * this.canvas.width, ((e.clientY - r.top) / r.height) * this.canvas.height];
  }

  private line(a: [number, number], b: [number, number]): void {
    const g = this.g;
    g.strokeStyle = 'white';
    g.lineWidth = this.canvas.width / 14;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(a[0], a[1]);
    g.lineTo(b[0], b[1]);
    g.stroke();
    this.onChange();
  }

  /** The drawing as 784 pixels in [0, 1] (row-major 28×28), or null when the pad is empty. */
  pixels(): Float64Array | null {
    const { width, height } = this.canvas;
    const src = this.g.getImageData(0, 0, width, height).data;
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (src[4 * (y * width + x)]! > 20) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
      }
    }
    if (x1 < 0) return null;
    // Fit the bounding box into 20×20, keeping the aspect ratio (a "1" stays thin).
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    const scale = 20 / Math.max(bw, bh);
    const w = Math.max(1, Math.round(bw * scale)), h = Math.max(1, Math.round(bh * scale));
    const small = new OffscreenCanvas(w, h);
    const sg = small.getContext('2d')!;
    sg.imageSmoothingQuality = 'high';
    sg.drawImage(this.canvas, x0, y0, bw, bh, 0, 0, w, h);
    const img = sg.getImageData(0, 0, w, h).data;
    // Centre of mass of the 20×20 image, then shift it to (14, 14) in the 28×28 frame.
    let mass = 0, cx = 0, cy = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const v = img[4 * (y * w + x)]! / 255; mass += v; cx += v * x; cy += v * y; }
    const dx = Math.round(14 - (mass ? cx / mass : w / 2) - 0.5), dy = Math.round(14 - (mass ? cy / mass : h / 2) - 0.5);
    const out = new Float64Array(784);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const tx = x + dx, ty = y + dy;
        if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] = img[4 * (y * w + x)]! / 255;
      }
    }
    return out;
  }
}

/** Ten labelled bars for the probabilities of the digits 0–9. */
export function renderBars(host: HTMLElement, probabilities: number[] | null): void {
  if (host.childElementCount !== 10) {
    host.replaceChildren(...Array.from({ length: 10 }, (_, d) => {
      const row = document.createElement('div');
      row.className = 'bar';
      row.setAttribute('role', 'meter');
      row.setAttribute('aria-valuemin', '0');
      row.setAttribute('aria-valuemax', '1');
      row.innerHTML = `<span class="digit">${d}</span><span class="track"><span class="fill"></span></span><span class="pct"></span>`;
      return row;
    }));
  }
  const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
  [...host.children].forEach((row, d) => {
    const p = probabilities?.[d] ?? 0;
    const el = row as HTMLElement;
    el.dataset.p = p.toFixed(6);
    el.classList.toggle('best', d === best);
    el.setAttribute('aria-valuenow', p.toFixed(3));
    el.setAttribute('aria-label', `${d}: ${(p * 100).toFixed(1)}%`);
    (el.querySelector('.fill') as HTMLElement).style.width = `${(p * 100).toFixed(1)}%`;
    el.querySelector('.pct')!.textContent = probabilities ? `${(p * 100).toFixed(1)}%` : '';
  });
}
