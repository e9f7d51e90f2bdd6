/** The keys of the playground page's strings (one per element or message). */
export const PAGE_KEYS = [
  'title', 'tagline', 'language', 'tabTrain', 'tabStep', 'tabDigits', 'data', 'dataset', 'xor',
  'circle', 'gaussians', 'spiral', 'digits', 'classic', 'file', 'noise', 'trainFraction',
  'samples', 'loadFile', 'dropHint', 'network', 'hidden', 'activation', 'loss', 'optimizer',
  'learningRate', 'batchSize', 'weightDecay', 'seed', 'auto', 'play', 'pause', 'step', 'reset',
  'running', 'paused', 'epoch', 'trainLoss', 'testLoss', 'trainAcc', 'testAcc', 'speed',
  'lossChart', 'accChart', 'surface', 'diagram', 'keys', 'sample', 'stepNext', 'stepPrev',
  'stepRestart', 'stepApply', 'phaseStart', 'phaseForward', 'phaseLoss', 'phaseBackward',
  'phaseUpdate', 'pick', 'neuron', 'edge', 'bias', 'input', 'forward', 'backward', 'chainRule',
  'update', 'weightedInput', 'activationOut', 'errorTotal', 'delta', 'target', 'lrShort', 'stepLr',
  'draw', 'clear', 'probabilities', 'needDigits', 'padLabel', 'loaded', 'error', 'evalOn',
  // The playground v2 (web helper).
  'plane', 'gaussian', 'features', 'modelInUse', 'dropModel', 'regularization', 'l2', 'l1', 'downloadModel',
  'downloadData', 'speedControl', 'slow', 'normal', 'fast', 'kernel', 'showTest', 'discretize', 'neurons',
  'stepKeys', 'addLayer', 'removeLayer', 'layers', 'fewerNeurons', 'moreNeurons', 'ignored',
  // Step mode (explain helper).
  'stepOrder', 'orderSimultaneous', 'orderSequential', 'stepSettings', 'stepBatch', 'stepL1', 'stepRestartState',
  'gradientBatch', 'optimizerUpdate', 'erratumOne', 'erratumLong', 'fusedRule',
] as const;

/** One key of the page's strings. */
export type PageKey = (typeof PAGE_KEYS)[number];
