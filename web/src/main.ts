/**
 * The playground page: wires the editor, the training worker, the charts, the diagram, the digit pad
 * and step mode together. All math is the bpnet library's (src/index.ts), run in the worker for
 * training and on this thread only for single samples (diagram activations, the pad, step mode).
 */
import {
  BpnetError, Network, buildSpec, createDataset, createTrace, defaultLossFor, forward, networkFromJSON, networkToJSON,
  Rng, type Dataset, type ModelJSON,
} from '../../src/index.ts';
import classicData from '../../examples/classic/data.json' with { type: 'json' };
import classicModel from '../../examples/classic/model.json' with { type: 'json' };
import { splitDataset, toyDataset, type Split, type ToyName } from './datasets.ts';
import { DigitPad, renderBars } from './digit-pad.ts';
import { loadDigits } from './digits-data.ts';
import { fillChoices, presetFor, readConfig, writeConfig, type Config } from './editor.ts';
import { acceptDrops, readFile } from './files.ts';
import { formatNumber as fmt } from '../../src/index.ts';
import { GRID, renderHeatmap } from './heatmap.ts';
import { initialLanguage, onLanguageChange, setLanguage, t, type Lang } from './i18n.ts';
import { renderLineChart } from './line-chart.ts';
import { renderDiagram } from './network-diagram.ts';
import type { FromWorker, Progress, ToWorker } from './protocol.ts';
import { namesOf, StepView } from './step-view.ts';

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector(sel) as T;

let split: Split = toyDataset('xor', { samples: 400, noise: 0, trainFraction: 0.5, seed: 1 });
let fileSplit: Split | undefined;
let loadedModel: ModelJSON | undefined;
let net: Network;
let last: Progress | undefined;
let history: { epoch: number; trainLoss: number; testLoss: number; trainAcc: number | null; testAcc: number | null }[] = [];
let running = false;
let drawPending = false;
let session = 0;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (m: ToWorker) => worker.postMessage(m);
const pad = new DigitPad($<HTMLCanvasElement>('#pad'), () => scheduleDraw());
const stepView = new StepView({
  svg: $<SVGSVGElement>('#step-diagram'), panel: $('#step-panel'), phase: $('#step-phase'), loss: $('#step-loss'),
  sample: $<HTMLInputElement>('#step-sample'),
});

function message(text: string, isError = false): void {
  const el = $('#message');
  el.textContent = text;
  el.classList.toggle('error', isError);
}

/** Builds the datasets for the chosen source (the digits are fetched once). */
async function makeSplit(c: Config): Promise<Split> {
  if (c.dataset === 'digits') return loadDigits();
  if (c.dataset === 'classic') {
    const d = createDataset(classicData.inputs, classicData.targets, 'examples/classic/data.json');
    return { train: d, test: d };
  }
  if (c.dataset === 'file') return fileSplit!;
  return toyDataset(c.dataset as ToyName, { samples: 400, noise: c.noise, trainFraction: c.trainFraction, seed: c.seed });
}

function makeNetwork(c: Config, data: Dataset): Network {
  if (loadedModel) return networkFromJSON(loadedModel, 'model');
  const loss = c.loss === 'auto' ? defaultLossFor(data) : c.loss;
  const spec = buildSpec([data.inputSize, ...c.hidden, data.outputSize], { activation: c.activation, loss });
  return Network.create(spec, { seed: c.seed });
}

