/**
 * Textbook names for the neurons, weights and biases of a small network (i1, h1, o1, w1…w8, b1, b2),
 * numbered as in the classic worked example, and their LaTeX forms.
 */
import type { Network } from '../core/network.ts';
import type { ScalarNames } from './trace.ts';

/** Names of everything in `net` (see `ScalarNames` for the numbering). */
export function scalarNames(net: Network): ScalarNames {
  const hidden = net.layers.length - 1;
  const inputs = Array.from({ length: net.inputSize }, (_, i) => `i${i + 1}`);
  const neurons = net.layers.map((l, li) =>
    Array.from({ length: l.units }, (_, j) =>
      li === hidden ? `o${j + 1}` : hidden === 1 ? `h${j + 1}` : `h${li + 1}_${j + 1}`,
    ),
  );
  let w = 0;
  const weights = net.layers.map((l) =>
    Array.from({ length: l.units }, () => Array.from({ length: l.inputs }, () => `w${++w}`)),
  );
  // One bias name per layer (b1, b2, as the tutorials) when that is unambiguous in every layer:
  // a single neuron, or biases that are fixed and all equal (one shared constant).
  const perLayer = net.layers.every((l) => l.units === 1 || (!l.trainBias && l.bias.every((b) => b === l.bias[0])));
  const sharedBias = net.layers.map(() => perLayer);
  const biases = net.layers.map((l, li) =>
    Array.from({ length: l.units }, (_, j) => (perLayer ? `b${li + 1}` : `b_${neurons[li]![j]}`)),
  );
  return { inputs, neurons, weights, biases, sharedBias };
}

/** LaTeX of a name standing alone: w5 → w_{5}, h1_2 → h_{1,2}, b_h1 → b_{h1}. */
export function texName(name: string): string {
  const m = /^([a-z])_?(.*)$/.exec(name);
  if (!m || m[2] === '') return name;
  return `${m[1]}_{${m[2]!.replace(/_/g, ',')}}`;
}

/** A name used as a subscript, as the tutorial writes net_{h1}: h1_2 → h1,2. */
export function texSub(name: string): string {
  return name.replace(/_/g, ',');
}
