/**
 * The explanation trace: everything a hand derivation of one training step writes down, as plain
 * JSON-serialisable data. `explain()` fills it from the core's own forward/backward pass (the
 * numbers are the ones `bpnet train` computes, in float64); the renderers (text, Markdown, JSON) and
 * the web playground are pure functions of it.
 *
 * Notation (the classic tutorial's): a neuron's weighted input is `net` (= z), its output `out`
 * (= a = g(net)); E is the loss of the one sample; δ = ∂E/∂net; η the learning rate; a weight w
 * connects the output of neuron `from` to the weighted input of neuron `to`, so ∂net_to/∂w = out_from.
 *
 * Two forms, chosen by the number of weights (`ExplainOptions.maxScalarWeights`, default 64):
 * - `ScalarTrace` names every neuron and weight (i1, h1, o1, w1…w8, b1, b2) and records every
 *   product, delta, gradient and update;
 * - `MatrixTrace` summarises each layer (norms and a few sample entries) for the matrix form of
 *   the four backprop equations.
 */
import type { ActivationName } from '../core/activations.ts';
import type { LossName } from '../core/losses.ts';
import type { UpdateOrder } from '../core/train-options.ts';
import type { ExplainOptimizer, Objective, ParamUpdate, SymmetryExample } from './trace-update.ts';
import type { ExplainNote } from './trace-notes.ts';

export type { ExplainOptimizer, Objective, ParamUpdate, OptimizerRuleStep, SymmetryExample } from './trace-update.ts';

/** Which worked example a trace is, when it is one (adds the errata notes of the published versions). */
export type ExampleName = 'classic' | 'linear';

/** Shape of the network the trace explains. */
export interface ExplainNetworkInfo {
  /** Input size, then the units of every layer, e.g. [2, 2, 2]. */
  sizes: number[];
  /** Activation g of every layer (index = layer, 0 = first hidden layer). */
  activations: ActivationName[];
  loss: LossName;
  /** Number of weights (biases not counted): decides the scalar or matrix form. */
  weights: number;
  /** Number of weights and biases. */
  parameters: number;
  /** Whether each layer's biases are trained (false: fixed, as in the classic example). */
  trainBias: boolean[];
}

/** Fields shared by both forms. */
export interface ExplainTraceBase {
  format: 'bpnet-explain';
  version: 1;
  network: ExplainNetworkInfo;
  /** The first sample of the first batch (0-based row in its dataset, when known). */
  sample: { index: number | null; input: number[]; target: number[] };
  /** η (also in `optimizer`). */
  learningRate: number;
  /** The update rule and its settings. */
  optimizer: ExplainOptimizer;
  /** B: samples per step. Batches are consecutive rows from the first sample on (wrapping around), never shuffled. */
  batchSize: number;
  /** λ of the penalty (λ/2)·Σ w². */
  weightDecay: number;
  /**
   * "simultaneous" (correct backprop: every δ uses the weights of before the step) or "sequential"
   * (each layer is updated as soon as its gradients are known, so the deltas below it use the
   * already-updated weights — the variant behind the widely published 0.291027924).
   */
  updateOrder: UpdateOrder;
  /** The worked example this is, if any. */
  example: ExampleName | null;
  /** The objective J on the last step's batch after that step (E of the sample when B = 1 and λ = 0). */
  finalLoss: number;
  /** Outputs of the network for the first sample of the last batch after the last step. */
  finalOutputs: number[];
  /** Remarks printed after the derivation (update order, errata of published versions). */
  notes: ExplainNote[];
  /** Scalar form with a hidden layer of 2+ neurons: equal weights stay equal (why weights start random). */
  symmetry: SymmetryExample | null;
}

/** Everything an explanation shows, as JSON-serialisable numbers: scalar form for small networks, matrix form otherwise. */
export type ExplainTrace = ScalarTrace | MatrixTrace;

// ───────────────────────────── scalar form ─────────────────────────────

