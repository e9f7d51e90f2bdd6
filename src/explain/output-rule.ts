/**
 * The output delta δ_o = ∂E/∂net_o for every output activation × loss pair the core accepts, as
 * general formulas: which rule applies (chain, fused, softmax Jacobian), the formula written for
 * that pair, and the vectorised form (BP1) — which is the elementwise ∇ₐE ⊙ g′(zᴸ) only where g is
 * elementwise; softmax couples the outputs through its Jacobian.
 */
import { activations, type ActivationName } from '../core/activations.ts';
import { losses, type LossName } from '../core/losses.ts';
import { symbol } from '../core/record.ts';
import { m, type M } from './math.ts';

/** How δ of the output layer is formed: chain rule, fused (δ = a − y), or through the softmax Jacobian. */
export type OutputRule = 'chain' | 'fused' | 'softmax-jacobian';

/** How δ of the output layer is formed for this pair (the core fuses the natural pairs). */
export function outputRule(activation: ActivationName, loss: LossName): OutputRule {
  if (losses[loss].fusedActivation === activation) return 'fused';
  return activation === 'softmax' ? 'softmax-jacobian' : 'chain';
}

const NET_O = symbol('net_o', '\\mathit{net}_o'), OUT_O = symbol('out_o', '\\mathit{out}_o'), TARGET_O = symbol('target_o', '\\mathit{target}_o');

/** True when `t` has a + or − outside parentheses, or starts with a minus: it needs parentheses as a factor. */
function needsParens(t: string): boolean {
  if (t.startsWith('−')) return true;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (c === '+' || c === '−') && t[i - 1] === ' ') return true;
  }
  return false;
}
/** A formula as a factor of a product: in parentheses where a sum or a leading minus needs them. */
const factor = (x: M): M => (needsParens(x.t) ? m(`(${x.t})`, `\\left(${x.k}\\right)`) : x);

/** g′(net_o) written with net_o and out_o (as the tutorials do), from the activation's record (linear: 1). */
const gPrime = (activation: ActivationName): M => factor(activations[activation].derivative?.(NET_O, OUT_O) ?? m('1'));

/** ∂E/∂out_o of the loss, from its record. */
export const lossGradient = (loss: LossName): M => factor(losses[loss].derivative(OUT_O, TARGET_O));

/** The general formula of δ_o for the pair, as the rows printed under "Delta of an output neuron". */
export function outputDeltaFormula(activation: ActivationName, loss: LossName): M[][] {
  const rule = outputRule(activation, loss);
  const gradient = lossGradient(loss);
  if (rule === 'softmax-jacobian' || (rule === 'fused' && activation === 'softmax')) {
    // ∂out_k/∂net_j = out_k·([k = j] − out_j), so δ_j = Σ_k ∂E/∂out_k·∂out_k/∂net_j = out_j·(∂E/∂out_j − S).
    const rows: M[][] = [
      [m('∂E/∂out_o'), gradient],
      [m('S'), m('Σ_k ∂E/∂out_k·out_k', '\\sum_k \\frac{\\partial E}{\\partial \\mathit{out}_k} \\mathit{out}_k')],
      [m('δ_o', '\\delta_o'), m('Σ_k ∂E/∂out_k·∂out_k/∂net_o', '\\sum_k \\frac{\\partial E}{\\partial \\mathit{out}_k} \\frac{\\partial \\mathit{out}_k}{\\partial \\mathit{net}_o}'),
        m('out_o·(∂E/∂out_o − S)', '\\mathit{out}_o \\left(\\frac{\\partial E}{\\partial \\mathit{out}_o} - S\\right)')],
    ];
    // Cross-entropy: S = −Σ_k target_k = −1 for targets that sum to 1, and δ_o = out_o − target_o.
    if (rule === 'fused') rows.push([m('δ_o', '\\delta_o'), m('out_o·(−target_o / out_o + 1)', '\\mathit{out}_o \\left(-\\frac{\\mathit{target}_o}{\\mathit{out}_o} + 1\\right)'), m('out_o − target_o', '\\mathit{out}_o - \\mathit{target}_o')]);
    return rows;
  }
  const g = gPrime(activation);
  const chain = m('∂E/∂out_o · ∂out_o/∂net_o', '\\frac{\\partial E}{\\partial \\mathit{out}_o} \\cdot \\frac{\\partial \\mathit{out}_o}{\\partial \\mathit{net}_o}');
  const product = m(`${gradient.t}·${g.t}`, `${gradient.k} \\cdot ${g.k}`);
  if (rule === 'fused') return [[m('δ_o', '\\delta_o'), chain, product, m('out_o − target_o', '\\mathit{out}_o - \\mathit{target}_o')]];
  if (loss === 'cross-entropy') return [[m('δ_o', '\\delta_o'), chain, product, m('−target_o·(1 − out_o)', '-\\mathit{target}_o (1 - \\mathit{out}_o)')]];
  return [[m('δ_o', '\\delta_o'), chain, product]];
}

/** BP1, the output delta in vector form, for the pair. */
export function outputDeltaVector(activation: ActivationName, loss: LossName): M {
  const rule = outputRule(activation, loss);
  if (rule === 'fused') return m('aᴸ − y', 'a^{L} - y');
  if (rule === 'softmax-jacobian') return m('aᴸ ⊙ (∇ₐE − (aᴸ · ∇ₐE))', 'a^{L} \\odot \\left(\\nabla_a E - (a^{L} \\cdot \\nabla_a E)\\right)');
  return m('∇ₐE ⊙ g′(zᴸ)', "\\nabla_a E \\odot g'(z^{L})");
}
