/**
 * The small-network fast path: one single-sample sgd step of a float64 network on the reference
 * kernel, in one function without kernel dispatch. Tiny networks (the worked examples, the
 * playground's toys) spend most of a step in call overhead, not arithmetic: this does the very
 * operations of forward → lossAndDelta → backward → sgd (backprop.ts) in the very same order, so
 * its results are bit-identical — test/tiny.test.ts holds the two paths together, trace and weights.
 *
 * Shapes as in backprop.ts with m = 1 row: z[l] = a[l]·W[l]ᵀ + b[l], a[l+1] = g(z[l]).
 */
import { activations } from './activations.ts';
import type { Trace } from './backprop.ts';
import { losses } from './losses.ts';
import type { Network } from './network.ts';
import type { Float } from './tensor.ts';

/** Whether `tinyStep` can stand in for the generic step of this network and batch. */
export function tinyStepApplies(net: Network, rows: number): boolean {
  return rows === 1 && net.kernel.name === 'reference' && net.kernel.dtype === 'float64' &&
    net.layers.every((l) => l.activation !== 'softmax');
}

/**
 * forward, (BP1)–(BP4) and W ← W − η·∇J (then b) for one sample already in trace.a[0], targets Y;
 * λ as weight decay. Returns the sample's loss (before the update).
 */
export function tinyStep(net: Network, trace: Trace, Y: Float, lr: number, lambda: number): number {
  const layers = net.layers, L = layers.length - 1;
  for (let l = 0; l <= L; l++) {
    const { inputs: n, units, weights: W, bias: b } = layers[l]!;
    const a = trace.a[l]!, z = trace.z[l]!, out = trace.a[l + 1]!, f = activations[layers[l]!.activation].f;
    for (let j = 0; j < units; j++) {
      let sum = 0;
      for (let p = 0; p < n; p++) sum += a[p]! * W[j * n + p]!;
      z[j] = sum + b[j]!;
      out[j] = f(z[j]!);
    }
  }
  // (BP1): δ = a − y for the fused pairs, else ∂loss/∂a ⊙ g′(z).
  const last = layers[L]!, loss = losses[net.loss], zL = trace.z[L]!, aL = trace.a[L + 1]!, dL = trace.delta[L]!;
  const outs = last.units;
  if (loss.fusedActivation === last.activation) for (let j = 0; j < outs; j++) dL[j] = aL[j]! - Y[j]!;
  else {
    const df = activations[last.activation].df;
    for (let j = 0; j < outs; j++) dL[j] = loss.df(aL[j]!, Y[j]!);
    for (let j = 0; j < outs; j++) dL[j] = dL[j]! * df(zL[j]!, aL[j]!);
  }
  const lossSum = (trace.lossSum = net.kernel.lossSum(zL, aL, Y, 1, outs, last.activation, net.loss));
  // (BP4) ∂J/∂W = δᵀ·a (+ λW), (BP3) ∂J/∂b = δ, (BP2) δ[l−1] = (δ·W) ⊙ g′(z[l−1]).
  for (let l = L; l >= 0; l--) {
    const { inputs: n, units, weights: W } = layers[l]!;
    const d = trace.delta[l]!, a = trace.a[l]!, gW = trace.gradW[l]!, gB = trace.gradB[l]!;
    for (let j = 0; j < units; j++) {
      const s = d[j]!;
      for (let p = 0; p < n; p++) gW[j * n + p] = s === 0 ? 0 : 0 + s * a[p]!;
      gB[j] = 0 + s;
    }
    if (lambda !== 0) for (let i = 0; i < W.length; i++) gW[i]! += lambda * W[i]!;
    if (l > 0) {
      const G = trace.scratch[l]!, below = trace.delta[l - 1]!, z = trace.z[l - 1]!, act = trace.a[l]!;
      const df = activations[layers[l - 1]!.activation].df;
      for (let p = 0; p < n; p++) G[p] = 0;
      for (let j = 0; j < units; j++) {
        const s = d[j]!;
        if (s === 0) continue;
        for (let p = 0; p < n; p++) G[p]! += s * W[j * n + p]!;
      }
      for (let p = 0; p < n; p++) below[p] = G[p]! * df(z[p]!, act[p]!);
    }
  }
  // sgd, output layer first, as the Trainer's simultaneous order does.
  for (let l = L; l >= 0; l--) {
    const layer = layers[l]!, W = layer.weights, gW = trace.gradW[l]!;
    for (let i = 0; i < W.length; i++) W[i]! += -lr * gW[i]!;
    if (layer.trainBias) {
      const b = layer.bias, gB = trace.gradB[l]!;
      for (let j = 0; j < b.length; j++) b[j]! += -lr * gB[j]!;
    }
  }
  return lossSum;
}
