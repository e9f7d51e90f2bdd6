/**
 * Digit images as CSV, Kaggle style: a header `label,pixel0,pixel1,…` then one image per line, the
 * class label first and the pixels as integers 0…255. Pixels are scaled to [0, 1] and labels one-hot
 * encoded over the digits 0…9 (or more classes when larger labels occur). Browser-safe.
 * Generic CSV data (any header, any target column) goes through ./csv.ts instead.
 */
import type { Dataset, ImageShape } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { checkTextArgs } from '../core/validate.ts';

/** True for a header whose first column is "label" and whose others are all "pixelN". */
export function isDigitsCsvHeader(firstLine: string): boolean {
  const cells = firstLine.trim().split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return cells.length > 1 && cells[0] === 'label' && cells.slice(1).every((c) => /^pixel\d+$/.test(c));
}

/** A Kaggle-style digits CSV (label,pixel0,…,pixel783): pixels scaled to [0, 1], labels one-hot. */
export function parseDigitsCSV(text: string, source = 'digits.csv'): Dataset {
  checkTextArgs(text, source);
  const lines = text.split(/\r?\n/);
  if (!isDigitsCsvHeader(lines[0] ?? '')) throw new BpnetError('expected a header label,pixel0,pixel1,…', `${source}: line 1`);
  const pixels = lines[0]!.split(',').length - 1;
  const rows: number[] = [];
  for (let i = 1; i < lines.length; i++) if (lines[i]!.trim() !== '') rows.push(i);
  if (rows.length === 0) throw new BpnetError('no data rows after the header', source);
  const inputs = new Float32Array(rows.length * pixels);
  const labels = new Uint32Array(rows.length);
  rows.forEach((lineIndex, r) => {
    const where = `${source}: line ${lineIndex + 1}`;
    const cells = lines[lineIndex]!.split(',');
    if (cells.length !== pixels + 1) throw new BpnetError(`expected ${pixels + 1} values (label and ${pixels} pixels), got ${cells.length}`, where);
    const label = Number(cells[0]);
    if (cells[0]!.trim() === '' || !Number.isInteger(label) || label < 0) {
      throw new BpnetError(`label: expected an integer ≥ 0, got "${cells[0]}"`, where);
    }
    labels[r] = label;
    for (let p = 0; p < pixels; p++) {
      const s = cells[p + 1]!;
      const v = Number(s);
      if (s.trim() === '' || !Number.isFinite(v) || v < 0 || v > 255) {
        throw new BpnetError(`pixel${p}: expected a number in 0…255, got "${s}"`, where);
      }
      inputs[r * pixels + p] = v / 255;
    }
  });
  // A loop, not Math.max(...): 60 000 labels are too many arguments for one call.
  let classes = 10;
  for (const l of labels) classes = Math.max(classes, l + 1);
  const targets = new Float32Array(rows.length * classes);
  labels.forEach((l, r) => { targets[r * classes + l] = 1; });
  return {
    size: rows.length, inputSize: pixels, outputSize: classes, inputs, targets,
    labels: Array.from({ length: classes }, (_, k) => String(k)),
    classLabels: Array.from({ length: classes }, (_, k) => String(k)),
    ...squareImage(pixels, false),
  };
}

/** `{ image }` when `pixels` is a square number of pixels (a side of 8 or more), else nothing. */
export function squareImage(pixels: number, columnMajor: boolean): { image?: ImageShape } {
  const side = Math.round(Math.sqrt(pixels));
  return side >= 8 && side * side === pixels ? { image: { width: side, height: side, ...(columnMajor ? { columnMajor } : {}) } } : {};
}

/** The dataset back as Kaggle-style CSV (pixels × 255, rounded; label = the target's argmax). */
export function toDigitsCSV(data: Dataset): string {
  const out = [['label', ...Array.from({ length: data.inputSize }, (_, p) => `pixel${p}`)].join(',')];
  for (let r = 0; r < data.size; r++) {
    let label = 0;
    for (let k = 1; k < data.outputSize; k++) if (data.targets[r * data.outputSize + k]! > data.targets[r * data.outputSize + label]!) label = k;
    const row = [label];
    for (let p = 0; p < data.inputSize; p++) row.push(Math.round(data.inputs[r * data.inputSize + p]! * 255));
    out.push(row.join(','));
  }
  return out.join('\n') + '\n';
}
