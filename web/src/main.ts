/**
 * The playground page: wires the editor, the training worker, the view, the digit pad and step mode.
 * The worker owns the data and trains; this thread keeps a mirror of the network (for the diagram,
 * the pad and step mode) and the settings of the run the worker is on (`active`). Every change
 * goes to the worker as one transaction: an init either answers "ready" and the page switches, or
 * fails and the page — form included — stays exactly as it was.
 */
import { BpnetError, networkFromJSON, type Dataset, type ModelJSON, type Network } from '../../src/index.ts';
import classicModel from '../../examples/classic/model.json' with { type: 'json' };
import { DigitPad } from './digit-pad.ts';
import { fillChoices, presetFor, readConfig, showSliderValues, writeConfig, type Config } from './editor.ts';
import { featurize } from './features.ts';
import { acceptDrops } from './files.ts';
import { GRID } from './heatmap.ts';
import { initialLanguage, lang, onLanguageChange, setLanguage, t, type Lang } from './i18n.ts';
import { wireLayerButtons } from './layer-buttons.ts';
import type { FromWorker, InitRequest, LiveTrainOptions, Ready, ToWorker } from './protocol.ts';
import { StepView } from './step-view.ts';
import { readLink, writeLink, type Mode } from './url-state.ts';
import { draw, type HistoryPoint } from './view.ts';

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector(sel) as T;

/** The run the worker is on: its settings, its data view and the page's copy of its network. */
let active: { config: Config; ready: Ready; net: Network; model: { json: ModelJSON; name: string } | null } | undefined;
let last: Parameters<typeof draw>[0]['last'];
let history: HistoryPoint[] = [];
let running = false;
let drawPending = false;
let session = 0;
let parseId = 0;
/** Inits and parses waiting for the worker's answer. */
const waiting = new Map<string, (m: FromWorker) => void>();
let refreshLayerButtons = () => {};

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

function errorText(e: unknown): string {
  return `${t('error')}: ${e instanceof Error ? e.message : String(e)}`;
}

const liveOptions = (c: Config): LiveTrainOptions => ({
  optimizer: c.optimizer, learningRate: c.learningRate, batchSize: c.batchSize, weightDecay: c.weightDecay, regularization: c.regularization,
});

/**
 * Starts a new run on `c` (and `model`, else a fresh network). Resolves true when the worker took
 * it; on failure the error is shown and the form goes back to the active run's settings.
 */
async function reset(c: Config, model = active?.model ?? null): Promise<boolean> {
  const id = ++session;
  const req: InitRequest = {
    type: 'init', session: id, trainFraction: c.trainFraction, seed: c.seed, features: c.features,
    data: c.dataset === 'digits' ? { kind: 'digits', url: new URL('digits.bin', document.baseURI).href }
      : c.dataset === 'classic' ? { kind: 'classic' } : c.dataset === 'file' ? { kind: 'file' }
        : { kind: 'toy', name: c.dataset, samples: 400, noise: c.noise },
    model: model?.json ?? null, hidden: c.hidden, activation: c.activation, loss: c.loss, options: liveOptions(c), speed: c.speed, grid: GRID,
  };
  if (c.dataset === 'digits') message('…');
  const answer = await ask(`init:${id}`, req);
  if (answer.type !== 'ready') {
    if (answer.type === 'initFailed') message(errorText(answer.message), true);
    if (active) { writeConfig(active.config); refreshLayerButtons(); }
    return false;
  }
  message('');
  active = { config: c, ready: answer, net: networkFromJSON(answer.model, 'model'), model };
  history = [];
  last = undefined;
  if (c.dataset !== 'digits') pad.clear(false);
  writeConfig({ hidden: active.net.layers.slice(0, -1).map((l) => l.units) });
  refreshLayerButtons();
  $('#surface-card').hidden = answer.view.train.inputSize !== 2;
  $('.features-row').hidden = answer.view.train.inputSize !== 2;
  $('#pad-card').hidden = active.net.inputSize !== 784;
  $('#kernel').textContent = answer.kernel;
  $('#model-badge').hidden = !model;
  $('#model-name').textContent = model?.name ?? '';
  document.body.dataset.session = String(id);
  stepView.load(active.net, stepData(), liveOptions(c));
  updateLink();
  scheduleDraw();
  return true;
}

/** Posts `m` and waits for the worker's answer keyed `key`. */
function ask(key: string, m: ToWorker): Promise<FromWorker> {
  return new Promise((resolve) => { waiting.set(key, resolve); send(m); });
}

