/**
 * One step in scalar form. B = 1: forward pass, then layer by layer from the output down its
 * deltas and its updates, as the tutorials write it. B > 1: each sample's forward pass and deltas,
 * then the gradient averaged over the batch (with weight decay) and the optimizer's update.
 */
import { eqs, heading, para, type Block, type Doc } from './document.ts';
import type { Words } from './i18n.ts';
import { cat, d, delta, err, m, mul, name, net, num, out, paren, sum, updated, type M } from './math.ts';
import { forwardBlocks, hiddenDeltaBlocks, layerNames, nameList, outputDeltaBlocks, type Pass } from './scalar-doc.ts';
import type { Objective, ScalarBackwardLayer, ScalarSamplePass, ScalarStep, ScalarTrace } from './trace.ts';
import { errOf, gradientRows, ruleFormula, ruleRows } from './update-doc.ts';

const TOTAL = err('total');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** J = (1/B)·Σᵢ Eᵢ + (λ/2)·Σ w² with its numbers. */
export function objectiveRow(o: Objective, lambda: number, lhs: M = m('J')): M[] {
  const B = o.losses.length;
  const mean = B === 1 ? m('E') : mul(m(`(1/${B})`, `\\tfrac{1}{${B}}`), paren(sum(o.losses.map((_, i) => errOf(i + 1)))));
  const meanNum = B === 1 ? num(o.mean) : mul(m(`(1/${B})`, `\\tfrac{1}{${B}}`), paren(sum(o.losses.map((e) => num(e, true)))));
  if (lambda === 0) return [lhs, mean, meanNum, num(o.J)];
  return [lhs, cat(mean, m(' + '), mul(m('(λ/2)', '\\tfrac{\\lambda}{2}'), m('Σ w²', '\\sum w^2'))),
    cat(meanNum, m(' + '), num(o.penalty)), num(o.J)];
}

/** The gradient rows (batch mean, decay) and the optimizer rows of every weight and bias of a layer. */
function updateBlocks(b: ScalarBackwardLayer, trace: ScalarTrace, w: Words, names: ReturnType<typeof layerNames>, perSampleRows: boolean): Doc {
  const { from, to } = names(b.layer);
  const doc: Doc = [heading(4, cap(w.weightUpdates(from, to)))];
  const rows: M[][] = [];
  const source = (s: string) => (b.layer === 0 ? name(s) : out(s));
  const lambda = trace.weightDecay;
  const B = trace.batchSize;
  // ∂J/∂w when J differs from the sample's E (a batch, or weight decay), else ∂E_total/∂w.
  const gOf = (wn: M, isBias: boolean) => (B > 1 || (lambda !== 0 && !isBias) ? d(m('J'), wn) : d(TOTAL, wn));
  for (const g of b.weights) {
    const o = out(g.to), z = net(g.to), wn = name(g.name);
    if (perSampleRows) {
      rows.push([d(z, wn), source(g.from), num(g.dNetdW)]);
      if (g.dOutdNet !== null && b.deltas[0]!.rule === 'chain') {
        rows.push([d(TOTAL, wn), mul(d(TOTAL, o), d(o, z), d(z, wn)), mul(num(g.dEdOut, true), num(g.dOutdNet, true), num(g.dNetdW, true)), num(g.update.perSample[0]!)]);
      } else {
        rows.push([d(TOTAL, wn), mul(delta(g.to), d(z, wn)), mul(num(g.delta, true), num(g.dNetdW, true)), num(g.update.perSample[0]!)]);
      }
    }
    rows.push(...gradientRows(wn, g.old, g.update, lambda, false));
    rows.push(...ruleRows(trace.optimizer, wn, updated(g.name), gOf(wn, false), g.old, g.update, g.new));
  }
  doc.push(eqs(rows));
  const shared = trace.names.sharedBias[b.layer]!;
  if (shared && !b.biases[0]!.trained) {
    doc.push(para(w.biasFixed, cat(name(b.biases[0]!.name), m(' = '), num(b.biases[0]!.old))));
  } else if (!b.biases[0]!.trained) {
    doc.push(para(w.biasFixed, nameList(b.biases.map((x) => x.name), w.lang)));
  } else {
    doc.push(eqs(b.biases.flatMap((x) => {
      const bn = name(x.name), u = x.update!;
      return [
        ...(perSampleRows ? [[d(TOTAL, bn), delta(x.neuron), num(u.perSample[0]!)]] : []),
        ...gradientRows(bn, x.old, u, lambda, true),
        ...ruleRows(trace.optimizer, bn, updated(x.name), gOf(bn, true), x.old, u, x.new),
      ];
    })));
  }
  if (b.layer > 0) {
    const list = nameList(b.weights.map((g) => g.name), w.lang);
    doc.push(para(b.updatedBeforeNextDelta ? w.sequentialAfterLayer(list) : w.simultaneousAfterLayer(list)));
  }
  return doc;
}

