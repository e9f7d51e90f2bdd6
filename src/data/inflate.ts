/**
 * Decompression bounded by what the data says about itself (browser-safe, fflate). A 4 MB gzip
 * "bomb" inflates to gigabytes; here the output is cut off as soon as it exceeds the size its own
 * header declares (the IDX dimensions, a MAT element's byte count), and that size is checked
 * against the memory limit before it is reached. Input is fed in slices, output collected in the
 * pieces the inflater produces, so nothing larger than the declared size is ever held.
 */
import { Gunzip, Unzlib } from 'fflate';
import { BpnetError } from '../core/errors.ts';
import { checkMemory, DEFAULT_MAX_MEMORY, formatBytes } from '../core/memory.ts';

export interface InflateOptions {
  /** gzip (IDX files) or zlib (MAT-file miCOMPRESSED elements). */
  format: 'gzip' | 'zlib';
  /** The total size declared by the start of the output, or undefined while it needs more bytes. */
  declaredSize(head: Uint8Array): number | undefined;
  /** Error prefix, e.g. the file name. */
  where: string;
  maxMemory?: number;
}

// Deflate expands at most ~1000×: a 1 kB slice yields at most ~1 MB past the bound before it is seen.
const SLICE = 1 << 10;
const HEADER_MAX = 4096;

/** Inflates `bytes`, refusing output beyond the declared size (and a declared size beyond the memory limit). */
export function inflateBounded(bytes: Uint8Array, o: InflateOptions): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const maxMemory = o.maxMemory ?? DEFAULT_MAX_MEMORY;
  let limit = maxMemory, known = false, declared = false;
  const onData = (chunk: Uint8Array): void => {
    chunks.push(chunk);
    total += chunk.length;
    if (!known) {
      // Headers are short: past HEADER_MAX bytes without a declared size, the memory limit bounds it.
      const size = o.declaredSize(concat(chunks, total));
      if (size !== undefined || total > HEADER_MAX) {
        known = true;
        declared = size !== undefined;
        limit = size ?? maxMemory;
        checkMemory(limit, 'the decompressed data', o.where, maxMemory);
      }
    }
    if (total > limit) {
      if (!declared) checkMemory(total, 'the decompressed data', o.where, maxMemory);
      throw new BpnetError(`corrupt: decompresses to more than the ${formatBytes(limit)} its header declares`, o.where);
    }
  };
  const stream = o.format === 'gzip' ? new Gunzip(onData) : new Unzlib(onData);
  try {
    for (let at = 0; at < bytes.length; at += SLICE) stream.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    if (bytes.length === 0) stream.push(bytes, true);
  } catch (e) {
    if (e instanceof BpnetError) throw e;
    throw new BpnetError(`corrupt ${o.format} data: ${(e as Error).message}`, o.where);
  }
  if (!known && total > maxMemory) checkMemory(total, 'the decompressed data', o.where, maxMemory);
  return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  chunks.length = 0;
  chunks.push(out);
  return out;
}
