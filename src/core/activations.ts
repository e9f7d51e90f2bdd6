/**
 * Activation functions g as records {f, df}: one generic backward loop serves them all.
 * `df(z, a)` is g′(z), given both z and a = g(z) so that sigmoid and tanh can use the cheap forms
 * σ′ = a(1 − a) and tanh′ = 1 − a². Softmax is not elementwise: it is applied per row (per sample)
 * and is allowed on the output layer only; its derivative is handled by the loss (fused δ = a − y)
 * or by its Jacobian (see `softmaxBackward`).
 */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'linear' | 'softmax';

/** An activation g as a record: its name, g(z) and g′(z) (given z and a = g(z), whichever is cheaper). */
export interface Activation {
  readonly name: ActivationName;
  /** a = g(z) for one unit (softmax: not used, see `softmaxRow`). */
  f(z: number): number;
  /** g′(z), with a = g(z) given as well. */
  df(z: number, a: number): number;
}

/** Slope of leaky ReLU for z < 0. */
export const LEAKY_RELU_SLOPE = 0.01;

/** σ(z) = 1 / (1 + e^(−z)), written so that neither branch overflows for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The activation records by name: g (`f`) and its derivative g′ (`df`), evaluated from z and a = g(z). */
export const activations: Record<ActivationName, Activation> = {
  sigmoid: { name: 'sigmoid', f: sigmoid, df: (_z, a) => a * (1 - a) },
  tanh: { name: 'tanh', f: Math.tanh, df: (_z, a) => 1 - a * a },
  // relu′(0) = 0 by convention: the derivative does not exist at the kink.
  relu: { name: 'relu', f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
  'leaky-relu': {
    name: 'leaky-relu',
    f: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z),
    df: (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE),
  },
  linear: { name: 'linear', f: (z) => z, df: () => 1 },
  softmax: {
    name: 'softmax',
    f: () => {
      throw new Error('softmax is applied per row, not per unit');
    },
    df: () => {
      throw new Error('softmax has a Jacobian, not an elementwise derivative');
    },
  },
};

/** Every activation name, in the order of the `activations` record. */
export const ACTIVATION_NAMES = Object.keys(activations) as ActivationName[];

/** True when `name` is one of ACTIVATION_NAMES (narrows the type). */
export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && Object.hasOwn(activations, name);
}

/** a = softmax(z) over one row, shifted by max(z) so that exp never overflows. */
export function softmaxRow(z: ArrayLike<number>, a: { [i: number]: number }, offset: number, n: number): void {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, z[offset + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const e = Math.exp(z[offset + j]! - max);
    a[offset + j] = e;
    sum += e;
  }
  for (let j = 0; j < n; j++) a[offset + j] = a[offset + j]! / sum;
}

/**
 * δ = J_softmax(z)ᵀ · g for one row, where g = ∂loss/∂a: δ_j = a_j (g_j − Σ_k g_k a_k).
 * Used when softmax is paired with a loss other than cross-entropy (e.g. mse).
 */
export function softmaxBackwardRow(
  g: ArrayLike<number>, a: ArrayLike<number>, out: { [i: number]: number }, offset: number, n: number,
): void {
  let dot = 0;
  for (let j = 0; j < n; j++) dot += g[offset + j]! * a[offset + j]!;
  for (let j = 0; j < n; j++) out[offset + j] = a[offset + j]! * (g[offset + j]! - dot);
}
