/**
 * Per-sample losses as records {f, df} over one output unit; the sample loss is the sum over units.
 *
 * - `mse`: ½Σₖ(aₖ − yₖ)², ∂/∂aₖ = aₖ − yₖ, so δ = (a − y) ⊙ g′(z) keeps its g′ factor.
 * - `binary-cross-entropy`: −Σₖ[yₖ log aₖ + (1 − yₖ) log(1 − aₖ)], for sigmoid outputs.
 * - `cross-entropy`: −Σₖ yₖ log aₖ, for softmax outputs.
 *
 * The two cross-entropies are fused with their natural output activation: the g′ factor cancels and
 * δ = a − y exactly; the loss itself is then computed from z (log-sum-exp, softplus), so it stays
 * finite for |z| up to 1e4 where log(a) would be log(0).
 */
import type { ActivationName } from './activations.ts';

/** Loss functions: mean squared error (½(a − y)²), binary cross-entropy, cross-entropy (with softmax). */
export type LossName = 'mse' | 'binary-cross-entropy' | 'cross-entropy';

/** A loss as a record: its value and derivative per output unit, and which output activations it needs. */
export interface Loss {
  readonly name: LossName;
  /** Loss contributed by one output unit with activation a and target y. */
  f(a: number, y: number): number;
  /** ∂loss/∂a for one output unit. */
  df(a: number, y: number): number;
  /** The output activation with which δ = a − y (the fused rule). */
  readonly fusedActivation: ActivationName | undefined;
  /** Output activations this loss is defined for (log needs a in (0, 1)). */
  readonly outputActivations: readonly ActivationName[] | undefined;
}

// Keeps log finite for non-fused pairs (e.g. softmax with binary cross-entropy) where a can round to 0 or 1.
const TINY = 1e-300;
const safeLog = (x: number): number => Math.log(x > TINY ? x : TINY);

/** The loss records by name: the per-output loss f(a, y), its derivative ∂f/∂a, and the output activations it is fused with. */
export const losses: Record<LossName, Loss> = {
  mse: {
    name: 'mse',
    f: (a, y) => 0.5 * (a - y) * (a - y),
    df: (a, y) => a - y,
    fusedActivation: undefined,
    outputActivations: undefined,
  },
  'binary-cross-entropy': {
    name: 'binary-cross-entropy',
    f: (a, y) => -(y * safeLog(a) + (1 - y) * safeLog(1 - a)),
    df: (a, y) => (a - y) / Math.max(a * (1 - a), TINY),
    fusedActivation: 'sigmoid',
    outputActivations: ['sigmoid', 'softmax'],
  },
  'cross-entropy': {
    name: 'cross-entropy',
    f: (a, y) => -y * safeLog(a),
    df: (a, y) => -y / Math.max(a, TINY),
    fusedActivation: 'softmax',
    outputActivations: ['softmax', 'sigmoid'],
  },
};

/** Every loss name. */
export const LOSS_NAMES = Object.keys(losses) as LossName[];

/** True when `name` is one of LOSS_NAMES (narrows the type). */
export function isLossName(name: unknown): name is LossName {
  return typeof name === 'string' && Object.hasOwn(losses, name);
}

/** Binary cross-entropy of one unit computed from z: softplus(z) − y·z, exact for any |z|. */
export function bceFromLogit(z: number, y: number): number {
  return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Cross-entropy of one softmax row computed from z: −Σ yₖ (zₖ − logΣexp z). */
export function crossEntropyFromLogits(z: ArrayLike<number>, y: ArrayLike<number>, offset: number, n: number): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, z[offset + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(z[offset + j]! - max);
  const logSumExp = max + Math.log(sum);
  let loss = 0;
  for (let j = 0; j < n; j++) {
    const yj = y[offset + j]!;
    if (yj !== 0) loss -= yj * (z[offset + j]! - logSumExp);
  }
  return loss;
}
