/**
 * The page's settings in its address, replaced (never pushed) on every change, so a link opens the
 * same run: same data, same network, same seed → the same curves. The parameter names are a
 * contract (docs/playground.md; the tutorial links to chapters through them):
 *   dataset noise train layers activation loss optimizer lr batch regularization decay seed features
 *   speed test discretize lang mode sample preset
 * e.g. ?dataset=spiral&noise=0&train=50&layers=8-8&activation=tanh&loss=auto&optimizer=adam&lr=0.03
 *      &batch=16&decay=0&seed=1&lang=zh
 * `preset=classic` is the classic 2-2-2 worked example (its data, weights and η = 0.5); `mode=step`
 * opens the step-through tab; `sample` picks its sample.
 */
import { ACTIVATION_NAMES, LOSS_NAMES, OPTIMIZER_NAMES, type ActivationName, type LossName, type OptimizerName } from '../../src/index.ts';
import { DATASET_CHOICES, parseHidden, presetFor, type Config, type DatasetChoice } from './editor.ts';
import { isFeatureName, type FeatureName } from './features.ts';
import { SPEEDS, type Speed } from './protocol.ts';

export type Mode = 'train' | 'step';

/** What a link sets: any subset of the config, plus language, tab and step-mode sample. */
export interface LinkState {
  config: Partial<Config>;
  lang?: 'en' | 'zh';
  mode?: Mode;
  sample?: number;
  /** Parameters that were present but not understood, named for a message. */
  ignored: string[];
}

/** Reads a query string; unknown values are ignored and named (the page then keeps its default). */
export function readLink(search: string): LinkState {
  const q = new URLSearchParams(search);
  const c: Partial<Config> = {};
  const ignored: string[] = [];
  const take = <T>(key: string, parse: (v: string) => T | undefined, set: (v: T) => void) => {
    const raw = q.get(key);
    if (raw === null) return;
    const v = parse(raw);
    if (v === undefined) ignored.push(`${key}=${raw}`);
    else set(v);
  };
  const oneOf = <T extends string>(list: readonly T[]) => (v: string) => ((list as readonly string[]).includes(v) ? (v as T) : undefined);
  const number = (min: number, max: number, integer = false) => (v: string) => {
    const n = Number(v);
    return v.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : undefined;
  };
  const flag = (v: string) => (v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : undefined);
  take('preset', oneOf(['classic'] as const), () => { c.dataset = 'classic'; });
  take('dataset', oneOf(DATASET_CHOICES.filter((d) => d !== 'file')), (v) => { c.dataset = v as DatasetChoice; });
  Object.assign(c, presetFor(c.dataset ?? 'xor'), { ...c });
  take('noise', number(0, 1), (v) => { c.noise = v; });
  take('train', number(10, 90), (v) => { c.trainFraction = Math.round(v / 10) / 10; });
  take('features', (v) => { const f = v.split(','); return f.length > 0 && f.every(isFeatureName) ? (f as FeatureName[]) : undefined; }, (v) => { c.features = v; });
  take('layers', (v) => { try { return parseHidden(v, 'layers'); } catch { return undefined; } }, (v) => { c.hidden = v; });
  take('activation', oneOf(ACTIVATION_NAMES.filter((a) => a !== 'softmax')), (v) => { c.activation = v as ActivationName; });
  take('loss', oneOf(['auto', ...LOSS_NAMES]), (v) => { c.loss = v as LossName | 'auto'; });
  take('optimizer', oneOf(OPTIMIZER_NAMES), (v) => { c.optimizer = v as OptimizerName; });
  take('lr', number(1e-6, 10), (v) => { c.learningRate = v; });
  take('batch', number(1, 4096, true), (v) => { c.batchSize = v; });
  take('regularization', oneOf(['l2', 'l1'] as const), (v) => { c.regularization = v; });
  take('decay', number(0, 1), (v) => { c.weightDecay = v; });
  take('seed', number(0, 2 ** 31, true), (v) => { c.seed = v; });
  take('speed', oneOf(SPEEDS), (v) => { c.speed = v as Speed; });
  take('test', flag, (v) => { c.showTest = v; });
  take('discretize', flag, (v) => { c.discretize = v; });
  const state: LinkState = { config: c, ignored };
  take('lang', oneOf(['en', 'zh'] as const), (v) => { state.lang = v; });
  take('mode', oneOf(['train', 'step'] as const), (v) => { state.mode = v; });
  take('sample', number(0, 1e9, true), (v) => { state.sample = v; });
  return state;
}

/** The query string of the current settings (a loaded file is not in it: a link cannot carry it). */
export function writeLink(c: Config, lang: string, mode: Mode): string {
  const q = new URLSearchParams();
  q.set('dataset', c.dataset === 'file' ? 'xor' : c.dataset);
  q.set('noise', String(c.noise));
  q.set('train', String(Math.round(c.trainFraction * 100)));
  q.set('features', c.features.join(','));
  q.set('layers', c.hidden.join('-'));
  q.set('activation', c.activation);
  q.set('loss', c.loss);
  q.set('optimizer', c.optimizer);
  q.set('lr', String(c.learningRate));
  q.set('batch', String(c.batchSize));
  q.set('regularization', c.regularization);
  q.set('decay', String(c.weightDecay));
  q.set('seed', String(c.seed));
  q.set('speed', c.speed);
  q.set('test', c.showTest ? '1' : '0');
  q.set('discretize', c.discretize ? '1' : '0');
  q.set('lang', lang);
  if (mode === 'step') q.set('mode', 'step');
  return `?${q.toString().replace(/%2C/g, ',')}`;
}
