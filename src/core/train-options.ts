/**
 * The options of training, written once: their types, and their rules as a schema that both the
 * library (`train`, `Trainer`) and the CLI (`bpnet train`, which maps each key to its flag) check
 * against, so that a value is refused with the same words wherever it comes from.
 */
import type { Regularization } from './backprop.ts';
import type { Dataset } from './dataset.ts';
import { NORMALIZE_NAMES, type NormalizeName } from './input-transform.ts';
import { OPTIMIZER_NAMES, type OptimizerName, type OptimizerOptions, type OptimizerState } from './optimizers.ts';
import type { Rng } from './rng.ts';
import { choice, RULES, type OptionSchema } from './schema.ts';
import type { Float } from './tensor.ts';
import type { Trainer } from './trainer.ts';

/** The two orders of updates within a backward pass (see BackwardOptions.onLayerGradient). */
export const UPDATE_ORDERS = ['simultaneous', 'sequential'] as const;
/** "simultaneous": every δ from the old weights (correct backprop); "sequential": each layer updated before the next δ (reproduces a published error). */
export type UpdateOrder = (typeof UPDATE_ORDERS)[number];

/** Learning rate per epoch e (0-based): step: η·factor^⌊e/every⌋; exponential: η·factor^e. */
export type LrSchedule = { type: 'constant' } | { type: 'step'; every: number; factor: number } | { type: 'exponential'; factor: number };

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

/** Everything besides the weights that a resumed run needs to continue bit-identically. */
export interface TrainerState {
  /** Epochs completed. */
  epoch: number;
  rng: number[];
  /** The current sample order (shuffling permutes it in place each epoch). */
  order: number[];
  optimizer: OptimizerState;
}

/** The plain-valued training options and their rules (callbacks, data and schedules are checked where used). */
export const TRAIN_SCHEMA = {
  optimizer: choice('optimizer', OPTIMIZER_NAMES),
  learningRate: RULES.positive,
  momentum: RULES.fraction,
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
} as const satisfies Partial<OptionSchema<keyof TrainOptions>>;
