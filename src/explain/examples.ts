/**
 * The two worked examples of the seed articles, recognised from their numbers, and the figures
 * their published versions print where those differ from correct backprop (see the errata in
 * the seeds' README): the explainer notes the difference and why.
 */
import { networkFromJSON, type Network } from '../core/network.ts';
import type { ExampleName } from './trace.ts';

/** Figures published in the seed articles that the explainer reproduces (for the notes that compare with them). */
export const PUBLISHED = {
  /** 000: the error after one update, computed with the already-updated output weights. */
  classic: {
    errorAfterOneUpdate: 0.291027924,
    /** After 10 000 iterations (η = 0.5, one sample): the total error and the two outputs. */
    after10000: { steps: 10_000, error: 0.000035085, outputs: [0.015912196, 0.984065734] },
  },
  /** 002: output-weight gradient and new weight (η = 0.1) printed for the linear output. */
  linear: { grad: -0.033, newWeight: 0.4033 },
} as const;

interface ExampleShape {
  /** Input size, then the units of each layer. */
  sizes: number[];
  trainBias: boolean;
  activations: string[];
  loss: string;
  weights: number[][];
  bias: number[][];
  input: number[];
  target: number[];
}

const SHAPES: Record<ExampleName, ExampleShape> = {
  classic: {
    sizes: [2, 2, 2], trainBias: false, activations: ['sigmoid', 'sigmoid'], loss: 'mse',
    weights: [[0.15, 0.2, 0.25, 0.3], [0.4, 0.45, 0.5, 0.55]], bias: [[0.35, 0.35], [0.6, 0.6]],
    input: [0.05, 0.1], target: [0.01, 0.99],
  },
  linear: {
    sizes: [2, 1, 1], trainBias: true, activations: ['sigmoid', 'linear'], loss: 'mse',
    weights: [[0.3, 0.6], [0.4]], bias: [[0.1], [0.2]],
    input: [0.5, 0.8], target: [0.8],
  },
};

const same = (a: ArrayLike<number>, b: readonly number[]) => a.length === b.length && b.every((v, i) => a[i] === v);

/** "classic" or "linear" when the network and sample are exactly that worked example, else null. */
export function detectExample(net: Network, input: readonly number[], target: readonly number[]): ExampleName | null {
  for (const [name, s] of Object.entries(SHAPES) as [ExampleName, ExampleShape][]) {
    if (net.loss !== s.loss || net.layers.length !== s.weights.length) continue;
    const match = net.layers.every((l, i) => l.activation === s.activations[i] && same(l.weights, s.weights[i]!) && same(l.bias, s.bias[i]!));
    if (match && same(input, s.input) && same(target, s.target)) return name;
  }
  return null;
}

/** The worked example's network and its one sample (the same as examples/<name>/*.json). */
export function exampleNetwork(name: ExampleName): { network: Network; input: number[]; target: number[] } {
  const s = SHAPES[name];
  const network = networkFromJSON({
    format: 'bpnet-model', version: 1, loss: s.loss,
    layers: s.weights.map((w, l) => {
      const inputs = s.sizes[l]!, units = s.sizes[l + 1]!;
      return {
        type: 'dense', inputs, units, activation: s.activations[l], bias: s.bias[l], trainBias: s.trainBias,
        weights: Array.from({ length: units }, (_, j) => w.slice(j * inputs, (j + 1) * inputs)),
      };
    }),
  }, name);
  return { network, input: [...s.input], target: [...s.target] };
}