/** Step mode's samples: the drawn training rows, as the network sees them. */
function stepData(): Dataset {
  return featurize(active!.ready.view.train, active!.config.features);
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  const key = m.type === 'ready' || m.type === 'initFailed' ? `init:${m.session}` : m.type === 'parsed' ? `parse:${m.id}` : '';
  if (key && waiting.has(key)) { waiting.get(key)!(m); waiting.delete(key); return; }
  if (m.type === 'error') { message(errorText(m.message), true); return; }
  if (m.type === 'state') { running = m.running; updateButtons(); return; }
  if (m.type === 'download') { save(m.blob, m.what === 'model' ? 'model.json' : 'data.csv'); return; }
  if (m.type !== 'progress' || !active || m.session !== active.ready.session) return;
  last = m;
  document.body.dataset.batches = String(m.batches);
  document.body.dataset.reportRunning = String(m.running);
  m.weights.forEach((w, l) => { active!.net.layers[l]!.weights.set(w); active!.net.layers[l]!.bias.set(m.biases[l]!); });
  const point = { epoch: m.epoch, trainLoss: m.train.loss, testLoss: m.test.loss, trainAcc: m.train.accuracy, testAcc: m.test.accuracy };
  if (history.length && history[history.length - 1]!.epoch === m.epoch) history[history.length - 1] = point;
  else history.push(point);
  document.body.dataset.points = String(history.length);
  document.body.dataset.curve = history.map((h) => h.trainLoss.toPrecision(6)).join(' ');
  scheduleDraw();
};

function save(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function updateButtons(): void {
  document.body.dataset.running = String(running);
  const play = $('#play');
  play.dataset.i18n = running ? 'pause' : 'play';
  play.textContent = t(running ? 'pause' : 'play');
  play.setAttribute('aria-pressed', String(running));
  $('#status').textContent = t(running ? 'running' : 'paused');
}

/** At most this many frames a second while training: drawing is the page thread's main work. */
const MAX_FPS = 12;
let lastDraw = 0;

function scheduleDraw(): void {
  if (drawPending || !active) return;
  drawPending = true;
  const wait = Math.max(0, lastDraw + 1000 / MAX_FPS - performance.now());
  setTimeout(() => requestAnimationFrame(() => {
    lastDraw = performance.now();
    drawPending = false;
    const a = active!;
    let shown = a.config;
    try { shown = readConfig(); } catch { /* a half-typed field: keep drawing the active run */ }
    draw({
      net: a.net, view: a.ready.view, sizes: a.ready.sizes, regression: a.ready.regression, features: a.config.features, last, history,
      showTest: shown.showTest, discretize: shown.discretize, digits: a.config.dataset === 'digits', pad,
    });
  }), wait);
}

const mode = (): Mode => ($('#step-view').hidden ? 'train' : 'step');

function updateLink(): void {
  if (!active) return;
  let c = active.config;
  try { c = readConfig(); } catch { /* keep the last valid settings in the address */ }
  window.history.replaceState(null, '', writeLink(c, lang(), mode()));
}

/** Reads the form, or shows what is wrong with it (naming the field's label) and returns undefined. */
function formConfig(): Config | undefined {
  try {
    return readConfig();
  } catch (e) {
    message(errorText(e), true);
    return undefined;
  }
}

/** A file from the picker or a drop: parsed and checked in the worker; used only if it fits. */
async function loadFile(file: File): Promise<void> {
  const c = formConfig();
  if (!c || !active) return;
  message('…');
  const id = ++parseId;
  const m = await ask(`parse:${id}`, { type: 'parse', id, file, modelLoaded: active.model !== null });
  if (m.type !== 'parsed') return;
  if (!m.ok) { message(errorText(m.message), true); return; }
  const ok = m.kind === 'model'
    ? await reset(c, { json: m.model, name: m.name })
    : await reset({ ...c, dataset: 'file' });
  if (!ok) return;
  if (m.kind === 'dataset') $<HTMLOptionElement>('#dataset option[value="file"]').disabled = false;
  writeConfig({ dataset: active!.config.dataset });
  message(`${t('loaded')}: ${m.name}`);
}

function showTab(name: Mode): void {
  $('#train-view').hidden = name !== 'train';
  $('#step-view').hidden = name !== 'step';
  document.querySelectorAll<HTMLElement>('[role="tab"]').forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.tab === name)));
  if (name === 'step' && active) {
    if (running) send({ type: 'pause' });
    stepView.load(active.net, stepData(), liveOptions(active.config));
  } else scheduleDraw();
  updateLink();
}

/** A change of the form: live options go to the running network, everything else starts a new run. */
function changed(kind: 'live' | 'view' | 'reset' | 'dataset' | 'architecture'): void {
  showSliderValues();
  if (kind === 'dataset') writeConfig(presetFor($<HTMLSelectElement>('#dataset').value as Config['dataset']));
  const c = formConfig();
  if (!c || !active) return;
  message('');
  if (kind === 'live') {
    send({ type: 'options', options: liveOptions(c) });
    send({ type: 'speed', speed: c.speed });
    active.config = { ...active.config, ...liveOptions(c), speed: c.speed };
    // Step mode explains with the side panel's optimizer, batch size, λ and regularization.
    if (!$('#step-view').hidden) stepView.load(active.net, stepData(), liveOptions(active.config));
    updateLink();
  } else if (kind === 'view') {
    active.config = { ...active.config, showTest: c.showTest, discretize: c.discretize };
    updateLink();
    scheduleDraw();
  } else {
    const model = kind === 'dataset' ? (c.dataset === 'classic' ? { json: classicModel as ModelJSON, name: 'examples/classic/model.json' } : null)
      : kind === 'architecture' ? null : active.model;
    void reset(c, model);
  }
}

