/** English: the words of the derivation (`bpnet explain`, the playground's step mode). */
import { fmt } from '../../explain/format.ts';
import { activations } from '../../core/activations.ts';
import { losses } from '../../core/losses.ts';
import { recordWords, type Words } from '../words.ts';

const steps = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ' ');

/** The summary of many steps and the short sections. */
export const sections = {
  summaryTitle: (sizes: string, n: number) => `The ${sizes} network: ${steps(n)} training steps, start and end`,
  summaryStart: 'Start (before the first step)',
  summaryEnd: (n: number, order: string) => `After ${steps(n)} steps, ${order}`,
  erratumTitle: 'Erratum of the classic article (000)',
  erratumIntro: (n: number) => `The article's figures after ${steps(n)} iterations are in the first column; bpnet computes both update orders:`,
  erratumHead: ['', 'published', 'correct backprop', 'sequential order'],
  erratumReason:
    'The published figures are those of the sequential order: the article\'s code computed the hidden deltas with the ' +
    'already-updated output weights. Correct backprop (every delta from the weights of before the step, biases fixed) ' +
    'gives the middle column. The step-by-step values of the derivation itself are correct.',
  logisticTitle: 'The logistic function',
  logisticText:
    'σ(x) = 1 / (1 + e^(−x)) is the logistic function (sigmoid). It squashes any real number into the range (0, 1): ' +
    'σ(0) = ½, σ(x) → 0 as x → −∞ and σ(x) → 1 as x → +∞. Its derivative σ′(x) = σ(x)·(1 − σ(x)) is largest at x = 0, ' +
    'where it is ¼: every sigmoid layer passes back at most a quarter of the error. With the numbers of this network:',
  logisticProbability: (o: string, p: string) => `An output in (0, 1) can be read as a probability: ${o} says ${p} %.`,
  initTitle: 'Why the weights start random',
  initText: (unit: string, twin: string) =>
    `Two hidden neurons that start with equal weights compute the same out, receive the same δ and the same gradient, ` +
    `and so stay equal after every step: the layer works like a single neuron. With this network, give ${twin} the ` +
    `weights of ${unit} (in and out) and take one step:`,
  initAfter: 'They are still equal after the update.',
  initRandom:
    'So the weights start as small random numbers that break the symmetry: uniform in [−ε, ε] (`bpnet init --init uniform`, ' +
    'ε = 0.12 by default) or normal N(0, ε²) (`--init normal`, ε = 0.01 by default, as in article 003). Set ε with ' +
    '`--init-scale ε` on `bpnet init` and `bpnet train`.',
  erratumNote: (n: number) =>
    `After ${steps(n)} steps the classic article prints an error of 0.000035085 and outputs 0.015912196 / 0.984065734; ` +
    'correct backprop gives the figures below (the published ones are the sequential order\'s). ' +
    '`bpnet explain --example classic --steps 10000 --summary` computes them again.',
};

