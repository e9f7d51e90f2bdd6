/**
 * Mini-batch gradient descent step by step: `Trainer` holds the sample order, the Rng and the
 * optimizer; `nextBatch` trains on one batch (the playground's pace), `runEpoch` on the rest of an
 * epoch, `step` on rows already gathered (explain). `train` (train.ts) runs it epoch after epoch.
 *
 * Speed (docs/performance.md): batches are gathered by the kernel (bytes scaled on the way, see
 * Dataset.inputBytes), optimizer steps run fused on the kernel, single-sample sgd steps of small
 * float64 networks take the fast path of tiny.ts (bit-identical), and a batch allocates nothing.
 */
import { backward, createTrace, forward, lossAndDelta, type BackwardOptions, type Trace } from './backprop.ts';
import { checkTrainerState } from './checkpoint.ts';
import { checkDataset, isClassification, sliceDataset, type Dataset } from './dataset.ts';
import { check } from './errors.ts';
import { countCorrect, evaluateTransformed } from './evaluate.ts';
import { checkDataFits } from './fit.ts';
import { fitNormalization, transformDataset } from './input-transform.ts';
import { parameterArrays, setParameters, type BestEpoch } from './keep-best.ts';
import { checkNetwork } from './network-checks.ts';
import type { Network } from './network.ts';
import { createOptimizer, type Optimizer, type OptimizerName } from './optimizers.ts';
import { Rng } from './rng.ts';
import type { Float } from './tensor.ts';
import { tinyStep, tinyStepApplies } from './tiny.ts';
import { checkTrainingMemory, checkTrainOptions, learningRateAt, type BatchStats, type EpochStats, type LiveOptions, type TrainerState, type TrainOptions } from './train-options.ts';

export { learningRateAt } from './train-options.ts';

/**
 * How `train` times epochs far shorter than a clock read (one-sample data sets): `startedAt` is the
 * reading to count an epoch from, and `untimed` skips the reading at its end (seconds is then NaN).
 */
