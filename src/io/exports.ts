/**
 * Model exports and imports as files (Node side of src/formats): every file of an export is written
 * atomically beside the chosen path; an import reads the files a format refers to from the same folder.
 */
import { basename, dirname, join } from 'node:path';
import { Network } from '../core/kernels/node-kernels.ts';
import { exportModel, importModel, type ExportFormatName } from '../formats/index.ts';
import { readBytes, writeAtomic } from './files.ts';

/**
 * Writes `net` in `format` to `path` (tfjs: model.json at `path`, its weights beside it); returns
 * the paths written.
 * @example saveExport('digits.onnx', net, 'onnx');
 */
export function saveExport(path: string, net: Network, format: ExportFormatName): string[] {
  const dir = dirname(path);
  return exportModel(net, format, basename(path)).map(({ name, data }) => {
    const file = join(dir, name);
    writeAtomic(file, data);
    return file;
  });
}

/**
 * Reads a model from a file of another format (tfjs: model.json, its weights files beside it).
 * @example const net = loadExport('digits.onnx', 'onnx');
 */
export function loadExport(path: string, format: ExportFormatName): Network {
  // Errors name the path as given; files it refers to are relative to its folder.
  const read = (name: string): Uint8Array => new Uint8Array(readBytes(name === path ? path : join(dirname(path), name)));
  // Read again through Node's Network: the kernel is then chosen from Node's list (native first).
  return Network.fromJSON(importModel(format, read, path).toJSON(), path);
}
