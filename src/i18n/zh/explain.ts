/** Simplified Chinese: the words of the derivation (`bpnet explain`, the playground's step mode). */
import { fmt } from '../../explain/format.ts';
import { activations } from '../../core/activations.ts';
import { losses } from '../../core/losses.ts';
import { recordWords, type Words } from '../words.ts';
import { spaced } from './spacing.ts';

const steps = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ' ');

/** 多步训练的摘要与几段简短说明。 */
export const sections = {
  summaryTitle: (sizes: string, n: number) => `${sizes} 网络：训练 ${steps(n)} 步的起点与终点`,
  summaryStart: '起点（第一步之前）',
  summaryEnd: (n: number, order: string) => `${steps(n)} 步之后，${order}`,
  erratumTitle: '经典示例文章（000）的勘误',
  erratumIntro: (n: number) => `第一列是文章给出的迭代 ${steps(n)} 次后的数值；bpnet 对两种更新顺序分别计算：`,
  erratumHead: ['', '文中数值', '正确的反向传播', '顺序更新'],
  erratumReason:
    '文中的数值来自顺序更新：文章的代码在计算隐藏层误差项时使用了已经更新过的输出层权重。正确的反向传播' +
    '（所有误差项都用本步更新前的权重，偏置固定）得到中间一列。文章逐步推导中的中间数值都是正确的。',
  logisticTitle: 'Logistic 函数',
  logisticText:
    'σ(x) = 1 / (1 + e^(−x)) 称为 Logistic 函数（即 sigmoid），它把任意实数“挤压”到区间 (0, 1) 内：σ(0) = ½，' +
    'x → −∞ 时 σ(x) → 0，x → +∞ 时 σ(x) → 1。它的导数 σ′(x) = σ(x)·(1 − σ(x)) 在 x = 0 处最大，等于 ¼，' +
    '所以每经过一层 sigmoid，误差最多只传回四分之一。代入本网络的数值：',
  logisticProbability: (o: string, p: string) => `输出在 (0, 1) 之间，可以看作概率：${o} 表示 ${p} %。`,
  initTitle: '为什么权重要随机初始化',
  initText: (unit: string, twin: string) =>
    `如果两个隐藏层神经元的初始权重相同，它们的输出相同，得到的误差项 δ 和梯度也相同，每一步之后仍然相同：` +
    `整层就像只有一个神经元。用本网络演示：让 ${twin} 的输入和输出权重都等于 ${unit} 的，再走一步：`,
  initAfter: '更新之后它们仍然相等。',
  initRandom:
    '所以权重要初始化为打破对称性的小随机数：区间 [−ε, ε] 上的均匀分布（`bpnet init --init uniform`，ε 默认 0.12），' +
    '或正态分布 N(0, ε²)（`--init normal`，ε 默认 0.01，与文章 003 相同）。ε 可以用 `bpnet init` 和 `bpnet train` 的 ' +
    '`--init-scale ε` 设置。',
  erratumNote: (n: number) =>
    `经典示例文章给出迭代 ${steps(n)} 次后的总误差为 0.000035085，输出为 0.015912196 / 0.984065734；` +
    '正确的反向传播得到下表中的数值（文中的数值属于顺序更新）。用 `bpnet explain --example classic --steps 10000 --summary` ' +
    '可以重新计算。',
};

