/**
 * The formats a bpnet model is exported to and imported from, one record each (browser-safe).
 * A format works on named files so that the same record serves the CLI (files on disk), the page
 * (downloads, dropped files) and the library: `encode` returns the files to write beside the chosen
 * name, `decode` reads the main file and whatever it refers to through `read(name)`.
 *
 *   onnx  one .onnx file (Gemm + activation nodes, opset 13) — onnxruntime, Netron, …
 *   tfjs  model.json + model.weights.bin (a Keras Sequential) — tf.loadLayersModel
 *   js    one dependency-free ES module with predict(input) and predictClass(input)
 *   mat   Theta1, Theta2, … in a MATLAB .mat file — the classic course's format (sigmoid only)
 */
import { BpnetError } from '../core/errors.ts';
import { lookup } from '../core/record.ts';
import type { Network } from '../core/network.ts';
import { courseNetwork, networkToThetas } from '../data/course.ts';
import { parseJsonText } from '../data/json-text.ts';
import { readMat, writeMat } from '../data/mat.ts';
import { networkToJsModule } from './js-module.ts';
import { inputOffsetScale } from './model-meta.ts';
import { networkFromOnnx, networkToOnnx } from './onnx.ts';
import { networkFromTfjs, networkToTfjs } from './tfjs.ts';

export { networkToOnnx, networkFromOnnx, ONNX_OPSET } from './onnx.ts';
export { networkToTfjs, networkFromTfjs, type TfjsArtifacts, type TfjsModelJSON } from './tfjs.ts';
export { networkToJsModule } from './js-module.ts';

/** Formats `bpnet export` writes: ONNX, TensorFlow.js layers, a standalone JavaScript module, MATLAB .mat. */
export type ExportFormatName = 'onnx' | 'tfjs' | 'js' | 'mat';

/** One file of an export: its name (beside the chosen output name) and content. */
export interface ExportedFile {
  name: string;
  data: Uint8Array | string;
}

/** One export format as a record: its name, help line, file ending, writer, reader and caveat. */
export interface ExportFormat {
  readonly name: ExportFormatName;
  /** One line for help texts. */
  readonly summary: string;
  /** The usual file name ending, for a default output name. */
  readonly extension: string;
  /** The files of the export; `fileName` is the main file's name (its folder is the caller's). */
  encode(net: Network, fileName: string): ExportedFile[];
  /** Reads a model back; absent for formats that are export-only (js). */
  decode?(read: (name: string) => Uint8Array, fileName: string): Network;
  /** What the export loses, for a warning (e.g. the course's format knows only sigmoid). */
  caveat?(net: Network): string | undefined;
}

const text = new TextDecoder();

/** Every export format's record, by name. */
export const EXPORT_FORMATS: Record<ExportFormatName, ExportFormat> = {
  onnx: {
    name: 'onnx', summary: 'ONNX (opset 13: Gemm + activation nodes), for onnxruntime and other runtimes', extension: '.onnx',
    encode: (net, fileName) => [{ name: fileName, data: networkToOnnx(net) }],
    decode: (read, fileName) => networkFromOnnx(read(fileName), fileName),
  },
  tfjs: {
    name: 'tfjs', summary: 'TensorFlow.js layers model: model.json + a .weights.bin beside it', extension: '.json',
    encode(net, fileName) {
      const weightsName = `${fileName.replace(/\.json$/i, '')}.weights.bin`;
      const { modelJSON, weights } = networkToTfjs(net, weightsName);
      return [{ name: fileName, data: JSON.stringify(modelJSON) + '\n' }, { name: weightsName, data: weights }];
    },
    decode: (read, fileName) => networkFromTfjs(parseJsonText(text.decode(read(fileName)), fileName), read, fileName),
  },
  js: {
    name: 'js', summary: 'a dependency-free ES module exporting predict(input) and predictClass(input)', extension: '.mjs',
    encode: (net, fileName) => [{ name: fileName, data: networkToJsModule(net) }],
  },
  mat: {
    name: 'mat', summary: 'MATLAB Theta1, Theta2, … (the classic course\'s weights, sigmoid everywhere)', extension: '.mat',
    encode: (net, fileName) => [{ name: fileName, data: writeMat(networkToThetas(net), { compress: true }) }],
    decode: (read, fileName) => courseNetwork(readMat(read(fileName), fileName), fileName),
    caveat(net) {
      const other = net.layers.find((l) => l.activation !== 'sigmoid');
      if (other) return `this model uses ${other.activation}; Theta files are read as sigmoid everywhere (the course's predict.m, bpnet import --format mat, eval --weights), so they will not reproduce it`;
      if (inputOffsetScale(net)) return 'the model\'s inputTransform is not part of Theta files: normalise the inputs before using them';
      return undefined;
    },
  },
};

/** Every export format name. */
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormatName[];
/** The formats `bpnet import` reads. */
export const IMPORT_FORMAT_NAMES = EXPORT_FORMAT_NAMES.filter((f) => EXPORT_FORMATS[f].decode);

/** True when `name` is one of EXPORT_FORMAT_NAMES (narrows the type). */
export function isExportFormatName(name: unknown): name is ExportFormatName {
  return typeof name === 'string' && Object.hasOwn(EXPORT_FORMATS, name);
}

/**
 * The files of a model in another format.
 * @example const [{ data }] = exportModel(net, 'onnx'); // bytes for onnxruntime
 */
export function exportModel(net: Network, format: ExportFormatName, fileName?: string): ExportedFile[] {
  const record = lookup(EXPORT_FORMATS, format, 'format');
  return record.encode(net, fileName ?? `model${record.extension}`);
}

/**
 * A model read from another format; `read(name)` returns the bytes of `fileName` or of a file it refers to.
 * @example const net = importModel('onnx', () => bytes, 'model.onnx');
 */
export function importModel(format: ExportFormatName, read: (name: string) => Uint8Array, fileName: string): Network {
  const decode = lookup(EXPORT_FORMATS, format, 'format').decode;
  if (!decode) throw new BpnetError(`the ${format} format is export-only (expected one of ${IMPORT_FORMAT_NAMES.join(', ')})`, fileName);
  return decode(read, fileName);
}