export interface EpochTiming {
  startedAt: number;
  untimed: boolean;
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
  /** Whether single-sample steps may take tiny.ts's path (checked with the live options per step). */
  private readonly tinyNet: boolean;
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
    this.rule = this.createRule(optimizer);
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
    this.backwardOptions = { weightDecay: this.options.weightDecay, regularization: this.options.regularization };
    this.tinyNet = !config.axpy && !config.update && this.options.updateOrder === 'simultaneous' && tinyStepApplies(net, 1);
  }

  /** The rule `name` with the kernel's fused update (or the caller's axpy for sgd, as given). */
  private createRule(name: OptimizerName): Optimizer {
    const c = this.config;
    return createOptimizer(name, c.axpy ? c : { ...c, update: c.update ?? this.net.kernel.update });
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
    if (o.optimizer !== undefined && o.optimizer !== this.rule.name) this.rule = this.createRule(o.optimizer);
    if (o.learningRate !== undefined && this.cursor > 0) this.lr = learningRateAt(o.learningRate, this.config.schedule, this.epoch);
  }

  /** Epochs done, fractional: a third of the way through the fourth epoch is 3.33. */
  get epochProgress(): number {
    return this.epoch + this.cursor / this.train.size;
  }

  /** Where the run stands (epoch, Rng, sample order, optimizer memory; the best epoch and its weights), to resume it later. */
  getState(): TrainerState {
    const state: TrainerState = { epoch: this.epoch, rng: this.rng.getState(), order: Array.from(this.order), optimizer: this.optimizer.getState() };
    if (this.best) state.best = { epoch: this.best.epoch, loss: this.best.loss, weights: parameterArrays(this.best.weights) };
    return state;
  }

  /** Resumes a run saved with `getState` (checked whole first: it may come from a file); saved current weights go back into the network. */
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

  /** Batches in one epoch at the current batch size. */
  get batchesPerEpoch(): number {
    return Math.ceil(this.train.size / this.options.batchSize);
  }

  /**
   * One gradient step on the given rows (row-major, already gathered); returns the summed loss
   * before the update and the number of correctly classified rows.
   */
  step(trace: Trace, Y: Float, lr: number): { lossSum: number; correct: number } {
    const lossSum = this.stepLoss(trace, Y, lr);
    return { lossSum, correct: this.correctIn(trace, Y) };
  }

  /** Rows of the last forward pass (still in the trace after the update) classified correctly. */
  private correctIn(trace: Trace, Y: Float): number {
    const net = this.net;
    return this.classification ? countCorrect(trace.a[net.layers.length]!, Y, 0, trace.rows, net.outputSize) : 0;
  }

  /** The step itself, returning only the summed loss: a batch allocates nothing. */
  private stepLoss(trace: Trace, Y: Float, lr: number): number {
    const net = this.net, o = this.options;
    this.rule.beginStep();
    // The same step without kernel dispatch (see tiny.ts); bit-identical.
    if (this.tinyNet && trace.rows === 1 && this.rule.name === 'sgd' && (o.weightDecay === 0 || o.regularization === 'l2')) {
      return tinyStep(net, trace, Y, lr, o.weightDecay);
    }
    forward(net, trace);
    const lossSum = lossAndDelta(net, trace, Y);
    if (o.updateOrder === 'sequential') {
      // Each layer is updated as soon as its gradient is known, before the deltas below it (not correct backprop).
      backward(net, trace, { ...this.backwardOptions, onLayerGradient: (i) => this.updateLayer(trace, i, lr) });
    } else {
      backward(net, trace, this.backwardOptions);
      for (let i = net.layers.length - 1; i >= 0; i--) this.updateLayer(trace, i, lr);
    }
    return lossSum;
  }

  /** W ← update(W, ∂J/∂W) for one layer (and b, when trained), from the gradients in `trace`. */
  private updateLayer(trace: Trace, i: number, lr: number): void {
    const layer = this.net.layers[i]!;
    this.rule.update(2 * i, layer.weights, trace.gradW[i]!, lr);
    if (layer.trainBias) this.rule.update(2 * i + 1, layer.bias, trace.gradB[i]!, lr);
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
    if (this.cursor === 0) this.beginEpoch();
    const stats = this.batchStats(this.cursor, this.trainBatch());
    if (this.cursor >= this.train.size) this.finishEpoch();
    return stats;
  }

  /** What `onBatch` is told about the batch that began at sample `start`. */
  private batchStats(start: number, { rows, lossSum, correct }: { rows: number; lossSum: number; correct: number }): BatchStats {
    return {
      epoch: this.epoch, batch: Math.ceil(start / this.options.batchSize), batches: this.batchesPerEpoch, samples: rows,
      loss: lossSum / rows, accuracy: this.classification ? correct / rows : null,
    };
  }

  /** The batch at the cursor: gathered by the kernel, trained on, added to the epoch's sums. */
  private trainBatch(): { rows: number; lossSum: number; correct: number } {
    const data = this.train, start = this.cursor, k = this.net.kernel;
    const rows = Math.min(this.options.batchSize, data.size - start);
    const { trace, Y } = this.buffersFor(rows);
    const bytes = data.inputBytes, X = trace.a[0]!;
    if (bytes) k.gather(bytes.data, data.inputSize, this.order, start, rows, X, bytes.values);
    else k.gather(data.inputs, data.inputSize, this.order, start, rows, X);
    k.gather(data.targets, data.outputSize, this.order, start, rows, Y);
    this.config.augment?.(X, rows, data.inputSize, this.rng);
    const pen = this.net.penalty(this.options.weightDecay, this.options.regularization);
    const lossSum = this.stepLoss(trace, Y, this.lr), correct = this.correctIn(trace, Y);
    const sums = this.sums;
    sums.loss += lossSum;
    sums.objective += lossSum + pen * rows;
    sums.correct += correct;
    sums.seen += rows;
    this.cursor += rows;
    return { rows, lossSum, correct };
  }

  /** Statistics of the epoch that `nextBatch` finished last (null before the first one ends). */
  lastEpoch: EpochStats | null = null;

  private beginEpoch(startedAt?: number): void {
    this.lr = learningRateAt(this.options.learningRate, this.config.schedule, this.epoch);
    if (this.options.shuffle) this.rng.shuffle(this.order);
    const s = this.sums;
    s.loss = s.objective = s.correct = s.seen = 0;
    s.started = startedAt ?? now();
  }

  /** Closes the current epoch (also when it was cut short): its statistics, then `epoch` advances. */
  private finishEpoch(untimed = false): EpochStats {
    const { objective, correct, seen, started } = this.sums;
    const seconds = untimed ? NaN : (now() - started) / 1000;
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

  /**
   * Runs one epoch (all batches; the rest of it if `nextBatch` began it) and returns its statistics.
   * `timing` is for `train`, which times back-to-back epochs shorter than a clock read in groups.
   */
  runEpoch(onBatch?: (stats: BatchStats) => void, signal?: AbortSignal, timing?: EpochTiming): EpochStats {
    if (this.cursor === 0) this.beginEpoch(timing?.startedAt);
    const size = this.train.size;
    for (;;) {
      const start = this.cursor, batch = this.trainBatch();
      const stats = onBatch && this.batchStats(start, batch);
      const done = this.cursor >= size, epoch = done ? this.finishEpoch(timing?.untimed) : undefined;
      if (stats) onBatch!(stats);
      if (epoch) return epoch;
      if (signal?.aborted) return this.finishEpoch();
    }
  }
}

/** Milliseconds from a monotonic clock where there is one. */
export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
