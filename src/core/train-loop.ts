/**
 * `train`: whole epochs of a Trainer with the stopping criteria (epochs, target loss, early
 * stopping, a callback, an AbortSignal), divergence checked after every epoch before it is handed
 * out, and the best epoch kept with validation data. It yields to the event loop now and then, so
 * it can be cancelled.
 */
import type { Dataset } from './dataset.ts';
import { checkFinite, parameterArrays, updateBest } from './keep-best.ts';
import type { Network } from './network.ts';
import { Trainer } from './train.ts';
import type { EpochStats, TrainerState, TrainOptions } from './train-options.ts';

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
  const stoppedEarly = trainer.best && trainer.epoch - 1 - trainer.best.epoch >= patience;
  if (stoppedEarly) stopReason = 'early-stopping';
  for (let e = 0; e < epochs && !stoppedEarly; e++) {
    const stats = trainer.runEpoch(options.onBatch, options.signal);
    history.push(stats);
    // Checked before onEpoch: a diverged epoch is never handed out to be saved.
    checkFinite(net, stats);
    trainer.best = updateBest(trainer.best, stats, net);
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
