/**
 * `explain --summary`: many steps (10 000 for the classic example's published figures) run through
 * the same core Trainer steps as the full derivation, printing only where they start and end, and
 * — for the classic example — the published figures next to correct backprop and the sequential
 * order that produced them.
 */
import type { Dataset } from '../core/dataset.ts';
import type { Network } from '../core/network.ts';
import type { UpdateOrder } from '../core/train-options.ts';
import { check } from '../core/errors.ts';
import { eqs, heading, para, title, type Doc } from './document.ts';
import { detectExample, PUBLISHED } from './examples.ts';
import { runConfig } from './config.ts';
import type { ExplainOptions } from './explain.ts';
import { asDataset, sampleAt, type ExplainSource } from './source.ts';
import type { Words } from './i18n.ts';
import { err, m, num, out, type M } from './math.ts';
import { runSteps, type RunConfig } from './run.ts';
import type { ExampleName, ExplainOptimizer } from './trace.ts';

/** Where the objective and the first sample's outputs stand. */
export interface SummaryPoint { J: number; outputs: number[] }

/** The published figures after many steps next to both orders, computed now. */
export interface SummaryErratum {
  steps: number;
  published: SummaryPoint;
  /** Correct backprop (simultaneous order). */
  correct: SummaryPoint;
  /** Each layer updated before the next delta: the order behind the published figures. */
  sequential: SummaryPoint;
}

/** Start and end of many explained steps, and the classic example's erratum with both update orders. */
export interface ExplainSummary {
  format: 'bpnet-explain-summary';
  version: 1;
  sizes: number[];
  example: ExampleName | null;
  optimizer: ExplainOptimizer;
  batchSize: number;
  weightDecay: number;
  updateOrder: UpdateOrder;
  steps: number;
  /** Before the first step (first batch) and after the last (last batch). */
  start: SummaryPoint;
  end: SummaryPoint;
  /** The same steps in the other update order (networks with a hidden layer). */
  other: (SummaryPoint & { updateOrder: UpdateOrder }) | null;
  erratum: SummaryErratum | null;
}

/** Longest run `explainSummary` accepts. */
export const MAX_SUMMARY_STEPS = 1_000_000;

/** Runs `steps` training steps (like `explain`, without writing each out) and gives the start, the end and, for the classic example, the erratum. */
export function explainSummary(network: Network, source: ExplainSource, options: ExplainOptions = {}): ExplainSummary {
  const { data } = asDataset(source, network);
  const steps = options.steps ?? 1;
  check(Number.isInteger(steps) && steps >= 1 && steps <= MAX_SUMMARY_STEPS, `must be an integer from 1 to ${MAX_SUMMARY_STEPS}, got ${steps}`, 'steps');
  const first = sampleAt(data, options.start ?? 0);
  const example = options.example !== undefined ? options.example : (data.size === 1 ? detectExample(network, Array.from(first.input), Array.from(first.target)) : null);
  const config = runConfig(network, data, options, example);
  const n = network.outputSize;
  const run = (order: UpdateOrder) => {
    let start: SummaryPoint | undefined;
    const { last } = runSteps(network, data, { ...config, updateOrder: order }, steps, (raw) => {
      if (raw.step === 1) start = { J: raw.objective.J, outputs: Array.from(raw.trace.a[raw.net.layers.length]!.subarray(0, n)) };
    });
    return { start: start!, end: { J: last.objectiveAfter.J, outputs: Array.from(last.outputsAfter.subarray(0, n)) } };
  };
  const main = run(config.updateOrder);
  const otherOrder: UpdateOrder = config.updateOrder === 'simultaneous' ? 'sequential' : 'simultaneous';
  const other = network.layers.length > 1 ? { ...run(otherOrder).end, updateOrder: otherOrder } : null;
  const pub = PUBLISHED.classic.after10000;
  // Only the published setting has published figures to compare with.
  const plain = config.optimizer.name === 'sgd' && config.optimizer.learningRate === 0.5 && config.weightDecay === 0 && config.batchSize === 1;
  const erratum = example === 'classic' && plain && steps === pub.steps && other ? {
    steps, published: { J: pub.error, outputs: [...pub.outputs] },
    correct: config.updateOrder === 'simultaneous' ? main.end : other, sequential: config.updateOrder === 'sequential' ? main.end : other,
  } : null;
  return {
    format: 'bpnet-explain-summary', version: 1, sizes: [network.inputSize, ...network.layers.map((l) => l.units)], example,
    optimizer: config.optimizer, batchSize: config.batchSize, weightDecay: config.weightDecay, updateOrder: config.updateOrder, steps,
    start: main.start, end: main.end, other, erratum,
  };
}

/** The classic article's figures after 10 000 iterations next to both update orders, computed now. */
export function classicErratum(network: Network, data: Dataset, config: RunConfig): SummaryErratum {
  const pub = PUBLISHED.classic.after10000;
  const n = network.outputSize;
  const end = (updateOrder: UpdateOrder): SummaryPoint => {
    const { last } = runSteps(network, data, { ...config, updateOrder, start: 0 }, pub.steps, null);
    return { J: last.objectiveAfter.J, outputs: Array.from(last.outputsAfter.subarray(0, n)) };
  };
  return { steps: pub.steps, published: { J: pub.error, outputs: [...pub.outputs] }, correct: end('simultaneous'), sequential: end('sequential') };
}

/** Nine decimals, trailing zeros kept: the articles' way of printing these figures. */
export const fixed9 = (x: number): M => m(x.toFixed(9));

function pointRows(p: SummaryPoint, J: M): M[][] {
  return [[J, num(p.J)], ...p.outputs.map((o, j) => [out(`o${j + 1}`), num(o)])];
}

/** The summary as a document in the language of `w`. */
export function summaryDoc(s: ExplainSummary, w: Words): Doc {
  const plain = s.batchSize === 1 && s.weightDecay === 0;
  const J = plain ? err('total') : m('J');
  const doc: Doc = [title(w.summaryTitle(s.sizes.join('-'), s.steps))];
  doc.push(para(w.optimizerIntro(s.optimizer, s.batchSize, s.weightDecay)));
  doc.push(heading(3, w.summaryStart), eqs(pointRows(s.start, J)));
  doc.push(heading(3, w.summaryEnd(s.steps, w.orderName[s.updateOrder])), eqs(pointRows(s.end, J)));
  if (s.other) doc.push(heading(3, w.summaryEnd(s.steps, w.orderName[s.other.updateOrder])), eqs(pointRows(s.other, J)));
  if (s.erratum) {
    const e = s.erratum;
    const row = (label: M, get: (p: SummaryPoint) => number) => [label, fixed9(get(e.published)), fixed9(get(e.correct)), fixed9(get(e.sequential))];
    doc.push(heading(3, w.erratumTitle), para(w.erratumIntro(e.steps)), {
      type: 'table', head: w.erratumHead,
      rows: [row(J, (p) => p.J), ...e.published.outputs.map((_, j) => row(out(`o${j + 1}`), (p) => p.outputs[j]!))],
    }, para(w.erratumReason));
  }
  return doc;
}
