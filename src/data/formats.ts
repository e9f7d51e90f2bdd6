/**
 * The one dispatcher of dataset formats: bytes and a file name in, a Dataset out. Browser-safe, so
 * the CLI (which reads the bytes from disk, src/io/datasets.ts) and the page (which gets them from
 * a file picker or a drop) share it. A new format is a parser in src/data and one entry here.
 */
import type { Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { courseDataset } from './course.ts';
import { parseCSV, type CsvOptions } from './csv.ts';
import { parseDatasetJSON } from './dataset-json.ts';
import { isDigitsCsvHeader, parseDigitsCSV } from './digits-csv.ts';
import { idxDataset, parseIdxFile } from './idx.ts';
import { parseJsonText } from './json-text.ts';
import { readMat } from './mat.ts';

// JSON text has its own module (json-text.ts: depth-limited); it is part of the dispatcher's API.
export { parseJsonText } from './json-text.ts';

/** A file's name and contents. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Options of `parseDataset`: CSV targets and how to read them, the IDX labels file. */
export interface ParseDatasetOptions {
  /** CSV: names of the target column(s). */
  target?: string[];
  /** MNIST IDX: the labels file that goes with an images file. */
  labels?: NamedBytes;
  /** CSV: read a single target column as class labels ("classes") or numbers ("values"); default auto. */
  targetMode?: CsvOptions['targetMode'];
  /** Told when a rule decided how to read the data (the CLI prints it as a note). */
  onNote?: (message: string) => void;
  /**
   * CSV: the classes of a model's outputs, in order (its `classLabels`). A single class column is then
   * one-hot encoded in this order, so a test file that lacks a class, or lists them in another order,
   * still lines up with the model; a value outside them is an error naming its line.
   */
  classLabels?: readonly string[];
  /**
   * Refuse data that would need more bytes than this (default 4 GiB; the CLI's --max-memory):
   * checked against the sizes a file declares before they are allocated or decompressed.
   */
  maxMemory?: number;
}

/** A dataset format: its name, help, which file names it takes, and its parser of bytes. */
export interface DataFormat {
  /** Short name for messages and help, e.g. "csv". */
  readonly name: string;
  /** One line for the help: the file names it takes and what they hold. */
  readonly help: string;
  matches(fileName: string): boolean;
  parse(file: NamedBytes, options: ParseDatasetOptions): Dataset;
}

/** MNIST IDX images files: train-images-idx3-ubyte, t10k-images.idx3-ubyte.gz, … */
export const IDX_IMAGES_PATTERN = /idx3[-.]ubyte(\.gz)?$/i;

const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Every dataset format, tried in order by file name. */
export const dataFormats: readonly DataFormat[] = [
  {
    name: 'json', help: '{"inputs":[[…]],"targets":[[…]]}',
    matches: (n) => /\.json$/i.test(n),
    parse: ({ name, bytes }) => parseDatasetJSON(parseJsonText(utf8(bytes), name), name),
  },
  {
    name: 'csv', help: 'a header row; --target names the target columns (default: the last); digit CSVs (label,pixel0,…) are recognised',
    matches: (n) => /\.csv$/i.test(n),
    parse: ({ name, bytes }, o) => parseCsvDataset(utf8(bytes), name, o),
  },
  {
    name: 'mnist-idx', help: '…-images-idx3-ubyte[.gz] with its …-labels-idx1-ubyte[.gz]',
    matches: (n) => IDX_IMAGES_PATTERN.test(n),
    parse: (images, o) => {
      if (!o.labels) throw new BpnetError('an IDX images file needs its labels: add --labels LABELS-idx1-ubyte', images.name);
      const memory = { maxMemory: o.maxMemory };
      return idxDataset(parseIdxFile(images.bytes, images.name, memory), parseIdxFile(o.labels.bytes, o.labels.name, memory), images.name, o.labels.name, memory);
    },
  },
  {
    name: 'mat', help: 'MATLAB Level 5 .mat with variables X (samples × inputs) and y (labels)',
    matches: (n) => /\.mat$/i.test(n),
    parse: ({ name, bytes }, o) => courseDataset(readMat(bytes, name, { maxMemory: o.maxMemory }), name, { maxMemory: o.maxMemory }),
  },
];

/** The format a file name asks for; a BpnetError listing the known ones (and the caller's `others`) otherwise. */
export function formatOf(fileName: string, others: readonly string[] = []): DataFormat {
  const format = dataFormats.find((f) => f.matches(fileName));
  if (!format) throw new BpnetError(`unknown data format (expected one of: ${[...dataFormats.map((f) => f.name), ...others].join(', ')})`, fileName);
  return format;
}

/** A dataset from a file's bytes, in the format its name says. */
export function parseDataset(file: NamedBytes, options: ParseDatasetOptions = {}): Dataset {
  return formatOf(file.name).parse(file, options);
}

/** Kaggle-style digit CSVs (label,pixel0,…) are recognised by their header; anything else is generic CSV. */
function parseCsvDataset(text: string, source: string, o: ParseDatasetOptions): Dataset {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  if (!o.target && isDigitsCsvHeader(firstLine)) return parseDigitsCSV(text, source);
  return parseCSV(text, source, { target: o.target, targetMode: o.targetMode, onNote: o.onNote, classLabels: o.classLabels });
}
