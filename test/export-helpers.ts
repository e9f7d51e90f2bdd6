/**
 * Networks for the export tests and bpnet's own outputs for them, computed without relying on
 * how the library applies an inputTransform: the transform is applied here by hand, then the
 * network without it runs on the result.
 */
import { networkFromJSON, networkToJSON, Network, predict, Rng, type NetworkSpec } from '../src/index.ts';

export interface Case {
  name: string;
  /** The model file (with classLabels / inputTransform when the case has them). */
  json: Record<string, unknown>;
  inputs: number;
  outputs: number;
}

const SPECS: { name: string; spec: NetworkSpec; transform?: 'zscore' | 'minmax'; labels?: boolean }[] = [
  { name: '5-4-3 tanh, leaky-relu → softmax, zscore, labels', spec: { inputs: 5, layers: [{ units: 4, activation: 'tanh' }, { units: 6, activation: 'leaky-relu' }, { units: 3, activation: 'softmax' }], loss: 'cross-entropy' }, transform: 'zscore', labels: true },
  { name: '3-8-1 relu → sigmoid, minmax', spec: { inputs: 3, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, transform: 'minmax' },
  { name: '4-5-2 sigmoid → linear', spec: { inputs: 4, layers: [{ units: 5, activation: 'sigmoid' }, { units: 2, activation: 'linear' }], loss: 'mse' } },
  { name: '784-16-10 sigmoid → softmax (digits size)', spec: { inputs: 784, layers: [{ units: 16, activation: 'sigmoid' }, { units: 10, activation: 'softmax' }], loss: 'cross-entropy' }, labels: true },
];

export function cases(): Case[] {
  return SPECS.map(({ name, spec, transform, labels }, k) => {
    const net = Network.create(spec, { seed: 10 + k });
    const json: Record<string, unknown> = { ...networkToJSON(net) };
    const rng = new Rng(100 + k);
    if (transform === 'zscore') {
      json.inputTransform = { type: 'zscore', mean: Array.from({ length: spec.inputs }, () => rng.uniform(-2, 2)), std: Array.from({ length: spec.inputs }, () => rng.uniform(0.2, 3)) };
    } else if (transform === 'minmax') {
      const min = Array.from({ length: spec.inputs }, () => rng.uniform(-5, 0));
      json.inputTransform = { type: 'minmax', min, max: min.map((m) => m + rng.uniform(0.5, 10)) };
    }
    const outputs = spec.layers[spec.layers.length - 1]!.units;
    if (labels) json.classLabels = Array.from({ length: outputs }, (_, j) => `class-${String.fromCharCode(97 + j)}`);
    return { name, json, inputs: spec.inputs, outputs };
  });
}

/** 100 random input rows (row-major), spread beyond the transform's range. */
export function randomInputs(c: Case, rows = 100, seed = 7): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: rows * c.inputs }, () => rng.uniform(-4, 4));
}

/** bpnet's outputs for the raw rows: the transform by hand, then the network without it. */
export function expectedOutputs(c: Case, x: Float64Array): number[][] {
  const { inputTransform, ...plain } = c.json as { inputTransform?: Record<string, number[]> };
  const net = networkFromJSON(plain, c.name);
  const t = inputTransform;
  const offset = t ? (t.type as unknown === 'zscore' ? t.mean! : t.min!) : undefined;
  const scale = t ? (t.type as unknown === 'zscore' ? t.std! : t.max!.map((m, i) => m - t.min![i]!)) : undefined;
  const xt = offset ? x.map((v, i) => (v - offset[i % c.inputs]!) / scale![i % c.inputs]!) : x;
  return predict(net, xt, x.length / c.inputs);
}

/** The class label bpnet gives an output row (argmax, or the 0.5 threshold for one output). */
export function expectedLabel(c: Case, out: number[]): string {
  const k = out.length === 1 ? (out[0]! >= 0.5 ? 1 : 0) : out.indexOf(Math.max(...out));
  return (c.json.classLabels as string[] | undefined)?.[k] ?? String(k);
}

export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}