export const explain: Words = {
  ...sections,
  lang: 'en',
  colon: ': ',
  comma: ', ',
  semicolon: '; ',
  open: '(',
  close: ')',
  title: (sizes) => `Backpropagation by hand: the ${sizes} network`,
  setup: (hidden, output, loss, order) =>
    `Activations: ${hidden} (hidden), ${output} (output). Loss: ${loss}. Update order: ${explain.orderName[order]}.`,
  setupOne: (output, loss) => `Activation: ${output}. Loss: ${loss}.`,
  learningRate: 'Learning rate',
  sample: (i) => (i === null ? 'Training sample' : `Training sample ${i + 1}`),
  inputs: 'inputs',
  targets: 'targets',
  notation:
    'Notation: net is the weighted input of a neuron (z), out its output (a = g(net)), E the error of the sample, ' +
    'δ = ∂E/∂net the error of a neuron, and w⁺ the new value of w.',
  formulas: 'General formulas',
  formulaLabels: {
    neuron: 'Weighted input and output of neuron j',
    loss: 'Error of the sample',
    sigmoid: 'Sigmoid',
    sigmoidDerivative: 'Its derivative (quotient rule, then rewritten with σ itself)',
    derivatives: 'Derivatives of the other activations',
    chain: 'Chain rule for a weight w_ji into neuron j',
    outputDelta: 'Delta of an output neuron',
    hiddenDelta: 'Delta of a hidden neuron: sum over the weights leaving it',
    update: 'Gradients and the gradient-descent update',
    vectorized: 'Vectorized: the four backprop equations (⊙ = elementwise product)',
  },
  step: (k, of) => (of > 1 ? `Step ${k} of ${of}` : `Step ${k}`),
  optimizerIntro: (o, B, lambda) => {
    const rule = {
      sgd: `plain gradient descent (η = ${fmt(o.learningRate)})`,
      momentum: `momentum (μ = ${fmt(o.momentum ?? 0)}, η = ${fmt(o.learningRate)}): every weight and bias has a velocity v, starting at 0`,
      nesterov: `Nesterov momentum (μ = ${fmt(o.momentum ?? 0)}, η = ${fmt(o.learningRate)}): every weight and bias has a velocity v, starting at 0`,
      adam: `Adam (η = ${fmt(o.learningRate)}, β₁ = ${fmt(o.beta1 ?? 0)}, β₂ = ${fmt(o.beta2 ?? 0)}, ε = ${fmt(o.epsilon ?? 0)}): ` +
        'every weight and bias has moments m and s, starting at 0; t counts the steps',
    }[o.name];
    return `Update rule: ${rule}. Batch size B = ${B}${lambda ? `, weight decay λ = ${fmt(lambda)} (biases are not decayed)` : ''}.`;
  },
  optimizerFormulas: 'The objective, its gradient and the update:',
  batchIntro: (samples) =>
    `The batch: samples ${samples.join(', ')} (counted from 1). First each sample's forward pass and deltas, then the gradient averaged over the batch.`,
  sampleForward: (i, sample) => `Sample ${sample} (${i} of the batch): forward pass`,
  sampleBackward: (_i, sample) => `Sample ${sample}: error and deltas`,
  batchGradient: 'Gradient over the batch, and the update',
  afterForwardBatch: (sample) => `Forward pass again with the new weights (outputs of sample ${sample}; J on the same batch):`,
  forward: 'Forward pass',
  layerToLayer: (from, to) => `${from} → ${to}`,
  inputLayer: 'input layer',
  hiddenLayer: (k) => (k === null ? 'hidden layer' : `hidden layer ${k}`),
  outputLayer: 'output layer',
  error: 'Error',
  backward: 'Backward pass',
  outputDeltas: 'Output layer: the delta of each output neuron by the chain rule',
  hiddenDeltas: (layer, above) => `${layer}: each neuron's error is summed over its weights into the ${above}`,
  weightUpdates: (from, to) => `Weight updates: ${from} → ${to}`,
  fused: (activation, loss) =>
    `With ${activation} outputs and the ${loss} loss the two factors combine: δ = out − target.`,
  softmaxJacobian: 'Softmax couples the outputs: δ_j = out_j·(∂E/∂out_j − S) with S = Σ_k ∂E/∂out_k·out_k.',
  biasFixed: 'Fixed in this example (not trained): ',
  simultaneousAfterLayer: (names) =>
    `These new values are applied only after the whole backward pass: the deltas below use the original ${names}.`,
  sequentialAfterLayer: (names) =>
    `Sequential order: ${names} are replaced by their new values now, so the deltas below use the updated weights.`,
  after: 'After the update',
  afterForward: 'Forward pass again with the new weights:',
  before: 'before',
  outputsAfter: 'outputs',
  notes: 'Notes',
  noteSimultaneous:
    'This is correct backprop: every delta uses the weights of before the step. Had each layer been updated before ' +
    'the error was passed further down (the "sequential" order), the error after the update would be:',
  noteSequential:
    'This derivation used the "sequential" order: each layer was updated before the error was passed further down, ' +
    'so the hidden deltas used already-updated weights. That is not correct backprop, which gives:',
  notePublishedSimultaneous:
    'Why the widely published 0.291027924 differs: the classic tutorial prints 0.291027924 as the error after the ' +
    'first update. Its code computed the hidden deltas with the already-updated output weights w5⁺…w8⁺, which is ' +
    'the sequential figure above (see `bpnet explain --example classic --update-order sequential`). Its ' +
    'step-by-step numbers are right; only that final figure (and the ones after 10 000 iterations) come from the ' +
    'sequential order.',
  notePublishedSequential:
    'This is the figure the classic tutorial prints, 0.291027924: its code updated w5…w8 before computing the ' +
    'hidden deltas. Correct backprop gives the figure above.',
  noteErrataLinear: (w) =>
    `Erratum of the one-hidden-neuron article: it prints the gradient of the output weight (w5 in the article) as −0.033 and the new ` +
    `weight as 0.4033. The output is linear, so ∂out/∂net = 1 and the gradient is ∂E/∂${w} = (out − target)·out_h1, ` +
    `without a sigmoid derivative. Correct values (η = 0.1):`,
  matrix: (n) => `Matrix form: ${n} weights are too many to name one by one; each layer is summarised instead.`,
  matrixForward: 'Forward pass',
  matrixBackward: 'Backward pass',
  matrixLayer: (l, i, u, a, output) => `Layer ${l} (${i} → ${u}, ${a}${output ? ', output' : ''})`,
  matrixSamples: 'A few weights followed through the update',
  quantity: 'quantity',
  shape: 'shape',
  norm: 'norm',
  min: 'min',
  max: 'max',
  biasesFixed: 'biases fixed',
  orderName: { simultaneous: 'simultaneous (correct backprop)', sequential: 'sequential (each layer updated before the next delta)' },
  lossName: recordWords(losses, 'en'),
  activationName: recordWords(activations, 'en'),
  orderShort: { simultaneous: 'simultaneous', sequential: 'sequential' },
};
