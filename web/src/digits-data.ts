/**
 * The digits sample in the browser: fetches digits.bin (made at build time from the `mnist` package
 * by web/scripts/digits-asset.ts) and applies the project's fixed split — test = the last 200 samples
 * of each digit (digit 0 first), train = all others shuffled with Rng(1) — as the CLI's
 * `mnist-sample` does, so figures on the page and in the terminal refer to the same samples.
 */
import { splitMnistSample } from '../../src/index.ts';
import type { Split } from './datasets.ts';

const PIXELS = 784;

let cached: Promise<Split> | undefined;

export function loadDigits(url = 'digits.bin'): Promise<Split> {
  return (cached ??= fetch(url).then(async (r) => {
    if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
    return splitDigits(new Uint8Array(await r.arrayBuffer()));
  }));
}

/** Pixel bytes k back to the package's values k/255 rounded to 3 decimals. */
const table = Float32Array.from({ length: 256 }, (_, k) => Math.round((k / 255) * 1000) / 1000);

/** Decodes the asset (10 uint32 counts, padding to byte 40, then the pixels) and splits it with the library's rule. */
export function splitDigits(bytes: Uint8Array): Split {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const digits: Float32Array[] = [];
  let offset = 40;
  for (let d = 0; d < 10; d++) {
    const n = view.getUint32(4 * d, true);
    const pixels = new Float32Array(n * PIXELS);
    for (let i = 0; i < pixels.length; i++) pixels[i] = table[bytes[offset + i]!]!;
    digits.push(pixels);
    offset += n * PIXELS;
  }
  return { train: splitMnistSample(digits, 'train', 'digits.bin'), test: splitMnistSample(digits, 'test', 'digits.bin') };
}
