/**
 * The general formulas printed once before the numbers: neuron, loss, the sigmoid derivative
 * derived, chain rule, output and hidden deltas, update, and the vectorized four equations.
 * Loss and activation lines follow the network being explained.
 */
import { activations as ACTIVATIONS, type ActivationName } from '../core/activations.ts';
import { losses, type LossName } from '../core/losses.ts';
import { eqs, heading, para, type Doc } from './document.ts';
import type { Words } from './i18n.ts';
import { m, type M } from './math.ts';
import { outputDeltaFormula, outputDeltaVector } from './output-rule.ts';

/** The general formulas for the network's activations and loss (their own lines read from the records). */
export function formulas(w: Words, activations: ActivationName[], loss: LossName): Doc {
  const L = w.formulaLabels;
  const doc: Doc = [heading(2, w.formulas)];
  const block = (label: string, ...rows: M[][]) => doc.push(para(label), eqs(rows));
  block(L.neuron, [m('net_j', '\\mathit{net}_j'), m('Σ_i w_ji·out_i + b_j', '\\sum_i w_{ji}\\,\\mathit{out}_i + b_j')],
    [m('out_j', '\\mathit{out}_j'), m('g(net_j)', 'g(\\mathit{net}_j)')]);
  block(L.loss, [m('E'), losses[loss].formula]);
  if (activations.includes('sigmoid')) {
    block(L.sigmoid, [m('σ(x)', '\\sigma(x)'), m('1 / (1 + e^(−x))', '\\frac{1}{1 + e^{-x}}')]);
    block(L.sigmoidDerivative, [
      m("σ′(x)", "\\sigma'(x)"),
      m('e^(−x) / (1 + e^(−x))²', '\\frac{e^{-x}}{\\left(1 + e^{-x}\\right)^2}'),
      m('1 / (1 + e^(−x)) · (1 − 1 / (1 + e^(−x)))', '\\frac{1}{1 + e^{-x}} \\cdot \\left(1 - \\frac{1}{1 + e^{-x}}\\right)'),
      m('σ(x)·(1 − σ(x))', '\\sigma(x)\\,\\bigl(1 - \\sigma(x)\\bigr)'),
    ], [m("∂out/∂net", "\\frac{\\partial \\mathit{out}}{\\partial \\mathit{net}}"), m('out·(1 − out)', '\\mathit{out}\\,(1 - \\mathit{out})')]);
  }
  // Sigmoid's derivative is derived step by step above; the others are stated by their records.
  const others = [...new Set(activations)].filter((a) => a !== 'sigmoid');
  if (others.length > 0) block(L.derivatives, ...others.map((a) => [ACTIVATIONS[a].rule]));
  block(L.chain, [
    m('∂E/∂w_ji', '\\frac{\\partial E}{\\partial w_{ji}}'),
    m('∂E/∂out_j · ∂out_j/∂net_j · ∂net_j/∂w_ji',
      '\\frac{\\partial E}{\\partial \\mathit{out}_j} \\cdot \\frac{\\partial \\mathit{out}_j}{\\partial \\mathit{net}_j} \\cdot \\frac{\\partial \\mathit{net}_j}{\\partial w_{ji}}'),
    m('δ_j·out_i', '\\delta_j \\, \\mathit{out}_i'),
  ]);
  const out = activations[activations.length - 1]!;
  block(L.outputDelta, ...outputDeltaFormula(out, loss));
  block(L.hiddenDelta, [
    m('δ_h', '\\delta_h'),
    m('∂E/∂out_h · ∂out_h/∂net_h', '\\frac{\\partial E}{\\partial \\mathit{out}_h} \\cdot \\frac{\\partial \\mathit{out}_h}{\\partial \\mathit{net}_h}'),
    m("(Σ_k δ_k·w_kh)·g′(net_h)", "\\Bigl(\\sum_k \\delta_k\\, w_{kh}\\Bigr)\\, g'(\\mathit{net}_h)"),
  ]);
  block(L.update,
    [m('∂E/∂b_j', '\\frac{\\partial E}{\\partial b_j}'), m('δ_j', '\\delta_j')],
    [m('w⁺', 'w^{+}'), m('w − η·∂E/∂w', 'w - \\eta \\, \\frac{\\partial E}{\\partial w}')]);
  block(L.vectorized,
    [m('δᴸ', '\\delta^{L}'), outputDeltaVector(out, loss)],
    [m('δˡ', '\\delta^{l}'), m("((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ g′(zˡ)", "\\left((W^{l+1})^{\\mathsf{T}} \\delta^{l+1}\\right) \\odot g'(z^{l})")],
    [m('∂E/∂bˡ', '\\frac{\\partial E}{\\partial b^{l}}'), m('δˡ', '\\delta^{l}')],
    [m('∂E/∂Wˡ', '\\frac{\\partial E}{\\partial W^{l}}'), m('δˡ (aˡ⁻¹)ᵀ', '\\delta^{l} \\left(a^{l-1}\\right)^{\\mathsf{T}}')]);
  return doc;
}
