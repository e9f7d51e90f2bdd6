/**
 * The embedded digits bpnet ships: data/mnist-sample.bin.gz (made by scripts/build-digits.ts) holds
 * exactly the `mnist` package's 10 000 images, compressed to at most 3 MB.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeDigitBytes, PIXEL_VALUES } from '../src/index.ts';
import { loadMnistSample, readMnistSampleBytes } from '../src/node.ts';
import { ROOT } from './helpers.ts';

test('data/mnist-sample.bin.gz: ≤ 3 MB, and every pixel equals the mnist package\'s value', (t) => {
  const size = statSync(join(ROOT, 'data', 'mnist-sample.bin.gz')).size;
  t.diagnostic(`data/mnist-sample.bin.gz: ${size} bytes`);
  assert.ok(size <= 3e6, `${size} bytes`);
  const digits = decodeDigitBytes(readMnistSampleBytes());
  const require = createRequire(import.meta.url);
  let images = 0;
  digits.forEach((bytes, d) => {
    const json = (JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')) as { data: number[] }).data;
    assert.equal(bytes.length, json.length, `digit ${d}`);
    for (let i = 0; i < json.length; i++) {
      if (PIXEL_VALUES[bytes[i]!] !== Math.fround(json[i]!)) assert.fail(`digit ${d}, value ${i}: ${PIXEL_VALUES[bytes[i]!]} ≠ ${json[i]}`);
    }
    images += bytes.length / 784;
  });
  assert.equal(images, 10_000);
});

test('mnist-sample splits: 8 000 train and 2 000 test images, 200 test images per digit, labels 0…9', () => {
  const train = loadMnistSample('mnist-sample:train'), test = loadMnistSample('mnist-sample:test');
  assert.equal(train.size, 8000);
  assert.equal(test.size, 2000);
  assert.deepEqual(test.labels, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  const perDigit = new Array<number>(10).fill(0);
  for (let i = 0; i < test.size; i++) perDigit[test.targets.subarray(i * 10, i * 10 + 10).indexOf(1)]!++;
  assert.deepEqual(perDigit, new Array(10).fill(200));
  assert.throws(() => loadMnistSample('mnist-sample:dev'), /expected mnist-sample, mnist-sample:train or mnist-sample:test/);
});