/** Rebuilds data and network from the editor and restarts the worker on them. */
async function reset(): Promise<boolean> {
  let c: Config;
  try {
    c = readConfig();
    message(c.dataset === 'digits' ? '…' : '');
    split = await makeSplit(c);
    net = makeNetwork(c, split.train);
    const d = split.train;
    if (net.inputSize !== d.inputSize || net.outputSize !== d.outputSize) {
      throw new BpnetError(`the model has ${net.inputSize} inputs and ${net.outputSize} outputs, the data ${d.inputSize} and ${d.outputSize}`, 'model and data');
    }
  } catch (e) {
    message(errorText(e), true);
    return false;
  }
  message('');
  history = [];
  last = undefined;
  running = false;
  document.body.dataset.running = 'false';
  const is2d = net.inputSize === 2;
  $('#surface-card').hidden = !is2d;
  $('#pad-card').hidden = net.inputSize !== 784;
  send({
    type: 'init', session: ++session, model: networkToJSON(net), train: split.train, test: split.test, grid: is2d ? GRID : null,
    options: { optimizer: c.optimizer, learningRate: c.learningRate, batchSize: c.batchSize, weightDecay: c.weightDecay, seed: c.seed },
  });
  stepView.load(net, split.train, c);
  updateButtons();
  scheduleDraw();
  return true;
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === 'error') { message(m.message, true); running = false; updateButtons(); return; }
  if (m.type === 'state') { running = m.running; updateButtons(); return; }
  if (m.session !== session) return;
  last = m;
  document.body.dataset.batches = String(m.batches);
  document.body.dataset.reportRunning = String(m.running);
  m.weights.forEach((w, l) => { net.layers[l]!.weights.set(w); net.layers[l]!.bias.set(m.biases[l]!); });
  const point = { epoch: m.epoch, trainLoss: m.train.loss, testLoss: m.test.loss, trainAcc: m.train.accuracy, testAcc: m.test.accuracy };
  if (history.length && history[history.length - 1]!.epoch === m.epoch) history[history.length - 1] = point;
  else history.push(point);
  document.body.dataset.points = String(history.length);
  scheduleDraw();
};

function updateButtons(): void {
  document.body.dataset.running = String(running);
  const play = $('#play');
  play.dataset.i18n = running ? 'pause' : 'play';
  play.textContent = t(running ? 'pause' : 'play');
  play.setAttribute('aria-pressed', String(running));
  $('#status').textContent = t(running ? 'running' : 'paused');
}

function scheduleDraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => { drawPending = false; draw(); });
}

function draw(): void {
  if (!net) return;
  const m = last;
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
  $('#epoch').textContent = m ? m.epoch.toFixed(2) : '0';
  $('#train-loss').textContent = m ? fmt(Number(m.train.loss.toPrecision(4))) : '–';
  $('#test-loss').textContent = m ? fmt(Number(m.test.loss.toPrecision(4))) : '–';
  $('#train-acc').textContent = pct(m?.train.accuracy);
  $('#test-acc').textContent = pct(m?.test.accuracy);
  $('#speed').textContent = m && m.running ? `${Math.round(m.samplesPerSecond)}` : '–';
  const subset = m && (m.train.samples < split.train.size || m.test.samples < split.test.size);
  $('#eval-note').textContent = subset
    ? t('evalOn').replace('{train}', String(m.train.samples)).replace('{trainAll}', String(split.train.size))
      .replace('{test}', String(m.test.samples)).replace('{testAll}', String(split.test.size))
    : '';
  renderLineChart($('#loss-chart'), [
    { points: history.map((h) => [h.epoch, h.trainLoss]), colour: '#2563eb' },
    { points: history.map((h) => [h.epoch, h.testLoss]), colour: '#ea580c', dashed: true },
  ]);
  renderLineChart($('#acc-chart'), [
    { points: history.filter((h) => h.trainAcc !== null).map((h) => [h.epoch, h.trainAcc!]), colour: '#2563eb' },
    { points: history.filter((h) => h.testAcc !== null).map((h) => [h.epoch, h.testAcc!]), colour: '#ea580c', dashed: true },
  ], [0, 1]);
  if (net.inputSize === 2) renderHeatmap($('#surface'), m?.grid ?? null, split.train, split.test);
  // The diagram's fill: every activation for one probe sample (the drawing on the pad, if any).
  const drawn = net.inputSize === 784 ? pad.pixels() : null;
  const probe = drawn ?? split.test.inputs.subarray(0, net.inputSize);
  const trace = createTrace(net, 1);
  trace.a[0]!.set(probe);
  const out = forward(net, trace);
  renderDiagram($('#diagram'), {
    sizes: [net.inputSize, ...net.layers.map((l) => l.units)], weights: net.layers.map((l) => l.weights),
    names: namesOf(net), activations: trace.a,
  });
  if (net.inputSize === 784) renderBars($('#bars'), drawn && net.outputSize === 10 ? Array.from(out) : null);
}

function errorText(e: unknown): string {
  return e instanceof BpnetError ? `${t('error')}: ${e.message}` : `${t('error')}: ${(e as Error).message ?? e}`;
}

