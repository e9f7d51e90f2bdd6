/**
 * Input features of the 2-D sets (as in the TensorFlow Playground): the network may see x1², x2²,
 * x1·x2, sin x1 and sin x2 besides x1 and x2. One record per feature; the page's toggles, the URL,
 * the worker and the downloaded data all read this list.
 */
import type { Dataset } from '../../src/index.ts';

export type FeatureName = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sinx1' | 'sinx2';

export interface Feature {
  name: FeatureName;
  /** How it is written on the page and in the CSV header. */
  label: string;
  f: (x1: number, x2: number) => number;
}

export const FEATURES: readonly Feature[] = [
  { name: 'x1', label: 'x1', f: (x1) => x1 },
  { name: 'x2', label: 'x2', f: (_, x2) => x2 },
  { name: 'x1sq', label: 'x1²', f: (x1) => x1 * x1 },
  { name: 'x2sq', label: 'x2²', f: (_, x2) => x2 * x2 },
  { name: 'x1x2', label: 'x1·x2', f: (x1, x2) => x1 * x2 },
  { name: 'sinx1', label: 'sin x1', f: (x1) => Math.sin(x1) },
  { name: 'sinx2', label: 'sin x2', f: (_, x2) => Math.sin(x2) },
];

export const DEFAULT_FEATURES: readonly FeatureName[] = ['x1', 'x2'];

export function isFeatureName(s: string): s is FeatureName {
  return FEATURES.some((f) => f.name === s);
}

/** True when the features are just x1, x2 in that order: the data goes to the network as it is. */
export function isIdentity(features: readonly FeatureName[]): boolean {
  return features.length === 2 && features[0] === 'x1' && features[1] === 'x2';
}

/** The chosen features of `rows` points (x1, x2 interleaved) as a rows × features matrix. */
export function featurizePoints(points: ArrayLike<number>, rows: number, features: readonly FeatureName[]): Float64Array {
  const fs = features.map((n) => FEATURES.find((f) => f.name === n)!.f);
  const out = new Float64Array(rows * fs.length);
  for (let i = 0; i < rows; i++) {
    const x1 = points[2 * i]!, x2 = points[2 * i + 1]!;
    for (let k = 0; k < fs.length; k++) out[i * fs.length + k] = fs[k]!(x1, x2);
  }
  return out;
}

/** A 2-input dataset with its inputs replaced by the chosen features (others are returned as they are). */
export function featurize(d: Dataset, features: readonly FeatureName[]): Dataset {
  if (d.inputSize !== 2 || isIdentity(features)) return d;
  return { ...d, inputSize: features.length, inputs: featurizePoints(d.inputs, d.size, features) };
}

export function featureLabels(features: readonly FeatureName[]): string[] {
  return features.map((n) => FEATURES.find((f) => f.name === n)!.label);
}
