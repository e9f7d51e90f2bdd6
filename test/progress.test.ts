/** What `bpnet train` prints: a redrawn progress bar on a terminal, one line per epoch elsewhere. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BatchStats, EpochStats } from '../src/core/train.ts';
import { createReporter } from '../src/cli/progress.ts';

const epochStats = (epoch: number): EpochStats => ({
  epoch, loss: 0.5 / (epoch + 1), accuracy: 0.9, valLoss: null, valAccuracy: null, seconds: 1.5, learningRate: 0.1, samplesPerSecond: 1000,
});
const batch = (epoch: number, b: number): BatchStats => ({ epoch, batch: b, batches: 4, samples: 32, loss: 1 - b / 10, accuracy: 0.5 + b / 10 });

function capture(isTTY: boolean) {
  let text = '';
  return { out: { isTTY, columns: 100, write: (s: string) => { text += s; } }, text: () => text };
}

test('on a terminal: a bar redrawn in place with epoch, batch, loss, accuracy, samples/s and ETA', () => {
  const c = capture(true);
  const r = createReporter('auto', 2, c.out);
  for (let b = 0; b < 4; b++) r.batch(batch(0, b));
  r.epoch(epochStats(0));
  const text = c.text();
  // The last batch of an epoch is always drawn: 4/4, a full bar, the running means of loss and accuracy.
  assert.match(text, /\rep 1\/2 \[#{10}\] 4\/4 loss 0\.8500 acc 65\.0% \d+ samples\/s ETA \d+:\d\d\x1b\[K/);
  assert.ok(!text.slice(0, text.lastIndexOf('\r')).includes('\n'), 'the bar is redrawn with \\r, not new lines');
  // The epoch line replaces the bar and ends with a newline.
  assert.ok(text.endsWith('\r\x1b[Kepoch 1/2  loss 0.500000  acc 90.00%  1.50s  1000 samples/s\n'), JSON.stringify(text.slice(-80)));
});

test('not a terminal: one plain line per epoch, no control characters; --json: one object per epoch', () => {
  const plain = capture(false);
  const r = createReporter('auto', 2, plain.out);
  for (const e of [0, 1]) { for (let b = 0; b < 4; b++) r.batch(batch(e, b)); r.epoch(epochStats(e)); }
  assert.equal(plain.text(), 'epoch 1/2  loss 0.500000  acc 90.00%  1.50s  1000 samples/s\nepoch 2/2  loss 0.250000  acc 90.00%  1.50s  1000 samples/s\n');
  const json = capture(true);
  const j = createReporter('json', 2, json.out);
  j.batch(batch(0, 0));
  j.epoch(epochStats(0));
  assert.deepEqual(JSON.parse(json.text()), { epoch: 1, loss: 0.5, accuracy: 0.9, valLoss: null, valAccuracy: null, seconds: 1.5 });
  const quiet = capture(true);
  createReporter('quiet', 2, quiet.out).epoch(epochStats(0));
  assert.equal(quiet.text(), '');
});
