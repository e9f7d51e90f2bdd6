/**
 * The model-level API: predict / predictClass with shape checks, evaluate, fit, toJSON/fromJSON,
 * classLabels and inputTransform — numbers checked against independent computations.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BpnetError, createDataset, fitInputTransform, Network as BrowserNetwork, networkToJSON, predict, type NetworkSpec,
} from '../src/index.ts';
import { Network, networkFromJSON } from '../src/node.ts';

const SPEC: NetworkSpec = { inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }], loss: 'cross-entropy' };

/** The forward pass by hand, in float64, from the model file's nested arrays. */
function byHand(json: ReturnType<typeof networkToJSON>, x: number[]): number[] {
  let a = x;
  for (const l of json.layers) {
    const z = l.weights.map((row, j) => row.reduce((s, w, i) => s + w * a[i]!, l.bias[j]!));
    if (l.activation === 'tanh') a = z.map(Math.tanh);
    else { const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), s = e.reduce((p, q) => p + q); a = e.map((v) => v / s); }
  }
  return a;
}

test('predict: one input gives one row, a batch gives rows; both equal the forward pass by hand', () => {
  const net = BrowserNetwork.create(SPEC, { seed: 3 });
  const json = net.toJSON();
  const x = [0.5, -1, 2], y = [1, 0, -0.25];
  const one = net.predict(x);
  byHand(json, x).forEach((v, j) => assert.ok(Math.abs(one[j]! - v) < 1e-12));
  const both = net.predict([x, y]);
  assert.equal(both.length, 2);
  byHand(json, y).forEach((v, j) => assert.ok(Math.abs(both[1]![j]! - v) < 1e-12));
  assert.deepEqual(net.predict(Float64Array.from(x)), one, 'typed arrays are inputs too');
});

