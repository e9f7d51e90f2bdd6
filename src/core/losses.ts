/**
 * Per-sample losses, one record each holding everything known about it: f and ∂/∂a over one
 * output unit (the sample loss is the sum over units), the fused output rule, the formulas the
 * explainer prints, help text and names.
 *
 * - `mse`: ½Σₖ(aₖ − yₖ)², ∂/∂aₖ = aₖ − yₖ, so δ = (a − y) ⊙ g′(z) keeps its g′ factor.
 * - `binary-cross-entropy`: −Σₖ[yₖ log aₖ + (1 − yₖ) log(1 − aₖ)], for sigmoid outputs.
 * - `cross-entropy`: −Σₖ yₖ log aₖ, for softmax outputs.
 *
 * The two cross-entropies are fused with their natural output activation: the g′ factor cancels and
 * δ = a − y exactly; the loss itself is then computed from z (log-sum-exp, softplus), so it stays
 * finite for |z| up to 1e4 where log(a) would be log(0). `fusedActivation` is the one place that
 * says which pairs are fused: the kernels and the explainer read it from there.
 */
import type { ActivationName } from './activations.ts';
import { isOwnName, lookup, type MathText, type Operand, type RecordBase } from './record.ts';

/** The losses bpnet knows: every one a record in `losses`. */
export type LossName = 'mse' | 'binary-cross-entropy' | 'cross-entropy';

/** A loss as a record: its value and derivative per output unit, the fused output rule, formulas, help and names. */
export interface Loss extends RecordBase<LossName> {
  /** Loss contributed by one output unit with activation a and target y. */
  f(a: number, y: number): number;
  /** ∂loss/∂a for one output unit. */
  df(a: number, y: number): number;
  /** The output activation with which δ = a − y (the fused rule); undefined: none. */
  readonly fusedActivation: ActivationName | undefined;
  /**
   * The loss of the fused pair summed over a rows × cols block, computed from z so that it stays
   * finite where a rounds to 0 or 1; null when there is no fused pair.
   */
  readonly fusedLossSum: ((Z: ArrayLike<number>, Y: ArrayLike<number>, rows: number, cols: number) => number) | null;
  /** Output activations this loss is defined for (log needs a in (0, 1)); undefined: any. */
  readonly outputActivations: readonly ActivationName[] | undefined;
  /** E summed over the outputs k, written out. */
  readonly formula: MathText;
  /** E_o, the term of one output, from out and target (names or numbers). */
  readonly term: (out: Operand, target: Operand) => MathText;
  /** ∂E/∂out of one output, from out and target. */
  readonly derivative: (out: Operand, target: Operand) => MathText;
}

// Keeps log finite for non-fused pairs (e.g. softmax with binary cross-entropy) where a can round to 0 or 1.
const TINY = 1e-300;
const safeLog = (x: number): number => Math.log(x > TINY ? x : TINY);
const m = (t: string, k: string = t): MathText => ({ t, k });

/** The loss records by name. */
export const losses: Readonly<Record<LossName, Loss>> = {
  mse: {
    name: 'mse',
    f: (a, y) => 0.5 * (a - y) * (a - y),
    df: (a, y) => a - y,
    fusedActivation: undefined,
    fusedLossSum: null,
    outputActivations: undefined,
    formula: m('Σ_k ½(target_k − out_k)²', '\\sum_k \\tfrac{1}{2}\\left(\\mathit{target}_k - \\mathit{out}_k\\right)^2'),
    term: ({ wrapped: o }, { bare: y }) => m(`½(${y.t} − ${o.t})²`, `\\tfrac{1}{2}\\left(${y.k} - ${o.k}\\right)^2`),
    derivative: ({ bare: o }, { wrapped: y }) => m(`${o.t} − ${y.t}`, `${o.k} - ${y.k}`),
    help: 'mean squared error ½Σ(a − y)² (regression)',
    words: { en: 'mean squared error (mse)', zh: '均方误差（mse）' },
  },
  'binary-cross-entropy': {
    name: 'binary-cross-entropy',
    f: (a, y) => -(y * safeLog(a) + (1 - y) * safeLog(1 - a)),
    df: (a, y) => (a - y) / Math.max(a * (1 - a), TINY),
    fusedActivation: 'sigmoid',
    fusedLossSum: (Z, Y, rows, cols) => {
      let total = 0;
      for (let i = 0; i < rows * cols; i++) total += bceFromLogit(Z[i]!, Y[i]!);
      return total;
    },
    outputActivations: ['sigmoid', 'softmax'],
    formula: m(
      '−Σ_k [target_k·ln(out_k) + (1 − target_k)·ln(1 − out_k)]',
      '-\\sum_k \\left[\\mathit{target}_k \\ln \\mathit{out}_k + (1 - \\mathit{target}_k)\\ln(1 - \\mathit{out}_k)\\right]',
    ),
    term: ({ wrapped: o }, { wrapped: y }) => m(
      `−(${y.t}·ln(${o.t}) + (1 − ${y.t})·ln(1 − ${o.t}))`, `-\\left(${y.k} \\ln ${o.k} + (1 - ${y.k}) \\ln(1 - ${o.k})\\right)`),
    derivative: ({ wrapped: o }, { wrapped: y }) => m(
      `(${o.t} − ${y.t}) / (${o.t}·(1 − ${o.t}))`, `\\frac{${o.k} - ${y.k}}{${o.k}\\,(1 - ${o.k})}`),
    help: 'binary cross-entropy, for 0/1 targets on sigmoid outputs',
    words: { en: 'binary cross-entropy', zh: '二元交叉熵' },
  },
  'cross-entropy': {
    name: 'cross-entropy',
    f: (a, y) => -y * safeLog(a),
    df: (a, y) => -y / Math.max(a, TINY),
    fusedActivation: 'softmax',
    fusedLossSum: (Z, Y, rows, cols) => {
      let total = 0;
      for (let i = 0; i < rows; i++) total += crossEntropyFromLogits(Z, Y, i * cols, cols);
      return total;
    },
    outputActivations: ['softmax', 'sigmoid'],
    formula: m('−Σ_k target_k·ln(out_k)', '-\\sum_k \\mathit{target}_k \\ln \\mathit{out}_k'),
    term: ({ wrapped: o }, { wrapped: y }) => m(`−${y.t}·ln(${o.t})`, `-${y.k} \\ln ${o.k}`),
    derivative: ({ wrapped: o }, { wrapped: y }) => m(`−${y.t} / ${o.t}`, `-\\frac{${y.k}}{${o.k}}`),
    help: 'cross-entropy over classes, on softmax outputs',
    words: { en: 'cross-entropy', zh: '交叉熵' },
  },
};

/** Every loss name, in the records' order. */
export const LOSS_NAMES = Object.keys(losses) as LossName[];

/** True when `name` is a loss's own name. */
export const isLossName = (name: unknown): name is LossName => isOwnName(losses, name);
/** The record of a loss; a BpnetError listing the valid names otherwise. */
export const getLoss = (name: unknown, where = 'loss'): Loss => lookup(losses, name, 'loss', where);

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
