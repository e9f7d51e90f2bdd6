/**
 * MNIST's IDX files (LeCun & Cortes): big-endian, a 4-byte magic 0x00 0x00 TYPE NDIMS, NDIMS
 * 32-bit sizes, then the values. MNIST uses unsigned bytes (TYPE 0x08): images n×28×28, labels n.
 * Browser-safe; gzip is undone by the caller (the format dispatcher, src/data/formats.ts).
 */
import { byteDataset, scaledBytes, type Dataset } from '../core/dataset.ts';
import { BpnetError, show } from '../core/errors.ts';
import { checkMemory } from '../core/memory.ts';
import { inflateBounded } from './inflate.ts';

const UBYTE = 0x08;

/** The contents of an IDX file: its dimensions and bytes. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Options of the IDX readers: the memory limit. */
export interface IdxOptions {
  /** Refuse files (or gzip contents) larger than this many bytes (default 4 GiB). */
  maxMemory?: number;
}

/**
 * An IDX file's bytes, plain or gzip-compressed (recognised by the gzip magic 1f 8b): the
 * decompression stops at the size the IDX header declares, so a gzip bomb is refused early.
 */
export function parseIdxFile(bytes: Uint8Array, source = 'file.idx', options: IdxOptions = {}): IdxArray {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    bytes = inflateBounded(bytes, {
      format: 'gzip', where: source, maxMemory: options.maxMemory,
      declaredSize: (head) => {
        const h = readHeader(head, source, false);
        return h && h.start + h.count;
      },
    });
  }
  return parseIdx(bytes, source);
}

/** The header: dimensions, where the values start and how many there are (undefined: too short yet). */
function readHeader(bytes: Uint8Array, source: string, complete: boolean): { dims: number[]; start: number; count: number } | undefined {
  const fail = (message: string): never => { throw new BpnetError(message, source); };
  if (bytes.length < 4) return complete ? fail(`truncated: ${bytes.length} bytes, shorter than the 4-byte IDX magic number`) : undefined;
  if (bytes[0] !== 0 || bytes[1] !== 0) fail('not an IDX file (the magic number must start with two zero bytes)');
  if (bytes[2] !== UBYTE) fail(`unsupported IDX value type 0x${bytes[2]!.toString(16).padStart(2, '0')} (only unsigned bytes, 0x08)`);
  const ndims = bytes[3]!;
  if (ndims < 1) fail('corrupt: the IDX header declares 0 dimensions');
  const start = 4 + 4 * ndims;
  if (bytes.length < start) return complete ? fail(`truncated: the header needs ${start} bytes for ${ndims} dimensions, file has ${bytes.length}`) : undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { dims, start, count: dims.reduce((a, b) => a * b, 1) };
}

/** Reads an IDX file (MNIST's format: magic, dimensions, unsigned bytes). */
export function parseIdx(bytes: Uint8Array, source = 'file.idx'): IdxArray {
  const fail = (message: string): never => { throw new BpnetError(message, source); };
  if (!(bytes instanceof Uint8Array)) throw new BpnetError(`expected the file's bytes (a Uint8Array), got ${show(bytes)}`, 'bytes');
  const { dims, start, count } = readHeader(bytes, source, true)!;
  const have = bytes.length - start;
  if (have < count) fail(`truncated: header says ${dims.length > 1 ? `${dims.join('×')} = ` : ''}${count} values, file holds ${have}`);
  if (have > count) fail(`corrupt: header says ${dims.length > 1 ? `${dims.join('×')} = ` : ''}${count} values, but ${have - count} bytes follow them`);
  return { dims, data: bytes.subarray(start, start + count) };
}

/** Writes unsigned bytes as an IDX file of the given dimensions. */
export function writeIdx(dims: number[], data: ArrayLike<number>): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new BpnetError(`${data.length} values for dimensions ${dims.join('×')}`, 'writeIdx');
  const start = 4 + 4 * dims.length;
  const out = new Uint8Array(start + count);
  out[2] = UBYTE;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new BpnetError(`value ${v} at ${i} is not an unsigned byte`, 'writeIdx');
    out[start + i] = v;
  }
  return out;
}

/**
 * An images file (n × rows × cols) and its labels file (n) as a dataset: pixels scaled to [0, 1],
 * labels one-hot over max(10, largest label + 1) classes.
 */
export function idxDataset(images: IdxArray, labels: IdxArray, imagesSource: string, labelsSource: string, options: IdxOptions = {}): Dataset {
  if (images.dims.length < 2) throw new BpnetError(`expected images (n×rows×cols), got dimensions ${images.dims.join('×')}`, imagesSource);
  if (labels.dims.length !== 1) throw new BpnetError(`expected labels (one dimension), got ${labels.dims.join('×')}`, labelsSource);
  const n = images.dims[0]!;
  if (labels.dims[0] !== n) throw new BpnetError(`has ${labels.dims[0]} labels but ${imagesSource} has ${n} images`, labelsSource);
  if (n === 0) throw new BpnetError('holds no images', imagesSource);
  const pixels = images.data.length / n;
  // The pixels stay bytes; the one-hot targets (float32, at most 256 classes) are checked first.
  checkMemory(4 * n * 256, 'the one-hot targets', labelsSource, options.maxMemory);
  // A loop, not Math.max(...): 60 000 labels are too many arguments for one call.
  let classes = 10;
  for (const l of labels.data) classes = Math.max(classes, l + 1);
  if (classes > 10) {
    // Beyond the ten digits, a label whose class has gaps below it is more likely a corrupt byte
    // than a real class (EMNIST-style sets use every class from 0 up).
    const counts = new Uint32Array(classes);
    for (const l of labels.data) counts[l]!++;
    const empty = counts.indexOf(0);
    if (empty >= 0) {
      const i = labels.data.findIndex((l) => l > empty);
      throw new BpnetError(`label ${labels.data[i]} at item ${i} is out of range: no item has label ${empty} (corrupt labels file?)`, labelsSource);
    }
  }
  const targets = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) targets[i * classes + labels.data[i]!] = 1;
  // The pixels stay bytes (a quarter of float32's memory), scaled to [0, 1] batch by batch.
  return byteDataset({
    size: n, inputSize: pixels, outputSize: classes, targets,
    labels: Array.from({ length: classes }, (_, k) => String(k)),
    classLabels: Array.from({ length: classes }, (_, k) => String(k)),
    ...(images.dims.length === 3 ? { image: { height: images.dims[1]!, width: images.dims[2]! } } : {}),
  }, images.data, scaledBytes(1 / 255));
}
