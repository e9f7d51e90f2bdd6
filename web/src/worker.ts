/**
 * The training worker: owns the data and the network and trains them with the library's Trainer
 * (its shuffling, batching, schedule and live options) on the kernel the CLI would pick — the
 * wasm float32 SIMD kernel above 10 000 parameters, the float64 reference below. Training runs in
 * tasks of at most CHUNK_MS; between tasks the worker yields, so "pause" and new options are seen
 * within one chunk. The paced speeds train a fixed number of samples per second.
 */
import {
  BpnetError, buildSpec, createTrace, defaultLossFor, evaluate, forward, Network, networkFromJSON, networkToJSON,
  selectKernel, Trainer, transformInputs, type Dataset, type ModelJSON, type Trace,
} from '../../src/index.ts';
import { featureLabels, featurizePoints, type FeatureName } from './features.ts';
import type { FromWorker, InitRequest, LiveTrainOptions, Metrics, Speed, ToWorker } from './protocol.ts';
import { PACE } from './protocol.ts';
import { buildData, dataCSV, parseAndCheck, strided, VIEW_ROWS, type FileStore } from './worker-data.ts';

const ctx = self as unknown as { postMessage(m: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

const CHUNK_MS = 30;
/** The curves evaluate at most this many rows of each set (evenly spaced), so a report stays short. */
const EVAL_ROWS = 400;
/** Per-neuron pictures are made for networks with at most this many hidden neurons. */
const MAX_THUMBNAIL_NEURONS = 64;

interface Session {
  id: number;
  net: Network;
  trainer: Trainer;
  options: LiveTrainOptions;
  features: FeatureName[];
  /** Inputs per sample before the features (2 for the plane's points). */
  rawInputs: number;
  modelLoaded: boolean;
  train: Dataset;
  test: Dataset;
  liveTrain: Dataset;
  liveTest: Dataset;
  /** The featurized grid, in one trace: a forward pass gives the surface and every neuron's picture. */
  grid: { n: number; trace: Trace } | null;
  batches: number;
  samplesSince: number;
  since: number;
}

let s: Session | undefined;
let speed: Speed = 'normal';
let controller: AbortController | null = null;
const files: FileStore = {};

ctx.onmessage = (e) => void guarded(() => handle(e.data));

async function guarded(f: () => unknown): Promise<void> {
  try {
    await f();
  } catch (err) {
    stop();
    ctx.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'init') {
    let next: Awaited<ReturnType<typeof start>>;
    try {
      next = await start(m);
    } catch (err) {
      // The old session stays as it was: the page keeps showing it.
      ctx.postMessage({ type: 'initFailed', session: m.session, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    stop();
    s = next;
    speed = m.speed;
    if (m.data.kind === 'file' && files.pending) { files.current = files.pending; files.pending = undefined; }
    ctx.postMessage({
      type: 'ready', session: s.id, model: networkToJSON(s.net), kernel: `${s.net.kernel.name} ${s.net.dtype}`,
      view: { train: strided(next.trainView, VIEW_ROWS), test: strided(next.testView, VIEW_ROWS) },
      sizes: { train: s.train.size, test: s.test.size }, regression: next.regression,
    });
    report();
  } else if (m.type === 'play') {
    if (!s || controller) return;
    controller = new AbortController();
    ctx.postMessage({ type: 'state', running: true });
    void guarded(() => run(controller!.signal));
  } else if (m.type === 'pause') {
    if (stop()) report();
  } else if (m.type === 'step') {
    if (!s || controller) return;
    trainBatch(s);
    report();
  } else if (m.type === 'options') {
    if (!s) return;
    s.trainer.setOptions(m.options);
    s.options = m.options;
  } else if (m.type === 'speed') {
    speed = m.speed;
  } else if (m.type === 'parse') {
    await parse(m.id, m.file, m.modelLoaded);
  } else if (m.type === 'download') {
    if (!s) return;
    const text = m.what === 'model' ? `${JSON.stringify(modelFile(s))}\n` : dataCSV(mergedData(s), s.rawInputs === 2 ? featureLabels(s.features) : Array.from({ length: s.train.inputSize }, (_, i) => `x${i + 1}`));
    ctx.postMessage({ type: 'download', what: m.what, blob: new Blob([text], { type: m.what === 'model' ? 'application/json' : 'text/csv' }) });
  }
}

/** Stops a running loop; true if one was running. */
function stop(): boolean {
  if (!controller) return false;
  controller.abort();
  controller = null;
  ctx.postMessage({ type: 'state', running: false });
  return true;
}

async function start(m: InitRequest): Promise<Session & { trainView: Dataset; testView: Dataset; regression: boolean }> {
  const data = await buildData(m.data, m.trainFraction, m.seed, m.features, files);
  const { train, test } = data;
  const params = m.model
    ? m.model.layers.reduce((n, l) => n + l.units * (l.inputs + 1), 0)
    : [train.inputSize, ...m.hidden, train.outputSize].reduce((n, units, i, all) => (i ? n + units * (all[i - 1]! + 1) : 0), 0);
  const kernel = selectKernel({ parameterCount: params });
  let net: Network;
  if (m.model) net = networkFromJSON(m.model, 'model', kernel);
  else {
    const loss = m.loss === 'auto' ? defaultLossFor(train) : m.loss;
    const outputActivation = data.regression && m.loss === 'auto' ? 'linear' : undefined;
    const spec = buildSpec([train.inputSize, ...m.hidden, train.outputSize], { activation: m.activation as never, loss, outputActivation });
    net = Network.create(spec, { seed: m.seed, kernel });
  }
  if (net.inputSize !== train.inputSize || net.outputSize !== train.outputSize) {
    throw new BpnetError(`the model has ${net.inputSize} inputs and ${net.outputSize} outputs, the data ${train.inputSize} and ${train.outputSize}`, 'model and data');
  }
  const trainer = new Trainer(net, train, { ...m.options, seed: m.seed });
  let grid: Session['grid'] = null;
  if (data.raw.train.inputSize === 2) {
    const { n, lo, hi } = m.grid;
    const points = new Float64Array(n * n * 2);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        points[2 * (r * n + c)] = lo + ((c + 0.5) / n) * (hi - lo);
        points[2 * (r * n + c) + 1] = hi - ((r + 0.5) / n) * (hi - lo);
      }
    }
    const trace = createTrace(net, n * n);
    const x = featurizePoints(points, n * n, m.features);
    // A loaded model may normalise its inputs: the surface shows what it predicts for raw points.
    trace.a[0]!.set(transformInputs(net.inputTransform, x, n * n, net.inputSize));
    grid = { n, trace };
  }
  return {
    id: m.session, net, trainer, options: m.options, features: m.features, rawInputs: data.raw.train.inputSize, modelLoaded: m.model !== null, train, test,
    liveTrain: strided(train, EVAL_ROWS), liveTest: strided(test, EVAL_ROWS), grid,
    batches: 0, samplesSince: 0, since: performance.now(),
    trainView: data.raw.train, testView: data.raw.test, regression: data.regression,
  };
}

function trainBatch(s: Session): void {
  const b = s.trainer.nextBatch();
  s.batches++;
  s.samplesSince += b.samples;
}

/**
 * The training loop: one task per chunk of batches, a report every REPORT_MS (every chunk at first,
 * so the curves show the fast early descent). An abort (pause, a new init) ends it between tasks.
 */
async function run(signal: AbortSignal): Promise<void> {
  const session = s!;
  session.since = performance.now();
  session.samplesSince = 0;
  let last = performance.now(), credit = 0, lastReport = 0, reports = 0, evalMs = 0;
  while (!signal.aborted && s === session) {
    const t0 = performance.now();
    const pace = PACE[speed];
    // Reports cost an evaluation: at most ~1/8 of the time goes to them once the first ones are out.
    if (t0 - lastReport > Math.max(reports < 25 ? CHUNK_MS : 150, 8 * evalMs)) {
      report();
      evalMs = performance.now() - t0;
      lastReport = performance.now();
      reports++;
    } else if (pace === Infinity) {
      while (performance.now() - t0 < CHUNK_MS) trainBatch(session);
    } else {
      // Paced: earn samples with time, spend them in whole batches (a debt carries over).
      credit = Math.min(credit + (pace * (t0 - last)) / 1000, pace / 4);
      while (credit > 0 && performance.now() - t0 < CHUNK_MS) {
        const before = session.samplesSince;
        trainBatch(session);
        credit -= session.samplesSince - before;
      }
    }
    last = t0;
    await new Promise((resolve) => setTimeout(resolve, pace === Infinity ? 0 : 15));
  }
}

function metrics(s: Session, d: Dataset): Metrics {
  const e = evaluate(s.net, d, { weightDecay: s.options.weightDecay, regularization: s.options.regularization });
  return { loss: e.loss, accuracy: e.accuracy, samples: d.size };
}

/** Posts the current parameters, metrics on the evaluation subsets, the surface and the neurons' pictures. */
function report(): void {
  if (!s) return;
  const train = metrics(s, s.liveTrain), test = metrics(s, s.liveTest);
  let grid: Float32Array | null = null;
  let neurons: Float32Array[][] | null = null;
  if (s.grid) {
    const { n, trace } = s.grid;
    const out = forward(s.net, trace);
    const k = s.net.outputSize;
    grid = new Float32Array(n * n);
    for (let p = 0; p < n * n; p++) grid[p] = out[p * k + k - 1]!;
    const hidden = s.net.layers.slice(0, -1);
    if (hidden.reduce((c, l) => c + l.units, 0) <= MAX_THUMBNAIL_NEURONS) {
      neurons = hidden.map((l, li) => Array.from({ length: l.units }, (_, j) => {
        const a = trace.a[li + 1]!, pic = new Float32Array(n * n);
        for (let p = 0; p < n * n; p++) pic[p] = a[p * l.units + j]!;
        return pic;
      }));
    }
  }
  const seconds = (performance.now() - s.since) / 1000;
  ctx.postMessage({
    type: 'progress', session: s.id, running: controller !== null, epoch: s.trainer.epochProgress, batches: s.batches,
    samplesPerSecond: seconds > 0 ? s.samplesSince / seconds : 0, train, test,
    weights: s.net.layers.map((l) => Float64Array.from(l.weights)),
    biases: s.net.layers.map((l) => Float64Array.from(l.bias)),
    grid, neurons,
  });
}

async function parse(id: number, file: File, modelLoaded: boolean): Promise<void> {
  try {
    if (!s) throw new BpnetError('the page is still starting', file.name);
    const checked = await parseAndCheck(file, { inputs: s.net.inputSize, outputs: s.net.outputSize, features: s.features, modelLoaded });
    if (checked.kind === 'model') {
      ctx.postMessage({ type: 'parsed', id, ok: true, kind: 'model', name: checked.name, model: checked.model });
    } else {
      files.pending = { data: checked.data, name: checked.name };
      ctx.postMessage({ type: 'parsed', id, ok: true, kind: 'dataset', name: checked.name, rows: checked.data.size });
    }
  } catch (err) {
    ctx.postMessage({ type: 'parsed', id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

/** The model file to download: the library's format, with the features it reads recorded. */
function modelFile(s: Session): ModelJSON {
  const json = networkToJSON(s.net);
  return s.rawInputs !== 2 || s.features.join() === 'x1,x2' ? json : { ...json, inputFeatures: s.features };
}

/** Training and test rows in one dataset (what the network sees, so `bpnet eval` reads it with the model). */
function mergedData(s: Session): Dataset {
  const cat = (a: ArrayLike<number>, b: ArrayLike<number>) => { const out = new Float64Array(a.length + b.length); out.set(a); out.set(b, a.length); return out; };
  const same = s.train === s.test;
  return {
    ...s.train, size: same ? s.train.size : s.train.size + s.test.size,
    inputs: same ? s.train.inputs : cat(s.train.inputs, s.test.inputs),
    targets: same ? s.train.targets : cat(s.train.targets, s.test.targets),
  };
}
