/**
 * The network editor and data controls: reads the form into one typed config (validated here, at the
 * boundary) and writes presets back into it.
 */
import { HIDDEN_ACTIVATION_NAMES, BpnetError, LOSS_NAMES, OPTIMIZER_NAMES, type ActivationName, type LossName, type OptimizerName } from '../../src/index.ts';
import type { ToyName } from './datasets.ts';

export type DatasetChoice = ToyName | 'digits' | 'classic' | 'file';

export interface Config {
  dataset: DatasetChoice;
  noise: number;
  trainFraction: number;
  /** Neurons of each hidden layer. */
  hidden: number[];
  activation: ActivationName;
  loss: LossName | 'auto';
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  weightDecay: number;
  seed: number;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);
const select = (id: string) => $<HTMLSelectElement>(id);

export function fillChoices(): void {
  const opts = (id: string, names: readonly string[], extra: string[] = []) =>
    select(id).replaceChildren(...[...extra, ...names].map((n) => {
      const o = new Option(n, n);
      if (n === 'auto') o.dataset.i18n = 'auto'; // the other names are the library's own identifiers
      return o;
    }));
  opts('activation', HIDDEN_ACTIVATION_NAMES);
  opts('loss', LOSS_NAMES, ['auto']);
  opts('optimizer', OPTIMIZER_NAMES);
}

export function readConfig(): Config {
  const hiddenText = input('hidden').value.trim();
  const hidden = hiddenText === '' ? [] : hiddenText.split(/[-,\s]+/).map(Number);
  if (hidden.some((n) => !Number.isInteger(n) || n <= 0 || n > 1024)) {
    throw new BpnetError(`expected neuron counts like 8-8 (1 to 1024 each), got "${hiddenText}"`, 'hidden layers');
  }
  const num = (id: string, min: number, max: number, integer = false) => {
    const v = Number(input(id).value);
    if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new BpnetError(`expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${input(id).value}"`, id);
    }
    return v;
  };
  return {
    dataset: select('dataset').value as DatasetChoice,
    noise: num('noise', 0, 1),
    trainFraction: num('train-fraction', 0.1, 0.9),
    hidden,
    activation: select('activation').value as ActivationName,
    loss: select('loss').value as LossName | 'auto',
    optimizer: select('optimizer').value as OptimizerName,
    learningRate: num('lr', 1e-6, 10),
    batchSize: num('batch', 1, 4096, true),
    weightDecay: num('wd', 0, 1),
    seed: num('seed', 0, 2 ** 31, true),
  };
}

/** Writes the given fields into the form (presets for a dataset, or a loaded model's shape). */
export function writeConfig(c: Partial<Config>): void {
  if (c.dataset !== undefined) select('dataset').value = c.dataset;
  if (c.hidden !== undefined) input('hidden').value = c.hidden.join('-');
  if (c.activation !== undefined) select('activation').value = c.activation;
  if (c.loss !== undefined) select('loss').value = c.loss;
  if (c.optimizer !== undefined) select('optimizer').value = c.optimizer;
  if (c.learningRate !== undefined) input('lr').value = String(c.learningRate);
  if (c.batchSize !== undefined) input('batch').value = String(c.batchSize);
  if (c.weightDecay !== undefined) input('wd').value = String(c.weightDecay);
}

/** Sensible starting points: small tanh nets for the 2-D sets, 784-128-10 for the digits. */
export function presetFor(dataset: DatasetChoice): Partial<Config> {
  if (dataset === 'digits') return { hidden: [128], activation: 'relu', loss: 'auto', optimizer: 'adam', learningRate: 0.001, batchSize: 32, weightDecay: 0 };
  if (dataset === 'classic') return { hidden: [2], activation: 'sigmoid', loss: 'mse', optimizer: 'sgd', learningRate: 0.5, batchSize: 1, weightDecay: 0 };
  if (dataset === 'file') return {};
  return { hidden: [8, 8], activation: 'tanh', loss: 'auto', optimizer: 'adam', learningRate: 0.03, batchSize: 16, weightDecay: 0 };
}
