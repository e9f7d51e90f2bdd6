/**
 * Weight initialisation from a seeded Rng, one record per rule. Breaking the symmetry between the
 * units of a layer is the point: with all weights equal, every hidden unit would receive the same
 * gradient forever.
 *
 * - `uniform`: U(−ε, ε), ε = 0.12 by default (the classic course's randInitializeWeights; biases too).
 * - `normal`:  N(0, ε²), ε = 0.01 by default (small random values, biases too).
 * - `xavier`:  U(±√(6 / (inputs + units))) (Glorot & Bengio, 2010), biases 0; suits sigmoid/tanh.
 * - `he`:      N(0, 2 / inputs) (He et al., 2015), biases 0; suits ReLU.
 * - `auto`:    the rule the layer's activation record names (`he` for the ReLUs, `xavier` otherwise).
 */
import { activations, type ActivationName } from './activations.ts';
import { isOwnName, lookup, type MathText, type RecordBase } from './record.ts';
import type { Rng } from './rng.ts';
import type { Float } from './tensor.ts';

/** The initialisation rules: every one a record in `initRules`. */
export type InitName = 'auto' | 'uniform' | 'normal' | 'xavier' | 'he';

/** How `Network.create` initialises: the rule and its ε. */
export interface InitOptions {
  init?: InitName;
  /** ε of `uniform` (default 0.12) and `normal` (default 0.01). */
  epsilon?: number;
}

/** A layer's shape and where its numbers come from, as an init rule sees them. */
interface Fill {
  weights: Float;
  bias: Float;
  inputs: number;
  units: number;
  rng: Rng;
  epsilon: number | undefined;
}

/** An initialisation rule as a record: how it fills a layer, its formula, help and names. */
export interface InitRule extends RecordBase<InitName> {
  /** The distribution of the weights, written out. */
  readonly formula: MathText;
  /** Fills weights and biases; `auto` has none (it defers to the activation). */
  readonly fill: ((layer: Fill) => void) | null;
}

const m = (t: string, k: string = t): MathText => ({ t, k });
/** Fills the arrays in order, element by element, from `next` (the order fixes which numbers the Rng gives where). */
const draw = (arrays: Float[], next: () => number): void => {
  for (const a of arrays) for (let i = 0; i < a.length; i++) a[i] = next();
};
/** Small random weights and biases alike, of scale ε (default `eps`). */
const small = (eps: number, sample: (rng: Rng, eps: number) => number) =>
  ({ weights, bias, rng, epsilon }: Fill): void => draw([weights, bias], () => sample(rng, epsilon ?? eps));
/** Weights at a scale set by the layer's shape, biases 0. */
const scaled = (sampler: (layer: Fill) => () => number) =>
  (layer: Fill): void => {
    draw([layer.weights], sampler(layer));
    layer.bias.fill(0);
  };

/** The init rule records by name. */
export const initRules: Readonly<Record<InitName, InitRule>> = {
  auto: {
    name: 'auto', fill: null,
    formula: m('he for (leaky) ReLU layers, xavier otherwise', '\\text{he for ReLU layers, xavier otherwise}'),
    help: 'he for relu, xavier otherwise (the rule each activation names)',
    words: { en: 'automatic (from the activation)', zh: '自动（按激活函数选择）' },
  },
  uniform: {
    name: 'uniform',
    fill: small(0.12, (rng, eps) => rng.uniform(-eps, eps)),
    formula: m('w, b ~ U(−ε, ε), ε = 0.12', 'w, b \\sim U(-\\varepsilon, \\varepsilon),\\ \\varepsilon = 0.12'),
    help: 'U(−ε, ε), ε = 0.12 by default, biases too (the classic course)',
    words: { en: 'uniform', zh: '均匀分布' },
  },
  normal: {
    name: 'normal',
    fill: small(0.01, (rng, eps) => eps * rng.normal()),
    formula: m('w, b ~ N(0, ε²), ε = 0.01', 'w, b \\sim \\mathcal{N}(0, \\varepsilon^2),\\ \\varepsilon = 0.01'),
    help: 'N(0, ε²), ε = 0.01 by default, biases too',
    words: { en: 'normal', zh: '正态分布' },
  },
  xavier: {
    name: 'xavier',
    fill: scaled(({ rng, inputs, units }) => {
      const limit = Math.sqrt(6 / (inputs + units));
      return () => rng.uniform(-limit, limit);
    }),
    formula: m('w ~ U(±√(6 / (inputs + units))), b = 0', 'w \\sim U\\left(\\pm\\sqrt{6 / (n_\\text{in} + n_\\text{out})}\\right),\\ b = 0'),
    help: 'U(±√(6/(inputs + units))), biases 0 (Glorot & Bengio); suits sigmoid and tanh',
    words: { en: 'Xavier (Glorot)', zh: 'Xavier（Glorot）初始化' },
  },
  he: {
    name: 'he',
    fill: scaled(({ rng, inputs }) => {
      const std = Math.sqrt(2 / inputs);
      return () => std * rng.normal();
    }),
    formula: m('w ~ N(0, 2 / inputs), b = 0', 'w \\sim \\mathcal{N}(0, 2 / n_\\text{in}),\\ b = 0'),
    help: 'N(0, 2/inputs), biases 0 (He et al.); suits ReLU',
    words: { en: 'He (Kaiming)', zh: 'He（Kaiming）初始化' },
  },
};

/** Every init rule name, in the records' order. */
export const INIT_NAMES = Object.keys(initRules) as InitName[];

/** True when `name` is an init rule's own name. */
export const isInitName = (name: unknown): name is InitName => isOwnName(initRules, name);
/** The record of an init rule; a BpnetError listing the valid names otherwise. */
export const getInitRule = (name: unknown, where = 'init'): InitRule => lookup(initRules, name, 'init rule', where);

/** Fills a layer's weights and biases by the rule asked for (`auto`: the one its activation names). */
export function initLayer(
  weights: Float, bias: Float, inputs: number, units: number, activation: ActivationName,
  rng: Rng, options: InitOptions = {},
): void {
  const name = options.init ?? 'auto';
  const rule = getInitRule(name === 'auto' ? activations[activation].init : name);
  rule.fill!({ weights, bias, inputs, units, rng, epsilon: options.epsilon });
}
