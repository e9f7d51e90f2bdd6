/**
 * What a run keeps when it goes wrong or gets worse: divergence is detected before an epoch is
 * handed to `onEpoch` (so a diverged epoch is never saved), and with validation data the best
 * epoch's weights are kept beside the current ones, both part of the run's state, so that a file
 * saved at any moment resumes bit-identically and never holds non-finite weights.
 */
import { BpnetError } from './errors.ts';
import type { Network } from './network.ts';
import type { EpochStats } from './train-options.ts';

/** A run that diverged: `epoch` (1-based) is the first whose loss or weights are not finite. */
export class DivergenceError extends BpnetError {
  constructor(readonly epoch: number, what: string) {
    super(`training diverged: ${what} in epoch ${epoch} (try a smaller learning rate or weight decay)`);
  }
}

/** The epoch with the lowest validation loss so far, and a copy of its weights. */
export interface BestEpoch {
  epoch: number;
  loss: number;
  weights: Network;
}

/**
 * Throws a DivergenceError unless the epoch's loss and the weights after it are finite. The loss
 * is measured before each update, so the last update can break the weights with a finite loss.
 */
export function checkFinite(net: Network, stats: EpochStats): void {
  if (!Number.isFinite(stats.loss)) throw new DivergenceError(stats.epoch + 1, `the loss became ${stats.loss}`);
  if (!parametersFinite(net)) throw new DivergenceError(stats.epoch + 1, 'the weights became non-finite');
}

/** The new best epoch when this one's validation loss is lower (its weights copied), else `best`. */
export function updateBest(best: BestEpoch | undefined, stats: EpochStats, net: Network): BestEpoch | undefined {
  if (stats.valLoss === null || (best && stats.valLoss >= best.loss)) return best;
  if (best) best.weights.copyParametersFrom(net);
  return { loss: stats.valLoss, epoch: stats.epoch, weights: best?.weights ?? net.clone() };
}

/** The parameter arrays W₀, b₀, W₁, b₁, … as plain arrays (the order of optimizer keys). */
export function parameterArrays(net: Network): number[][] {
  return net.layers.flatMap((l) => [Array.from(l.weights), Array.from(l.bias)]);
}

/** Puts arrays from `parameterArrays` (already checked against the network's shapes) back. */
export function setParameters(net: Network, arrays: number[][]): void {
  net.layers.forEach((l, i) => {
    l.weights.set(arrays[2 * i]!);
    l.bias.set(arrays[2 * i + 1]!);
  });
}

/** True when every weight and bias is a finite number. */
export function parametersFinite(net: Network): boolean {
  for (const l of net.layers) {
    for (let i = 0; i < l.weights.length; i++) if (!Number.isFinite(l.weights[i]!)) return false;
    for (let i = 0; i < l.bias.length; i++) if (!Number.isFinite(l.bias[i]!)) return false;
  }
  return true;
}
