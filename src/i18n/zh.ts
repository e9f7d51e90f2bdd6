/** Simplified Chinese: the explainer's words and the playground page's strings. */
import type { PageKey } from './page-keys.ts';
import type { Language, Words } from './words.ts';

const explain: Words = {
  lang: 'zh',
  colon: '：',
  comma: '，',
  semicolon: '；',
  open: '（',
  close: '）',
  title: (sizes) => `BP 神经网络反向传播手动推导：${sizes} 网络`,
  setup: (hidden, output, loss, order) =>
    `激活函数：隐藏层 ${hidden}，输出层 ${output}。损失函数：${loss}。更新顺序：${explain.orderName[order]}。`,
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
  lossName: { mse: '均方误差（mse）', 'binary-cross-entropy': '二元交叉熵', 'cross-entropy': '交叉熵' },
};

const page: Record<PageKey, string> = {
  title: 'bpnet 演练场',
  tagline: '训练一个网络，看它如何学习，并逐个数字地走完反向传播。',
  language: '语言',
  tabTrain: '训练',
  tabStep: '逐步反向传播',
  tabDigits: '手写数字',
  data: '数据',
  dataset: '数据集',
  xor: '异或 XOR', circle: '圆形', gaussians: '两个高斯分布', spiral: '螺旋',
  digits: '手写数字（MNIST 样本）', classic: '经典 2-2-2 示例', file: '已加载的文件',
  noise: '噪声', trainFraction: '训练集比例', samples: '样本数',
  loadFile: '加载模型或数据集（.json、.csv）', dropHint: '或把文件拖放到页面任意位置',
  network: '网络', hidden: '隐藏层（每层神经元数，如 8-8）', activation: '隐藏层激活函数',
  loss: '损失函数', optimizer: '优化器', learningRate: '学习率 η', batchSize: '批大小',
  weightDecay: '权重衰减 λ', seed: '随机种子', auto: '自动',
  play: '开始训练', pause: '暂停', step: '训练一批', reset: '重置',
  running: '训练中', paused: '已暂停',
  epoch: '轮次', trainLoss: '训练损失', testLoss: '测试损失', trainAcc: '训练准确率', testAcc: '测试准确率',
  speed: '样本/秒', lossChart: '损失（实线：训练集，虚线：测试集）', accChart: '准确率（实线：训练集，虚线：测试集）',
  surface: '决策面（实心：训练集，空心：测试集）', diagram: '网络（边宽 = |w|，蓝色为正，橙色为负；填充 = 第一个测试样本（或你画的数字）的激活值）',
  keys: '快捷键：空格 开始/暂停 · → 或 S 单步 · R 重置',
  sample: '样本', stepNext: '下一步', stepPrev: '上一步', stepRestart: '从头开始', stepApply: '保留这次更新',
  phaseStart: '就绪：已设置输入', phaseForward: '前向传播，第', phaseLoss: '误差', phaseBackward: '反向传播，第',
  phaseUpdate: '权重更新', pick: '在图上选择一个神经元或一条边，查看它的公式和数值。',
  neuron: '神经元', edge: '权重', bias: '偏置', input: '输入',
  forward: '前向传播', backward: '反向传播', chainRule: '链式法则', update: '权重更新',
  weightedInput: '加权输入', activationOut: '激活值', errorTotal: '总误差', delta: '误差项 δ',
  target: '目标值', lrShort: '学习率', stepLr: 'η（普通梯度下降）',
  draw: '画一个数字（鼠标或手指）', clear: '清除', probabilities: '概率',
  needDigits: '选择“手写数字”数据集并训练一会儿，网络才能认出你画的数字。',
  padLabel: '画板：画一个 0 到 9 的数字',
  loaded: '已加载', error: '错误',
  evalOn: '指标基于 {train}/{trainAll} 个训练样本和 {test}/{testAll} 个测试样本（等间隔抽取）。',
};

export const zh: Language = { explain, page };
