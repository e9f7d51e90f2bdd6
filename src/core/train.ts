/**
 * The training loop: mini-batch gradient descent with shuffling, schedules, stopping criteria and
 * callbacks. `train` runs whole epochs of a `Trainer` (trainer.ts) and yields to the event loop now
 * and then, so it can be cancelled with an AbortSignal. After every epoch, before anyone sees it,
 * the loss and the weights are checked finite (keep-best.ts): a diverged epoch is never saved.
 */
import type { Dataset } from './dataset.ts';
import { checkFinite, parameterArrays, updateBest } from './keep-best.ts';
import type { Network } from './network.ts';
import type { EpochStats, TrainerState, TrainOptions } from './train-options.ts';
import { now, Trainer, type EpochTiming } from './trainer.ts';

// The options' types and schema are part of this module's API, and so are divergence and resuming.
export * from './train-options.ts';
export { DivergenceError, type BestEpoch } from './keep-best.ts';
export { checkTrainerState } from './checkpoint.ts';

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
  if (options.resume !== undefined) trainer.setState(options.resume);
  const epochs = options.epochs ?? 10;
  const patience = options.patience ?? 10;
  const history: EpochStats[] = [];
  let stopReason: StopReason = 'epochs';
  let busy = 0;
  // A resumed run that had already stopped early stays stopped, as the uninterrupted run did.
  const stoppedEarly = trainer.best !== undefined && trainer.epoch - 1 - trainer.best.epoch >= patience;
  if (stoppedEarly) stopReason = 'early-stopping';
  // Without callbacks nobody sees an epoch's statistics before the run ends, and nothing runs
  // between epochs: epochs far shorter than a clock read (one-sample data sets, ~0.3 µs) are then
  // timed in groups, each epoch of a group getting the group's mean (see timeGroup).
  const grouped = !options.onEpoch && !options.onBatch && !trainer.validation;
  const timing: EpochTiming = { startedAt: 0, untimed: false };
  let groupSize = 1, groupStart = 0;
  for (let e = 0; e < epochs && !stoppedEarly; e++) {
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
    // Checked before onEpoch: a diverged epoch is never handed out to be saved.
    checkFinite(net, stats);
    const best = trainer.best = updateBest(trainer.best, stats, net);
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
