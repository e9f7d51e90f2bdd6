/**
 * Forward and backward passes over a whole mini-batch, in matrix form.
 *
 * Notation (rows are samples, so the textbook's column vectors appear transposed):
 *   a[0] = X                                  (m × n₀)
 *   z[l] = a[l] · W[l]ᵀ + b[l]                (m × nₗ₊₁)   weighted inputs of layer l
 *   a[l+1] = g(z[l])                                        activations of layer l
 * and the four backprop equations, for layer l counted from the output back:
 *   (BP1) δ[L] = ∂loss/∂a ⊙ g′(z[L])   (= a − y for the fused cross-entropy rules)
 *   (BP2) δ[l−1] = (δ[l] · W[l]) ⊙ g′(z[l−1])
 *   (BP3) ∂J/∂b[l] = (1/m) Σ_rows δ[l]
 *   (BP4) ∂J/∂W[l] = (1/m) δ[l]ᵀ · a[l]  (+ λ·W[l] with weight decay, + λ·sign(W[l]) with L1)
 * The Trace keeps every z, a, δ and gradient: the explainer and the web page read them from here.
 */
import type { Network } from './network.ts';
import type { Float } from './tensor.ts';

/** Everything a forward and backward pass over one batch computes, in preallocated arrays: a, z, δ, ∂J/∂W, ∂J/∂b per layer. */
export interface Trace {
  /** Number of samples (rows) this trace is sized for. */
  readonly rows: number;
  /** a[0] is the input batch; a[l+1] is the output of layer l. */
  readonly a: Float[];
  /** z[l]: weighted inputs of layer l (rows × units). */
  readonly z: Float[];
  /** delta[l] = ∂loss/∂z[l] per sample (rows × units), not divided by m. */
  readonly delta: Float[];
  /** ∂J/∂W[l] (units × inputs) and ∂J/∂b[l] (units), averaged over the batch. */
  readonly gradW: Float[];
  readonly gradB: Float[];
  /** Scratch for δ[l]·W[l] (rows × inputs of the layer). */
  readonly scratch: Float[];
  /** Sum of the per-sample losses of the last `lossAndDelta`. */
  lossSum: number;
}

/** Buffers for one batch size, allocated once and reused for every batch of that size. */
export function createTrace(net: Network, rows: number): Trace {
  const k = net.kernel;
  const a = [k.alloc(rows * net.inputSize)];
  const z: Float[] = [], delta: Float[] = [], gradW: Float[] = [], gradB: Float[] = [], scratch: Float[] = [];
  for (const l of net.layers) {
    z.push(k.alloc(rows * l.units));
    a.push(k.alloc(rows * l.units));
    delta.push(k.alloc(rows * l.units));
    gradW.push(k.alloc(l.units * l.inputs));
    gradB.push(k.alloc(l.units));
    scratch.push(k.alloc(rows * l.inputs));
  }
  return { rows, a, z, delta, gradW, gradB, scratch, lossSum: 0 };
}

/** Forward pass of trace.rows samples already copied into trace.a[0]; returns the output activations. */
export function forward(net: Network, trace: Trace): Float {
  const k = net.kernel;
  const m = trace.rows;
  for (let i = 0; i < net.layers.length; i++) {
    const l = net.layers[i]!;
    k.gemm(false, true, m, l.units, l.inputs, 1, trace.a[i]!, l.weights, 0, trace.z[i]!);
    k.biasActivate(trace.z[i]!, l.bias, trace.a[i + 1]!, m, l.units, l.activation);
  }
  return trace.a[net.layers.length]!;
}

/** (BP1): the output delta and the summed loss, for targets Y (rows × outputs). */
export function lossAndDelta(net: Network, trace: Trace, Y: Float): number {
  const L = net.layers.length - 1;
  const out = net.layers[L]!;
  trace.lossSum = net.kernel.outputDelta(
    trace.z[L]!, trace.a[L + 1]!, Y, trace.delta[L]!, trace.rows, out.units, out.activation, net.loss,
  );
  return trace.lossSum;
}

/** Which weight penalty λ weighs: "l2" (λ/2)·Σ‖W‖² (weight decay, the default) or "l1" λ·Σ|W| (drives weights to 0). */
export type Regularization = 'l2' | 'l1';

/** Options of `backward`: weight decay and the per-layer hook of the sequential update order. */
export interface BackwardOptions {
  /** λ of the penalty (default 0). */
  weightDecay?: number;
  /** The penalty's kind (default "l2"). */
  regularization?: Regularization;
  /**
   * Called when layer l's gradients are ready and before δ is propagated through W[l].
   * An optimizer that updates layer l here makes the next δ use the *updated* weights: that is the
   * "sequential" order behind the widely published 0.291027924, not correct backprop.
   */
  onLayerGradient?: (layer: number) => void;
}

/** (BP2)–(BP4): gradients of J for every layer, from the output delta set by lossAndDelta. */
export function backward(net: Network, trace: Trace, options: BackwardOptions = {}): void {
  const k = net.kernel;
  const m = trace.rows;
  const lambda = options.weightDecay ?? 0;
  for (let i = net.layers.length - 1; i >= 0; i--) {
    const l = net.layers[i]!;
    const delta = trace.delta[i]!;
    k.gemm(true, false, l.units, l.inputs, m, 1 / m, delta, trace.a[i]!, 0, trace.gradW[i]!); // BP4
    if (lambda !== 0 && options.regularization === 'l1') addSign(lambda, l.weights, trace.gradW[i]!);
    else if (lambda !== 0) k.axpy(l.weights.length, lambda, l.weights, trace.gradW[i]!);
    k.sumRows(delta, m, l.units, 1 / m, trace.gradB[i]!); // BP3
    options.onLayerGradient?.(i);
    if (i > 0) {
      const below = net.layers[i - 1]!;
      k.gemm(false, false, m, l.inputs, l.units, 1, delta, l.weights, 0, trace.scratch[i]!); // BP2: δ·W
      k.activationBackward(trace.scratch[i]!, trace.z[i - 1]!, trace.a[i]!, trace.delta[i - 1]!, m, l.inputs, below.activation);
    }
  }
}

/** g ← g + λ·sign(W): the (sub)gradient of λ·Σ|W| (0 at W = 0). O(weights), beside the O(m·weights) products. */
function addSign(lambda: number, W: Float, g: Float): void {
  for (let i = 0; i < W.length; i++) g[i]! += W[i]! > 0 ? lambda : W[i]! < 0 ? -lambda : 0;
}