const raw: Words = {
  ...sections,
  lang: 'zh',
  colon: '：',
  comma: '，',
  semicolon: '；',
  open: '（',
  close: '）',
  title: (sizes) => `BP 神经网络反向传播手动推导：${sizes} 网络`,
  setup: (hidden, output, loss, order) =>
    `激活函数：隐藏层 ${hidden}，输出层 ${output}。损失函数：${loss}。更新顺序：${raw.orderName[order]}。`,
  setupOne: (output, loss) => `激活函数：${output}。损失函数：${loss}。`,
  learningRate: '学习率',
  sample: (i) => (i === null ? '训练样本' : `训练样本（第 ${i + 1} 个）`),
  inputs: '输入',
  targets: '目标值',
  notation:
    '记号：net 表示神经元的加权输入和（即 z），out 表示神经元的输出（a = g(net)），E 表示该样本的误差，' +
    'δ = ∂E/∂net（误差对加权输入的偏导数）表示神经元的误差项，w⁺ 表示 w 更新后的值。' +
    '术语：隐藏层（也称隐含层），权重（也称权值），学习率 η，偏导数 ∂，链式法则。',
  formulas: '通用公式',
  formulaLabels: {
    neuron: '神经元 j 的加权输入和输出',
    loss: '样本的误差（损失函数）',
    sigmoid: 'Sigmoid 激活函数',
    sigmoidDerivative: '其导数（商的求导法则，再用 σ 本身表示）',
    derivatives: '其他激活函数的导数',
    chain: '链式法则：误差对进入神经元 j 的权重 w_ji 的偏导数',
    outputDelta: '输出层神经元的误差项 δ',
    hiddenDelta: '隐藏层神经元的误差项 δ：对其所有输出连接求和',
    update: '偏导数（梯度）与梯度下降的权重更新',
    vectorized: '向量形式：反向传播的四个方程（⊙ 为逐元素乘积）',
  },
  step: (k, of) => (of > 1 ? `第 ${k} 步（共 ${of} 步）` : `第 ${k} 步`),
  optimizerIntro: (o, B, lambda) => {
    const rule = {
      sgd: `普通梯度下降（η = ${fmt(o.learningRate)}）`,
      momentum: `动量法（μ = ${fmt(o.momentum ?? 0)}，η = ${fmt(o.learningRate)}）：每个权重和偏置各有一个速度 v，初值为 0`,
      nesterov: `Nesterov 动量法（μ = ${fmt(o.momentum ?? 0)}，η = ${fmt(o.learningRate)}）：每个权重和偏置各有一个速度 v，初值为 0`,
      adam: `Adam（η = ${fmt(o.learningRate)}，β₁ = ${fmt(o.beta1 ?? 0)}，β₂ = ${fmt(o.beta2 ?? 0)}，ε = ${fmt(o.epsilon ?? 0)}）：` +
        '每个权重和偏置各有一阶矩 m 和二阶矩 s，初值为 0；t 为已走的步数',
    }[o.name];
    return `更新规则：${rule}。批大小 B = ${B}${lambda ? `，权重衰减 λ = ${fmt(lambda)}（偏置不衰减）` : ''}。`;
  },
  optimizerFormulas: '目标函数、它的梯度和更新规则：',
  batchIntro: (samples) => `本批样本：第 ${samples.join('、')} 个（从 1 开始计数）。先逐个样本计算前向传播和误差项，再对整批求平均梯度。`,
  sampleForward: (i, sample) => `样本 ${sample}（本批第 ${i} 个）：前向传播`,
  sampleBackward: (_i, sample) => `样本 ${sample}：误差与误差项 δ`,
  batchGradient: '整批的平均梯度与更新',
  afterForwardBatch: (sample) => `用更新后的权重重新进行前向传播（样本 ${sample} 的输出；J 为同一批上的目标函数）：`,
  forward: '前向传播',
  layerToLayer: (from, to) => `${from} → ${to}`,
  inputLayer: '输入层',
  hiddenLayer: (k) => (k === null ? '隐藏层' : `隐藏层 ${k}`),
  outputLayer: '输出层',
  error: '计算误差',
  backward: '反向传播',
  outputDeltas: '输出层：用链式法则求偏导，得到每个输出神经元的误差项 δ',
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
  lossName: recordWords(losses, 'zh'),
  activationName: recordWords(activations, 'zh'),
  orderShort: { simultaneous: '同时更新', sequential: '顺序更新' },
};

/** With the spacing of mixed Chinese and Latin text applied to every string. */
export const explain: Words = spaced(raw);
