/**
 * The words of the derivation in English and Simplified Chinese. Only words live here: every
 * number and formula is built once (derivation.ts) and shared by both languages, so the two
 * renderings always carry the same numbers.
 */
import type { ActivationName } from '../core/activations.ts';
import { LOSS_NAMES, losses, type LossName } from '../core/losses.ts';
import type { UpdateOrder } from '../core/train.ts';

/** A language of the explanations: English or Chinese. */
export type Lang = 'en' | 'zh';
/** Languages the explanations are written in. */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** The losses' names in one language, from their records. */
const lossWords = (lang: Lang): Record<LossName, string> =>
  Object.fromEntries(LOSS_NAMES.map((l) => [l, losses[l].words[lang]])) as Record<LossName, string>;

/** "zh" for a Chinese locale string (zh_CN.UTF-8, zh-TW…), else "en". */
export function langFromLocale(locale: string | undefined): Lang {
  return locale && /^zh\b|^zh[_-]/i.test(locale) ? 'zh' : 'en';
}

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
  fused(activation: ActivationName, loss: string): string;
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
  lossName: Record<LossName, string>;
}

const en: Words = {
  lang: 'en',
  colon: ': ',
  comma: ', ',
  semicolon: '; ',
  open: '(',
  close: ')',
  title: (sizes) => `Backpropagation by hand: the ${sizes} network`,
  setup: (hidden, output, loss, order) =>
    `Activations: ${hidden} (hidden), ${output} (output). Loss: ${loss}. Update order: ${en.orderName[order]}.`,
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
  lossName: lossWords('en'),
};

const zh: Words = {
  lang: 'zh',
  colon: '：',
  comma: '，',
  semicolon: '；',
  open: '（',
  close: '）',
  title: (sizes) => `BP 神经网络反向传播手动推导：${sizes} 网络`,
  setup: (hidden, output, loss, order) =>
    `激活函数：隐藏层 ${hidden}，输出层 ${output}。损失函数：${loss}。更新顺序：${zh.orderName[order]}。`,
  setupOne: (output, loss) => `激活函数：${output}。损失函数：${loss}。`,
  learningRate: '学习率',
  sample: (i) => (i === null ? '训练样本' : `训练样本（第 ${i} 行）`),
  inputs: '输入',
  targets: '目标值',
  notation:
    '记号：net 表示神经元的加权输入和（即 z），out 表示神经元的输出（a = g(net)），E 表示该样本的误差，' +
    'δ = ∂E/∂net 表示神经元的误差项，w⁺ 表示 w 更新后的值。',
  formulas: '通用公式',
  formulaLabels: {
    neuron: '神经元 j 的加权输入和输出',
    loss: '样本的误差（损失函数）',
    sigmoid: 'Sigmoid 激活函数',
    sigmoidDerivative: '其导数（商的求导法则，再用 σ 本身表示）',
    derivatives: '其他激活函数的导数',
    chain: '链式法则：进入神经元 j 的权重 w_ji',
    outputDelta: '输出层神经元的误差项 δ',
    hiddenDelta: '隐藏层神经元的误差项 δ：对其所有输出连接求和',
    update: '梯度与梯度下降的权重更新',
    vectorized: '向量形式：反向传播的四个方程（⊙ 为逐元素乘积）',
  },
  step: (k, of) => (of > 1 ? `第 ${k} 步（共 ${of} 步）` : `第 ${k} 步`),
  forward: '前向传播',
  layerToLayer: (from, to) => `${from} → ${to}`,
  inputLayer: '输入层',
  hiddenLayer: (k) => (k === null ? '隐藏层' : `隐藏层 ${k}`),
  outputLayer: '输出层',
  error: '计算误差',
  backward: '反向传播',
  outputDeltas: '输出层：用链式法则计算每个输出神经元的误差项 δ',
  hiddenDeltas: (layer, above) => `${layer}：每个神经元的误差是它连向${above}的所有权重路径之和`,
  weightUpdates: (from, to) => `${from} → ${to}的权重更新`,
  fused: (activation, loss) => `输出层为 ${activation}、损失函数为 ${loss} 时，两个因子合并为：δ = out − target。`,
  softmaxJacobian: 'Softmax 使各输出相互耦合：δ_j = out_j·(∂E/∂out_j − S)，其中 S = Σ_k ∂E/∂out_k·out_k。',
  biasFixed: '本例中固定不变（不参与训练）的偏置：',
  simultaneousAfterLayer: (names) => `这些新值要等整个反向传播结束后才写入：下面计算误差项 δ 时仍使用原来的 ${names}。`,
  sequentialAfterLayer: (names) => `顺序更新：${names} 现在就被替换为新值，因此下面的误差项 δ 使用的是已更新的权重。`,
  after: '更新之后',
  afterForward: '用更新后的权重重新进行前向传播：',
  before: '更新前',
  outputsAfter: '输出',
  notes: '说明',
  noteSimultaneous:
    '这是正确的反向传播：所有误差项 δ 都使用本步更新前的权重。如果每一层在误差继续向下传播之前就先更新' +
    '（“顺序更新”），更新后的误差将是：',
  noteSequential:
    '本推导使用“顺序更新”：每一层在误差继续向下传播之前就已更新，因此隐藏层的误差项 δ 使用了已更新的权重。' +
    '这不是正确的反向传播；正确的反向传播得到：',
  notePublishedSimultaneous:
    '为什么广为流传的 0.291027924 与此不同：经典教程把第一次迭代后的总误差写作 0.291027924。' +
    '它的代码在计算隐藏层误差项时使用了已经更新过的输出层权重 w5⁺…w8⁺，即上面“顺序更新”的结果' +
    '（见 `bpnet explain --example classic --update-order sequential`）。教程中逐步推导的中间数值都是正确的，' +
    '只有这个最终误差（以及迭代 10 000 次后的数值）来自顺序更新。',
  notePublishedSequential:
    '这正是经典教程给出的 0.291027924：它的代码在计算隐藏层误差项之前就更新了 w5…w8。正确的反向传播得到上面的数值。',
  noteErrataLinear: (w) =>
    `单隐藏神经元示例文章的勘误：文中输出层权重（文中记作 w5）的梯度为 −0.033，新权重为 0.4033。输出层是线性的，` +
    `∂out/∂net = 1，梯度应为 ∂E/∂${w} = (out − target)·out_h1，不含 sigmoid 的导数。正确数值（η = 0.1）：`,
  matrix: (n) => `矩阵形式：共 ${n} 个权重，逐个列出太多，下面按层给出摘要。`,
  matrixForward: '前向传播',
  matrixBackward: '反向传播',
  matrixLayer: (l, i, u, a, output) => `第 ${l} 层（${i} → ${u}，${a}${output ? '，输出层' : ''}）`,
  matrixSamples: '跟踪几个权重的更新',
  quantity: '量',
  shape: '形状',
  norm: '范数',
  min: '最小值',
  max: '最大值',
  biasesFixed: '偏置固定',
  orderName: { simultaneous: '同时更新（正确的反向传播）', sequential: '顺序更新（每层先更新再计算下一层的 δ）' },
  lossName: lossWords('zh'),
};

export const WORDS: Record<Lang, Words> = { en, zh };