function wire(): void {
  fillChoices();
  writeConfig({ dataset: 'xor', noise: 0, trainFraction: 0.5, features: ['x1', 'x2'], seed: 1, showTest: true, discretize: false, ...presetFor('xor') });
  $('#play').addEventListener('click', () => send({ type: running ? 'pause' : 'play' }));
  $('#step').addEventListener('click', () => send({ type: 'step' }));
  $('#reset').addEventListener('click', () => changed('reset'));
  $('#dataset').addEventListener('change', () => changed('dataset'));
  for (const id of ['#hidden', '#activation', '#loss']) $(id).addEventListener('change', () => changed('architecture'));
  $('#features').addEventListener('change', () => changed('architecture'));
  for (const id of ['#noise', '#train-fraction', '#seed']) $(id).addEventListener('change', () => changed('reset'));
  for (const id of ['#noise', '#train-fraction']) $(id).addEventListener('input', showSliderValues);
  for (const id of ['#optimizer', '#lr', '#batch', '#wd', '#regularization', '#speed']) $(id).addEventListener('change', () => changed('live'));
  for (const id of ['#show-test', '#discretize']) $(id).addEventListener('change', () => changed('view'));
  refreshLayerButtons = wireLayerButtons($('#layer-buttons'), $<HTMLInputElement>('#hidden'), () => changed('architecture'));
  $('#drop-model').addEventListener('click', () => { const c = formConfig(); if (c) void reset(c, null); });
  $('#download-model').addEventListener('click', () => send({ type: 'download', what: 'model' }));
  $('#download-data').addEventListener('click', () => send({ type: 'download', what: 'data' }));
  $<HTMLInputElement>('#file').addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    if (f) void loadFile(f).finally(() => { input.value = ''; });
  });
  acceptDrops(document.body, (f) => void loadFile(f), (on) => document.body.classList.toggle('dropping', on));
  $('#clear').addEventListener('click', () => pad.clear());
  document.querySelectorAll<HTMLElement>('[role="tab"]').forEach((tab) => tab.addEventListener('click', () => showTab(tab.dataset.tab as Mode)));
  $('#step-next').addEventListener('click', () => stepView.next());
  $('#step-prev').addEventListener('click', () => stepView.back());
  $('#step-restart').addEventListener('click', () => stepView.restart());
  $('#step-sample').addEventListener('change', () => stepView.sampleChanged());
  $<HTMLSelectElement>('#lang').addEventListener('change', (e) => setLanguage((e.target as HTMLSelectElement).value as Lang));
  onLanguageChange(() => { refreshLayerButtons(); updateButtons(); stepView.render(); scheduleDraw(); updateLink(); });
  document.addEventListener('keydown', (e) => {
    const tag = (e.target as HTMLElement).tagName;
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(tag) || e.ctrlKey || e.metaKey || e.altKey) return;
    // Space and Enter keep their usual meaning on a focused button, tab or diagram element.
    if ((tag === 'BUTTON' || (e.target as HTMLElement).closest?.('[role="button"]')) && (e.key === ' ' || e.key === 'Enter')) return;
    const step = mode() === 'step';
    if (e.key === ' ') { e.preventDefault(); if (step) stepView.next(); else send({ type: running ? 'pause' : 'play' }); }
    else if (e.key === 'ArrowRight' || e.key === 's' || e.key === 'S') { e.preventDefault(); if (step) stepView.next(); else send({ type: 'step' }); }
    else if (e.key === 'ArrowLeft' && step) stepView.back();
    else if ((e.key === 'r' || e.key === 'R') && !step) changed('reset');
  });
  window.addEventListener('resize', scheduleDraw);
}

async function start(): Promise<void> {
  wire();
  const link = readLink(location.search);
  writeConfig(link.config);
  const language = link.lang ?? initialLanguage();
  $<HTMLSelectElement>('#lang').value = language;
  setLanguage(language);
  const c = formConfig();
  if (!c) return;
  const model = c.dataset === 'classic' ? { json: classicModel as ModelJSON, name: 'examples/classic/model.json' } : null;
  if (!(await reset(c, model))) throw new BpnetError('the first run failed', 'playground');
  if (link.sample !== undefined) $<HTMLInputElement>('#step-sample').value = String(link.sample);
  if (link.mode === 'step') showTab('step');
  if (link.ignored.length) message(`${t('ignored')}: ${link.ignored.join(', ')}`, true);
}

void start();
