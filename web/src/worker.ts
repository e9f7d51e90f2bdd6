/**
 * The training worker: runs the bpnet library's Trainer (float64 reference kernel) off the page's
 * thread. Training goes in chunks of ~40 ms; between chunks the worker yields, so a "pause" message
 * is seen within one chunk (plus one evaluation), and progress is posted a few times a second.
 */
import { Rng, Trainer, evaluate, networkFromJSON, predict, type Dataset, type Network } from '../../src/index.ts';
import type { FromWorker, GridSpec, Metrics, ToWorker, WorkerTrainOptions } from './protocol.ts';

const ctx = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

const CHUNK_MS = 40;
/**
 * The curves evaluate at most this many rows of each set (every k-th row), so that a report stays
 * short (~0.1 s for 784-128-10) and a pause is never stuck behind a full evaluation.
 */
const EVAL_ROWS = { train: 400, test: 400 };

interface Session {
  id: number;
  net: Network;
  trainer: Trainer;
  train: Dataset;
  test: Dataset;
  options: WorkerTrainOptions;
  grid: GridSpec | null;
  gridInputs: Float64Array | null;
  liveTrain: Dataset;
  liveTest: Dataset;
  rng: Rng;
  order: Uint32Array;
  cursor: number;
  batches: number;
  samplesSince: number;
  since: number;
}

let s: Session | undefined;
let running = false;
let lastReport = 0;
let evalMs = 0;
/** Identifies the current training loop: a loop from before an init or a pause never resumes. */
let loopId = 0;

ctx.onmessage = (e) => guarded(() => handle(e.data));

function guarded(f: () => void): void {
  try {
    f();
  } catch (err) {
    running = false;
    ctx.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

function handle(m: ToWorker): void {
  if (m.type === 'init') {
    running = false;
    pendingTrain = null;
    reports = 0;
    s = start(m);
    report();
  } else if (m.type === 'play') {
    if (!s || running) return;
    running = true;
    ctx.postMessage({ type: 'state', running });
    s.since = performance.now();
    s.samplesSince = 0;
    const id = ++loopId;
    setTimeout(() => guarded(() => loop(id)), 0);
  } else if (m.type === 'pause') {
    if (!running) return;
    running = false;
    pendingTrain = null;
    ctx.postMessage({ type: 'state', running });
    setTimeout(() => guarded(() => report()), 0);
  } else if (m.type === 'step') {
    if (!s || running) return;
    stepBatch(s);
    report();
  }
}

function start(m: Extract<ToWorker, { type: 'init' }>): Session {
  const net = networkFromJSON(m.model, 'model');
  const trainer = new Trainer(net, m.train, { ...m.options, shuffle: false });
  let gridInputs: Float64Array | null = null;
  if (m.grid && net.inputSize === 2) {
    const { n, lo, hi } = m.grid;
    gridInputs = new Float64Array(n * n * 2);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        gridInputs[2 * (r * n + c)] = lo + ((c + 0.5) / n) * (hi - lo);
        gridInputs[2 * (r * n + c) + 1] = hi - ((r + 0.5) / n) * (hi - lo);
      }
    }
  }
  return {
    id: m.session, net, trainer, train: m.train, test: m.test, options: m.options, grid: m.grid, gridInputs,
    liveTrain: strided(m.train, EVAL_ROWS.train), liveTest: strided(m.test, EVAL_ROWS.test),
    rng: new Rng(m.options.seed), order: Uint32Array.from({ length: m.train.size }, (_, i) => i),
    cursor: m.train.size, batches: 0, samplesSince: 0, since: performance.now(),
  };
}

/** One mini-batch: reshuffle at each epoch start (seeded), gather rows, one Trainer step. */
function stepBatch(s: Session): void {
  const data = s.train;
  if (s.cursor >= data.size) {
    s.rng.shuffle(s.order);
    s.cursor = 0;
  }
  const rows = Math.min(s.trainer.options.batchSize, data.size - s.cursor);
  const { trace, Y } = s.trainer.buffersFor(rows);
  for (let r = 0; r < rows; r++) {
    const i = s.order[s.cursor + r]!;
    trace.a[0]!.set(data.inputs.subarray(i * data.inputSize, (i + 1) * data.inputSize), r * data.inputSize);
    Y.set(data.targets.subarray(i * data.outputSize, (i + 1) * data.outputSize), r * data.outputSize);
  }
  s.trainer.step(trace, Y, s.trainer.options.learningRate);
  s.cursor += rows;
  s.batches++;
  s.samplesSince += rows;
}

/**
 * One task of the training loop. Training chunks and the two halves of a report (train metrics,
 * then test metrics and the post) are separate tasks, so no task blocks a "pause" for longer than
 * one chunk or one half-report (~0.1 s for 784-128-10).
 */
function loop(id: number): void {
  if (!running || !s || id !== loopId) return;
  if (pendingTrain) {
    report(pendingTrain);
    pendingTrain = null;
  } else if (performance.now() - lastReport > Math.max(reports < 25 ? 40 : 200, 3 * evalMs)) {
    // Report often for small networks, less often when evaluating costs more than a chunk; the
    // first reports come after every chunk, so that the curves show the fast early descent.
    const t0 = performance.now();
    pendingTrain = metrics(s.liveTrain);
    evalMs = 2 * (performance.now() - t0);
  } else {
    const t0 = performance.now();
    while (performance.now() - t0 < CHUNK_MS) stepBatch(s);
  }
  setTimeout(() => guarded(() => loop(id)), 0);
}

let pendingTrain: Metrics | null = null;
/** Reports posted since the network was (re)initialised. */
let reports = 0;

function metrics(d: Dataset): Metrics {
  const e = evaluate(s!.net, d, { weightDecay: s!.options.weightDecay });
  return { loss: e.loss, accuracy: e.accuracy, samples: d.size };
}

/** Posts the current parameters, metrics on the evaluation subsets, and the decision surface. */
function report(train: Metrics = metrics(s!.liveTrain)): void {
  if (!s) return;
  const test = metrics(s.liveTest);
  let grid: Float32Array | null = null;
  if (s.gridInputs && s.grid) {
    const out = predict(s.net, s.gridInputs, s.grid.n * s.grid.n);
    grid = Float32Array.from(out, (o) => o[o.length - 1]!);
  }
  const seconds = (performance.now() - s.since) / 1000;
  ctx.postMessage({
    type: 'progress', session: s.id, running, epoch: s.batches / s.trainer.batchesPerEpoch, batches: s.batches,
    samplesPerSecond: seconds > 0 ? s.samplesSince / seconds : 0, train, test,
    weights: s.net.layers.map((l) => Float64Array.from(l.weights)),
    biases: s.net.layers.map((l) => Float64Array.from(l.bias)),
    grid,
  });
  lastReport = performance.now();
  reports++;
}

/** Every k-th row, at most `max` rows: a cheap but representative subset (the test set is sorted by class). */
function strided(d: Dataset, max: number): Dataset {
  if (d.size <= max) return d;
  const step = d.size / max;
  const inputs = new Float64Array(max * d.inputSize), targets = new Float64Array(max * d.outputSize);
  for (let r = 0; r < max; r++) {
    const i = Math.floor(r * step);
    inputs.set(d.inputs.subarray(i * d.inputSize, (i + 1) * d.inputSize), r * d.inputSize);
    targets.set(d.targets.subarray(i * d.outputSize, (i + 1) * d.outputSize), r * d.outputSize);
  }
  return { ...d, size: max, inputs, targets };
}
