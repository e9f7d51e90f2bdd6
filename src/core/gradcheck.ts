/**
 * Gradient check: compares backprop's ∂J/∂θ with central finite differences
 * (J(θ + h) − J(θ − h)) / 2h for every weight and bias. Run it in float64: in float32 the
 * rounding error of J swamps the difference quotient, so a float32 network is checked as a float64 copy.
 */
import { backward, createTrace, forward, lossAndDelta } from './backprop.ts';
import type { Dataset } from './dataset.ts';
import { evaluate } from './evaluate.ts';
import { getKernel } from './kernels/registry.ts';
import type { Network } from './network.ts';

export interface GradCheckOptions {
  /** Step h of the central difference (default 1e-5). */
  step?: number;
  /** λ of the weight-decay term (default 0). */
  weightDecay?: number;
  /**
   * Relative error is |g − f| / max(|g|, |f|, floor): the floor keeps gradients that are zero up to
   * rounding (e.g. saturated units) from producing huge "relative" errors (default 1e-7).
   */
  floor?: number;
}

export interface LayerGradCheck {
  layer: number;
  /** Largest relative error over this layer's weights and (trainable or not) biases. */
  maxRelativeError: number;
  maxAbsoluteError: number;
  /** The parameter with the largest relative error, e.g. "W[1][0]" or "b[2]". */
  worst: string;
}

export function gradientCheck(net: Network, data: Dataset, options: GradCheckOptions = {}): LayerGradCheck[] {
  // Always in float64 (the precision rule): a float32 network is checked through an exact copy.
  if (net.dtype !== 'float64') net = net.clone(getKernel('reference', 'float64'));
  const h = options.step ?? 1e-5;
  const lambda = options.weightDecay ?? 0;
  const floor = options.floor ?? 1e-7;
  const trace = createTrace(net, data.size);
  trace.a[0]!.set(data.inputs);
  const Y = net.kernel.alloc(data.targets.length);
  Y.set(data.targets);
  forward(net, trace);
  lossAndDelta(net, trace, Y);
  backward(net, trace, { weightDecay: lambda });

  const objective = () => evaluate(net, data, { weightDecay: lambda }).objective;
  return net.layers.map((layer, li) => {
    const result: LayerGradCheck = { layer: li, maxRelativeError: 0, maxAbsoluteError: 0, worst: '' };
    const compare = (params: typeof layer.weights, grads: typeof layer.weights, name: (i: number) => string) => {
      for (let i = 0; i < params.length; i++) {
        const saved = params[i]!;
        params[i] = saved + h;
        const plus = objective();
        params[i] = saved - h;
        const minus = objective();
        params[i] = saved;
        const numeric = (plus - minus) / (2 * h);
        const analytic = grads[i]!;
        const abs = Math.abs(analytic - numeric);
        const rel = abs / Math.max(Math.abs(analytic), Math.abs(numeric), floor);
        result.maxAbsoluteError = Math.max(result.maxAbsoluteError, abs);
        if (rel >= result.maxRelativeError) {
          result.maxRelativeError = rel;
          result.worst = name(i);
        }
      }
    };
    compare(layer.weights, trace.gradW[li]!, (i) => `W[${Math.floor(i / layer.inputs)}][${i % layer.inputs}]`);
    compare(layer.bias, trace.gradB[li]!, (i) => `b[${i}]`);
    return result;
  });
}
