/**
 * MATLAB Level-5 MAT-files (what `save` writes by default up to -v7): reading numeric matrices and
 * writing double or uint8 ones, compressed (miCOMPRESSED, zlib) or not. Browser-safe: inflate and
 * deflate come from fflate. Only what neural-network data needs is supported: real, dense, numeric
 * 2-D arrays; other variables (cells, structs, strings, sparse, complex) are listed but not read.
 *
 * Layout (MathWorks, "MAT-File Format"): a 128-byte header (text, subsystem offset, version 0x0100,
 * endian indicator "IM"), then data elements. An element is an 8-byte tag (type, byte count) and its
 * data padded to 8 bytes, or a "small" element packing type, count and ≤ 4 data bytes into 8 bytes.
 * A matrix (miMATRIX) holds sub-elements: array flags (class), dimensions, name, real part.
 * Matrices are stored column-major: element (i, j) of an r×c matrix is at j·r + i.
 */
import { zlibSync } from 'fflate';
import { BpnetError, show } from '../core/errors.ts';
import { checkMemory } from '../core/memory.ts';
import { inflateBounded } from './inflate.ts';

const miINT8 = 1, miUINT8 = 2, miINT32 = 5, miUINT32 = 6, miDOUBLE = 9, miMATRIX = 14, miCOMPRESSED = 15;

/** Bytes per value and reader of each numeric storage type (miINT8 … miUINT64). */
const NUMERIC_TYPES: Record<number, { size: number; get(v: DataView, at: number, le: boolean): number }> = {
  1: { size: 1, get: (v, at) => v.getInt8(at) },
  2: { size: 1, get: (v, at) => v.getUint8(at) },
  3: { size: 2, get: (v, at, le) => v.getInt16(at, le) },
  4: { size: 2, get: (v, at, le) => v.getUint16(at, le) },
  5: { size: 4, get: (v, at, le) => v.getInt32(at, le) },
  6: { size: 4, get: (v, at, le) => v.getUint32(at, le) },
  7: { size: 4, get: (v, at, le) => v.getFloat32(at, le) },
  9: { size: 8, get: (v, at, le) => v.getFloat64(at, le) },
  12: { size: 8, get: (v, at, le) => Number(v.getBigInt64(at, le)) },
  13: { size: 8, get: (v, at, le) => Number(v.getBigUint64(at, le)) },
};

/** MATLAB array classes 1…15 (mxCELL_CLASS …); 6 and up are numeric. */
const CLASS_NAMES = ['', 'cell', 'struct', 'object', 'char', 'sparse', 'double', 'single',
  'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'];

/** A variable read from a MATLAB .mat file: name, class, dimensions and values. */
export interface MatVariable {
  name: string;
  /** MATLAB class: double, single, uint8, … (or cell, struct, char, sparse). */
  className: string;
  dims: number[];
  /** Column-major values of a real numeric array; undefined when `unsupported` says why. */
  data?: Float64Array;
  unsupported?: string;
}

/** A 2-D matrix in row-major order (as bpnet stores matrices). */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Options of `readMat`: the memory limit. */
export interface MatOptions {
  /** Refuse variables (or compressed contents) needing more bytes than this (default 4 GiB). */
  maxMemory?: number;
}

/**
 * All variables of a MAT-file, in file order. Errors name `source` and say what is wrong.
 * @example const vars = readMat(bytes, 'ex4data1.mat'); const X = matMatrix(vars, 'X', 'ex4data1.mat');
 */
export function readMat(bytes: Uint8Array, source = 'file.mat', options: MatOptions = {}): MatVariable[] {
  if (!(bytes instanceof Uint8Array)) throw new BpnetError(`expected the file's bytes (a Uint8Array), got ${show(bytes)}`, 'bytes');
  const fail = (message: string): never => { throw new BpnetError(message, source); };
  if (bytes.length < 128) fail(`truncated: ${bytes.length} bytes, shorter than the 128-byte MAT-file header`);
  const text = String.fromCharCode(...bytes.subarray(0, 116));
  if (!text.startsWith('MATLAB')) fail('not a MATLAB MAT-file (the header does not start with "MATLAB")');
  if (/MATLAB 7\.3/.test(text)) fail('MATLAB v7.3 (HDF5) files are not supported: save with -v7 or -v6');
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (endian !== 'IM' && endian !== 'MI') fail(`not a Level-5 MAT-file (endian indicator ${show(endian)}, expected "IM" or "MI")`);
  const le = endian === 'IM';
  const vars: MatVariable[] = [];
  let pos = 128;
  while (pos < bytes.length) {
    const el = readElement(bytes, pos, le, fail, 'top level');
    if (el.type === miCOMPRESSED) {
      // The inner element's tag declares its size: decompression stops there (a zlib bomb).
      const inner = inflateBounded(el.data, {
        format: 'zlib', where: `${source}: compressed variable at byte ${pos}`, maxMemory: options.maxMemory,
        declaredSize: (head) => (head.length < 8 ? undefined : 8 + new DataView(head.buffer, head.byteOffset, 8).getUint32(4, le)),
      });
      const m = readElement(inner, 0, le, fail, `compressed variable at byte ${pos}`);
      if (m.type === miMATRIX) vars.push(readMatrix(m.data, le, fail, options));
    } else if (el.type === miMATRIX) {
      vars.push(readMatrix(el.data, le, fail, options));
    }
    pos = el.next;
  }
  return vars;
}

