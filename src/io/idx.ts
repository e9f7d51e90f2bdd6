/** MNIST IDX files from disk (Node): plain or gzip-compressed; parsing is in src/data/idx.ts. */
import { existsSync } from 'node:fs';
import type { Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { idxDataset, parseIdxFile, type IdxArray, type IdxOptions } from '../data/idx.ts';
import { readBytesAsync } from './files.ts';

/** Images files: train-images-idx3-ubyte, t10k-images.idx3-ubyte.gz, … */
export const IDX_IMAGES_PATTERN = /idx3[-.]ubyte(\.gz)?$/i;

/** Reads an IDX file from disk, plain or gzip-compressed (the decompression bounded by the header's size). */
export async function readIdxFile(path: string, options: IdxOptions = {}): Promise<IdxArray> {
  return parseIdxFile(await readBytesAsync(path), path, options);
}

/** The labels file for an images file: --labels, or the MNIST naming convention (…-images-idx3 → …-labels-idx1). */
export async function loadIdx(images: string, labels?: string, options: IdxOptions = {}): Promise<Dataset> {
  let labelsPath = labels;
  if (!labelsPath) {
    const guess = images.replace(/images([-.])idx3/i, 'labels$1idx1');
    if (guess === images || !existsSync(guess)) {
      throw new BpnetError('an IDX images file needs its labels: add --labels LABELS-idx1-ubyte', images);
    }
    labelsPath = guess;
  }
  return idxDataset(await readIdxFile(images, options), await readIdxFile(labelsPath, options), images, labelsPath, options);
}
