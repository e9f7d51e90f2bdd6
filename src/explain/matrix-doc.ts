/**
 * The matrix form of a step: the four backprop equations instantiated for each layer, and a table
 * of norms and ranges instead of one line per weight, with a few entries followed through.
 */
import { eqs, heading, para, type Doc, type Inline } from './document.ts';
import type { Words } from './i18n.ts';
import { cat, ETA, m, MINUS, mul, num, type M } from './math.ts';
import { outputDeltaVector } from './output-rule.ts';
import { objectiveRow } from './step-doc.ts';
import { gradientRows, ruleFormula, ruleRows } from './update-doc.ts';
import type { MatrixStep, MatrixSummary, MatrixTrace } from './trace.ts';

const SUP: Record<string, string> = { l: 'ˡ', L: 'ᴸ', '+': '⁺', '-': '⁻', ...Object.fromEntries([...'0123456789'].map((c, i) => [c, '⁰¹²³⁴⁵⁶⁷⁸⁹'[i]!])) };
const supText = (s: string | number) => [...String(s)].map((c) => SUP[c] ?? c).join('');
const sup = (base: string, l: number | string, texBase = base): M => m(`${base}${supText(l)}`, `${texBase}^{${l}}`);
const grad = (x: M): M => m(`∂E/∂${x.t}`, `\\frac{\\partial E}{\\partial ${x.k}}`);
/** ∂J/∂x: with a batch or weight decay the gradient is of the objective J. */
const gradJ = (x: M): M => m(`∂J/∂${x.t}`, `\\frac{\\partial J}{\\partial ${x.k}}`);
const entry = (x: M, ...idx: number[]): M => m(`${x.t}[${idx.join(',')}]`, `${x.k}_{${idx.join(',')}}`);

function summaryRow(label: M, s: MatrixSummary): Inline[] {
  return [label, `${s.rows}×${s.cols}`, num(s.norm), num(s.min), num(s.max)];
}

export function matrixStepDoc(step: MatrixStep, trace: MatrixTrace, w: Words): Doc {
  const doc: Doc = [heading(2, w.step(step.step, trace.steps.length)), para(w.matrix(trace.network.weights))];
  const head = [w.quantity, w.shape, w.norm, w.min, w.max];
  const L = step.layers.length;
  doc.push(heading(3, w.matrixForward));
  doc.push(eqs([
    [sup('z', 'l'), m('Wˡ·aˡ⁻¹ + bˡ', 'W^{l} a^{l-1} + b^{l}')],
    [sup('a', 'l'), m('g(zˡ)', 'g(z^{l})')],
  ]));
  doc.push({
    type: 'table', head,
    rows: step.layers.flatMap((l) => [summaryRow(sup('z', l.layer + 1), l.z), summaryRow(sup('a', l.layer + 1), l.a)]),
  });
  // With a batch or weight decay the quantity minimised is J (objectiveRow shows its parts).
  const viaJ = trace.batchSize > 1 || trace.weightDecay !== 0;
  doc.push(heading(3, w.error), eqs([viaJ ? objectiveRow(step.objective, trace.weightDecay) : [m('E'), num(step.loss)]]));
  if (step.outputs && step.targets) {
    doc.push({
      type: 'table', head: ['', 'out', 'target'],
      rows: step.outputs.map((o, j) => [m(`o${j + 1}`, `o_{${j + 1}}`), num(o), num(step.targets![j]!)]),
    });
  }
  doc.push(heading(3, w.matrixBackward));
  doc.push(eqs([
    [sup('δ', 'L', '\\delta'), outputDeltaVector(trace.network.activations[L - 1]!, trace.network.loss)],
    [sup('δ', 'l', '\\delta'), m("((Wˡ⁺¹)ᵀ·δˡ⁺¹) ⊙ g′(zˡ)", "\\left((W^{l+1})^{\\mathsf{T}} \\delta^{l+1}\\right) \\odot g'(z^{l})")],
    [grad(sup('b', 'l')), sup('δ', 'l', '\\delta')],
    [grad(sup('W', 'l')), m('δˡ·(aˡ⁻¹)ᵀ', '\\delta^{l} \\left(a^{l-1}\\right)^{\\mathsf{T}}')],
    ...(trace.optimizer.name === 'sgd' && !viaJ ? [[m('Wˡ⁺', 'W^{l+}'), cat(sup('W', 'l'), MINUS, mul(ETA, grad(sup('W', 'l'))))]] : []),
  ]));
  if (trace.optimizer.name !== 'sgd' || viaJ) {
    doc.push(para(w.optimizerIntro(trace.optimizer, trace.batchSize, trace.weightDecay), ' ', w.optimizerFormulas));
    doc.push(eqs([
      ...(viaJ ? [[m('∂J/∂w'), m('(1/B)·Σᵢ ∂Eᵢ/∂w + λ·w', '\\tfrac{1}{B} \\sum_i \\frac{\\partial E_i}{\\partial w} + \\lambda w')]] : []),
      ...ruleFormula(trace.optimizer),
    ]));
  }
  for (let i = L - 1; i >= 0; i--) {
    const l = step.layers[i]!, n = i + 1;
    doc.push(heading(4, w.matrixLayer(n, l.inputs, l.units, w.activationName[l.activation], i === L - 1)));
    const W = sup('W', n), d = sup('δ', n, '\\delta');
    doc.push({
      type: 'table', head,
      rows: [
        summaryRow(d, l.delta),
        summaryRow(viaJ ? gradJ(W) : grad(W), l.gradW),
        summaryRow(viaJ ? gradJ(sup('b', n)) : grad(sup('b', n)), l.gradB),
        summaryRow(W, l.weights),
        summaryRow(m(`W${supText(n)}⁺`, `W^{${n}+}`), l.weightsAfter),
      ],
    });
    doc.push(para(w.matrixSamples));
    doc.push(eqs([
      ...l.deltaSamples.map((e) => [entry(d, e.row + 1), num(e.value)]),
      ...l.weightSamples.flatMap((s) => {
        const sym = m(`W${supText(n)}[${s.row + 1},${s.col + 1}]`, `W^{${n}}_{${s.row + 1},${s.col + 1}}`);
        const next = m(`W${supText(n)}⁺[${s.row + 1},${s.col + 1}]`, `W^{${n}+}_{${s.row + 1},${s.col + 1}}`);
        return [
          ...gradientRows(sym, s.old, s.update, trace.weightDecay, false),
          ...ruleRows(trace.optimizer, sym, next, viaJ ? m(`∂J/∂${sym.t}`, `\\frac{\\partial J}{\\partial ${sym.k}}`) : m(`∂E/∂${sym.t}`, `\\frac{\\partial E}{\\partial ${sym.k}}`), s.old, s.update, s.new),
        ];
      }),
    ]));
    if (!l.trainBias) doc.push(para(w.biasesFixed));
  }
  const E = viaJ ? 'J' : 'E';
  doc.push(heading(3, w.after), eqs([viaJ ? objectiveRow(step.objectiveAfter, trace.weightDecay) : [m(E), num(step.lossAfter)]]),
    para(`${w.open}${w.before}${w.colon}`, cat(m(`${E} = `), num(step.loss)), w.close));
  return doc;
}
