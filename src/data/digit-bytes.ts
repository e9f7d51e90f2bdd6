/**
 * The embedded digits as bytes (browser-safe): the layout of the sample bpnet ships
 * (data/mnist-sample.bin.gz, gunzipped) and the playground fetches.
 *
 *   bytes 0…39   10 × uint32 little-endian: the number of images of digit 0, 1, …, 9
 *   then         every pixel as one byte k (0…255), 784 per image, digit 0's images first,
 *                each digit's in the order of the `mnist` package's file for it
 *
 * The package stores a pixel as k/255 rounded to 3 decimals; PIXEL_VALUES restores exactly those
 * numbers, so training on the bytes gives the figures the project quotes for `mnist-sample`.
 */
import { BpnetError } from '../core/errors.ts';

const HEADER = 40;
const PIXELS = 784;

/** The pixel value of byte k: k/255 rounded to 3 decimals, as in the source package. */
export const PIXEL_VALUES: Float32Array = Float32Array.from({ length: 256 }, (_, k) => Math.round((k / 255) * 1000) / 1000);

/** Each digit's pixel bytes (views into `bytes`, n × 784 per digit). */
export function decodeDigitBytes(bytes: Uint8Array, source = 'digits'): Uint8Array[] {
  if (bytes.length < HEADER) throw new BpnetError(`${bytes.length} bytes is too short for the digits header (${HEADER})`, source);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const digits: Uint8Array[] = [];
  let offset = HEADER;
  for (let d = 0; d < 10; d++) {
    const n = view.getUint32(4 * d, true);
    if (offset + n * PIXELS > bytes.length) throw new BpnetError(`digit ${d}: ${n} images do not fit in ${bytes.length} bytes`, source);
    digits.push(bytes.subarray(offset, offset + n * PIXELS));
    offset += n * PIXELS;
  }
  if (offset !== bytes.length) throw new BpnetError(`${bytes.length - offset} bytes after the last image`, source);
  return digits;
}

/** The layout above from per-digit pixel values in [0, 1]; throws if a value does not come back exactly. */
export function encodeDigitBytes(digits: readonly ArrayLike<number>[]): Uint8Array {
  if (digits.length !== 10) throw new Error(`expected 10 digits, got ${digits.length}`);
  const total = digits.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(HEADER + total);
  const view = new DataView(bytes.buffer);
  let offset = HEADER;
  digits.forEach((data, d) => {
    if (data.length % PIXELS !== 0) throw new Error(`digit ${d}: ${data.length} values is not a whole number of images`);
    view.setUint32(4 * d, data.length / PIXELS, true);
    for (let i = 0; i < data.length; i++) {
      const k = Math.round(data[i]! * 255);
      if (PIXEL_VALUES[k] !== Math.fround(data[i]!)) throw new Error(`digit ${d}: pixel ${data[i]} does not round-trip through a byte`);
      bytes[offset++] = k;
    }
  });
  return bytes;
}