/** An explanation in scalar form: every weight named (w1, w2, …) as in the worked examples. */
export interface ScalarTrace extends ExplainTraceBase {
  form: 'scalar';
  names: ScalarNames;
  steps: ScalarStep[];
}

/**
 * Textbook names. Neurons: inputs i1…, hidden h1… (with several hidden layers h1_1, h2_1…: layer
 * then neuron), outputs o1…. Weights w1, w2, … numbered layer by layer, and within a layer row-major
 * (all weights into the first neuron, then the second…): in the classic 2-2-2 network w1: i1→h1,
 * w2: i2→h1, w3: i1→h2, w4: i2→h2, w5: h1→o1, w6: h2→o1, w7: h1→o2, w8: h2→o2. Biases: when a
 * layer's biases are fixed and all equal they are one shared bias per layer, b1, b2, … (the
 * tutorial's); otherwise every neuron has its own, b_h1, b_o1, ….
 */
export interface ScalarNames {
  /** inputs[i]: name of input i. */
  inputs: string[];
  /** neurons[l][j]: name of neuron j of layer l. */
  neurons: string[][];
  /** weights[l][j][i]: name of the weight from input i (or neuron i of layer l−1) into neuron j of layer l. */
  weights: string[][][];
  /** biases[l][j]: name of the bias of neuron j of layer l. */
  biases: string[][];
  /** sharedBias[l]: layer l's biases go by one per-layer name (e.g. "b1"). */
  sharedBias: boolean[];
}

/** One training step on the sample, written out as by hand. */
export interface ScalarStep {
  /** 1-based step number. */
  step: number;
  /** The batch: 0-based dataset rows, in batch order. */
  rows: number[];
  /** J on the batch before the update, and after it (with the new parameters). */
  objective: Objective;
  objectiveAfter: Objective;
  /**
   * B > 1: forward pass, loss and deltas of every sample of the batch (the first is also in
   * `forward`, `loss` and `backward[].deltas`). null when B = 1.
   */
  batch: ScalarSamplePass[] | null;
  /** Forward pass of the (first) sample, layer by layer (index = layer). */
  forward: ScalarNeuron[][];
  /** The loss E of the (first) sample before the update, term by term. */
  loss: LossTerms;
  /**
   * Backward pass, from the output layer down to the first hidden layer (so backward[0] is the
   * output layer). Each entry lists the layer's deltas, then its gradients and updated values.
   */
  backward: ScalarBackwardLayer[];
  /** E of the (first) sample after the update (a fresh forward pass with the new parameters). */
  lossAfter: number;
  /** Outputs of the (first) sample after the update. */
  outputsAfter: number[];
}

/** One sample of a batch: its forward pass, loss and deltas (backward order: index 0 = output layer). */
export interface ScalarSamplePass {
  /** 0-based dataset row. */
  row: number;
  input: number[];
  target: number[];
  forward: ScalarNeuron[][];
  loss: LossTerms;
  deltas: ScalarDelta[][];
}

/** net = Σ w·x + b and out = g(net) of one neuron. */
export interface ScalarNeuron {
  name: string;
  layer: number;
  index: number;
  /** The products w·x that make up net, in input order. */
  terms: ProductTerm[];
  biasName: string;
  bias: number;
  /** net (z): weighted input. */
  net: number;
  /** out (a) = g(net). */
  out: number;
  activation: ActivationName;
}

/** One term w·a of a weighted sum, with the names and values of both factors. */
export interface ProductTerm {
  /** Weight name (e.g. "w1") and value. */
  weight: string;
  w: number;
  /** Name of the input or neuron whose output is multiplied (e.g. "i1", "h1") and its value. */
  input: string;
  x: number;
  /** w·x */
  product: number;
}

/** The loss of one sample, term by term per output neuron. */
export interface LossTerms {
  loss: LossName;
  /** One term per output neuron: E_o = ½(target − out)² for mse, −[y log a + (1−y) log(1−a)] … */
  terms: { neuron: string; target: number; out: number; value: number }[];
  /** E = Σ terms (the core's loss of the sample). */
  total: number;
}

