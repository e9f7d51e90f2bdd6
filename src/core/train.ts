/**
 * The training loop: mini-batch gradient descent with shuffling and schedules. `Trainer` exposes
 * single batches (for the playground's "step one batch") and whole epochs; `train` (train-loop.ts)
 * runs epochs with the stopping criteria and callbacks.
 */
import { backward, createTrace, forward, lossAndDelta, type BackwardOptions, type Regularization, type Trace } from './backprop.ts';
import { checkDataset, isClassification, sliceDataset, type Dataset } from './dataset.ts';
import { check } from './errors.ts';
import { checkTrainerState } from './checkpoint.ts';
import { countCorrect, evaluateTransformed } from './evaluate.ts';
import { fitInputTransform, transformDataset, type NormalizeName } from './input-transform.ts';
import { checkDataFits } from './fit.ts';
import { parameterArrays, setParameters, type BestEpoch } from './keep-best.ts';
import { checkNetwork } from './network-checks.ts';
import type { Network } from './network.ts';
import { createOptimizer, type Optimizer } from './optimizers.ts';
import { Rng } from './rng.ts';
import type { Float } from './tensor.ts';
import {
  checkTrainingMemory, checkTrainOptions, type BatchStats, type EpochStats, type LiveOptions, type LrSchedule, type TrainerState, type TrainOptions,
} from './train-options.ts';

// The options' types and schema are part of this module's API.
export * from './train-options.ts';
export { DivergenceError, type BestEpoch } from './keep-best.ts';
export { checkTrainerState } from './checkpoint.ts';

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
  /** With validation data: the best epoch so far (train() keeps it; it is part of the state). */
  best: BestEpoch | undefined;

  constructor(readonly net: Network, data: Dataset, readonly config: TrainOptions = {}) {
    checkNetwork(net, 'net');
    checkDataset(data, 'data');
    checkTrainOptions(config);
    checkTrainingMemory(net, config);
    checkDataFits(net, data);
    const split = config.validationData ? 0 : (config.validationSplit ?? 0);
    const held = Math.floor(data.size * split);
    check(data.size - held > 0, 'validationSplit leaves no training samples', 'validationSplit');
    const rows = held > 0 ? sliceDataset(data, 0, data.size - held) : data;
    fitNormalization(net, config.normalize, rows);
    // Transformed once here: every batch and every validation pass reads what the network sees.
    this.train = transformDataset(net.inputTransform, rows);
    const validation = config.validationData ?? (held > 0 ? sliceDataset(data, data.size - held, data.size) : undefined);
    if (config.validationData) checkDataFits(net, config.validationData, { data: 'validationData' });
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
    checkTrainOptions(o);
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
