/**
 * The 2-D toy datasets of the playground (after TensorFlow Playground's dataset.ts): points in
 * [-1, 1]², one target — a 0/1 class for the classification sets, a value in [-1, 1] for the
 * regression sets (plane, gaussian). Every set is drawn from the core's seeded Rng, so a seed gives the same
 * points in every browser; `noise` jitters the points (in units of the domain's half-width).
 */
import { Rng, sliceDataset, type Dataset } from '../../src/index.ts';

export type ToyName = 'xor' | 'circle' | 'gaussians' | 'spiral' | 'plane' | 'gaussian';
/** The classification sets (0/1 targets). */
export const TOY_NAMES: readonly ToyName[] = ['xor', 'circle', 'gaussians', 'spiral'];
/** The regression sets (targets in [-1, 1]). */
export const REGRESSION_NAMES: readonly ToyName[] = ['plane', 'gaussian'];

type Point = [x: number, y: number, label: number];

const generators: Record<ToyName, (n: number, noise: number, rng: Rng) => Point[]> = {
  // Quadrants: label 1 where x and y share a sign; points keep a small margin from the axes.
  xor: (n, noise, rng) => Array.from({ length: n }, () => {
    const pad = 0.08;
    let x = rng.uniform(-1, 1), y = rng.uniform(-1, 1);
    x += x > 0 ? pad : -pad;
    y += y > 0 ? pad : -pad;
    return [x / (1 + pad) + noise * rng.normal() * 0.3, y / (1 + pad) + noise * rng.normal() * 0.3, x * y > 0 ? 1 : 0];
  }),
  // A disc of label 1 inside a ring of label 0.
  circle: (n, noise, rng) => Array.from({ length: n }, (_, i) => {
    const inside = i % 2 === 0;
    const r = inside ? rng.uniform(0, 0.45) : rng.uniform(0.65, 0.95);
    const t = rng.uniform(0, 2 * Math.PI);
    return [r * Math.cos(t) + noise * rng.normal() * 0.3, r * Math.sin(t) + noise * rng.normal() * 0.3, inside ? 1 : 0];
  }),
  // Two round clouds; noise widens them until they overlap.
  gaussians: (n, noise, rng) => Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const c = label ? 0.45 : -0.45;
    const s = 0.15 + 0.35 * noise;
    return [c + s * rng.normal(), c + s * rng.normal(), label];
  }),
  // Two interleaved arms of Archimedes' spiral.
  spiral: (n, noise, rng) => Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const r = (Math.floor(i / 2) / (n / 2)) * 0.95;
    const t = 1.75 * r * 2 * Math.PI + label * Math.PI;
    return [r * Math.sin(t) + noise * rng.normal() * 0.15, r * Math.cos(t) + noise * rng.normal() * 0.15, label];
  }),
  // A tilted plane: the target rises from -1 to 1 along the diagonal; noise jitters the target.
  plane: (n, noise, rng) => Array.from({ length: n }, () => {
    const x = rng.uniform(-1, 1), y = rng.uniform(-1, 1);
    return [x, y, clamp((x + y) / 2 + noise * rng.normal() * 0.2)];
  }),
  // Two bumps of opposite sign: the target is +1 near (0.5, 0.5), -1 near (-0.5, -0.5), 0 far away.
  gaussian: (n, noise, rng) => Array.from({ length: n }, () => {
    const x = rng.uniform(-1, 1), y = rng.uniform(-1, 1);
    const bump = (cx: number, cy: number) => Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 0.3 ** 2));
    return [x, y, clamp(bump(0.5, 0.5) - bump(-0.5, -0.5) + noise * rng.normal() * 0.2)];
  }),
};

const clamp = (v: number) => Math.max(-1, Math.min(1, v));

export interface ToyOptions {
  samples: number;
  /** 0 = clean; 1 = heavy. */
  noise: number;
  /** Fraction of the (shuffled) samples used for training; the rest is the test set. */
  trainFraction: number;
  seed: number;
}

export interface Split {
  train: Dataset;
  test: Dataset;
}

export function toyDataset(name: ToyName, o: ToyOptions): Split {
  const rng = new Rng(o.seed);
  const points = generators[name](o.samples, o.noise, rng);
  const inputs = new Float64Array(points.length * 2);
  const targets = new Float64Array(points.length);
  points.forEach(([x, y, label], i) => {
    inputs[2 * i] = x;
    inputs[2 * i + 1] = y;
    targets[i] = label;
  });
  return splitDataset({ size: points.length, inputSize: 2, outputSize: 1, inputs, targets }, o.trainFraction, rng);
}

/** Shuffles the rows with `rng` and cuts them into train and test (each keeps at least one row). */
export function splitDataset(data: Dataset, trainFraction: number, rng: Rng): Split {
  const order = rng.shuffle(Uint32Array.from({ length: data.size }, (_, i) => i));
  const inputs = data.inputs.slice(), targets = data.targets.slice();
  order.forEach((from, to) => {
    inputs.set(data.inputs.subarray(from * data.inputSize, (from + 1) * data.inputSize), to * data.inputSize);
    targets.set(data.targets.subarray(from * data.outputSize, (from + 1) * data.outputSize), to * data.outputSize);
  });
  const shuffled = { ...data, inputs, targets };
  const cut = Math.min(data.size - 1, Math.max(1, Math.round(data.size * trainFraction)));
  if (data.size < 2) return { train: data, test: data };
  return { train: sliceDataset(shuffled, 0, cut), test: sliceDataset(shuffled, cut, data.size) };
}
