/**
 * The training loop: mini-batch gradient descent with shuffling, schedules, stopping criteria and
 * callbacks. `Trainer` exposes single steps (for the playground's "step one batch"); `train` runs
 * whole epochs and yields to the event loop now and then, so it can be cancelled with an AbortSignal.
 */
import { backward, createTrace, forward, lossAndDelta, type BackwardOptions, type Regularization, type Trace } from './backprop.ts';
import { isClassification, sliceDataset, type Dataset } from './dataset.ts';
import { BpnetError, check } from './errors.ts';
import { countCorrect, evaluateTransformed } from './evaluate.ts';
import { fitInputTransform, transformDataset, type NormalizeName } from './input-transform.ts';
import { checkDataFits, checkInputsFit } from './fit.ts';
import type { Network } from './network.ts';
import { createOptimizer, type Optimizer } from './optimizers.ts';
import { Rng } from './rng.ts';
import { checkOptions } from './schema.ts';
import type { Float } from './tensor.ts';
import {
  TRAIN_SCHEMA, type BatchStats, type EpochStats, type LiveOptions, type LrSchedule, type TrainerState, type TrainOptions,
} from './train-options.ts';

// The options' types and schema are part of this module's API.
export * from './train-options.ts';

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
  /** η of the current epoch (from the schedule; `setOptions` may change it mid-epoch). */
  private lr = 0;
  /** Samples of the current epoch already trained on (0 = the epoch has not begun). */
  private cursor = 0;
  /** The current epoch's running sums, for its EpochStats. */
  private sums = { loss: 0, objective: 0, correct: 0, seen: 0, started: 0 };
  private readonly rng: Rng;
  private readonly order: Uint32Array;
  private readonly traces = new Map<number, { trace: Trace; Y: Float }>();
  private readonly classification: boolean;
  /** The backward pass's options for the simultaneous order, made once: a training step allocates nothing. */
  private readonly backwardOptions: BackwardOptions;

  constructor(readonly net: Network, data: Dataset, readonly config: TrainOptions = {}) {
    validateOptions(config);
    checkDataFits(net, data);
    const split = config.validationData ? 0 : (config.validationSplit ?? 0);
    const held = Math.floor(data.size * split);
    check(data.size - held > 0, 'validationSplit leaves no training samples', 'validationSplit');
    const rows = held > 0 ? sliceDataset(data, 0, data.size - held) : data;
    fitNormalization(net, config.normalize, rows);
    // Transformed once here: every batch and every validation pass reads what the network sees.
    this.train = transformDataset(net.inputTransform, rows);
    const validation = config.validationData ?? (held > 0 ? sliceDataset(data, data.size - held, data.size) : undefined);
    if (config.validationData) checkInputsFit(config.validationData.inputSize, net, { data: 'validationData' });
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
    // Made once: a training step allocates nothing.
    this.backwardOptions = {
      weightDecay: this.options.weightDecay,
      regularization: this.options.regularization,
    };
  }

  /** The update rule in use (replaced by `setOptions({ optimizer })`). */
  get optimizer(): Optimizer {
    return this.rule;
  }

  /**
   * Changes η, the batch size, λ, the penalty or the optimizer from the next batch on, keeping the
   * weights and the place in the epoch (the playground's controls act on a running network).
   */
  setOptions(o: LiveOptions): void {
    validateOptions(o);
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

  getState(): TrainerState {
    return { epoch: this.epoch, rng: this.rng.getState(), order: Array.from(this.order), optimizer: this.optimizer.getState() };
  }

  setState(state: TrainerState): void {
    check(state.order.length === this.train.size, `the saved run had ${state.order.length} training samples, this data has ${this.train.size}`, 'resume');
    check(state.optimizer.name === this.optimizer.name, `the saved run used ${state.optimizer.name}, not ${this.optimizer.name}`, 'resume');
    this.epoch = state.epoch;
    this.cursor = 0;
    this.rng.setState(state.rng);
    this.order.set(state.order);
    this.optimizer.setState(state.optimizer);
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
    forward(net, trace);
    const lossSum = lossAndDelta(net, trace, Y);
    const correct = this.classification ? countCorrect(trace.a[net.layers.length]!, Y, 0, trace.rows, net.outputSize) : 0;
    this.optimizer.beginStep();
    if (this.options.updateOrder === 'sequential') {
      // Each layer is updated as soon as its gradient is known, before the deltas below it (not correct backprop).
      backward(net, trace, { ...this.backwardOptions, onLayerGradient: (i) => this.updateLayer(trace, i, lr) });
    } else {
      backward(net, trace, this.backwardOptions);
      for (let i = net.layers.length - 1; i >= 0; i--) this.updateLayer(trace, i, lr);
    }
    return { lossSum, correct };
  }

  /** W ← update(W, ∂J/∂W) for one layer (and b, when trained), from the gradients in `trace`. */
  private updateLayer(trace: Trace, i: number, lr: number): void {
    const layer = this.net.layers[i]!;
    this.optimizer.update(2 * i, layer.weights, trace.gradW[i]!, lr);
    if (layer.trainBias) this.optimizer.update(2 * i + 1, layer.bias, trace.gradB[i]!, lr);
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
  if (options.resume) trainer.setState(options.resume);
  const epochs = options.epochs ?? 10;
  const patience = options.patience ?? 10;
  const history: EpochStats[] = [];
  let best: { loss: number; epoch: number; weights: Network } | undefined;
  let stopReason: StopReason = 'epochs';
  let busy = 0;
  for (let e = 0; e < epochs; e++) {
    const stats = trainer.runEpoch(options.onBatch, options.signal);
    history.push(stats);
    if (!Number.isFinite(stats.loss)) {
      throw new BpnetError(`training diverged: the loss became ${stats.loss} in epoch ${stats.epoch + 1} (try a smaller learning rate or weight decay)`);
    }
    if (stats.valLoss !== null && (!best || stats.valLoss < best.loss)) {
      if (best) best.weights.copyParametersFrom(net);
      best = { loss: stats.valLoss, epoch: stats.epoch, weights: best?.weights ?? net.clone() };
    }
    if (options.onEpoch?.(stats, trainer) === false) { stopReason = 'callback'; break; }
    if (options.signal?.aborted) { stopReason = 'cancelled'; break; }
    if (options.targetLoss !== undefined && stats.loss <= options.targetLoss) { stopReason = 'target-loss'; break; }
    if (best && stats.epoch - best.epoch >= patience) { stopReason = 'early-stopping'; break; }
    // Yield now and then so that signals, timers and UI events get a chance to run. (Counting the
    // epochs' own seconds spares a clock read per epoch: with one-sample epochs, that adds up.)
    busy += stats.seconds * 1000;
    if (busy > 50) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      busy = 0;
      if (options.signal?.aborted) { stopReason = 'cancelled'; break; }
    }
  }
  if (best) net.copyParametersFrom(best.weights);
  return { history, state: trainer.getState(), stopReason, bestEpoch: best ? best.epoch : history.length - 1 };
}

function validateOptions(o: TrainOptions): void {
  checkOptions(TRAIN_SCHEMA, o);
}