test('predict: wrong shapes throw a BpnetError naming the index', () => {
  const net = BrowserNetwork.create(SPEC, { seed: 3 });
  const cases: [unknown, RegExp][] = [
    [[1, 2], /^input: expected 3 numbers \(the model's inputs\), got 2$/],
    [[1, 2, 3, 4], /^input: expected 3 numbers/],
    [[1, Number.NaN, 3], /^input\[1\]: expected a finite number, got NaN$/],
    [[1, '2', 3], /^input\[1\]: expected a finite number, got "2"$/],
    [[[1, 2, 3], [1, 2]], /^inputs\[1\]: expected 3 numbers/],
    [[[1, 2, 3], [1, null, 3]], /^inputs\[1\]\[1\]: expected a finite number, got null$/],
    [[[1, 2, 3], 5], /^inputs\[1\]: expected an array of 3 numbers, got number$/],
    ['abc', /^input: expected an array/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => net.predict(input as number[]), (e: unknown) => e instanceof BpnetError && message.test(e.message), JSON.stringify(input));
  }
});

test('predict(net, flat, rows) checks its arguments', () => {
  const net = BrowserNetwork.create(SPEC, { seed: 3 });
  assert.throws(() => predict(net, [1, 2], 1), /inputs: expected 1 rows × 3 inputs = 3 numbers, got 2/);
  assert.throws(() => predict(net, [1, 2, 3, 4], 1), /got 4/);
  assert.throws(() => predict(net, [1, 2, 3], undefined as unknown as number), /rows: expected a whole number of rows/);
  assert.throws(() => predict(net, [[1, 2, 3]] as unknown as number[], 1), /inputs: expected 1 rows × 3 inputs = 3 numbers, got 1/);
  assert.throws(() => predict(net, [1, Number.NaN, 3], 1), /inputs\[1\]: expected a finite number \(row 0, input 1\), got NaN/);
  assert.deepEqual(predict(net, [], 0), []);
});

test('predictClass returns the class label, else the index as a string', () => {
  const net = BrowserNetwork.create(SPEC, { seed: 3 });
  const x = [0.5, -1, 2];
  const k = net.predict(x)[0]! > net.predict(x)[1]! ? 0 : 1;
  assert.equal(net.predictClass(x), String(k));
  net.classLabels = ['cat', 'dog'];
  assert.equal(net.predictClass(x), ['cat', 'dog'][k]);
  assert.deepEqual(net.predictClass([x, x]), [['cat', 'dog'][k], ['cat', 'dog'][k]]);
});

test('zscore and minmax: fitted values equal an independent computation, stored, applied by predict and evaluate', async () => {
  const rows = [[1, 10, 5], [3, 10, 7], [8, 10, 6], [4, 10, 2]];
  const data = createDataset(rows, rows.map((r) => (r[0]! > 3 ? [1, 0] : [0, 1])));
  const mean = [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  const std = [0, 1, 2].map((j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / rows.length));
  const z = fitInputTransform('zscore', data);
  assert.equal(z?.type, 'zscore');
  if (z?.type !== 'zscore') return;
  z.mean.forEach((m, j) => assert.ok(Math.abs(m - mean[j]!) < 1e-12));
  assert.ok(Math.abs(z.std[0]! - std[0]!) < 1e-12 && Math.abs(z.std[2]! - std[2]!) < 1e-12);
  assert.equal(z.std[1], 1, 'a constant column keeps std 1');
  assert.deepEqual(fitInputTransform('minmax', data), { type: 'minmax', min: [1, 10, 2], max: [8, 11, 7] });

  const net = Network.create(SPEC, { seed: 2 });
  await net.fit(data, { epochs: 3, normalize: 'zscore', learningRate: 0.1, batchSize: 2 });
  assert.deepEqual(net.inputTransform, z);
  // predict on raw inputs = the untransformed network on transformed inputs, by hand.
  const json = net.toJSON();
  assert.deepEqual(json.inputTransform, z);
  const plain = networkFromJSON({ ...json, inputTransform: undefined });
  const x = [2, 10, 4];
  const xt = x.map((v, j) => (v - mean[j]!) / (j === 1 ? 1 : std[j]!));
  byHand(json, xt).forEach((v, j) => assert.ok(Math.abs(net.predict(x)[j]! - v) < 1e-12));
  assert.deepEqual(net.predict(x), plain.predict(xt));
  // evaluate(raw data) = evaluate of the plain network on transformed data.
  const transformed = createDataset(rows.map((r) => r.map((v, j) => (v - mean[j]!) / (j === 1 ? 1 : std[j]!))), rows.map((r) => (r[0]! > 3 ? [1, 0] : [0, 1])));
  assert.ok(Math.abs(net.evaluate(data).loss - plain.evaluate(transformed).loss) < 1e-12);
  await assert.rejects(net.fit(data, { epochs: 1, normalize: 'minmax' }), /normalize: the model already normalises its inputs with zscore/);
});

test('toJSON / fromJSON round trip keeps weights, classLabels and inputTransform; bad fields are named', () => {
  const net = BrowserNetwork.create(SPEC, { seed: 5 });
  net.classLabels = ['no', 'yes'];
  net.inputTransform = { type: 'minmax', min: [0, 0, 0], max: [1, 2, 4] };
  const json = JSON.parse(JSON.stringify(net));
  const back = BrowserNetwork.fromJSON(json, 'm.json');
  assert.deepEqual(back.toJSON(), net.toJSON());
  assert.deepEqual(back.classLabels, ['no', 'yes']);
  assert.throws(() => BrowserNetwork.fromJSON({ ...json, classLabels: ['a'] }, 'm.json'), /m\.json: classLabels: expected 2 labels \(one per output\), got 1/);
  assert.throws(() => BrowserNetwork.fromJSON({ ...json, inputTransform: { type: 'zscore', mean: [0, 0, 0], std: [1, 0, 1] } }, 'm.json'), /m\.json: inputTransform\.std\[1\]: expected a finite number > 0, got 0/);
  assert.throws(() => BrowserNetwork.fromJSON({ ...json, inputTransform: { type: 'minmax', min: [0, 0], max: [1, 1] } }, 'm.json'), /inputTransform\.min: expected 3 numbers/);
});

test('fast by default: the precision rule picks float64 up to 10 000 parameters and the fastest float32 kernel above', () => {
  const small = Network.create(SPEC);
  assert.equal(small.kernel.name, 'reference');
  assert.equal(small.dtype, 'float64');
  const big = Network.create({ inputs: 784, layers: [{ units: 128, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'cross-entropy' });
  assert.equal(big.dtype, 'float32');
  assert.ok(['native', 'wasm'].includes(big.kernel.name), big.kernel.name);
  const browserBig = BrowserNetwork.create({ inputs: 784, layers: [{ units: 128, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'cross-entropy' });
  assert.equal(browserBig.kernel.name, 'wasm', 'the browser entry point: wasm');
  assert.equal(networkFromJSON(big.toJSON()).kernel.name, big.kernel.name, 'networkFromJSON follows the same rule');
  assert.equal(Network.create(SPEC, { dtype: 'float32', backend: 'js32' }).kernel.name, 'js32');
  assert.equal(big.clone().constructor, Network, 'clone keeps the class');
});