interface Element { type: number; data: Uint8Array; next: number }

function readElement(bytes: Uint8Array, pos: number, le: boolean, fail: (m: string) => never, where: string): Element {
  if (pos + 8 > bytes.length) fail(`truncated: ${where}: a data element at byte ${pos} needs an 8-byte tag, ${bytes.length - pos} bytes left`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint32(pos, le);
  if (first >>> 16 !== 0) {
    // Small data element: count in the upper 16 bits, type in the lower, data in the next 4 bytes.
    const count = first >>> 16;
    if (count > 4) fail(`corrupt: ${where}: small data element at byte ${pos} claims ${count} bytes (at most 4)`);
    return { type: first & 0xffff, data: bytes.subarray(pos + 4, pos + 4 + count), next: pos + 8 };
  }
  const count = view.getUint32(pos + 4, le);
  const start = pos + 8;
  if (start + count > bytes.length) {
    fail(`truncated: ${where}: data element at byte ${pos} needs ${count} bytes, ${bytes.length - start} left`);
  }
  // Every element but a compressed one is padded to a multiple of 8 bytes.
  const padded = first === miCOMPRESSED ? count : Math.ceil(count / 8) * 8;
  return { type: first, data: bytes.subarray(start, start + count), next: Math.min(start + padded, bytes.length) };
}

/** The sub-elements of one miMATRIX: flags, dimensions, name, real part [, imaginary part]. */
function readMatrix(bytes: Uint8Array, le: boolean, fail: (m: string) => never, options: MatOptions): MatVariable {
  const parts: Element[] = [];
  for (let pos = 0; pos < bytes.length && parts.length < 4;) {
    const el = readElement(bytes, pos, le, fail, 'matrix');
    parts.push(el);
    pos = el.next;
  }
  const [flags, dimsEl, nameEl, real] = parts;
  if (!flags || flags.type !== miUINT32 || flags.data.length < 8) fail('corrupt: a matrix does not start with its array flags');
  if (!dimsEl || dimsEl.type !== miINT32 || dimsEl.data.length < 8) fail('corrupt: a matrix has no dimensions');
  if (!nameEl || nameEl.type !== miINT8) fail('corrupt: a matrix has no name');
  const flagView = new DataView(flags!.data.buffer, flags!.data.byteOffset, 8);
  const flagWord = flagView.getUint32(0, le);
  const classId = flagWord & 0xff;
  const complex = (flagWord & 0x0800) !== 0;
  const dimView = new DataView(dimsEl!.data.buffer, dimsEl!.data.byteOffset, dimsEl!.data.length);
  const dims = Array.from({ length: dimsEl!.data.length / 4 }, (_, i) => dimView.getInt32(4 * i, le));
  const name = new TextDecoder().decode(nameEl!.data);
  const quoted = show(name);
  const className = CLASS_NAMES[classId] ?? `class ${classId}`;
  if (dims.some((d) => d < 0)) fail(`corrupt: variable ${quoted} has negative dimensions ${dims.join('×')}`);
  if (classId < 6 || classId > 15) return { name, className, dims, unsupported: `is a ${className} array, not a numeric matrix` };
  if (complex) return { name, className, dims, unsupported: 'is complex; only real matrices are supported' };
  const count = dims.reduce((a, b) => a * b, 1);
  if (!real) fail(`truncated: variable ${quoted} has no data`);
  const type = Object.hasOwn(NUMERIC_TYPES, real!.type) ? NUMERIC_TYPES[real!.type] : undefined;
  if (!type) fail(`corrupt: variable ${quoted} stores its values with unknown data type ${real!.type}`);
  if (real!.data.length !== count * type!.size) {
    fail(`corrupt: variable ${quoted} is ${dims.join('×')} (${count} values) but holds ${real!.data.length / type!.size} values`);
  }
  checkMemory(8 * count, `variable ${quoted} as numbers`, undefined, options.maxMemory);
  const view = new DataView(real!.data.buffer, real!.data.byteOffset, real!.data.length);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = type!.get(view, i * type!.size, le);
  return { name, className, dims, data };
}

/** Variable `name` as a 2-D row-major matrix; the error names the file and the variable. */
export function matMatrix(vars: MatVariable[], name: string, source = 'file.mat'): Matrix {
  const v = vars.find((x) => x.name === name);
  if (!v) throw new BpnetError(`no variable "${name}" (variables: ${vars.map((x) => show(x.name, 24)).join(', ') || 'none'})`, source);
  if (!v.data) throw new BpnetError(`variable "${name}" ${v.unsupported}`, source);
  if (v.dims.length !== 2) throw new BpnetError(`variable "${name}" is ${v.dims.join('×')}, expected a 2-D matrix`, source);
  const [rows, cols] = v.dims as [number, number];
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const x = v.data[j * rows + i]!;
      // NaN or Inf would train to NaN or evaluate to an objective of NaN: named with MATLAB's 1-based index.
      if (!Number.isFinite(x)) throw new BpnetError(`${name}(${i + 1},${j + 1}) is ${x}, expected a finite number`, source);
      data[i * cols + j] = x;
    }
  }
  return { rows, cols, data };
}

