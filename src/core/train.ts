/**
 * The training loop: mini-batch gradient descent with shuffling, schedules, stopping criteria and
 * callbacks. `train` runs whole epochs of a `Trainer` (trainer.ts) and yields to the event loop now
 * and then, so it can be cancelled with an AbortSignal.
 */
import type { Dataset } from './dataset.ts';
import { BpnetError } from './errors.ts';
import type { Network } from './network.ts';
import type { EpochStats, TrainerState, TrainOptions } from './train-options.ts';
import { now, Trainer, type EpochTiming } from './trainer.ts';

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
  // Without callbacks nobody sees an epoch's statistics before the run ends, and nothing runs
  // between epochs: epochs far shorter than a clock read (one-sample data sets, ~0.3 µs) are then
  // timed in groups, each epoch of a group getting the group's mean (see timeGroup).
  const grouped = !options.onEpoch && !options.onBatch && !trainer.validation;
  const timing: EpochTiming = { startedAt: 0, untimed: false };
  let groupSize = 1, groupStart = 0;
  for (let e = 0; e < epochs; e++) {
    if (grouped) {
      if (e === groupStart) timing.startedAt = now();
      timing.untimed = e - groupStart < groupSize - 1 && e < epochs - 1;
    }
    const stats = trainer.runEpoch(options.onBatch, options.signal, grouped ? timing : undefined);
    history.push(stats);
    // Yield now and then so that signals, timers and UI events get a chance to run (counting the
    // epochs' own seconds, which spares a clock read).
    if (!Number.isNaN(stats.seconds)) busy += stats.seconds * 1000;
    if (grouped && !timing.untimed) {
      groupSize = timeGroup(history, groupStart, groupSize, trainer.train.size);
      groupStart = e + 1;
    }
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
    // (Not inside a timing group: its clock runs.)
    if (busy > 50 && (!grouped || groupStart === e + 1)) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      busy = 0;
      if (options.signal?.aborted) { stopReason = 'cancelled'; break; }
    }
  }
  if (grouped && groupStart < history.length) {
    // Stopped inside a group: time it up to here.
    history[history.length - 1]!.seconds = (now() - timing.startedAt) / 1000;
    timeGroup(history, groupStart, groupSize, trainer.train.size);
  }
  if (best) net.copyParametersFrom(best.weights);
  return { history, state: trainer.getState(), stopReason, bestEpoch: best ? best.epoch : history.length - 1 };
}

/**
 * Spreads the last group's time (in its last epoch's `seconds`) over its epochs and returns the
 * next group's size: doubled while an epoch takes under 20 µs, up to 64 epochs, else 1.
 */
function timeGroup(history: EpochStats[], from: number, size: number, samples: number): number {
  const epochs = history.length - from, seconds = history[history.length - 1]!.seconds / epochs;
  if (epochs > 1) {
    for (let i = from; i < history.length; i++) {
      history[i]!.seconds = seconds;
      history[i]!.samplesPerSecond = samples / Math.max(seconds, 1e-9);
    }
  }
  return seconds < 20e-6 ? Math.min(64, size * 2) : 1;
}
