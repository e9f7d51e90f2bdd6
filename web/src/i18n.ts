/**
 * English and Simplified Chinese wording of the page. Elements carry data-i18n="key" (text) or
 * data-i18n-label="key" (aria-label); `setLanguage` rewrites them all and remembers the choice.
 */
export type Lang = 'en' | 'zh';

const en = {
  title: 'bpnet playground',
  tagline: 'Train a network, watch it learn, and step through backpropagation number by number.',
  language: 'Language',
  tabTrain: 'Train',
  tabStep: 'Step through backprop',
  tabDigits: 'Draw a digit',
  data: 'Data',
  dataset: 'Dataset',
  xor: 'XOR', circle: 'Circle', gaussians: 'Two Gaussians', spiral: 'Spiral',
  digits: 'Digits (MNIST)', classic: 'Classic 2-2-2', file: 'Loaded file',
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
  keys: 'Keys: Space play/pause · → or S one batch · R reset',
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
  plane: 'Plane (regression)', gaussian: 'Gaussian (regression)', features: 'Features',
  modelInUse: 'Model in use', dropModel: 'Drop the model', regularization: 'Regularization', l2: 'L2 (weight decay)', l1: 'L1',
  downloadModel: 'Download model', downloadData: 'Download data (CSV)',
  speedControl: 'Speed', slow: 'slow', normal: 'normal', fast: 'fast', kernel: 'Kernel',
  showTest: 'Show test data', discretize: 'Discretize output', neurons: 'Hidden neurons over the plane (each one\'s output)',
  stepKeys: 'Keys: Space or → next · ← back',
  addLayer: 'Add a hidden layer', removeLayer: 'Remove the last hidden layer', layers: 'hidden layers',
  fewerNeurons: 'One neuron fewer in layer', moreNeurons: 'One neuron more in layer',
  ignored: 'Not understood in the link (defaults used)',
};

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  title: 'bpnet 演练场',
  tagline: '训练一个网络，看它如何学习，并逐个数字地走完反向传播。',
  language: '语言',
  tabTrain: '训练',
  tabStep: '逐步反向传播',
  tabDigits: '手写数字',
  data: '数据',
  dataset: '数据集',
  xor: '异或 XOR', circle: '圆形', gaussians: '两个高斯分布', spiral: '螺旋',
  digits: '手写数字（MNIST）', classic: '经典 2-2-2 示例', file: '已加载的文件',
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
  keys: '快捷键：空格 开始/暂停 · → 或 S 训练一批 · R 重置',
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
  plane: '平面（回归）', gaussian: '高斯（回归）', features: '输入特征',
  modelInUse: '正在使用的模型', dropModel: '移除模型', regularization: '正则化', l2: 'L2（权重衰减）', l1: 'L1',
  downloadModel: '下载模型', downloadData: '下载数据（CSV）',
  speedControl: '速度', slow: '慢', normal: '正常', fast: '快', kernel: '计算内核',
  showTest: '显示测试数据', discretize: '离散化输出', neurons: '隐藏神经元在平面上的输出',
  stepKeys: '快捷键：空格或 → 下一步 · ← 上一步',
  addLayer: '增加一个隐藏层', removeLayer: '删除最后一个隐藏层', layers: '个隐藏层',
  fewerNeurons: '减少一个神经元：第', moreNeurons: '增加一个神经元：第',
  ignored: '链接中无法识别的参数（已使用默认值）',
};

const dictionaries: Record<Lang, Record<Key, string>> = { en, zh };
let current: Lang = 'en';
const listeners: (() => void)[] = [];

export function t(key: Key): string {
  return dictionaries[current][key];
}

export function lang(): Lang {
  return current;
}

/** Layer phrases differ in word order: "layer 2" / "第 2 层". */
export function layerPhrase(key: 'phaseForward' | 'phaseBackward', layer: number): string {
  return current === 'zh' ? `${t(key)} ${layer} 层` : `${t(key)} ${layer}`;
}

export function layerName(layer: number): string {
  return current === 'zh' ? `第 ${layer} 层` : `Layer ${layer}`;
}

export function onLanguageChange(f: () => void): void {
  listeners.push(f);
}

export function setLanguage(next: Lang, root: ParentNode = document): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n as Key); });
  root.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel as Key)));
  try { localStorage.setItem('bpnet-lang', next); } catch { /* private mode: not remembered */ }
  listeners.forEach((f) => f());
}

/** The remembered choice, else the browser's language. */
export function initialLanguage(): Lang {
  let saved: string | null = null;
  try { saved = localStorage.getItem('bpnet-lang'); } catch { /* ignore */ }
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
