/**
 * The training loop: mini-batch gradient descent with shuffling, schedules, stopping criteria and
 * callbacks. `Trainer` exposes single steps (for the playground's "step one batch"); `train` runs
 * whole epochs and yields to the event loop now and then, so it can be cancelled with an AbortSignal.
 */
import { backward, createTrace, forward, lossAndDelta, type BackwardOptions, type Regularization, type Trace } from './backprop.ts';
import { checkDataset, isClassification, sliceDataset, type Dataset } from './dataset.ts';
import { BpnetError, check } from './errors.ts';
import { checkTrainerState, type TrainerState } from './checkpoint.ts';
import { countCorrect, evaluateTransformed } from './evaluate.ts';
import { fitInputTransform, NORMALIZE_NAMES, transformDataset, type NormalizeName } from './input-transform.ts';
import { checkMemory } from './memory.ts';
import { bytesPerNumber, checkNetwork, type Network } from './network.ts';
import { checkOptimizerOptions, createOptimizer, OPTIMIZER_NAMES, type Optimizer, type OptimizerName, type OptimizerOptions } from './optimizers.ts';
import { Rng } from './rng.ts';
import type { Float } from './tensor.ts';
import { checkChoice, checkObjectArg, checkOptions, optionalBoolean, optionalFunction, optionalInteger, optionalNumber } from './validate.ts';

/** "simultaneous": every δ from the old weights (correct backprop); "sequential": each layer updated before the next δ (reproduces a published error). */
export type UpdateOrder = 'simultaneous' | 'sequential';

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

export { checkTrainerState, type TrainerState } from './checkpoint.ts';

/** A run that diverged: `epoch` (1-based) is the first whose loss or weights are not finite. */
export class DivergenceError extends BpnetError {
  constructor(readonly epoch: number, what: string) {
    super(`training diverged: ${what} in epoch ${epoch} (try a smaller learning rate or weight decay)`);
  }
}

/** The epoch with the lowest validation loss so far, and a copy of its weights. */
export interface BestEpoch { epoch: number; loss: number; weights: Network }

/** Why training stopped. */
export type StopReason = 'epochs' | 'target-loss' | 'early-stopping' | 'cancelled' | 'callback';

/** What `train` returns: the per-epoch history, the state to resume from, why it stopped and which epoch's weights the network holds. */
export interface TrainResult {
  history: EpochStats[];
  /** Where the run stands, to resume it later (see TrainOptions.resume). */
  state: TrainerState;
  stopReason: StopReason;
  /** Epoch whose weights the network holds at the end (the best one with early stopping). */
  bestEpoch: number;
}

/** The learning rate of epoch `epoch` (0-based) under a schedule. */
export function learningRateAt(lr: number, schedule: LrSchedule | undefined, epoch: number): number {
  if (!schedule || schedule.type === 'constant') return lr;
  if (schedule.type === 'step') return lr * Math.pow(schedule.factor, Math.floor(epoch / schedule.every));
  return lr * Math.pow(schedule.factor, epoch);
}

/** Mini-batch gradient descent step by step: `runEpoch` for whole epochs, `step` for one batch; holds the sample order, Rng and optimizer. */
export class Trainer {
  private rule: Optimizer;
  readonly train: Dataset;
  readonly validation: Dataset | undefined;
  readonly options: Required<Pick<TrainOptions, 'learningRate' | 'batchSize' | 'weightDecay' | 'regularization' | 'updateOrder' | 'shuffle'>>;
  epoch = 0;
  /** Samples of the current epoch already trained on (0 = the epoch has not begun). */
  private cursor = 0;
  /** The current epoch's running sums, for its EpochStats. */
  private sums = { loss: 0, objective: 0, correct: 0, seen: 0, started: 0 };
  private readonly rng: Rng;
  private readonly order: Uint32Array;
  private readonly traces = new Map<number, { trace: Trace; Y: Float }>();
  private readonly classification: boolean;
  private readonly updateLayer: (layer: number) => void;
  private readonly backwardOptions: BackwardOptions;
  private lr = 0;

  /** With validation data: the best epoch so far (train() keeps it; it is part of the state). */
  best: BestEpoch | undefined;

