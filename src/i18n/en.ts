/** English: the explainer's words and the playground page's strings. */
import type { PageKey } from './page-keys.ts';
import type { Language, Words } from './words.ts';

const explain: Words = {
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
  sample: (i) => (i === null ? 'Training sample' : `Training sample (row ${i})`),
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
  lossName: { mse: 'mean squared error (mse)', 'binary-cross-entropy': 'binary cross-entropy', 'cross-entropy': 'cross-entropy' },
};

const page: Record<PageKey, string> = {
  title: 'bpnet playground',
  tagline: 'Train a network, watch it learn, and step through backpropagation number by number.',
  language: 'Language',
  tabTrain: 'Train',
  tabStep: 'Step through backprop',
  tabDigits: 'Draw a digit',
  data: 'Data',
  dataset: 'Dataset',
  xor: 'XOR', circle: 'Circle', gaussians: 'Two Gaussians', spiral: 'Spiral',
  digits: 'Digits (MNIST sample)', classic: 'Classic 2-2-2', file: 'Loaded file',
  noise: 'Noise', trainFraction: 'Training share', samples: 'Samples',
  loadFile: 'Load a model or dataset (.json, .csv)', dropHint: 'or drop a file anywhere on the page',
  network: 'Network', hidden: 'Hidden layers (neurons, e.g. 8-8)', activation: 'Hidden activation',
  loss: 'Loss', optimizer: 'Optimizer', learningRate: 'Learning rate η', batchSize: 'Batch size',
  weightDecay: 'Weight decay λ', seed: 'Seed', auto: 'auto',
  play: 'Play', pause: 'Pause', step: 'Step one batch', reset: 'Reset',
  running: 'training', paused: 'paused',
  epoch: 'Epoch', trainLoss: 'Train loss', testLoss: 'Test loss', trainAcc: 'Train accuracy', testAcc: 'Test accuracy',
  speed: 'samples/s', lossChart: 'Loss (solid: train, dashed: test)', accChart: 'Accuracy (solid: train, dashed: test)',
  surface: 'Decision surface (filled: train, ringed: test)', diagram: 'Network (edge width = |w|, blue +, orange −; fill = activation for the first test sample, or your drawing)',
  keys: 'Keys: Space play/pause · → or S step · R reset',
  sample: 'Sample', stepNext: 'Next', stepPrev: 'Back', stepRestart: 'Restart', stepApply: 'Keep the update',
  phaseStart: 'Ready: the input is set', phaseForward: 'Forward pass, layer', phaseLoss: 'Loss', phaseBackward: 'Backward pass, layer',
  phaseUpdate: 'Weight update', pick: 'Select a neuron or an edge on the diagram to see its formula.',
  neuron: 'Neuron', edge: 'Weight', bias: 'Bias', input: 'Input',
  forward: 'Forward pass', backward: 'Backward pass', chainRule: 'Chain rule', update: 'Weight update',
  weightedInput: 'weighted input', activationOut: 'activation', errorTotal: 'Total error', delta: 'error δ',
  target: 'target', lrShort: 'learning rate', stepLr: 'η (plain gradient descent)',
  draw: 'Draw a digit (mouse or finger)', clear: 'Clear', probabilities: 'Probabilities',
  needDigits: 'Choose the Digits dataset and train a little to recognise your drawing.',
  padLabel: 'Drawing pad: draw a digit from 0 to 9',
  loaded: 'Loaded', error: 'Error',
  evalOn: 'Figures measured on {train} of {trainAll} training and {test} of {testAll} test samples (evenly spaced).',
};

export const en: Language = { explain, page };
