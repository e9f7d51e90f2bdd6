/**
 * The digits sample in the browser: fetches digits.bin (made at build time from the `mnist` package
 * by web/scripts/digits-asset.ts) and applies the project's fixed split — test = the last 200 samples
 * of each digit (digit 0 first), train = all others shuffled with Rng(1) — as the CLI's
 * `mnist-sample` does, so figures on the page and in the terminal refer to the same samples.
 */
import { Rng, type Dataset } from '../../src/index.ts';
import type { Split } from './datasets.ts';

const PIXELS = 784;
const TEST_PER_DIGIT = 200;
const SPLIT_SEED = 1;
const LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

let cached: Promise<Split> | undefined;

export function loadDigits(url = 'digits.bin'): Promise<Split> {
  return (cached ??= fetch(url).then(async (r) => {
    if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
    return splitDigits(new Uint8Array(await r.arrayBuffer()));
  }));
}

/** Pixel bytes k back to the package's values k/255 rounded to 3 decimals. */
const table = Float32Array.from({ length: 256 }, (_, k) => Math.round((k / 255) * 1000) / 1000);

export function splitDigits(bytes: Uint8Array): Split {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows: { digit: number; offset: number }[][] = [[], []]; // [train, test]
  let offset = 40;
  for (let d = 0; d < 10; d++) {
    const n = view.getUint32(4 * d, true);
    for (let i = 0; i < n; i++, offset += PIXELS) rows[i >= n - TEST_PER_DIGIT ? 1 : 0]!.push({ digit: d, offset });
  }
  new Rng(SPLIT_SEED).shuffle(rows[0]!);
  const make = (list: { digit: number; offset: number }[]): Dataset => {
    const inputs = new Float32Array(list.length * PIXELS);
    const targets = new Float32Array(list.length * 10);
    list.forEach((r, i) => {
      for (let p = 0; p < PIXELS; p++) inputs[i * PIXELS + p] = table[bytes[r.offset + p]!]!;
      targets[i * 10 + r.digit] = 1;
    });
    return { size: list.length, inputSize: PIXELS, outputSize: 10, inputs, targets, labels: LABELS };
  };
  return { train: make(rows[0]!), test: make(rows[1]!) };
}
