/**
 * A training run's saved state (`TrainerState`, stored in a checkpoint's "training.state") comes
 * from a file, so it is checked whole before any of it is used: types, lengths, that `order` is a
 * permutation of the training samples, that the Rng state is one xoshiro can be in, that every
 * optimizer buffer has the shape of its parameter array and holds finite numbers. A corrupt state
 * is refused with the field named; it never turns into a TypeError or a silently different run.
 */
import { BpnetError, show } from './errors.ts';
import type { Network } from './network.ts';
import { getOptimizerRule } from './optimizers.ts';
import type { TrainerState } from './train-options.ts';
import { checkInteger, checkObjectArg } from './validate.ts';

/**
 * Checks a saved state against the network it will continue (and, when known, the number of
 * training samples); returns it typed. `where` prefixes messages, e.g. "model.json: training.state".
 */
export function checkTrainerState(value: unknown, net: Network, trainSize: number | undefined, where = 'resume'): TrainerState {
  const s = checkObjectArg(value, where, 'a saved training state');
  const epoch = checkInteger(s.epoch, `${where}.epoch`, 0);
  checkRng(s.rng, `${where}.rng`);
  checkOrder(s.order, trainSize, `${where}.order`);
  const sizes = net.layers.flatMap((l) => [l.weights.length, l.bias.length]);
  const o = checkObjectArg(s.optimizer, `${where}.optimizer`, 'the optimizer state {name, t, buffers}');
  const rule = getOptimizerRule(o.name, `${where}.optimizer.name`);
  checkInteger(o.t, `${where}.optimizer.t`, 0);
  const buffers = checkObjectArg(o.buffers, `${where}.optimizer.buffers`, 'an object of buffers per parameter array');
  const count = rule.buffers;
  for (const key of Object.keys(buffers)) {
    const at = `${where}.optimizer.buffers.${key}`;
    if (!/^\d+$/.test(key) || Number(key) >= sizes.length) throw new BpnetError(`no parameter array ${show(key)} (the model has ${sizes.length}: 0…${sizes.length - 1})`, at);
    const b = buffers[key];
    if (!Array.isArray(b) || b.length !== count) throw new BpnetError(`expected ${count} buffer${count === 1 ? '' : 's'} for ${o.name}, got ${show(b)}`, at);
    b.forEach((values, i) => checkNumbers(values, sizes[Number(key)]!, `${at}[${i}]`, o.name === 'adam' && i === 1));
  }
  // After a step, every trained parameter array has its buffers: a missing one would restart it from 0.
  if (count > 0 && (o.t as number) > 0) {
    net.layers.forEach((l, i) => {
      for (const key of l.trainBias ? [2 * i, 2 * i + 1] : [2 * i]) {
        if (!Object.hasOwn(buffers, String(key))) throw new BpnetError(`missing (the buffers of ${key % 2 ? 'b' : 'W'}${i} after ${o.t} steps)`, `${where}.optimizer.buffers.${key}`);
      }
    });
  }
  if (s.best !== undefined) {
    const b = checkObjectArg(s.best, `${where}.best`, 'the best epoch {epoch, loss}');
    checkInteger(b.epoch, `${where}.best.epoch`, 0, Math.max(0, epoch - 1));
    if (typeof b.loss !== 'number' || !Number.isFinite(b.loss)) throw new BpnetError(`expected a finite number, got ${show(b.loss)}`, `${where}.best.loss`);
    if (b.weights !== undefined) checkParameters(b.weights, sizes, `${where}.best.weights`);
  }
  if (s.weights !== undefined) {
    checkParameters(s.weights, sizes, `${where}.weights`);
    if (s.best === undefined) throw new BpnetError('current weights are saved only with a best epoch ("best")', `${where}.weights`);
    if ((s.best as { weights?: unknown }).weights !== undefined) throw new BpnetError('has both current and best weights: one of them must be the model\'s', `${where}.weights`);
  }
  return value as TrainerState;
}

/** xoshiro128**: four 32-bit words, not all zero (the all-zero state only ever yields zeros). */
function checkRng(value: unknown, where: string): void {
  if (!Array.isArray(value) || value.length !== 5) throw new BpnetError(`expected 5 numbers (4 state words and a spare normal or null), got ${show(value)}`, where);
  for (let i = 0; i < 4; i++) {
    const w = value[i];
    if (typeof w !== 'number' || !Number.isInteger(w) || w < -(2 ** 31) || w >= 2 ** 32) throw new BpnetError(`expected a 32-bit integer, got ${show(w)}`, `${where}[${i}]`);
  }
  if (value.slice(0, 4).every((w) => (w as number) === 0)) throw new BpnetError('all four state words are 0, a state the generator never reaches', where);
  const spare = value[4];
  // NaN (in memory) or null (after JSON) both mean "no spare deviate".
  if (!(spare === null || (typeof spare === 'number' && (Number.isFinite(spare) || Number.isNaN(spare))))) {
    throw new BpnetError(`expected a finite number or null, got ${show(spare)}`, `${where}[4]`);
  }
}

/** A permutation of 0 … n−1, checked in linear time. */
function checkOrder(value: unknown, n: number | undefined, where: string): void {
  if (!Array.isArray(value) || value.length === 0) throw new BpnetError(`expected the sample order (an array of sample indices), got ${show(value)}`, where);
  if (n !== undefined && value.length !== n) throw new BpnetError(`the saved run had ${value.length} training samples, this data has ${n}`, where);
  const seen = new Uint8Array(value.length);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= value.length) throw new BpnetError(`expected a sample index 0…${value.length - 1}, got ${show(v)}`, `${where}[${i}]`);
    if (seen[v]) throw new BpnetError(`sample ${v} appears twice: not a permutation`, `${where}[${i}]`);
    seen[v] = 1;
  });
}

function checkParameters(value: unknown, sizes: number[], where: string): void {
  if (!Array.isArray(value) || value.length !== sizes.length) throw new BpnetError(`expected ${sizes.length} parameter arrays (W and b of each layer), got ${show(value)}`, where);
  value.forEach((a, i) => checkNumbers(a, sizes[i]!, `${where}[${i}]`, false));
}

function checkNumbers(value: unknown, n: number, where: string, nonNegative: boolean): void {
  if (!Array.isArray(value) || value.length !== n) throw new BpnetError(`expected ${n} numbers, got ${show(value)}`, where);
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || (nonNegative && v < 0)) {
      throw new BpnetError(`expected a finite number${nonNegative ? ' ≥ 0' : ''}, got ${show(v)}`, `${where}[${i}]`);
    }
  }
}