/** The backward pass of one layer in scalar form: every δ and every weight's gradient and update. */
export interface ScalarBackwardLayer {
  layer: number;
  /** True for the output layer. */
  output: boolean;
  deltas: ScalarDelta[];
  weights: ScalarWeightGrad[];
  biases: ScalarBiasGrad[];
  /**
   * True when this layer's parameters were replaced by their new values right here, before the
   * deltas of the layer below were computed ("sequential" order). In the "simultaneous" order all
   * updates happen after the whole backward pass and this is false.
   */
  updatedBeforeNextDelta: boolean;
}

/**
 * δ = ∂E/∂net of one neuron, with its chain-rule factors: δ = ∂E/∂out · ∂out/∂net.
 * - output neuron: ∂E/∂out comes from the loss (e.g. out − target for mse);
 * - hidden neuron: ∂E/∂out = Σₖ δₖ·wₖ over the weights leaving it (`paths`).
 * `rule` says how δ was formed: "chain" (the product of the two factors), "fused" (sigmoid with
 * binary cross-entropy or softmax with cross-entropy: the g′ factor cancels, δ = out − target), or
 * "softmax-jacobian" (softmax with another loss: δⱼ = outⱼ(∂E/∂outⱼ − Σₖ ∂E/∂outₖ·outₖ), no
 * single ∂out/∂net).
 */
export interface ScalarDelta {
  neuron: string;
  layer: number;
  index: number;
  rule: 'chain' | 'fused' | 'softmax-jacobian';
  /** ∂E/∂out. */
  dEdOut: number;
  /** ∂out/∂net = g′(net) (e.g. out(1 − out) for sigmoid); null for softmax. */
  dOutdNet: number | null;
  /** δ = ∂E/∂net, as the core computed it. */
  delta: number;
  /** Hidden neurons: the terms of ∂E/∂out = Σₖ δₖ·wₖ, one per neuron of the layer above. */
  paths: DeltaPath[] | null;
}

/** One path from a hidden neuron to a neuron k of the layer above: ∂E_k/∂out = δₖ · wₖ. */
export interface DeltaPath {
  /** The neuron k above. */
  to: string;
  deltaTo: number;
  /** The weight from this neuron to k, and the value the core used for it. */
  weight: string;
  w: number;
  /** True when w is already the updated value (sequential order). */
  updated: boolean;
  /** δₖ·w */
  product: number;
}

/** ∂E/∂w = δ_to · out_from and the update w⁺ = w − η·∂E/∂w of one weight. */
export interface ScalarWeightGrad {
  name: string;
  layer: number;
  /** Row (neuron j of the layer) and column (input i) in the layer's weight matrix. */
  row: number;
  col: number;
  from: string;
  to: string;
  /** w before the step. */
  old: number;
  /** The three chain-rule factors: ∂E/∂out_to, ∂out_to/∂net_to (null for softmax) and ∂net_to/∂w = out_from. */
  dEdOut: number;
  dOutdNet: number | null;
  dNetdW: number;
  /** δ_to = ∂E/∂net_to. */
  delta: number;
  /** ∂J/∂w, as the core computed it (∂E/∂w for one sample without weight decay). */
  grad: number;
  /** w⁺ after the step. */
  new: number;
  /** The gradient over the batch with decay, and the optimizer's update with its state. */
  update: ParamUpdate;
}

/** ∂E/∂b = δ and the update of one neuron's bias. */
export interface ScalarBiasGrad {
  name: string;
  neuron: string;
  layer: number;
  index: number;
  old: number;
  grad: number;
  /** false: the bias is fixed (the classic example), `new` equals `old`. */
  trained: boolean;
  new: number;
  /** The gradient over the batch and the optimizer's update (null when the bias is fixed). */
  update: ParamUpdate | null;
}

import type { MatrixTrace } from './trace-matrix.ts';

export type { MatrixTrace, MatrixStep, MatrixSummary, MatrixEntry, MatrixWeightSample, MatrixLayer } from './trace-matrix.ts';

export type { ExplainNote } from './trace-notes.ts';
