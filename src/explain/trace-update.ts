/**
 * The parts of the explanation trace for what `bpnet train` adds to the one-sample SGD step:
 * the batch (several samples, their gradients averaged), weight decay λ and the optimizer's update
 * with its state. Every value is read off the core's own Trainer step.
 */
import type { OptimizerName } from '../core/optimizers.ts';

/** The update rule and its settings (the same names and defaults as `bpnet train`). */
export interface ExplainOptimizer {
  name: OptimizerName;
  /** η. */
  learningRate: number;
  /** μ of momentum and nesterov (null for the others). */
  momentum: number | null;
  /** Adam's β₁, β₂ and ε (null for the others). */
  beta1: number | null;
  beta2: number | null;
  epsilon: number | null;
}

/** The objective on one batch of B samples: J = (1/B)·Σᵢ Eᵢ + (λ/2)·Σ w² (biases not decayed). */
export interface Objective {
  /** Eᵢ of each sample of the batch, in batch order. */
  losses: number[];
  /** (1/B)·Σᵢ Eᵢ. */
  mean: number;
  /** (λ/2)·Σ w² over every weight of the network (0 without weight decay). */
  penalty: number;
  /** J = mean + penalty. */
  J: number;
}

/** One parameter through a step: its gradient ∂J/∂w, then the optimizer's update. */
export interface ParamUpdate {
  /** ∂Eᵢ/∂w = δᵢ·outᵢ of each sample of the batch. */
  perSample: number[];
  /** (1/B)·Σᵢ ∂Eᵢ/∂w. */
  mean: number;
  /** λ·w (always 0 for biases, which are not decayed). */
  decay: number;
  /** ∂J/∂w = mean + decay, as the core computed it. */
  grad: number;
  /** The optimizer's state before and after, and the intermediates of its rule. */
  rule: OptimizerRuleStep;
}

/**
 * The update w⁺ of one parameter, rule by rule (v, m, s start at 0; t counts the steps):
 * - sgd:      w⁺ = w − η·g
 * - momentum: v = μ·v₋ − η·g;  w⁺ = w + v
 * - nesterov: v = μ·v₋ − η·g;  change = μ·v − η·g;  w⁺ = w + change
 * - adam:     m = β₁·m₋ + (1 − β₁)·g;  s = β₂·s₋ + (1 − β₂)·g²;  m̂ = m/(1 − β₁ᵗ);  ŝ = s/(1 − β₂ᵗ);
 *             change = −η·m̂/(√ŝ + ε);  w⁺ = w + change
 * (`…Old` is the value before this step; v, m, s are the core's optimizer state after it.)
 */
export type OptimizerRuleStep =
  | { kind: 'sgd' }
  | { kind: 'momentum'; vOld: number; v: number }
  | { kind: 'nesterov'; vOld: number; v: number; change: number }
  | { kind: 'adam'; t: number; mOld: number; m: number; sOld: number; s: number; mHat: number; sHat: number; change: number };

/**
 * Why weights start random, shown on the network at hand: hidden neuron `twin` is given the
 * weights of `unit` (into it and out of it), one step is taken, and each pair is still equal.
 */
export interface SymmetryExample {
  unit: string;
  twin: string;
  /** Each weight of `unit` and its counterpart of `twin`: the shared value before, both after. */
  pairs: { a: string; b: string; before: number; afterA: number; afterB: number }[];
}
