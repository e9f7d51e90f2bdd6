/**
 * A minimal RGBA raster: rectangles, lines, grey images and text, enough for the digit grid, the
 * training curves and the confusion matrix. Browser-safe (the PNG encoding is in src/io/png.ts; the
 * web page can put `data` straight into an ImageData).
 */
import { glyphPixel, GLYPH_HEIGHT, GLYPH_WIDTH } from './font.ts';

/** An RGB colour, each channel 0…255. */
export type Color = readonly [number, number, number];

export const WHITE: Color = [255, 255, 255];
export const BLACK: Color = [0, 0, 0];
export const GREY: Color = [160, 160, 160];
export const LIGHT_GREY: Color = [225, 225, 225];
export const RED: Color = [220, 30, 30];
export const GREEN: Color = [20, 150, 40];
export const BLUE: Color = [30, 90, 200];
export const ORANGE: Color = [230, 120, 20];

/** An RGBA picture in memory (what the PNG writer and the page draw). */
export interface Raster {
  readonly width: number;
  readonly height: number;
  /** width × height RGBA pixels, row by row. */
  readonly data: Uint8ClampedArray;
}

/** A blank RGBA picture of width × height pixels. */
export function createRaster(width: number, height: number, background: Color = WHITE): Raster {
  const r: Raster = { width, height, data: new Uint8ClampedArray(width * height * 4) };
  fillRect(r, 0, 0, width, height, background);
  return r;
}

export function setPixel(r: Raster, x: number, y: number, c: Color): void {
  x = Math.round(x); y = Math.round(y);
  if (x < 0 || y < 0 || x >= r.width || y >= r.height) return;
  const i = (y * r.width + x) * 4;
  r.data[i] = c[0]; r.data[i + 1] = c[1]; r.data[i + 2] = c[2]; r.data[i + 3] = 255;
}

export function fillRect(r: Raster, x: number, y: number, w: number, h: number, c: Color): void {
  for (let j = Math.max(0, y); j < Math.min(r.height, y + h); j++) {
    for (let i = Math.max(0, x); i < Math.min(r.width, x + w); i++) setPixel(r, i, j, c);
  }
}

export function strokeRect(r: Raster, x: number, y: number, w: number, h: number, c: Color, thickness = 1): void {
  fillRect(r, x, y, w, thickness, c);
  fillRect(r, x, y + h - thickness, w, thickness, c);
  fillRect(r, x, y, thickness, h, c);
  fillRect(r, x + w - thickness, y, thickness, h, c);
}

/** A straight line from (x0, y0) to (x1, y1), `thickness` pixels wide. */
export function drawLine(r: Raster, x0: number, y0: number, x1: number, y1: number, c: Color, thickness = 1): void {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
  const half = Math.floor(thickness / 2);
  for (let s = 0; s <= steps; s++) {
    const x = x0 + ((x1 - x0) * s) / steps, y = y0 + ((y1 - y0) * s) / steps;
    fillRect(r, Math.round(x) - half, Math.round(y) - half, thickness, thickness, c);
  }
}

/**
 * A grey image (values in [0, 1], row-major unless `columnMajor`) drawn with `scale`-pixel cells;
 * ink is dark on white, like a pen stroke. Values are clipped to [0, 1] (by min/max when `normalize`).
 */
export function drawGrey(
  r: Raster, x: number, y: number, pixels: ArrayLike<number>, offset: number, width: number, height: number,
  scale: number, options: { columnMajor?: boolean; normalize?: boolean } = {},
): void {
  let lo = 0, hi = 1;
  if (options.normalize) {
    lo = Infinity; hi = -Infinity;
    for (let i = 0; i < width * height; i++) { lo = Math.min(lo, pixels[offset + i]!); hi = Math.max(hi, pixels[offset + i]!); }
    if (hi <= lo) hi = lo + 1;
  }
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const v = pixels[offset + (options.columnMajor ? col * height + row : row * width + col)]!;
      const ink = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
      const g = Math.round(255 * (1 - ink));
      fillRect(r, x + col * scale, y + row * scale, scale, scale, [g, g, g]);
    }
  }
}

/** Text with its top-left corner at (x, y), each font pixel `scale` × `scale`. */
export function drawText(r: Raster, x: number, y: number, text: string, c: Color, scale = 1): void {
  [...text].forEach((ch, k) => {
    const x0 = x + k * (GLYPH_WIDTH + 1) * scale;
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) if (glyphPixel(ch, gx, gy)) fillRect(r, x0 + gx * scale, y + gy * scale, scale, scale, c);
    }
  });
}
