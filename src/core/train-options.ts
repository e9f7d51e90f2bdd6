/**
 * The options of training, written once: their types, and their rules as a schema that both the
 * library (`train`, `Trainer`) and the CLI (`bpnet train`, which maps each key to its flag) check
 * against, so that a value is refused with the same words wherever it comes from.
 */
import type { Regularization } from './backprop.ts';
import { checkDataset, type Dataset } from './dataset.ts';
import { BpnetError } from './errors.ts';
import { NORMALIZE_NAMES, type NormalizeName } from './input-transform.ts';
import { checkMemory } from './memory.ts';
import { bytesPerNumber } from './network-checks.ts';
import type { Network } from './network.ts';
import { optimizers, OPTIMIZER_NAMES, OPTIMIZER_SCHEMA, type OptimizerName, type OptimizerOptions, type OptimizerState } from './optimizers.ts';
import type { Rng } from './rng.ts';
import { checkOptions, choice, RULES, type OptionSchema } from './schema.ts';
import type { Float } from './tensor.ts';
import type { Trainer } from './trainer.ts';
import { checkChoice, checkObjectArg, checkOptionsArg, optionalFunction, optionalInteger, optionalNumber } from './validate.ts';

/** The two orders of updates within a backward pass (see BackwardOptions.onLayerGradient). */
export const UPDATE_ORDERS = ['simultaneous', 'sequential'] as const;
/** "simultaneous": every δ from the old weights (correct backprop); "sequential": each layer updated before the next δ (reproduces a published error). */
export type UpdateOrder = (typeof UPDATE_ORDERS)[number];

/** Learning rate per epoch e (0-based): step: η·factor^⌊e/every⌋; exponential: η·factor^e. */
export type LrSchedule = { type: 'constant' } | { type: 'step'; every: number; factor: number } | { type: 'exponential'; factor: number };

/** The learning rate of epoch `epoch` (0-based) under a schedule. */
export function learningRateAt(lr: number, schedule: LrSchedule | undefined, epoch: number): number {
  if (!schedule || schedule.type === 'constant') return lr;
  if (schedule.type === 'step') return lr * Math.pow(schedule.factor, Math.floor(epoch / schedule.every));
  return lr * Math.pow(schedule.factor, epoch);
}

/** What `onEpoch` is told, and `TrainResult.history` holds, for each epoch. */
export interface EpochStats {
  epoch: number;
  /** Mean objective over the epoch's batches, each measured before its update. */
  loss: number;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  seconds: number;
  learningRate: number;
  samplesPerSecond: number;
}

/** What `onBatch` is told after each batch. */
export interface BatchStats {
  epoch: number;
  batch: number;
  batches: number;
  /** Samples in this batch. */
  samples: number;
  loss: number;
  accuracy: number | null;
}

/** Options of `train` / `net.fit`; every field optional, with the defaults given per field. */
export interface TrainOptions extends OptimizerOptions {
  /** Update rule (default "sgd"). */
  optimizer?: OptimizerName;
  /** η (default 0.001 for adam, 0.1 otherwise). */
  learningRate?: number;
  /** Samples per batch: 1 = online, ≥ size = full batch (default 32). */
  batchSize?: number;
  /** Maximum number of epochs (default 10). */
  epochs?: number;
  /** λ of (λ/2)·Σ‖W‖² (default 0), or of λ·Σ|W| with `regularization: "l1"`. */
  weightDecay?: number;
  /** The penalty λ weighs: "l2" (default) or "l1". */
  regularization?: Regularization;
  /** Seed of the shuffling Rng (default 1). */
  seed?: number;
  /** Shuffle the training samples each epoch (default true). */
  shuffle?: boolean;
  /** Fraction of the data (its last rows) held out for validation and early stopping (default 0). */
  validationSplit?: number;
  /** Explicit validation data; takes precedence over validationSplit. */
  validationData?: Dataset;
  /**
   * Input normalisation to fit on the training rows and keep in the model as its inputTransform
   * (default "none"). A model that already has one keeps it (asking for another type is an error).
   * Training, evaluation and prediction all apply the model's inputTransform to raw inputs.
   */
  normalize?: NormalizeName;
  /** Early stopping: epochs without a better validation loss before stopping (default 10). */
  patience?: number;
  /** Stop once the epoch loss is at or below this. */
  targetLoss?: number;
  schedule?: LrSchedule;
  /** "simultaneous" (correct backprop, default) or "sequential" (see BackwardOptions.onLayerGradient). */
  updateOrder?: UpdateOrder;
  signal?: AbortSignal;
  /**
   * Changes each training batch after it is gathered and before the forward pass (data
   * augmentation, e.g. `shiftAugmentation` for images): X is rows × cols, row-major. It draws from
   * the trainer's own Rng, so a resumed run stays bit-identical.
   */
  augment?: (X: Float, rows: number, cols: number, rng: Rng) => void;
  onBatch?: (stats: BatchStats) => void;
  /** Return false to stop after this epoch. `trainer.getState()` gives a checkpoint. */
  onEpoch?: (stats: EpochStats, trainer: Trainer) => void | boolean;
  /** Continue a run saved with `Trainer.getState()`: same shuffling, optimizer memory and epoch count. */
  resume?: TrainerState;
  /** Refuse a run whose buffers (gradients, optimizer memory, batch) need more bytes (default 4 GiB). */
  maxMemory?: number;
}

