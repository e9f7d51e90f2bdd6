/**
 * A grid of digit images, like the course's displayData: one tile per sample, grey ink on white.
 * With predictions, each tile carries the predicted class under the image, green when right and
 * red (with a red frame) when wrong.
 */
import type { ImageShape } from '../core/dataset.ts';
import { textWidth, GLYPH_HEIGHT } from './font.ts';
import { createRaster, drawGrey, drawText, GREEN, LIGHT_GREY, RED, strokeRect, type Raster } from './raster.ts';

/** Options of `drawDigitGrid`: image shape, scale, tiles per row, predicted classes. */
export interface DigitGridOptions extends ImageShape {
  /** Screen pixels per image pixel (default: 2, or 3 for images under 24 pixels). */
  scale?: number;
  /** Tiles per row (default: ⌈√count⌉). */
  columns?: number;
  /** Per tile: the predicted class name and whether it is right. */
  predictions?: { text: string; correct: boolean }[];
}

const PAD = 4;
const TEXT_SCALE = 2;

/** The grid for samples `indices` of `images` (rows of width × height values in [0, 1]). */
export function drawDigitGrid(images: ArrayLike<number>, indices: number[], options: DigitGridOptions): Raster {
  const { width, height, predictions } = options;
  const scale = options.scale ?? (Math.max(width, height) < 24 ? 3 : 2);
  const columns = options.columns ?? Math.max(1, Math.ceil(Math.sqrt(indices.length)));
  const rows = Math.max(1, Math.ceil(indices.length / columns));
  const label = predictions ? GLYPH_HEIGHT * TEXT_SCALE + 4 : 0;
  const tileW = width * scale + PAD, tileH = height * scale + label + PAD;
  const r = createRaster(columns * tileW + PAD, rows * tileH + PAD, [255, 255, 255]);
  indices.forEach((sample, k) => {
    const x = PAD + (k % columns) * tileW, y = PAD + Math.floor(k / columns) * tileH;
    drawGrey(r, x, y, images, sample * width * height, width, height, scale, { columnMajor: options.columnMajor });
    const p = predictions?.[k];
    if (p) {
      const color = p.correct ? GREEN : RED;
      drawText(r, x + (width * scale - textWidth(p.text, TEXT_SCALE)) / 2, y + height * scale + 2, p.text, color, TEXT_SCALE);
      strokeRect(r, x - 1, y - 1, width * scale + 2, height * scale + label + 1, p.correct ? LIGHT_GREY : RED, p.correct ? 1 : 2);
    }
  });
  return r;
}