  constructor(readonly net: Network, data: Dataset, readonly config: TrainOptions = {}) {
    checkNetwork(net, 'net');
    checkDataset(data, 'data');
    validateOptions(checkOptions(config, 'options'));
    if (config.validationData !== undefined) checkDataset(config.validationData, 'validationData');
    checkTrainingMemory(net, config);
    check(data.inputSize === net.inputSize, `data has ${data.inputSize} inputs but the model expects ${net.inputSize}`, 'data');
    check(data.outputSize === net.outputSize, `data has ${data.outputSize} targets but the model has ${net.outputSize} outputs`, 'data');
    const split = config.validationData ? 0 : (config.validationSplit ?? 0);
    const held = Math.floor(data.size * split);
    check(data.size - held > 0, 'validationSplit leaves no training samples', 'validationSplit');
    const rows = held > 0 ? sliceDataset(data, 0, data.size - held) : data;
    fitNormalization(net, config.normalize, rows);
    // Transformed once here: every batch and every validation pass reads what the network sees.
    this.train = transformDataset(net.inputTransform, rows);
    const validation = config.validationData ?? (held > 0 ? sliceDataset(data, data.size - held, data.size) : undefined);
    if (config.validationData) {
      check(config.validationData.inputSize === net.inputSize, `has ${config.validationData.inputSize} inputs but the model expects ${net.inputSize}`, 'validationData');
    }
    this.validation = validation && transformDataset(net.inputTransform, validation);
    const optimizer = config.optimizer ?? 'sgd';
    this.rule = createOptimizer(optimizer, { ...config, axpy: config.axpy ?? net.kernel.axpy });
    this.options = {
      learningRate: config.learningRate ?? (optimizer === 'adam' ? 0.001 : 0.1),
      batchSize: Math.min(config.batchSize ?? 32, this.train.size),
      weightDecay: config.weightDecay ?? 0,
      regularization: config.regularization ?? 'l2',
      updateOrder: config.updateOrder ?? 'simultaneous',
      shuffle: config.shuffle ?? true,
    };
    this.rng = new Rng(config.seed ?? 1);
    this.order = Uint32Array.from({ length: this.train.size }, (_, i) => i);
    this.classification = isClassification(this.train);
    this.updateLayer = (i) => {
      const layer = net.layers[i]!;
      const trace = this.currentTrace!;
      this.optimizer.update(2 * i, layer.weights, trace.gradW[i]!, this.lr);
      if (layer.trainBias) this.optimizer.update(2 * i + 1, layer.bias, trace.gradB[i]!, this.lr);
    };
    // Made once: a training step allocates nothing.
    this.backwardOptions = {
      weightDecay: this.options.weightDecay,
      regularization: this.options.regularization,
      onLayerGradient: this.options.updateOrder === 'sequential' ? this.updateLayer : undefined,
    };
  }

  private currentTrace: Trace | undefined;

  /** The update rule in use (replaced by `setOptions({ optimizer })`). */
  get optimizer(): Optimizer {
    return this.rule;
  }

  /**
   * Changes η, the batch size, λ, the penalty or the optimizer from the next batch on, keeping the
   * weights and the place in the epoch (the playground's controls act on a running network).
   */
  setOptions(o: LiveOptions): void {
    validateOptions(checkOptions(o, 'options'));
    check(o.regularization === undefined || o.regularization === 'l2' || o.regularization === 'l1', `must be "l2" or "l1", got "${o.regularization}"`, 'regularization');
    if (o.learningRate !== undefined) this.options.learningRate = o.learningRate;
    if (o.batchSize !== undefined) this.options.batchSize = Math.min(o.batchSize, this.train.size);
    if (o.weightDecay !== undefined) this.options.weightDecay = this.backwardOptions.weightDecay = o.weightDecay;
    if (o.regularization !== undefined) this.options.regularization = this.backwardOptions.regularization = o.regularization;
    if (o.optimizer !== undefined && o.optimizer !== this.rule.name) {
      this.rule = createOptimizer(o.optimizer, { ...this.config, axpy: this.config.axpy ?? this.net.kernel.axpy });
    }
    if (o.learningRate !== undefined && this.cursor > 0) this.lr = learningRateAt(o.learningRate, this.config.schedule, this.epoch);
  }

  /** Epochs done, fractional: a third of the way through the fourth epoch is 3.33. */
  get epochProgress(): number {
    return this.epoch + this.cursor / this.train.size;
  }

  /** The run's state; with validation data it includes the best epoch and its weights. */
  getState(): TrainerState {
    const state: TrainerState = { epoch: this.epoch, rng: this.rng.getState(), order: Array.from(this.order), optimizer: this.optimizer.getState() };
    if (this.best) state.best = { epoch: this.best.epoch, loss: this.best.loss, weights: parameterArrays(this.best.weights) };
    return state;
  }