/** A sample of the batch as the pass the delta blocks read. */
function asPass(p: ScalarSamplePass, step: ScalarStep): Pass {
  return {
    forward: p.forward, loss: p.loss,
    backward: step.backward.map((b, i) => ({ ...b, deltas: p.deltas[i]!, weights: [], biases: [] })),
  };
}

function optimizerIntro(trace: ScalarTrace, w: Words): Doc {
  const o = trace.optimizer;
  if (o.name === 'sgd' && trace.weightDecay === 0 && trace.batchSize === 1) return [];
  const doc: Doc = [para(w.optimizerIntro(o, trace.batchSize, trace.weightDecay), ' ', w.optimizerFormulas)];
  const general: M[][] = [];
  if (trace.batchSize > 1 || trace.weightDecay !== 0) {
    general.push([m('J'), m('(1/B)·Σᵢ Eᵢ + (λ/2)·Σ w²', '\\tfrac{1}{B} \\sum_i E_i + \\tfrac{\\lambda}{2} \\sum w^2')]);
    general.push([m('∂J/∂w'), m('(1/B)·Σᵢ ∂Eᵢ/∂w + λ·w', '\\tfrac{1}{B} \\sum_i \\frac{\\partial E_i}{\\partial w} + \\lambda w')]);
  }
  general.push(...ruleFormula(o));
  doc.push(eqs(general));
  return doc;
}

/** The blocks of one step. */
export function scalarStepDoc(step: ScalarStep, trace: ScalarTrace, w: Words): Doc {
  const names = layerNames(w, step.forward.length);
  const doc: Doc = [heading(2, w.step(step.step, trace.steps.length))];
  if (step.step === 1) doc.push(...optimizerIntro(trace, w));
  if (step.batch) {
    doc.push(para(w.batchIntro(step.rows.map((r) => r + 1))));
    step.batch.forEach((p, i) => {
      const pass = asPass(p, step);
      doc.push(...forwardBlocks(pass, trace, w, w.sampleForward(i + 1, p.row + 1)), heading(3, w.sampleBackward(i + 1, p.row + 1)));
      for (const b of pass.backward) doc.push(...(b.output ? outputDeltaBlocks(b, pass, trace, w) : hiddenDeltaBlocks(b, pass, trace, w, names)));
    });
    doc.push(heading(3, w.batchGradient), eqs([objectiveRow(step.objective, trace.weightDecay)]));
    for (const b of step.backward) doc.push(...updateBlocks(b, trace, w, names, false));
  } else {
    doc.push(...forwardBlocks(step, trace, w));
    if (trace.weightDecay !== 0) doc.push(eqs([objectiveRow(step.objective, trace.weightDecay)]));
    doc.push(heading(3, w.backward));
    for (const b of step.backward) {
      doc.push(...(b.output ? outputDeltaBlocks(b, step, trace, w) : hiddenDeltaBlocks(b, step, trace, w, names)));
      doc.push(...updateBlocks(b, trace, w, names, true));
    }
  }
  const outputs = step.forward[step.forward.length - 1]!;
  const afterRows: M[][] = outputs.map((n, j) => [out(n.name), num(step.outputsAfter[j]!)]);
  const plain = !step.batch && trace.weightDecay === 0;
  afterRows.push(plain ? [TOTAL, num(step.lossAfter)] : objectiveRow(step.objectiveAfter, trace.weightDecay));
  doc.push(heading(3, w.after), para(step.batch ? w.afterForwardBatch(step.rows[0]! + 1) : w.afterForward), eqs(afterRows) as Block,
    para(`${w.open}${w.before}${w.colon}`, plain ? cat(TOTAL, m(' = '), num(step.loss.total)) : cat(m('J = '), num(step.objective.J)), w.close));
  return doc;
}
