/**
 * What a language provides: the words of the derivation (`Words`) and of the playground page.
 * Only words live in the language modules (en.ts, zh.ts): every number and formula is built once
 * and shared by both languages, so the two renderings always carry the same numbers.
 */
import type { ActivationName } from '../core/activations.ts';
import type { LossName } from '../core/losses.ts';
import type { LocalizedText } from '../core/record.ts';
import type { UpdateOrder } from '../core/train-options.ts';
import type { ExplainOptimizer } from '../explain/trace-update.ts';
import type { PageKey } from './page-keys.ts';

/** A language bpnet speaks (explain, errata and the page): English or Simplified Chinese. */
export type Lang = 'en' | 'zh';
/** Every language bpnet speaks. */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** The names of a table of records (activations, losses, optimizers…) in one language: the records hold them. */
export function recordWords<N extends string>(table: Readonly<Record<N, { readonly words: LocalizedText }>>, lang: Lang): Record<N, string> {
  return Object.fromEntries(Object.entries<{ readonly words: LocalizedText }>(table).map(([k, r]) => [k, r.words[lang]])) as Record<N, string>;
}

/** "zh" for a Chinese locale string (zh_CN.UTF-8, zh-TW…), else "en". */
export function langFromLocale(locale: string | undefined): Lang {
  return locale && /^zh\b|^zh[_-]/i.test(locale) ? 'zh' : 'en';
}

/** The words of the derivation in one language (the numbers and formulas are shared by every language). */
export interface Words {
  lang: Lang;
  /** Punctuation: ": " / "：", list and clause separators, parentheses. */
  colon: string;
  comma: string;
  semicolon: string;
  open: string;
  close: string;
  title(sizes: string): string;
  setup(hidden: string, output: string, loss: string, order: UpdateOrder): string;
  setupOne(output: string, loss: string): string;
  learningRate: string;
  sample(index: number | null): string;
  inputs: string;
  targets: string;
  notation: string;
  formulas: string;
  formulaLabels: Record<
    'neuron' | 'loss' | 'sigmoid' | 'sigmoidDerivative' | 'derivatives' | 'chain' | 'outputDelta' | 'hiddenDelta' | 'update' | 'vectorized',
    string
  >;
  step(k: number, of: number): string;
  /** What the step does besides one-sample SGD: the optimizer, B and λ. */
  optimizerIntro(o: ExplainOptimizer, batchSize: number, weightDecay: number): string;
  optimizerFormulas: string;
  /** The batch's samples, counted from 1. */
  batchIntro(samples: number[]): string;
  sampleForward(i: number, sample: number): string;
  sampleBackward(i: number, sample: number): string;
  batchGradient: string;
  afterForwardBatch(sample: number): string;
  summaryTitle(sizes: string, steps: number): string;
  summaryStart: string;
  summaryEnd(steps: number, order: string): string;
  erratumTitle: string;
  erratumIntro(steps: number): string;
  /** Columns: quantity, published, correct backprop, sequential order. */
  erratumHead: string[];
  erratumReason: string;
  /** The short sections: the logistic function, why weights start random, the 10 000-step erratum. */
  logisticTitle: string;
  logisticText: string;
  logisticProbability(output: string, percent: string): string;
  initTitle: string;
  initText(unit: string, twin: string): string;
  initAfter: string;
  initRandom: string;
  erratumNote(steps: number): string;
  forward: string;
  layerToLayer(from: string, to: string): string;
  inputLayer: string;
  hiddenLayer(k: number | null): string;
  outputLayer: string;
  error: string;
  backward: string;
  outputDeltas: string;
  hiddenDeltas(layer: string, above: string): string;
  weightUpdates(from: string, to: string): string;
  fused(activation: string, loss: string): string;
  softmaxJacobian: string;
  biasFixed: string;
  simultaneousAfterLayer(names: string): string;
  sequentialAfterLayer(names: string): string;
  after: string;
  afterForward: string;
  before: string;
  outputsAfter: string;
  notes: string;
  noteSimultaneous: string;
  noteSequential: string;
  notePublishedSimultaneous: string;
  notePublishedSequential: string;
  noteErrataLinear(weight: string): string;
  matrix(weights: number): string;
  matrixForward: string;
  matrixBackward: string;
  matrixLayer(layer: number, inputs: number, units: number, activation: string, output: boolean): string;
  matrixSamples: string;
  quantity: string;
  shape: string;
  norm: string;
  min: string;
  max: string;
  biasesFixed: string;
  orderName: Record<UpdateOrder, string>;
  /** Loss and activation names in this language, read from their records (`words`). */
  lossName: Record<LossName, string>;
  activationName: Record<ActivationName, string>;
  orderShort: Record<UpdateOrder, string>;
}

/** The command line's words for the commands that speak the user's language (explain, errata). */
export interface CliWords {
  explainHelp(maxSteps: number): string;
  errataHelp: string;
  /** The line after a usage error: "(see: bpnet explain --help)". */
  seeHelp(command: string): string;
  /** A usage message in this language (the shared flag parser's English ones are translated). */
  usage(message: string): string;
  /** Usage messages of explain itself. */
  exampleOrModel: string;
  exampleAndModel: string;
  sampleRange(samples: number, got: number): string;
  batchRange(samples: number, got: number): string;
  stepsMax(max: number, got: number): string;
  summaryNeedsText: string;
}

/** Why a published figure and bpnet's differ (or "agrees"). */
export type ErrataReason = 'agrees' | 'sequential' | 'linear-output' | 'course-files';

/** The words of `bpnet errata`. */
export interface ErrataWords {
  title: string;
  intro: string;
  /** Columns: article, quantity, published, bpnet, sequential order, note. */
  head: string[];
  /** "E_total after 1 step" from a symbol and a step count. */
  after(symbol: string, steps: number): string;
  /** Quantities that are words, not symbols (the course's figures). */
  quantity: Record<string, string>;
  status: Record<'matches' | 'differs' | 'needs-files', string>;
  reasons: Record<ErrataReason, string>;
}

/** Everything one language provides: the explainer's words, the command line's and the page's strings. */
export interface Language {
  explain: Words;
  page: Record<PageKey, string>;
  cli: CliWords;
  errata: ErrataWords;
}