  /**
   * Continues a saved run; the state is checked whole first. Current weights saved in the state
   * (the model then holds the best epoch's) are put back into the network.
   */
  setState(state: TrainerState): void {
    checkTrainerState(state, this.net, this.train.size, 'resume');
    check(state.optimizer.name === this.optimizer.name, `the saved run used ${state.optimizer.name}, not ${this.optimizer.name}`, 'resume');
    this.epoch = state.epoch;
    this.cursor = 0;
    this.rng.setState(state.rng as number[]);
    this.order.set(state.order);
    this.optimizer.setState(state.optimizer);
    if (state.best) {
      const weights = this.net.clone();
      if (state.best.weights) setParameters(weights, state.best.weights);
      this.best = { epoch: state.best.epoch, loss: state.best.loss, weights };
    }
    if (state.weights) setParameters(this.net, state.weights);
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.train.size / this.options.batchSize);
  }

  /**
   * One gradient step on the given rows (row-major, already gathered); returns the summed loss
   * before the update and the number of correctly classified rows.
   */
  step(trace: Trace, Y: Float, lr: number): { lossSum: number; correct: number } {
    const net = this.net;
    this.lr = lr;
    this.currentTrace = trace;
    forward(net, trace);
    const lossSum = lossAndDelta(net, trace, Y);
    const correct = this.classification ? countCorrect(trace.a[net.layers.length]!, Y, 0, trace.rows, net.outputSize) : 0;
    this.optimizer.beginStep();
    backward(net, trace, this.backwardOptions);
    if (this.options.updateOrder !== 'sequential') for (let i = net.layers.length - 1; i >= 0; i--) this.updateLayer(i);
    return { lossSum, correct };
  }

  /** Buffers for a batch of `rows` samples, made once per batch size. */
  buffersFor(rows: number): { trace: Trace; Y: Float } {
    let b = this.traces.get(rows);
    if (!b) this.traces.set(rows, (b = { trace: createTrace(this.net, rows), Y: this.net.kernel.alloc(rows * this.net.outputSize) }));
    return b;
  }

  /**
   * Trains on the next mini-batch of the current epoch and returns its statistics. The epoch's first
   * batch shuffles the samples and takes η from the schedule; after its last batch `epoch` advances.
   * `runEpoch` is this in a loop; callers that pace training themselves (the playground) call it directly.
   */
  nextBatch(): BatchStats {
    const data = this.train;
    if (this.cursor === 0) this.beginEpoch();
    const start = this.cursor;
    const rows = Math.min(this.options.batchSize, data.size - start);
    const { trace, Y } = this.buffersFor(rows);
    gatherRows(data.inputs, data.inputSize, this.order, start, rows, trace.a[0]!);
    gatherRows(data.targets, data.outputSize, this.order, start, rows, Y);
    this.config.augment?.(trace.a[0]!, rows, data.inputSize, this.rng);
    const pen = this.net.penalty(this.options.weightDecay, this.options.regularization);
    const r = this.step(trace, Y, this.lr);
    const sums = this.sums;
    sums.loss += r.lossSum;
    sums.objective += r.lossSum + pen * rows;
    sums.correct += r.correct;
    sums.seen += rows;
    this.cursor += rows;
    const stats: BatchStats = {
      epoch: this.epoch, batch: Math.ceil(start / this.options.batchSize), batches: this.batchesPerEpoch, samples: rows,
      loss: r.lossSum / rows, accuracy: this.classification ? r.correct / rows : null,
    };
    if (this.cursor >= data.size) this.finishEpoch();
    return stats;
  }

  /** Statistics of the epoch that `nextBatch` finished last (null before the first one ends). */
  lastEpoch: EpochStats | null = null;

  private beginEpoch(): void {
    this.lr = learningRateAt(this.options.learningRate, this.config.schedule, this.epoch);
    if (this.options.shuffle) this.rng.shuffle(this.order);
    this.sums = { loss: 0, objective: 0, correct: 0, seen: 0, started: now() };
  }

  /** Closes the current epoch (also when it was cut short): its statistics, then `epoch` advances. */
  private finishEpoch(): EpochStats {
    const { objective, correct, seen, started } = this.sums;
    const seconds = (now() - started) / 1000;
    const val = this.validation
      ? evaluateTransformed(this.net, this.validation, { weightDecay: this.options.weightDecay, regularization: this.options.regularization })
      : undefined;
    const stats: EpochStats = {
      epoch: this.epoch,
      loss: objective / Math.max(seen, 1),
      accuracy: this.classification ? correct / Math.max(seen, 1) : null,
      valLoss: val ? val.objective : null,
      valAccuracy: val ? val.accuracy : null,
      seconds,
      learningRate: this.lr,
      samplesPerSecond: seen / Math.max(seconds, 1e-9),
    };
    this.epoch++;
    this.cursor = 0;
    this.lastEpoch = stats;
    return stats;
  }

  /** Runs one epoch (all batches; the rest of it if `nextBatch` began it) and returns its statistics. */
  runEpoch(onBatch?: (stats: BatchStats) => void, signal?: AbortSignal): EpochStats {
    const epoch = this.epoch;
    while (this.epoch === epoch) {
      const b = this.nextBatch();
      onBatch?.(b);
      if (signal?.aborted && this.epoch === epoch) return this.finishEpoch();
    }
    return this.lastEpoch!;
  }
}

