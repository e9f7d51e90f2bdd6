/**
 * Reads the embedded default data (Node): data/mnist-sample.bin.gz, shipped in the package and made
 * at build time by scripts/build-digits.ts; the byte layout is src/data/digit-bytes.ts, the split
 * src/data/mnist-sample.ts. Spec: `mnist-sample`, `mnist-sample:train`, `mnist-sample:test`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { mnistSampleFromBytes, type MnistSplit } from '../data/mnist-sample.ts';

export const MNIST_SAMPLE_PATTERN = /^mnist-sample(?::(train|test))?$/;

/** The file, two folders up from this module both in src/io and in the built dist/io. */
const FILE = new URL('../../data/mnist-sample.bin.gz', import.meta.url);

/**
 * The sample's bytes (10 × uint32 counts, then 784 pixel bytes per image; src/data/digit-bytes.ts),
 * for code that keeps images as bytes.
 */
export function readMnistSampleBytes(): Uint8Array {
  let gz: Buffer;
  try {
    gz = readFileSync(FILE);
  } catch {
    throw new BpnetError('the embedded digits are missing (a checkout makes them with npm ci or npm run prepare)', fileURLToPath(FILE));
  }
  try {
    // The package's own file, but bounded all the same (it holds 10 000 digits, ~8 MB).
    return new Uint8Array(gunzipSync(gz, { maxOutputLength: 64 * 1024 * 1024 }));
  } catch (e) {
    throw new BpnetError(`not a valid gzip file: ${(e as Error).message}`, fileURLToPath(FILE));
  }
}

/**
 * The embedded digits: `mnist-sample` (or `mnist-sample:train`, 8 000 images) and `mnist-sample:test` (2 000).
 * @example const train = loadMnistSample('mnist-sample:train');
 */
export function loadMnistSample(spec = 'mnist-sample', defaultSplit: MnistSplit = 'train'): Dataset {
  const m = MNIST_SAMPLE_PATTERN.exec(spec);
  if (!m) throw new BpnetError('expected mnist-sample, mnist-sample:train or mnist-sample:test', spec);
  return mnistSampleFromBytes(readMnistSampleBytes(), (m[1] as MnistSplit | undefined) ?? defaultSplit, spec);
}
