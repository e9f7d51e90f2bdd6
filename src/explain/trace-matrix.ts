/**
 * The matrix form of the explanation trace (networks too large to name every weight): per layer,
 * norms and ranges over the whole batch, and a few weights followed through their update.
 */
import type { ActivationName } from '../core/activations.ts';
import type { ExplainTraceBase } from './trace.ts';
import type { Objective, ParamUpdate } from './trace-update.ts';

/** An explanation in matrix form (networks too large to name every weight). */
export interface MatrixTrace extends ExplainTraceBase {
  form: 'matrix';
  steps: MatrixStep[];
}

/** One training step in matrix form: the forward and backward pass of every layer and J before and after. */
export interface MatrixStep {
  step: number;
  /** The batch: 0-based dataset rows. */
  rows: number[];
  /** J on the batch before and after the update. */
  objective: Objective;
  objectiveAfter: Objective;
  /** E before and after the update (B = 1), or J on the batch. */
  loss: number;
  lossAfter: number;
  /** Outputs (before the update) and targets of the first sample; null when there are more than 16 outputs. */
  outputs: number[] | null;
  targets: number[] | null;
  /** Per layer, in forward order. */
  layers: MatrixLayer[];
}

/** Summary of a vector or matrix: shape, Euclidean/Frobenius norm, range. */
export interface MatrixSummary {
  rows: number;
  cols: number;
  norm: number;
  min: number;
  max: number;
}

/** One entry of a matrix (or vector: col 0) with its value. */
export interface MatrixEntry {
  row: number;
  col: number;
  value: number;
}

/** One weight of the layer followed through its update: w⁺ = w − η·∂E/∂w. */
export interface MatrixWeightSample {
  row: number;
  col: number;
  old: number;
  grad: number;
  new: number;
  update: ParamUpdate;
}

/** One layer in matrix form: summaries of z, a, δ, W and ∂J/∂W over the batch, and a few weights followed. */
export interface MatrixLayer {
  layer: number;
  inputs: number;
  units: number;
  activation: ActivationName;
  /** z = W·a_prev + b, a = g(z), δ = ∂E/∂z (vectors of `units`). */
  z: MatrixSummary;
  a: MatrixSummary;
  delta: MatrixSummary;
  /** A few entries of δ: the first ones and the largest in magnitude. */
  deltaSamples: MatrixEntry[];
  /** W before the step, ∂E/∂W = δ·a_prevᵀ, W after the step. */
  weights: MatrixSummary;
  gradW: MatrixSummary;
  weightsAfter: MatrixSummary;
  /** A few weights followed through their update: the first and the ones with the largest |∂E/∂w|. */
  weightSamples: MatrixWeightSample[];
  /** ∂E/∂b = δ, and whether the biases are trained. */
  gradB: MatrixSummary;
  trainBias: boolean;
  /** Sequential order: this layer was updated before δ of the layer below was computed. */
  updatedBeforeNextDelta: boolean;
}

