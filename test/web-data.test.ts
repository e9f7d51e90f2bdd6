/**
 * The playground's data, outside the browser: the toy sets are seeded and labelled as documented,
 * and the compact digits asset gives back exactly the `mnist` package's pixels, split as the project
 * defines it (test = the last 200 of each digit; train = the rest, shuffled with Rng(1)).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../src/index.ts';
import { encodeDigits, readPackageDigits } from '../web/scripts/digits-asset.ts';
import { TOY_NAMES, toyDataset } from '../web/src/datasets.ts';
import { splitDigits } from '../web/src/digits-data.ts';

test('toy datasets: same seed, same points; XOR labels follow the quadrants; the split follows the share', () => {
  for (const name of TOY_NAMES) {
    const a = toyDataset(name, { samples: 200, noise: 0.2, trainFraction: 0.7, seed: 3 });
    const b = toyDataset(name, { samples: 200, noise: 0.2, trainFraction: 0.7, seed: 3 });
    const c = toyDataset(name, { samples: 200, noise: 0.2, trainFraction: 0.7, seed: 4 });
    assert.deepEqual(a.train.inputs, b.train.inputs, name);
    assert.notDeepEqual(a.train.inputs, c.train.inputs, name);
    assert.equal(a.train.size, 140);
    assert.equal(a.test.size, 60);
    const ones = [...a.train.targets, ...a.test.targets].filter((y) => y === 1).length;
    assert.ok(ones > 70 && ones < 130, `${name}: ${ones} of 200 in class 1`);
  }
  const xor = toyDataset('xor', { samples: 100, noise: 0, trainFraction: 0.5, seed: 1 }).train;
  for (let i = 0; i < xor.size; i++) {
    assert.equal(xor.targets[i], xor.inputs[2 * i]! * xor.inputs[2 * i + 1]! > 0 ? 1 : 0);
  }
});

test('digits asset: exact pixels, 200 test samples per digit, the training order of Rng(1)', () => {
  const digits = readPackageDigits();
  const { train, test: held } = splitDigits(encodeDigits(digits));
  const counts = digits.map((d) => d.length / 784);
  assert.equal(held.size, 2000);
  assert.equal(train.size, counts.reduce((s, n) => s + n, 0) - 2000);
  // Test row 200·d + k is sample (n_d − 200 + k) of digit d, pixel for pixel (as float32, like the CLI).
  for (const [d, k] of [[0, 0], [3, 17], [9, 199]] as const) {
    const from = (counts[d]! - 200 + k) * 784;
    const row = 200 * d + k;
    assert.deepEqual(held.inputs.subarray(row * 784, (row + 1) * 784), Float32Array.from(digits[d]!.slice(from, from + 784)));
    assert.equal(held.targets[row * 10 + d], 1);
  }
  // Train: every digit's first n_d − 200 samples in package order, shuffled with Rng(1).
  const order: [number, number][] = [];
  counts.forEach((n, d) => { for (let i = 0; i < n - 200; i++) order.push([d, i]); });
  new Rng(1).shuffle(order);
  for (const row of [0, 1, 4321, train.size - 1]) {
    const [d, i] = order[row]!;
    assert.deepEqual(train.inputs.subarray(row * 784, (row + 1) * 784), Float32Array.from(digits[d]!.slice(i * 784, (i + 1) * 784)));
    assert.equal(train.targets[row * 10 + d], 1);
  }
});

test('regression sets: targets in [-1, 1] follow their formula; features are computed per point', async () => {
  const { REGRESSION_NAMES } = await import('../web/src/datasets.ts');
  const { featurize, featureLabels } = await import('../web/src/features.ts');
  const plane = toyDataset('plane', { samples: 100, noise: 0, trainFraction: 0.5, seed: 2 }).train;
  for (let i = 0; i < plane.size; i++) assert.equal(plane.targets[i], (plane.inputs[2 * i]! + plane.inputs[2 * i + 1]!) / 2);
  for (const name of REGRESSION_NAMES) {
    const d = toyDataset(name, { samples: 200, noise: 0.5, trainFraction: 0.5, seed: 1 }).train;
    assert.ok([...d.targets].every((y) => y >= -1 && y <= 1), name);
    assert.ok(new Set(d.targets).size > 50, `${name}: real-valued targets`);
  }
  const f = featurize(plane, ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
  assert.equal(f.inputSize, 7);
  const [x1, x2] = [plane.inputs[6]!, plane.inputs[7]!];
  assert.deepEqual(Array.from(f.inputs.subarray(21, 28)), [x1, x2, x1 * x1, x2 * x2, x1 * x2, Math.sin(x1), Math.sin(x2)]);
  assert.equal(featurize(plane, ['x1', 'x2']), plane);
  assert.deepEqual(featureLabels(['x1sq', 'x1x2']), ['x1²', 'x1·x2']);
});

test('the address: the documented example is read as written, and writing it back reads the same', async () => {
  const { readLink, writeLink } = await import('../web/src/url-state.ts');
  const link = readLink('?dataset=spiral&noise=0&train=50&layers=8-8&activation=tanh&loss=auto&optimizer=adam&lr=0.03&batch=16&decay=0&seed=1&lang=zh');
  assert.deepEqual(link.ignored, []);
  assert.equal(link.lang, 'zh');
  const c = link.config;
  assert.deepEqual([c.dataset, c.noise, c.trainFraction, c.hidden, c.activation, c.loss, c.optimizer, c.learningRate, c.batchSize, c.weightDecay, c.seed],
    ['spiral', 0, 0.5, [8, 8], 'tanh', 'auto', 'adam', 0.03, 16, 0, 1]);
  const full = { ...c, features: ['x1', 'x2', 'sinx1'], regularization: 'l1', speed: 'slow', showTest: false, discretize: true } as Parameters<typeof writeLink>[0];
  const again = readLink(writeLink(full, 'en', 'step'));
  assert.deepEqual(again.config, full);
  assert.equal(again.mode, 'step');
  const classic = readLink('?preset=classic&mode=step&lr=0.5&layers=banana');
  assert.equal(classic.config.dataset, 'classic');
  assert.equal(classic.config.optimizer, 'sgd');
  assert.deepEqual(classic.ignored, ['layers=banana']);
});
