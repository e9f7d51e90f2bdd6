/**
 * Weight initialisation from a seeded Rng. Breaking the symmetry between the units of a layer is
 * the point: with all weights equal, every hidden unit would receive the same gradient forever.
 *
 * - `uniform`: U(−ε, ε), ε = 0.12 by default (the classic course's randInitializeWeights; biases too).
 * - `normal`:  N(0, ε²), ε = 0.01 by default (small random values, biases too).
 * - `xavier`:  U(±√(6 / (inputs + units))) (Glorot & Bengio, 2010), biases 0; suits sigmoid/tanh.
 * - `he`:      N(0, 2 / inputs) (He et al., 2015), biases 0; suits ReLU.
 * - `auto`:    `he` for (leaky) ReLU layers, `xavier` otherwise.
 */
import type { ActivationName } from './activations.ts';
import type { Rng } from './rng.ts';
import type { Float } from './tensor.ts';

/** Initialisation rules: auto (he for relu, xavier otherwise), uniform ±ε, normal(0, ε), xavier (Glorot), he (Kaiming). */
export type InitName = 'auto' | 'uniform' | 'normal' | 'xavier' | 'he';
/** Every initialisation rule name. */
export const INIT_NAMES: readonly InitName[] = ['auto', 'uniform', 'normal', 'xavier', 'he'];

/** Which initialisation rule to use and its ε. */
export interface InitOptions {
  init?: InitName;
  /** ε of `uniform` (default 0.12) and `normal` (default 0.01). */
  epsilon?: number;
}

/** Fills a layer's weights and biases by the initialisation rule (auto: he for relu, xavier otherwise), drawing from `rng`. */
export function initLayer(
  weights: Float, bias: Float, inputs: number, units: number, activation: ActivationName,
  rng: Rng, options: InitOptions = {},
): void {
  let init = options.init ?? 'auto';
  if (init === 'auto') init = activation === 'relu' || activation === 'leaky-relu' ? 'he' : 'xavier';
  switch (init) {
    case 'uniform': {
      const eps = options.epsilon ?? 0.12;
      for (let i = 0; i < weights.length; i++) weights[i] = rng.uniform(-eps, eps);
      for (let i = 0; i < bias.length; i++) bias[i] = rng.uniform(-eps, eps);
      break;
    }
    case 'normal': {
      const eps = options.epsilon ?? 0.01;
      for (let i = 0; i < weights.length; i++) weights[i] = eps * rng.normal();
      for (let i = 0; i < bias.length; i++) bias[i] = eps * rng.normal();
      break;
    }
    case 'xavier': {
      const limit = Math.sqrt(6 / (inputs + units));
      for (let i = 0; i < weights.length; i++) weights[i] = rng.uniform(-limit, limit);
      bias.fill(0);
      break;
    }
    case 'he': {
      const std = Math.sqrt(2 / inputs);
      for (let i = 0; i < weights.length; i++) weights[i] = std * rng.normal();
      bias.fill(0);
      break;
    }
  }
}
