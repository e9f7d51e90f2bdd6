/**
 * Every public function checks its arguments: ~100 bad calls, each must throw a BpnetError whose
 * message names the argument — never a TypeError or RangeError from inside, never a silent NaN.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BpnetError, buildSpec, courseDataset, createDataset, createOptimizer, evaluate, getKernel, gradientCheck, idxDataset,
  Network, networkFromJSON, networkToJSON, parseCSV, parseDatasetJSON, parseDigitsCSV, parseIdx, parseLayerSizes, predict,
  readMat, train, Trainer, type Dataset,
} from '../src/index.ts';

const net = () => Network.create({ inputs: 2, layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' });
const data = createDataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
const spec = (patch: Record<string, unknown> = {}) => ({ inputs: 2, layers: [{ units: 2, activation: 'tanh' }], loss: 'mse', ...patch });
const layer = (patch: Record<string, unknown> = {}) => ({ units: 2, activation: 'tanh', ...patch });
const modelJson = () => networkToJSON(net()) as unknown as Record<string, unknown>;
const withData = (patch: Partial<Record<keyof Dataset, unknown>>) => ({ ...data, ...patch }) as unknown as Dataset;
const trainWith = (options: Record<string, unknown>) => () => train(net(), data, options as never);
const any = (v: unknown) => v as never;

// [what, call, pattern the message must match (the argument's name)]
const cases: [string, () => unknown, RegExp][] = [
  // Network.create: the spec
  ['create(undefined)', () => Network.create(any(undefined)), /^spec: expected a network spec/],
  ['create(null)', () => Network.create(any(null)), /^spec:/],
  ['create([])', () => Network.create(any([])), /^spec:/],
  ['create("2-2-1")', () => Network.create(any('2-2-1')), /^spec:/],
  ['inputs missing', () => Network.create(any(spec({ inputs: undefined }))), /^spec\.inputs: must be a positive integer/],
  ['inputs -2', () => Network.create(any(spec({ inputs: -2 }))), /^spec\.inputs:.*-2/],
  ['inputs 1.5', () => Network.create(any(spec({ inputs: 1.5 }))), /^spec\.inputs:.*1\.5/],
  ['inputs 0', () => Network.create(any(spec({ inputs: 0 }))), /^spec\.inputs/],
  ['inputs NaN', () => Network.create(any(spec({ inputs: NaN }))), /^spec\.inputs/],
  ['inputs "2"', () => Network.create(any(spec({ inputs: '2' }))), /^spec\.inputs/],
  ['inputs Infinity', () => Network.create(any(spec({ inputs: Infinity }))), /^spec\.inputs/],
  ['layers missing', () => Network.create(any(spec({ layers: undefined }))), /^spec\.layers/],
  ['layers empty', () => Network.create(any(spec({ layers: [] }))), /^spec\.layers/],
  ['layer null', () => Network.create(any(spec({ layers: [null] }))), /^spec\.layers\[0\]/],
  ['units 1.5', () => Network.create(any(spec({ layers: [layer({ units: 1.5 })] }))), /^spec\.layers\[0\]\.units/],
  ['units 0', () => Network.create(any(spec({ layers: [layer({ units: 0 })] }))), /^spec\.layers\[0\]\.units/],
  ['units 2^31', () => Network.create(any(spec({ layers: [layer({ units: 2 ** 31 })] }))), /^spec: the weights need 26 GB, more than the memory limit of 4\.3 GB/],
  ['units 1e8 × 1e8', () => Network.create(any(spec({ inputs: 1e8, layers: [layer({ units: 1e8 })] }))), /^spec: the weights need/],
  ['activation toString', () => Network.create(any(spec({ layers: [layer({ activation: 'toString' })] }))), /^spec\.layers\[0\]\.activation: unknown activation "toString" \(expected one of: sigmoid/],
  ['activation __proto__', () => Network.create(any(spec({ layers: [layer({ activation: '__proto__' })] }))), /^spec\.layers\[0\]\.activation/],
  ['activation constructor', () => Network.create(any(spec({ layers: [layer({ activation: 'constructor' })] }))), /^spec\.layers\[0\]\.activation/],
  ['activation hasOwnProperty', () => Network.create(any(spec({ layers: [layer({ activation: 'hasOwnProperty' })] }))), /^spec\.layers\[0\]\.activation/],
  ['activation undefined', () => Network.create(any(spec({ layers: [layer({ activation: undefined })] }))), /^spec\.layers\[0\]\.activation/],
  ['trainBias "no"', () => Network.create(any(spec({ layers: [layer({ trainBias: 'no' })] }))), /^spec\.layers\[0\]\.trainBias/],
  ['loss toString', () => Network.create(any(spec({ loss: 'toString' }))), /^spec\.loss: unknown loss "toString" \(expected one of: mse/],
  ['loss __proto__', () => Network.create(any(spec({ loss: '__proto__' }))), /^spec\.loss/],
  ['loss valueOf', () => Network.create(any(spec({ loss: 'valueOf' }))), /^spec\.loss/],
  ['loss missing', () => Network.create(any(spec({ loss: undefined }))), /^spec\.loss/],
  ['options null', () => Network.create(any(spec()), any(null)), /^options: expected an options object/],
  ['seed 1.5', () => Network.create(any(spec()), { seed: 1.5 }), /^options\.seed/],
  ['seed "1"', () => Network.create(any(spec()), any({ seed: '1' })), /^options\.seed/],
  ['init bogus', () => Network.create(any(spec()), any({ init: 'bogus' })), /^options\.init: unknown init rule "bogus" \(expected one of: auto/],
  ['init toString', () => Network.create(any(spec()), any({ init: 'toString' })), /^options\.init/],
  ['epsilon 0', () => Network.create(any(spec()), { epsilon: 0 }), /^options\.epsilon/],
  ['epsilon -1', () => Network.create(any(spec()), { epsilon: -1 }), /^options\.epsilon/],
  ['kernel {}', () => Network.create(any(spec()), any({ kernel: {} })), /^options\.kernel/],
  ['maxMemory -1', () => Network.create(any(spec()), { maxMemory: -1 }), /^options\.maxMemory/],
  ['maxMemory too small', () => Network.create(any(spec()), { maxMemory: 10 }), /^spec: the weights need 48 bytes, more than the memory limit of 10 bytes/],
  // the Network constructor
  ['new Network activation toString', () => new Network([{ ...net().layers[0]!, activation: any('toString') }], 'mse'), /^layers\[0\]\.activation: unknown activation "toString"/],
  ['new Network short weights', () => new Network([{ ...net().layers[0]!, weights: new Float64Array(1) }], 'mse'), /^layers\[0\]\.weights: expected 4 weights/],
  ['new Network loss __proto__', () => new Network(net().layers, any('__proto__')), /^loss: unknown loss/],
  // networkFromJSON
  ['fromJSON(undefined)', () => networkFromJSON(undefined), /^model: \(top level\): expected a JSON object/],
  ['fromJSON(source 5)', () => networkFromJSON(modelJson(), any(5)), /^source:/],
  ['fromJSON(kernel {gemm})', () => networkFromJSON(modelJson(), 'm', any({ gemm: 1 })), /^kernel:/],
  ['fromJSON(options 5)', () => networkFromJSON(modelJson(), 'm', any(5)), /^kernel:/],
  ['fromJSON loss toString', () => networkFromJSON({ ...modelJson(), loss: 'toString' }, 'm'), /^m: loss: expected one of mse/],
  ['fromJSON activation constructor', () => networkFromJSON({ ...modelJson(), layers: [{ ...(modelJson().layers as object[])[0], activation: 'constructor' }] }, 'm'), /^m: layers\[0\]\.activation: unknown activation "constructor"/],
  ['fromJSON units 2^31', () => networkFromJSON({ ...modelJson(), layers: [{ ...(modelJson().layers as object[])[0], units: 2 ** 31 }] }, 'm'), /^m: layers\[0\]\.weights: expected 2147483648 rows/],
  ['fromJSON deep extra', () => networkFromJSON({ ...modelJson(), note: deep(10000) }, 'm'), /^m: \(top level\): nested more than 64 levels deep/],
  ['fromJSON long format', () => networkFromJSON({ ...modelJson(), format: 'x'.repeat(2_000_000) }, 'm'), /^m: format: expected "bpnet-model", got "x{70,80}…"$/],
  // train and Trainer
  ['train(undefined net)', () => train(any(undefined), data), /^net: expected a Network/],
  ['train({} as net)', () => train(any({}), data), /^net:/],
  ['train(net, undefined)', () => train(net(), any(undefined)), /^data: expected a dataset/],
  ['train(net, [])', () => train(net(), any([])), /^data:/],
  ['train empty data', () => train(net(), withData({ size: 0, inputs: new Float64Array(0), targets: new Float64Array(0) })), /^data: is empty/],
  ['train data size 2.5', () => train(net(), withData({ size: 2.5 })), /^data\.size/],
  ['train data short inputs', () => train(net(), withData({ inputs: new Float64Array(3) })), /^data\.inputs: has 3 numbers, expected/],
  ['train data NaN', () => train(net(), withData({ inputs: Float64Array.from([0, NaN, 0, 1, 1, 0, 1, 1]) })), /^data\.inputs: row 0, column 1 is NaN/],
  ['train data number[]', () => train(net(), withData({ inputs: [0, 0, 0, 1, 1, 0, 1, 1] })), /^data\.inputs: expected a Float64Array/],
  ['train mismatched data', () => train(net(), createDataset([[1, 2, 3]], [[1]])), /^data: data has 3 inputs but the model expects 2/],
  ['train options null', () => train(net(), data, any(null)), /^options: expected an options object/],
  ['optimizer bogus', trainWith({ optimizer: 'bogus' }), /^optimizer: unknown optimizer "bogus" \(expected one of: sgd, momentum, nesterov, adam\)/],
  ['optimizer toString', trainWith({ optimizer: 'toString' }), /^optimizer:/],
  ['learningRate -1', trainWith({ learningRate: -1 }), /^learningRate: must be a positive number, got -1/],
  ['learningRate 0', trainWith({ learningRate: 0 }), /^learningRate/],
  ['learningRate NaN', trainWith({ learningRate: NaN }), /^learningRate/],
  ['learningRate "0.1"', trainWith({ learningRate: '0.1' }), /^learningRate/],
  ['batchSize 0', trainWith({ batchSize: 0 }), /^batchSize/],
  ['batchSize 1.5', trainWith({ batchSize: 1.5 }), /^batchSize/],
  ['epochs -1', trainWith({ epochs: -1 }), /^epochs/],
  ['epochs 2.5', trainWith({ epochs: 2.5 }), /^epochs/],
  ['weightDecay -1', trainWith({ weightDecay: -1 }), /^weightDecay/],
  ['momentum 1', trainWith({ optimizer: 'momentum', momentum: 1 }), /^momentum: must be a number in \[0, 1\)/],
  ['momentum -0.5', trainWith({ momentum: -0.5 }), /^momentum/],
  ['beta1 5', trainWith({ optimizer: 'adam', beta1: 5 }), /^beta1: must be a number in \[0, 1\), got 5/],
  ['beta1 1', trainWith({ optimizer: 'adam', beta1: 1 }), /^beta1/],
  ['beta2 -0.1', trainWith({ optimizer: 'adam', beta2: -0.1 }), /^beta2/],
  ['beta2 1', trainWith({ optimizer: 'adam', beta2: 1 }), /^beta2/],
  ['epsilon -1', trainWith({ optimizer: 'adam', epsilon: -1 }), /^epsilon: must be a positive number, got -1/],
  ['epsilon 0', trainWith({ optimizer: 'adam', epsilon: 0 }), /^epsilon/],
  ['seed 0.5', trainWith({ seed: 0.5 }), /^seed/],
  ['shuffle "yes"', trainWith({ shuffle: 'yes' }), /^shuffle/],
  ['validationSplit 1', trainWith({ validationSplit: 1 }), /^validationSplit/],
  ['validationData {}', trainWith({ validationData: {} }), /^validationData/],
  ['patience 0', trainWith({ patience: 0 }), /^patience/],
  ['targetLoss -1', trainWith({ targetLoss: -1 }), /^targetLoss/],
  ['schedule bogus', trainWith({ schedule: { type: 'bogus' } }), /^schedule\.type/],
  ['schedule step every 0', trainWith({ schedule: { type: 'step', every: 0, factor: 0.5 } }), /^schedule\.every/],
  ['schedule factor missing', trainWith({ schedule: { type: 'exponential' } }), /^schedule\.factor/],
  ['updateOrder bogus', trainWith({ updateOrder: 'backwards' }), /^updateOrder/],
  ['signal {}', trainWith({ signal: {} }), /^signal: must be an AbortSignal/],
  ['onEpoch 5', trainWith({ onEpoch: 5 }), /^onEpoch: must be a function/],
  ['augment "shift"', trainWith({ augment: 'shift' }), /^augment/],
  ['maxMemory tiny', trainWith({ maxMemory: 100 }), /^options: training \(gradients, optimizer memory, one batch\) needs 3\.9 kB, more than the memory limit of 100 bytes/],
  ['resume {}', trainWith({ resume: {} }), /^resume\.epoch/],
  ['resume order not a permutation', trainWith({ resume: { epoch: 1, rng: [1, 2, 3, 4, null], order: [0, 0, 1, 2], optimizer: { name: 'sgd', t: 0, buffers: {} } } }), /^resume\.order\[1\]: sample 0 appears twice/],
  ['resume rng all zero', trainWith({ resume: { epoch: 1, rng: [0, 0, 0, 0, null], order: [0, 1, 2, 3], optimizer: { name: 'sgd', t: 0, buffers: {} } } }), /^resume\.rng: all four state words are 0/],
  ['Trainer(undefined)', () => new Trainer(any(undefined), data), /^net:/],
  ['Trainer bad options', () => new Trainer(net(), data, any({ batchSize: -1 })), /^batchSize/],
  // evaluate and predict
  ['evaluate(undefined)', () => evaluate(any(undefined), data), /^net:/],
  ['evaluate empty data', () => evaluate(net(), withData({ size: 0, inputs: new Float64Array(0), targets: new Float64Array(0) })), /^data: is empty/],
  ['evaluate mismatched data', () => evaluate(net(), createDataset([[1, 2, 3]], [[1]])), /^data: data has 3 inputs but the model expects 2/],
  ['evaluate weightDecay -1', () => evaluate(net(), data, { weightDecay: -1 }), /^weightDecay/],
  ['predict too few inputs', () => predict(net(), [1], 1), /^inputs: expected 1 rows × 2 inputs = 2 numbers, got 1/],
  ['predict rows 1.5', () => predict(net(), [1, 2], 1.5), /^rows/],
  ['predict rows -1', () => predict(net(), [1, 2], -1), /^rows/],
  ['predict inputs undefined', () => predict(net(), any(undefined), 1), /^inputs/],
  ['predict NaN input', () => predict(net(), [1, NaN], 1), /^inputs\[1\]: expected a finite number \(row 0, input 1\), got NaN/],
  ['predict net {}', () => predict(any({}), [1, 2], 1), /^net:/],
  // createOptimizer
  ['createOptimizer bogus', () => createOptimizer(any('bogus')), /^optimizer: unknown optimizer "bogus"/],
  ['createOptimizer undefined', () => createOptimizer(any(undefined)), /^optimizer:/],
  ['createOptimizer __proto__', () => createOptimizer(any('__proto__')), /^optimizer:/],
  ['createOptimizer beta1 5', () => createOptimizer('adam', { beta1: 5 }), /^beta1/],
  ['createOptimizer epsilon -1', () => createOptimizer('adam', { epsilon: -1 }), /^epsilon/],
  ['createOptimizer options 5', () => createOptimizer('sgd', any(5)), /^options/],
  // gradientCheck
  ['gradientCheck step 0', () => gradientCheck(net(), data, { step: 0 }), /^step: must be a positive number, got 0/],
  ['gradientCheck step NaN', () => gradientCheck(net(), data, { step: NaN }), /^step/],
  ['gradientCheck floor -1', () => gradientCheck(net(), data, { floor: -1 }), /^floor/],
  ['gradientCheck weightDecay -1', () => gradientCheck(net(), data, { weightDecay: -1 }), /^weightDecay/],
  ['gradientCheck data undefined', () => gradientCheck(net(), any(undefined)), /^data/],
  // createDataset and the parsers
  ['createDataset(undefined)', () => createDataset(any(undefined), [[1]]), /^data: inputs: expected a non-empty array/],
  ['createDataset([])', () => createDataset([], []), /^data: inputs/],
  ['createDataset ragged', () => createDataset([[1, 2], [3]], [[1], [0]]), /^data: inputs\[1\]: expected 2 numbers, got 1/],
  ['createDataset NaN', () => createDataset([[1, NaN]], [[1]]), /^data: inputs\[0\]\[1\]: expected a finite number, got NaN/],
  ['createDataset string cell', () => createDataset([[1, any('2')]], [[1]]), /^data: inputs\[0\]\[1\]: expected a finite number, got "2"/],
  ['createDataset targets mismatch', () => createDataset([[1]], [[1], [2]]), /^data: targets: has 2 rows/],
  ['createDataset source 5', () => createDataset([[1]], [[1]], any(5)), /^source/],
  ['parseCSV(undefined)', () => parseCSV(any(undefined)), /^text: expected the file's text/],
  ['parseCSV(Buffer)', () => parseCSV(any(new Uint8Array(3))), /^text/],
  ['parseDigitsCSV(5)', () => parseDigitsCSV(any(5)), /^text/],
  ['parseDatasetJSON(undefined)', () => parseDatasetJSON(undefined, 'd'), /^d: expected a JSON object/],
  ['parseDatasetJSON deep', () => parseDatasetJSON({ inputs: deep(5000), targets: [] }, 'd'), /^d: nested more than 64 levels deep/],
  ['parseIdx("x")', () => parseIdx(any('x')), /^bytes/],
  ['readMat(undefined)', () => readMat(any(undefined)), /^bytes/],
  ['idxDataset bad dims', () => idxDataset({ dims: [2], data: new Uint8Array(2) }, { dims: [2], data: new Uint8Array(2) }, 'i', 'l'), /^i: expected images/],
  ['courseDataset no X', () => courseDataset([], 'c.mat'), /^c\.mat: no variable "X"/],
  ['buildSpec(undefined)', () => buildSpec(any(undefined)), /^sizes/],
  ['buildSpec([2, 0])', () => buildSpec([2, 0]), /^sizes\[1\]/],
  ['buildSpec activation toString', () => buildSpec([2, 2], any({ activation: 'toString' })), /^options\.activation: unknown activation "toString"/],
  ['buildSpec loss constructor', () => buildSpec([2, 2], any({ loss: 'constructor' })), /^options\.loss/],
  ['parseLayerSizes(5)', () => parseLayerSizes(any(5)), /^layers: expected sizes/],
  ['getKernel bogus', () => getKernel('bogus'), /^backend: unknown backend "bogus"/],
];

function deep(n: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

test(`${cases.length} bad library calls: each a BpnetError naming the argument, no TypeError or RangeError`, async () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
  const failures: string[] = [];
  for (const [what, call, pattern] of cases) {
    try {
      await call();
      failures.push(`${what}: accepted`);
    } catch (e) {
      if (!(e instanceof BpnetError)) failures.push(`${what}: ${(e as Error).name}: ${(e as Error).message}`);
      else if (!pattern.test(e.message)) failures.push(`${what}: message "${e.message}" does not match ${pattern}`);
      else if (e.message.includes('\n') || e.message.length > 600) failures.push(`${what}: message not one short line`);
    }
  }
  assert.deepEqual(failures, []);
});
