/**
 * Loading datasets from files (Node): the bytes are read here, the format is the browser-safe
 * dispatcher's (src/data/formats.ts), chosen by the file name. Also the embedded digits
 * `mnist-sample[:train|:test]`, and the labels file that goes with an MNIST IDX images file.
 */
import { existsSync, statSync } from 'node:fs';
import type { Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { checkMemory } from '../core/memory.ts';
import { formatOf, type NamedBytes, type ParseDatasetOptions } from '../data/formats.ts';
import { readBytesAsync } from './files.ts';
import { loadMnistSample } from './mnist-sample.ts';

/** Options of `loadDataset`: CSV targets and how to read them, the IDX labels file, the default split. */
export interface LoadDatasetOptions {
  /** CSV: names of the target column(s). */
  target?: string[];
  /** MNIST IDX: the labels file that goes with an images file. */
  labels?: string;
  /** Which split a data set with splits should give when none is named ("train" or "test"). */
  defaultSplit?: 'train' | 'test';
  /** CSV: read a single target column as class labels ("classes") or numbers ("values"); default auto. */
  targetMode?: ParseDatasetOptions['targetMode'];
  /** Told when a rule decided how to read the data (the CLI prints it as a note). */
  onNote?: (message: string) => void;
  /** Refuse data that would need more bytes than this (default 4 GiB; the CLI's --max-memory). */
  maxMemory?: number;
  /** CSV: the model's classes in output order (see ParseDatasetOptions.classLabels). */
  classLabels?: readonly string[];
}

/** Loads a dataset from a path (or a built-in name such as mnist-sample:test). */
export async function loadDataset(spec: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  if (/^mnist-sample(:|$)/.test(spec)) return loadMnistSample(spec, options.defaultSplit);
  const format = formatOf(spec, ['mnist-sample']);
  checkFileMemory(spec, format.name, options.maxMemory);
  // Read without blocking, so that Ctrl-C while a large file (or a FIFO) is read is answered at once.
  const file: NamedBytes = { name: spec, bytes: await readBytesAsync(spec) };
  const labels = format.name === 'mnist-idx' ? await idxLabels(spec, options.labels) : undefined;
  const { target, targetMode, onNote, classLabels, maxMemory } = options;
  return format.parse(file, { target, targetMode, onNote, labels, classLabels, maxMemory });
}

/** The labels file of an IDX images file: --labels, or the MNIST naming convention (…-images-idx3 → …-labels-idx1). */
async function idxLabels(images: string, labels: string | undefined): Promise<NamedBytes> {
  let path = labels;
  if (!path) {
    const guess = images.replace(/images([-.])idx3/i, 'labels$1idx1');
    if (guess === images || !existsSync(guess)) {
      throw new BpnetError('an IDX images file needs its labels: add --labels LABELS-idx1-ubyte', images);
    }
    path = guess;
  }
  return { name: path, bytes: await readBytesAsync(path) };
}

/**
 * A file's bytes, and for text formats the string decoded from them (up to two bytes a character),
 * are held at once while parsing: checked before reading, so a huge file is refused at once.
 */
function checkFileMemory(path: string, format: string, maxMemory: number | undefined): void {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return; // a FIFO has no size; the read reports a missing file
    size = stats.size;
  } catch {
    return;
  }
  const text = format === 'csv' || format === 'json';
  checkMemory(text ? 3 * size : size, text ? "the file's bytes and characters" : "the file's bytes", path, maxMemory);
}
