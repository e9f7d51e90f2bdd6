/**
 * The confusion matrix: counts[t][p] = samples of true class t predicted as p. As text for the
 * terminal and as a picture: rows are true classes, columns predictions, each cell shaded by the
 * share of its row (blue on the diagonal, red off it) and labelled with its count.
 */
import { textWidth } from './font.ts';
import { BLACK, createRaster, drawText, fillRect, GREY, WHITE, type Color, type Raster } from './raster.ts';

/** counts[true][predicted] from class indices. */
export function confusionCounts(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) counts[truth[i]!]![predicted[i]!]!++;
  return counts;
}

/** The confusion matrix as a text table (rows: true class, columns: predicted). */
export function formatConfusion(counts: number[][], labels: string[]): string {
  const width = Math.max(4, ...counts.flat().map((c) => String(c).length + 1), ...labels.map((l) => l.length + 1));
  const head = 'true\\pred'.padEnd(10) + labels.map((l) => l.padStart(width)).join('');
  const rows = counts.map((row, t) => labels[t]!.padEnd(10) + row.map((c) => String(c).padStart(width)).join(''));
  return [head, ...rows].join('\n') + '\n';
}

const CELL = 40, MARGIN = 60, S = 2;

/** The confusion matrix as a picture: counts[true][predicted] in shaded cells, class names on the axes. */
export function drawConfusion(counts: number[][], labels: string[]): Raster {
  const k = counts.length;
  const size = MARGIN + k * CELL + 10;
  const r = createRaster(size, size + 10);
  drawText(r, MARGIN, 8, 'PREDICTED', BLACK, S);
  drawText(r, 6, 8, 'TRUE', BLACK, S);
  counts.forEach((row, t) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    const y = MARGIN + t * CELL;
    drawText(r, MARGIN - 10 - textWidth(labels[t]!, S), y + CELL / 2 - 5, labels[t]!, GREY, S);
    row.forEach((count, p) => {
      const x = MARGIN + p * CELL;
      if (t === 0) drawText(r, x + (CELL - textWidth(labels[p]!, S)) / 2, MARGIN - 18, labels[p]!, GREY, S);
      const share = count / total;
      const base: Color = t === p ? [30, 90, 200] : [220, 40, 40];
      const shade = (c: number) => Math.round(255 - (255 - c) * Math.min(1, t === p ? share : 4 * share));
      fillRect(r, x + 1, y + 1, CELL - 2, CELL - 2, count === 0 ? [245, 245, 245] : [shade(base[0]), shade(base[1]), shade(base[2])]);
      if (count > 0) {
        const text = String(count);
        const s = textWidth(text, S) <= CELL - 4 ? S : 1;
        const dark = (t === p ? share : 4 * share) > 0.5;
        drawText(r, x + (CELL - textWidth(text, s)) / 2, y + (CELL - 5 * s) / 2, text, dark ? WHITE : BLACK, s);
      }
    });
  });
  return r;
}