/** A matrix to write into a .mat file, with its name and stored class. */
export interface MatWriteVariable extends Matrix {
  name: string;
  /** Stored class (default double); uint8 values must be integers 0…255. */
  className?: 'double' | 'uint8';
}

/**
 * A MAT-file holding row-major matrices (written column-major, as MATLAB expects).
 * @example writeMat([{ name: 'Theta1', rows: 25, cols: 401, data }], { compress: true })
 */
export function writeMat(vars: MatWriteVariable[], options: { compress?: boolean } = {}): Uint8Array {
  const header = new Uint8Array(128);
  const text = 'MATLAB 5.0 MAT-file, written by bpnet'.padEnd(116, ' ');
  for (let i = 0; i < 116; i++) header[i] = text.charCodeAt(i);
  header.fill(0x20, 116, 124); // no subsystem data
  header[124] = 0x00; header[125] = 0x01; // version 0x0100, little-endian
  header[126] = 'I'.charCodeAt(0); header[127] = 'M'.charCodeAt(0);
  const chunks: Uint8Array[] = [header];
  for (const v of vars) {
    const matrix = matrixElement(v);
    if (options.compress) {
      const z = zlibSync(matrix);
      chunks.push(tag(miCOMPRESSED, z.length), z);
    } else {
      chunks.push(matrix);
    }
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

function matrixElement(v: MatWriteVariable): Uint8Array {
  if (!/^[A-Za-z]\w*$/.test(v.name)) throw new BpnetError(`"${v.name}" is not a valid MATLAB variable name`, 'writeMat');
  const uint8 = v.className === 'uint8';
  const n = v.rows * v.cols;
  if (v.data.length !== n) throw new BpnetError(`variable "${v.name}": ${v.data.length} values for ${v.rows}×${v.cols}`, 'writeMat');
  const values = new Uint8Array(n * (uint8 ? 1 : 8));
  const view = new DataView(values.buffer);
  for (let j = 0, k = 0; j < v.cols; j++) {
    for (let i = 0; i < v.rows; i++, k++) {
      const x = v.data[i * v.cols + j]!;
      if (uint8) {
        if (!Number.isInteger(x) || x < 0 || x > 255) throw new BpnetError(`variable "${v.name}": ${x} is not a uint8`, 'writeMat');
        values[k] = x;
      } else {
        view.setFloat64(8 * k, x, true);
      }
    }
  }
  const flags = new Uint8Array(8);
  new DataView(flags.buffer).setUint32(0, uint8 ? 9 : 6, true);
  const dims = new Uint8Array(8);
  new DataView(dims.buffer).setInt32(0, v.rows, true);
  new DataView(dims.buffer).setInt32(4, v.cols, true);
  const name = new TextEncoder().encode(v.name);
  const parts = [
    element(miUINT32, flags), element(miINT32, dims),
    name.length <= 4 ? smallElement(miINT8, name) : element(miINT8, name),
    element(uint8 ? miUINT8 : miDOUBLE, values),
  ];
  const body = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(8 + body);
  out.set(tag(miMATRIX, body), 0);
  let at = 8;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function tag(type: number, count: number): Uint8Array {
  const t = new Uint8Array(8);
  const view = new DataView(t.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, count, true);
  return t;
}

/** Tag + data, zero-padded to a multiple of 8 bytes. */
function element(type: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + Math.ceil(data.length / 8) * 8);
  out.set(tag(type, data.length), 0);
  out.set(data, 8);
  return out;
}

function smallElement(type: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setUint32(0, (data.length << 16) | type, true);
  out.set(data, 4);
  return out;
}