/** Fits the inputTransform that `normalize` asks for, unless the model has one (which must then match). */
function fitNormalization(net: Network, normalize: NormalizeName | undefined, rows: Dataset): void {
  if (!normalize || normalize === 'none') return;
  if (net.inputTransform) {
    check(net.inputTransform.type === normalize, `the model already normalises its inputs with ${net.inputTransform.type}; keep that (or start from a new model)`, 'normalize');
    return;
  }
  net.inputTransform = fitInputTransform(normalize, rows);
}

/** dst[r] ← src[order[start + r]] for `rows` rows of `cols` numbers (converting dtype if needed). */
function gatherRows(src: Float, cols: number, order: Uint32Array, start: number, rows: number, dst: Float): void {
  // Narrow rows: a plain loop. Wide rows: set() is a memcpy (or one conversion loop in native
  // code), many times faster than element access here; it costs a short-lived view per row.
  for (let r = 0; r < rows; r++) {
    const from = order[start + r]! * cols, to = r * cols;
    if (cols >= 32) dst.set(src.subarray(from, from + cols), to);
    else for (let j = 0; j < cols; j++) dst[to + j] = src[from + j]!;
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Trains `net` in place on `data`.
 * @example
 * const result = await train(net, data, { optimizer: 'adam', epochs: 50, batchSize: 16 });
 * console.log(result.history.at(-1)?.loss);
 */
export async function train(net: Network, data: Dataset, options: TrainOptions = {}): Promise<TrainResult> {
  const trainer = new Trainer(net, data, options);
  if (options.resume !== undefined) trainer.setState(options.resume);
  const epochs = options.epochs ?? 10;
  const patience = options.patience ?? 10;
  const history: EpochStats[] = [];
  let stopReason: StopReason = 'epochs';
  let busy = 0;
  // A resumed run that had already stopped early stays stopped, as the uninterrupted run did.
  const stoppedEarly = trainer.best && trainer.epoch - 1 - trainer.best.epoch >= patience;
  if (stoppedEarly) stopReason = 'early-stopping';
  for (let e = 0; e < epochs && !stoppedEarly; e++) {
    const stats = trainer.runEpoch(options.onBatch, options.signal);
    history.push(stats);
    // Checked before onEpoch: a diverged epoch is never handed out to be saved. The loss is
    // measured before each update, so the last update can break the weights with a finite loss.
    if (!Number.isFinite(stats.loss)) throw new DivergenceError(stats.epoch + 1, `the loss became ${stats.loss}`);
    if (!parametersFinite(net)) throw new DivergenceError(stats.epoch + 1, 'the weights became non-finite');
    const best = trainer.best;
    if (stats.valLoss !== null && (!best || stats.valLoss < best.loss)) {
      if (best) best.weights.copyParametersFrom(net);
      trainer.best = { loss: stats.valLoss, epoch: stats.epoch, weights: best?.weights ?? net.clone() };
    }
    if (options.onEpoch?.(stats, trainer) === false) { stopReason = 'callback'; break; }
    if (options.signal?.aborted) { stopReason = 'cancelled'; break; }
    if (options.targetLoss !== undefined && stats.loss <= options.targetLoss) { stopReason = 'target-loss'; break; }
    if (trainer.best && stats.epoch - trainer.best.epoch >= patience) { stopReason = 'early-stopping'; break; }
    // Yield now and then so that signals, timers and UI events get a chance to run. (Counting the
    // epochs' own seconds spares a clock read per epoch: with one-sample epochs, that adds up.)
    busy += stats.seconds * 1000;
    if (busy > 50) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      busy = 0;
      if (options.signal?.aborted) { stopReason = 'cancelled'; break; }
    }
  }
  // The network ends with the best epoch's weights; the state keeps the current ones, so that
  // resuming from a file saved now continues exactly where this run stopped.
  const state = trainer.getState();
  const best = trainer.best;
  if (best) {
    state.weights = parameterArrays(net);
    state.best = { epoch: best.epoch, loss: best.loss };
    net.copyParametersFrom(best.weights);
  }
  return { history, state, stopReason, bestEpoch: best ? best.epoch : history.length - 1 };
}

/** The parameter arrays W₀, b₀, W₁, b₁, … as plain arrays (the order of optimizer keys). */
function parameterArrays(net: Network): number[][] {
  return net.layers.flatMap((l) => [Array.from(l.weights), Array.from(l.bias)]);
}

function setParameters(net: Network, arrays: number[][]): void {
  net.layers.forEach((l, i) => { l.weights.set(arrays[2 * i]!); l.bias.set(arrays[2 * i + 1]!); });
}

function parametersFinite(net: Network): boolean {
  for (const l of net.layers) {
    for (let i = 0; i < l.weights.length; i++) if (!Number.isFinite(l.weights[i]!)) return false;
    for (let i = 0; i < l.bias.length; i++) if (!Number.isFinite(l.bias[i]!)) return false;
  }
  return true;
}

/**
 * Memory of a run besides the data: per parameter its gradient and the optimizer's buffers, a
 * copy for the best epoch (with validation), and per batch row every layer's z, a and δ.
 */
function checkTrainingMemory(net: Network, o: TrainOptions): void {
  const buffers = { sgd: 0, momentum: 1, nesterov: 1, adam: 2 }[o.optimizer ?? 'sgd'] ?? 0;
  const perParameter = 1 + buffers + (o.validationSplit || o.validationData ? 1 : 0);
  const units = net.layers.reduce((n, l) => n + l.units, net.inputSize);
  const bytes = bytesPerNumber(net.kernel) * (net.parameterCount * perParameter + 3 * units * (o.batchSize ?? 32));
  checkMemory(bytes, 'training (gradients, optimizer memory, one batch)', 'options', o.maxMemory);
}

/** Every option, checked once at the boundary: a wrong one is named, never a NaN later. */
function validateOptions(o: Record<string, unknown>): void {
  const positive = { min: 0, minExclusive: true };
  if (o.optimizer !== undefined) checkChoice(OPTIMIZER_NAMES, o.optimizer, 'optimizer', 'optimizer');
  optionalNumber(o.learningRate, 'learningRate', positive);
  optionalInteger(o.batchSize, 'batchSize', 1);
  optionalInteger(o.epochs, 'epochs', 0);
  optionalNumber(o.weightDecay, 'weightDecay', { min: 0 });
  optionalInteger(o.seed, 'seed', Number.MIN_SAFE_INTEGER);
  optionalBoolean(o.shuffle, 'shuffle');
  optionalNumber(o.validationSplit, 'validationSplit', { min: 0, max: 1, maxExclusive: true });
  optionalInteger(o.patience, 'patience', 1);
  optionalNumber(o.targetLoss, 'targetLoss', { min: 0 });
  optionalNumber(o.maxMemory, 'maxMemory', positive);
  if (o.updateOrder !== undefined) checkChoice(['simultaneous', 'sequential'], o.updateOrder, 'updateOrder', 'update order');
  if (o.normalize !== undefined) checkChoice(NORMALIZE_NAMES, o.normalize, 'normalize', 'normalization');
  if (o.regularization !== undefined) checkChoice(['l2', 'l1'], o.regularization, 'regularization', 'penalty');
  checkOptimizerOptions(o);
  if (o.schedule !== undefined) {
    const s = checkObjectArg(o.schedule, 'schedule', 'a schedule {type, …}');
    const type = checkChoice(['constant', 'step', 'exponential'], s.type, 'schedule.type', 'schedule');
    if (type === 'step') optionalInteger(s.every ?? null, 'schedule.every', 1);
    if (type !== 'constant') optionalNumber(s.factor ?? null, 'schedule.factor', positive);
  }
  if (o.signal !== undefined && !(typeof AbortSignal !== 'undefined' && o.signal instanceof AbortSignal)) {
    throw new BpnetError('must be an AbortSignal', 'signal');
  }
  for (const f of ['augment', 'onBatch', 'onEpoch'] as const) optionalFunction(o[f], f);
}
