/**
 * Drawing the training view from the page's state: the figures, the curves, the decision surface,
 * the neurons' pictures, the diagram (with the probe sample's activations) and the digit bars.
 * A pure function of what it is given; main.ts calls it once per animation frame at most.
 */
import { createTrace, transformInputs, formatNumber as fmt, forward, type Dataset, type Network, type ScalarNames } from '../../src/index.ts';
import { DigitPad, renderBars } from './digit-pad.ts';
import { featurizePoints, featureLabels, type FeatureName } from './features.ts';
import { renderHeatmap, renderNeurons } from './heatmap.ts';
import { t } from './i18n.ts';
import { renderLineChart } from './line-chart.ts';
import { renderDiagram } from './network-diagram.ts';
import type { Progress } from './protocol.ts';
import { namesOf } from './step-view.ts';

export interface HistoryPoint { epoch: number; trainLoss: number; testLoss: number; trainAcc: number | null; testAcc: number | null }

export interface ViewState {
  net: Network;
  view: { train: Dataset; test: Dataset };
  sizes: { train: number; test: number };
  regression: boolean;
  features: FeatureName[];
  last: Progress | undefined;
  history: HistoryPoint[];
  showTest: boolean;
  discretize: boolean;
  digits: boolean;
  pad: DigitPad;
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector(sel) as T;

export function draw(s: ViewState): void {
  const { net, last: m } = s;
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
  $('#epoch').textContent = m ? m.epoch.toFixed(2) : '0';
  $('#train-loss').textContent = m ? fmt(Number(m.train.loss.toPrecision(4))) : '–';
  $('#test-loss').textContent = m ? fmt(Number(m.test.loss.toPrecision(4))) : '–';
  $('#train-acc').textContent = pct(m?.train.accuracy);
  $('#test-acc').textContent = pct(m?.test.accuracy);
  $('#samples-per-second').textContent = m && m.running ? `${Math.round(m.samplesPerSecond)}` : '–';
  const subset = m && (m.train.samples < s.sizes.train || m.test.samples < s.sizes.test);
  $('#eval-note').textContent = subset
    ? t('evalOn').replace('{train}', String(m.train.samples)).replace('{trainAll}', String(s.sizes.train))
      .replace('{test}', String(m.test.samples)).replace('{testAll}', String(s.sizes.test))
    : '';
  renderLineChart($('#loss-chart'), [
    { points: s.history.map((h) => [h.epoch, h.trainLoss]), colour: '#2563eb' },
    { points: s.history.map((h) => [h.epoch, h.testLoss]), colour: '#ea580c', dashed: true },
  ]);
  renderLineChart($('#acc-chart'), [
    { points: s.history.filter((h) => h.trainAcc !== null).map((h) => [h.epoch, h.trainAcc!]), colour: '#2563eb' },
    { points: s.history.filter((h) => h.testAcc !== null).map((h) => [h.epoch, h.testAcc!]), colour: '#ea580c', dashed: true },
  ], [0, 1]);
  const planar = s.view.train.inputSize === 2;
  const range: [number, number] = s.regression ? [-1, 1] : [0, 1];
  document.body.dataset.drawnPoints = String(s.view.train.size + (s.showTest && s.view.test !== s.view.train ? s.view.test.size : 0));
  if (planar) renderHeatmap($('#surface'), m?.grid ?? null, s.view.train, s.showTest ? s.view.test : null, { range, discretize: s.discretize });
  $('#neurons-card').hidden = !m?.neurons || m.neurons.length === 0;
  if (m?.neurons && m.neurons.length) renderNeurons($('#neurons'), m.neurons, net.layers.map((l) => l.activation));
  // The diagram's fill: every activation for one probe sample (the drawing on the pad, if any).
  const drawn = net.inputSize === 784 ? s.pad.pixels() : null;
  const probe = drawn ?? (planar ? featurizePoints(s.view.test.inputs, 1, s.features) : s.view.test.inputs.subarray(0, net.inputSize));
  const trace = createTrace(net, 1);
  trace.a[0]!.set(transformInputs(net.inputTransform, probe, 1, net.inputSize));
  const out = forward(net, trace);
  renderDiagram($('#diagram'), {
    sizes: [net.inputSize, ...net.layers.map((l) => l.units)], weights: net.layers.map((l) => l.weights),
    names: displayNames(net, planar ? s.features : null, s.digits), activations: trace.a,
  });
  if (net.inputSize === 784) renderBars($('#bars'), drawn && net.outputSize === 10 ? Array.from(out) : null);
}

/** The textbook names, except that the inputs are the features and the digits' outputs are 0–9. */
function displayNames(net: Network, features: FeatureName[] | null, digits: boolean): ScalarNames {
  const names = namesOf(net);
  const inputs = features && features.length === net.inputSize ? featureLabels(features) : names.inputs;
  const last = names.neurons.length - 1;
  const neurons = digits && net.outputSize === 10 ? names.neurons.map((l, i) => (i === last ? l.map((_, d) => String(d)) : l)) : names.neurons;
  return { ...names, inputs, neurons };
}
