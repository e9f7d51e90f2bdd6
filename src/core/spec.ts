/**
 * Building network specs from the short "784-128-10" form used by the CLI and the playground.
 */
import { ACTIVATION_NAMES, activations, getActivation, type ActivationName } from './activations.ts';
import type { Dataset } from './dataset.ts';
import { isClassification } from './dataset.ts';
import { BpnetError, show } from './errors.ts';
import { INIT_NAMES } from './init.ts';
import { getLoss, LOSS_NAMES, type LossName } from './losses.ts';
import { choice, RULES } from './schema.ts';
import { checkInteger, checkOptionsArg } from './validate.ts';
import type { NetworkSpec } from './architecture.ts';

/** "784-128-10" → [784, 128, 10]: the input size, then the units of every layer. */
export function parseLayerSizes(text: string, where = 'layers'): number[] {
  if (typeof text !== 'string') throw new BpnetError(`expected sizes like "784-128-10", got ${show(text)}`, where);
  const sizes = text.split(/[-x,]/).map((s) => Number(s));
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new BpnetError(`expected sizes like 784-128-10 (input size, then units per layer), got ${show(text)}`, where);
  }
  return sizes;
}

/** Precisions a model can compute in; "auto" is float64 up to AUTO_FLOAT64_MAX_PARAMETERS parameters. */
export const DTYPES = ['auto', 'float32', 'float64'] as const;

/** The options of a new model (and the kernel it computes with), their rules; the CLI maps them to its flags. */
export const MODEL_SCHEMA = {
  activation: choice('activation', ACTIVATION_NAMES),
  outputActivation: choice('activation', ACTIVATION_NAMES),
  loss: choice('loss', LOSS_NAMES),
  init: choice('init rule', INIT_NAMES),
  /** ε of the `uniform` and `normal` init rules. */
  epsilon: RULES.positive,
  seed: RULES.integer,
  dtype: choice('dtype', DTYPES),
} as const;

/** Options of `buildSpec`: hidden and output activations and the loss. */
export interface SpecOptions {
  /** Activation of the hidden layers (default relu). */
  activation?: ActivationName;
  /** Activation of the output layer (default: softmax for cross-entropy, sigmoid for binary cross-entropy, else `activation` when given, else linear). */
  outputActivation?: ActivationName;
  loss?: LossName;
}

/**
 * A spec from layer sizes.
 * @example buildSpec([2, 2, 2], { activation: 'sigmoid', loss: 'mse' }) // the classic 2-2-2 network
 */
export function buildSpec(sizes: number[], options: SpecOptions = {}): NetworkSpec {
  if (!Array.isArray(sizes) || sizes.length < 2) throw new BpnetError(`expected [inputs, units, …] (at least 2 sizes), got ${show(sizes)}`, 'sizes');
  sizes.forEach((n, i) => checkInteger(n, `sizes[${i}]`, 1));
  const o = checkOptionsArg(options, 'options');
  if (o.loss !== undefined) getLoss(o.loss, 'options.loss');
  for (const key of ['activation', 'outputActivation'] as const) if (o[key] !== undefined) getActivation(o[key], `options.${key}`);
  const loss = options.loss ?? 'mse';
  const hidden = options.activation ?? 'relu';
  const output = options.outputActivation
    ?? (loss === 'cross-entropy' ? 'softmax' : loss === 'binary-cross-entropy' ? 'sigmoid' : options.activation ?? 'linear');
  for (const a of [hidden, output]) getActivation(a);
  if (activations[hidden].outputOnly) throw new BpnetError(`${hidden} is allowed on the output layer only`, 'activation');
  return {
    inputs: sizes[0]!,
    layers: sizes.slice(1).map((units, i) => ({ units, activation: i === sizes.length - 2 ? output : hidden })),
    loss,
  };
}

/** The natural loss for a dataset: softmax cross-entropy for classes, binary cross-entropy for 0/1, else mse. */
export function defaultLossFor(data: Dataset): LossName {
  if (!isClassification(data)) return 'mse';
  return data.outputSize > 1 ? 'cross-entropy' : 'binary-cross-entropy';
}
