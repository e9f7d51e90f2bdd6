/**
 * The output delta δ_o = ∂E/∂net_o for every output activation × loss pair the core accepts, as
 * general formulas: which rule applies (chain, fused, softmax Jacobian), the formula written for
 * that pair, and the vectorised form (BP1) — which is the elementwise ∇ₐE ⊙ g′(zᴸ) only where g is
 * elementwise; softmax couples the outputs through its Jacobian.
 */
import type { ActivationName } from '../core/activations.ts';
import { losses, type LossName } from '../core/losses.ts';
import { m, type M } from './math.ts';

export type OutputRule = 'chain' | 'fused' | 'softmax-jacobian';

/** How δ of the output layer is formed for this pair (the core fuses the natural pairs). */
export function outputRule(activation: ActivationName, loss: LossName): OutputRule {
  if (losses[loss].fusedActivation === activation) return 'fused';
  return activation === 'softmax' ? 'softmax-jacobian' : 'chain';
}

/** g′(net_o) written with out_o (as the tutorials do), for the elementwise activations. */
const G_PRIME: Partial<Record<ActivationName, M>> = {
  sigmoid: m('out_o·(1 − out_o)', '\\mathit{out}_o (1 - \\mathit{out}_o)'),
  tanh: m('(1 − out_o²)', '(1 - \\mathit{out}_o^2)'),
  relu: m('relu′(net_o)', "\\operatorname{relu}'(\\mathit{net}_o)"),
  'leaky-relu': m('g′(net_o)', "g'(\\mathit{net}_o)"),
  linear: m('1'),
};

/** ∂E/∂out_o of each loss. */
export const LOSS_GRADIENT: Record<LossName, M> = {
  mse: m('(out_o − target_o)', '(\\mathit{out}_o - \\mathit{target}_o)'),
  'binary-cross-entropy': m('(out_o − target_o) / (out_o·(1 − out_o))', '\\frac{\\mathit{out}_o - \\mathit{target}_o}{\\mathit{out}_o (1 - \\mathit{out}_o)}'),
  'cross-entropy': m('(−target_o / out_o)', '\\left(-\\frac{\\mathit{target}_o}{\\mathit{out}_o}\\right)'),
};

/** The general formula of δ_o for the pair, as the rows printed under "Delta of an output neuron". */
export function outputDeltaFormula(activation: ActivationName, loss: LossName): M[][] {
  const rule = outputRule(activation, loss);
  const gradient = LOSS_GRADIENT[loss];
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
  const g = G_PRIME[activation]!;
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
