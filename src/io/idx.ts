/** MNIST IDX files from disk (Node): plain or gzip-compressed; parsing is in src/data/idx.ts. */
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { idxDataset, parseIdx, type IdxArray } from '../data/idx.ts';
import { readBytes } from './files.ts';

/** Images files: train-images-idx3-ubyte, t10k-images.idx3-ubyte.gz, … */
export const IDX_IMAGES_PATTERN = /idx3[-.]ubyte(\.gz)?$/i;

/** Reads an IDX file from disk, plain or gzip-compressed. */
export function readIdxFile(path: string): IdxArray {
  let bytes: Uint8Array = readBytes(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new BpnetError(`corrupt gzip data: ${(e as Error).message}`, path);
    }
  }
  return parseIdx(bytes, path);
}

/** The labels file for an images file: --labels, or the MNIST naming convention (…-images-idx3 → …-labels-idx1). */
export function loadIdx(images: string, labels?: string): Dataset {
  let labelsPath = labels;
  if (!labelsPath) {
    const guess = images.replace(/images([-.])idx3/i, 'labels$1idx1');
    if (guess === images || !existsSync(guess)) {
      throw new BpnetError('an IDX images file needs its labels: add --labels LABELS-idx1-ubyte', images);
    }
    labelsPath = guess;
  }
  return idxDataset(readIdxFile(images), readIdxFile(labelsPath), images, labelsPath);
}
