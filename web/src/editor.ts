/**
 * The network editor and data controls: reads the form into one typed config (validated here, at the
 * boundary; errors name the control's label) and writes configs back into it.
 */
import {
  HIDDEN_ACTIVATION_NAMES, BpnetError, LOSS_NAMES, OPTIMIZER_NAMES, type ActivationName, type LossName, type OptimizerName,
} from '../../src/index.ts';
import type { ToyName } from './datasets.ts';
import { FEATURES, type FeatureName } from './features.ts';
import { SPEEDS, type Speed } from './protocol.ts';

export type DatasetChoice = ToyName | 'digits' | 'classic' | 'file';
export const DATASET_CHOICES: readonly DatasetChoice[] = ['xor', 'circle', 'gaussians', 'spiral', 'plane', 'gaussian', 'digits', 'classic', 'file'];
export type RegularizationChoice = 'l2' | 'l1';

export interface Config {
  dataset: DatasetChoice;
  noise: number;
  /** Share of the samples used for training, 0.1 … 0.9. */
  trainFraction: number;
  /** Inputs of the 2-D sets. */
  features: FeatureName[];
  /** Neurons of each hidden layer. */
  hidden: number[];
  activation: ActivationName;
  loss: LossName | 'auto';
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  regularization: RegularizationChoice;
  /** λ of the chosen penalty. */
  weightDecay: number;
  seed: number;
  speed: Speed;
  showTest: boolean;
  discretize: boolean;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);
const select = (id: string) => $<HTMLSelectElement>(id);

/** The words of the label a control sits in (what the user reads), for error messages. */
export function labelOf(id: string): string {
  const el = $(id);
  const text = el?.closest('label')?.querySelector('span')?.textContent ?? el?.getAttribute('aria-label');
  return text?.trim() || id;
}

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
  $('features').replaceChildren(...FEATURES.map((f) => {
    const label = document.createElement('label');
    label.className = 'feature';
    label.innerHTML = `<input type="checkbox" data-feature="${f.name}"> <span></span>`;
    label.querySelector('span')!.textContent = f.label;
    return label;
  }));
}

/** "8-8" → [8, 8]; "" → [] (no hidden layer). */
export function parseHidden(text: string, where: string): number[] {
  const t = text.trim();
  const hidden = t === '' || t === '0' ? [] : t.split(/[-,\s]+/).map(Number);
  if (hidden.some((n) => !Number.isInteger(n) || n <= 0 || n > 1024)) {
    throw new BpnetError(`expected neuron counts like 8-8 (1 to 1024 each), got "${text}"`, where);
  }
  return hidden;
}

export function readConfig(): Config {
  const num = (id: string, min: number, max: number, integer = false) => {
    const v = Number(input(id).value);
    if (input(id).value.trim() === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new BpnetError(`expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${input(id).value}"`, labelOf(id));
    }
    return v;
  };
  const features = [...document.querySelectorAll<HTMLInputElement>('#features input:checked')].map((c) => c.dataset.feature as FeatureName);
  if (features.length === 0) throw new BpnetError('choose at least one input feature', labelOf('features'));
  return {
    dataset: select('dataset').value as DatasetChoice,
    noise: num('noise', 0, 1),
    trainFraction: num('train-fraction', 0.1, 0.9),
    features,
    hidden: parseHidden(input('hidden').value, labelOf('hidden')),
    activation: select('activation').value as ActivationName,
    loss: select('loss').value as LossName | 'auto',
    optimizer: select('optimizer').value as OptimizerName,
    learningRate: num('lr', 1e-6, 10),
    batchSize: num('batch', 1, 4096, true),
    regularization: select('regularization').value as RegularizationChoice,
    weightDecay: num('wd', 0, 1),
    seed: num('seed', 0, 2 ** 31, true),
    speed: (SPEEDS as string[]).includes(select('speed').value) ? (select('speed').value as Speed) : 'normal',
    showTest: input('show-test').checked,
    discretize: input('discretize').checked,
  };
}

/** Writes the given fields into the form (presets, a URL, a loaded model's shape) and the slider readouts. */
export function writeConfig(c: Partial<Config>): void {
  if (c.dataset !== undefined) select('dataset').value = c.dataset;
  if (c.noise !== undefined) input('noise').value = String(c.noise);
  if (c.trainFraction !== undefined) input('train-fraction').value = String(c.trainFraction);
  if (c.features !== undefined) {
    document.querySelectorAll<HTMLInputElement>('#features input').forEach((box) => { box.checked = c.features!.includes(box.dataset.feature as FeatureName); });
  }
  if (c.hidden !== undefined) input('hidden').value = c.hidden.join('-');
  if (c.activation !== undefined) select('activation').value = c.activation;
  if (c.loss !== undefined) select('loss').value = c.loss;
  if (c.optimizer !== undefined) select('optimizer').value = c.optimizer;
  if (c.learningRate !== undefined) input('lr').value = String(c.learningRate);
  if (c.batchSize !== undefined) input('batch').value = String(c.batchSize);
  if (c.regularization !== undefined) select('regularization').value = c.regularization;
  if (c.weightDecay !== undefined) input('wd').value = String(c.weightDecay);
  if (c.seed !== undefined) input('seed').value = String(c.seed);
  if (c.speed !== undefined) select('speed').value = c.speed;
  if (c.showTest !== undefined) input('show-test').checked = c.showTest;
  if (c.discretize !== undefined) input('discretize').checked = c.discretize;
  showSliderValues();
}

/** The sliders' current values beside them (noise as a number, the training share in percent). */
export function showSliderValues(): void {
  $('noise-value').textContent = Number(input('noise').value).toFixed(2);
  $('train-fraction-value').textContent = `${Math.round(Number(input('train-fraction').value) * 100)}%`;
}

/** Sensible starting points: small tanh nets for the 2-D sets, 784-128-10 for the digits, the classic example as published. */
export function presetFor(dataset: DatasetChoice): Partial<Config> {
  if (dataset === 'digits') return { hidden: [128], activation: 'relu', loss: 'auto', optimizer: 'adam', learningRate: 0.001, batchSize: 32, weightDecay: 0, speed: 'fast' };
  if (dataset === 'classic') return { hidden: [2], activation: 'sigmoid', loss: 'mse', optimizer: 'sgd', learningRate: 0.5, batchSize: 1, weightDecay: 0, features: ['x1', 'x2'], speed: 'normal' };
  if (dataset === 'file') return {};
  return { hidden: [8, 8], activation: 'tanh', loss: 'auto', optimizer: 'adam', learningRate: 0.03, batchSize: 16, weightDecay: 0, speed: 'normal' };
}