async function loadFile(file: File): Promise<void> {
  try {
    const loaded = await readFile(file);
    if (loaded.kind === 'model') {
      loadedModel = loaded.model;
      const m = networkFromJSON(loaded.model, loaded.name);
      writeConfig({ hidden: m.layers.slice(0, -1).map((l) => l.units), activation: m.layers[0]!.activation === 'softmax' ? 'relu' : m.layers[0]!.activation });
    } else {
      fileSplit = splitDataset(loaded.data, readConfig().trainFraction, new Rng(readConfig().seed));
      writeConfig({ dataset: 'file' });
      $<HTMLOptionElement>('#dataset option[value="file"]').disabled = false;
    }
    if (await reset()) message(`${t('loaded')}: ${loaded.name}`);
  } catch (e) {
    message(errorText(e), true);
  }
}

function togglePlay(): void {
  send({ type: running ? 'pause' : 'play' });
}

function stepOnce(): void {
  if (!$('#step-view').hidden) stepView.next();
  else send({ type: 'step' });
}

function showTab(name: 'train' | 'step'): void {
  $('#train-view').hidden = name !== 'train';
  $('#step-view').hidden = name !== 'step';
  document.querySelectorAll<HTMLElement>('[role="tab"]').forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.tab === name)));
  if (name === 'step') {
    if (running) send({ type: 'pause' });
    stepView.load(net, split.train, readConfig());
  } else scheduleDraw();
}

function wire(): void {
  fillChoices();
  writeConfig(presetFor('xor'));
  $('#play').addEventListener('click', togglePlay);
  $('#step').addEventListener('click', () => send({ type: 'step' }));
  $('#reset').addEventListener('click', () => void reset());
  $('#dataset').addEventListener('change', () => {
    loadedModel = $<HTMLSelectElement>('#dataset').value === 'classic' ? (classicModel as ModelJSON) : undefined;
    writeConfig(presetFor(readConfig().dataset));
    void reset();
  });
  for (const id of ['#hidden', '#activation', '#loss']) $(id).addEventListener('change', () => { loadedModel = undefined; void reset(); });
  for (const id of ['#noise', '#train-fraction', '#optimizer', '#lr', '#batch', '#wd', '#seed']) $(id).addEventListener('change', () => void reset());
  $<HTMLInputElement>('#file').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void loadFile(f);
  });
  acceptDrops(document.body, (f) => void loadFile(f), (on) => document.body.classList.toggle('dropping', on));
  $('#clear').addEventListener('click', () => pad.clear());
  document.querySelectorAll<HTMLElement>('[role="tab"]').forEach((tab) => tab.addEventListener('click', () => showTab(tab.dataset.tab as 'train' | 'step')));
  $('#step-next').addEventListener('click', () => stepView.next());
  $('#step-prev').addEventListener('click', () => stepView.back());
  $('#step-restart').addEventListener('click', () => stepView.restart());
  $('#step-sample').addEventListener('change', () => stepView.sampleChanged());
  $<HTMLSelectElement>('#lang').addEventListener('change', (e) => setLanguage((e.target as HTMLSelectElement).value as Lang));
  onLanguageChange(() => { updateButtons(); stepView.render(); scheduleDraw(); });
  document.addEventListener('keydown', (e) => {
    const tag = (e.target as HTMLElement).tagName;
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(tag) || e.ctrlKey || e.metaKey || e.altKey) return;
    // Space and Enter keep their usual meaning on a focused button, tab or diagram element.
    if ((tag === 'BUTTON' || (e.target as HTMLElement).closest?.('[role="button"]')) && (e.key === ' ' || e.key === 'Enter')) return;
    if (e.key === ' ') { e.preventDefault(); if ($('#step-view').hidden) togglePlay(); else stepView.next(); }
    else if (e.key === 'ArrowRight' || e.key === 's' || e.key === 'S') { e.preventDefault(); stepOnce(); }
    else if (e.key === 'ArrowLeft' && !$('#step-view').hidden) stepView.back();
    else if (e.key === 'r' || e.key === 'R') void reset();
  });
  window.addEventListener('resize', scheduleDraw);
  const lang = initialLanguage();
  $<HTMLSelectElement>('#lang').value = lang;
  setLanguage(lang);
}

wire();
void reset();
