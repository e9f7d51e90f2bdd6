/**
 * Loading datasets from files (Node). The format is chosen by the file name: .json, .csv (generic,
 * or Kaggle-style label,pixel0,… digits), MNIST IDX (…idx3-ubyte[.gz] with --labels), MATLAB .mat
 * (variables X and y), and the embedded `mnist-sample[:train|:test]`.
 */
import { BpnetError } from '../core/errors.ts';
import type { Dataset } from '../core/dataset.ts';
import { parseCSV, type CsvOptions } from '../data/csv.ts';
import { parseDatasetJSON } from '../data/dataset-json.ts';
import { isDigitsCsvHeader, parseDigitsCSV } from '../data/digits-csv.ts';
import { parseJsonText } from '../data/json-text.ts';
import { readBytesAsync } from './files.ts';

const readTextAsync = async (path: string): Promise<string> => (await readBytesAsync(path)).toString('utf8');
import { IDX_IMAGES_PATTERN, loadIdx } from './idx.ts';
import { loadMatDataset } from './mat-files.ts';
import { loadMnistSample, MNIST_SAMPLE_PATTERN } from './mnist-sample.ts';

/** Options of `loadDataset`: CSV targets and how to read them, the IDX labels file, the default split. */
export interface LoadDatasetOptions {
  /** CSV: names of the target column(s). */
  target?: string[];
  /** MNIST IDX: the labels file that goes with an images file. */
  labels?: string;
  /** Which split a data set with splits should give when none is named ("train" or "test"). */
  defaultSplit?: 'train' | 'test';
  /** CSV: read a single target column as class labels ("classes") or numbers ("values"); default auto. */
  targetMode?: CsvOptions['targetMode'];
  /** Told when a rule decided how to read the data (the CLI prints it as a note). */
  onNote?: (message: string) => void;
  /** Refuse data that would need more bytes than this (default 4 GiB; the CLI's --max-memory). */
  maxMemory?: number;
}

export interface DatasetLoader {
  /** Short name for error messages, e.g. "csv". */
  name: string;
  matches(spec: string): boolean;
  load(spec: string, options: LoadDatasetOptions): Dataset | Promise<Dataset>;
}

export const datasetLoaders: DatasetLoader[] = [
  { name: 'json', matches: (s) => /\.json$/i.test(s), load: async (s) => parseDatasetJSON(parseJsonText(await readTextAsync(s), s), s) },
  { name: 'csv', matches: (s) => /\.csv$/i.test(s), load: (s, o) => loadCsv(s, o) },
  { name: 'mnist-idx', matches: (s) => IDX_IMAGES_PATTERN.test(s), load: (s, o) => loadIdx(s, o.labels, o) },
  { name: 'mat', matches: (s) => /\.mat$/i.test(s), load: (s, o) => loadMatDataset(s, o) },
  { name: 'mnist-sample', matches: (s) => /^mnist-sample(:|$)/.test(s), load: (s, o) => loadMnistSample(s, o.defaultSplit) },
];

/** Kaggle-style digit CSVs (label,pixel0,…) are recognised by their header; anything else is generic CSV. */
async function loadCsv(path: string, options: LoadDatasetOptions): Promise<Dataset> {
  const text = await readTextAsync(path);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  if (!options.target && isDigitsCsvHeader(firstLine)) return parseDigitsCSV(text, path);
  return parseCSV(text, path, { target: options.target, targetMode: options.targetMode, onNote: options.onNote });
}

/** Loads a dataset from a path (or a built-in name such as mnist-sample:test). */
export async function loadDataset(spec: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const loader = datasetLoaders.find((l) => l.matches(spec));
  if (!loader) {
    throw new BpnetError(`unknown data format (expected one of: ${datasetLoaders.map((l) => l.name).join(', ')})`, spec);
  }
  return loader.load(spec, options);
}