/** What `Trainer.setOptions` can change between batches without touching the weights. */
export interface LiveOptions {
  learningRate?: number;
  batchSize?: number;
  weightDecay?: number;
  regularization?: Regularization;
  /** A different rule starts with fresh optimizer memory (Adam's moments, momentum's velocity). */
  optimizer?: OptimizerName;
}

/**
 * Everything besides the weights that a resumed run needs to continue bit-identically. It comes
 * from a file when resuming, so `checkTrainerState` (checkpoint.ts) checks it whole first.
 */
export interface TrainerState {
  /** Epochs completed. */
  epoch: number;
  /** The shuffling Rng: four 32-bit words and a spare normal deviate (null or NaN when none). */
  rng: (number | null)[];
  /** The current sample order (shuffling permutes it in place each epoch). */
  order: number[];
  optimizer: OptimizerState;
  /**
   * With validation data: the epoch with the lowest validation loss so far. Its `weights` are
   * present when the model holds the current weights (a checkpoint during the run).
   */
  best?: { epoch: number; loss: number; weights?: number[][] };
  /**
   * The current parameters (W₀, b₀, W₁, b₁, …), present when the model holds the best epoch's
   * weights instead (the file saved at the end of a run with validation).
   */
  weights?: number[][];
}

/** The plain-valued training options and their rules (callbacks, data and schedules are checked where used). */
export const TRAIN_SCHEMA = {
  optimizer: choice('optimizer', OPTIMIZER_NAMES),
  learningRate: RULES.positive,
  ...OPTIMIZER_SCHEMA,
  batchSize: RULES.positiveInteger,
  epochs: RULES.count,
  weightDecay: RULES.nonNegative,
  regularization: choice('regularization', ['l2', 'l1'] as const),
  seed: RULES.integer,
  shuffle: { kind: 'boolean' },
  validationSplit: RULES.fraction,
  patience: RULES.positiveInteger,
  targetLoss: RULES.nonNegative,
  updateOrder: choice('update order', UPDATE_ORDERS),
  normalize: choice('normalization', NORMALIZE_NAMES),
  maxMemory: RULES.positive,
} as const satisfies Partial<OptionSchema<keyof TrainOptions>>;

/**
 * Every option of `train` / `Trainer` (or of `setOptions`), checked once at the boundary: the
 * schema's plain values, then what a schema cannot say (schedules, the signal, callbacks, data).
 * A wrong one is named, never a TypeError or a NaN later.
 */
export function checkTrainOptions(options: unknown): void {
  const o = checkOptionsArg(options, 'options');
  checkOptions(TRAIN_SCHEMA, o);
  if (o.schedule !== undefined) {
    const s = checkObjectArg(o.schedule, 'schedule', 'a schedule {type, …}');
    const type = checkChoice(['constant', 'step', 'exponential'], s.type, 'schedule.type', 'schedule');
    if (type === 'step') optionalInteger(s.every ?? null, 'schedule.every', 1);
    if (type !== 'constant') optionalNumber(s.factor ?? null, 'schedule.factor', { min: 0, minExclusive: true });
  }
  if (o.signal !== undefined && !(typeof AbortSignal !== 'undefined' && o.signal instanceof AbortSignal)) {
    throw new BpnetError('must be an AbortSignal', 'signal');
  }
  for (const f of ['augment', 'onBatch', 'onEpoch', 'axpy', 'update'] as const) optionalFunction(o[f], f);
  if (o.validationData !== undefined) checkDataset(o.validationData, 'validationData');
}

/**
 * Memory of a run besides the data, checked before it is allocated: per parameter its gradient
 * and the optimizer's buffers, a copy for the best epoch (with validation), and per batch row every
 * layer's z, a and δ.
 */
export function checkTrainingMemory(net: Network, o: TrainOptions): void {
  const buffers = optimizers[o.optimizer ?? 'sgd'].buffers;
  const perParameter = 1 + buffers + (o.validationSplit || o.validationData ? 1 : 0);
  const units = net.layers.reduce((n, l) => n + l.units, net.inputSize);
  const bytes = bytesPerNumber(net.kernel) * (net.parameterCount * perParameter + 3 * units * (o.batchSize ?? 32));
  checkMemory(bytes, 'training (gradients, optimizer memory, one batch)', 'options', o.maxMemory);
}
