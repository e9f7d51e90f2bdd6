/**
 * Gradient check: compares backprop's ∂J/∂θ with central finite differences for every weight and
 * bias. It uses the fourth-order central stencil
 *   (−J(θ+2h) + 8J(θ+h) − 8J(θ−h) + J(θ−2h)) / 12h,
 * whose truncation error O(h⁴) lets h be large enough (1e-3) that rounding in J stays negligible:
 * the plain (J(θ+h) − J(θ−h)) / 2h cannot reach 1e-6 relative accuracy on small gradients.
 * Where a perturbation moves some ReLU / leaky-ReLU input across 0, the difference quotient measures
 * the kink, not the derivative: the step is retried at h/10 and h/100, and parameters that still
 * cross a kink are counted in `kinks` and left out of the errors.
 * Run it in float64: in float32 the rounding error of J swamps the difference quotient.
 * A float32 network is checked through an exact float64 copy.
 */
import { backward, createTrace, forward, lossAndDelta, type Trace } from './backprop.ts';
import { activations } from './activations.ts';
import { checkDataset, type Dataset } from './dataset.ts';
import { checkOptions, RULES, type OptionSchema } from './schema.ts';
import { checkOptionsArg } from './validate.ts';
import { check } from './errors.ts';
import { getKernel } from './kernels/registry.ts';
import { checkNetwork } from './network-checks.ts';
import type { Network } from './network.ts';
import type { Float } from './tensor.ts';

/** Options of `gradientCheck`: step h, weight decay and the rest below. */
export interface GradCheckOptions {
  /** Step h of the central difference (default 1e-3). */
  step?: number;
  /** λ of the weight-decay term (default 0). */
  weightDecay?: number;
  /**
   * Relative error is |g − f| / max(|g|, |f|, floor): the floor keeps gradients that are zero up to
   * rounding (dead or saturated units) from producing huge "relative" errors: gradients below the
   * floor are in effect compared absolutely, |g − f| / floor. Default 1e-6·max(1, |J|): the
   * rounding error of J, and so of the difference quotient, grows with the size of J.
   */
  floor?: number;
}

/** Result of `gradientCheck` for one layer: the largest relative error between backprop and finite differences. */
export interface LayerGradCheck {
  layer: number;
  /** Largest relative error over this layer's weights and (trainable or not) biases. */
  maxRelativeError: number;
  maxAbsoluteError: number;
  /** The parameter with the largest relative error, e.g. "W[1][0]" or "b[2]". */
  worst: string;
  /** Parameters skipped because their perturbation crossed a ReLU kink. */
  kinks: number;
}

/** The options of `gradientCheck` and their rules (the CLI's `gradcheck` maps its flags onto them). */
export const GRADCHECK_SCHEMA = {
  step: RULES.positive,
  weightDecay: RULES.nonNegative,
  floor: RULES.positive,
} as const satisfies OptionSchema<keyof GradCheckOptions>;

/** Compares backprop's gradients with central differences (J(w + h) − J(w − h)) / 2h on every weight and bias, per layer, in float64. */
export function gradientCheck(net: Network, data: Dataset, options: GradCheckOptions = {}): LayerGradCheck[] {
  checkNetwork(net, 'net');
  checkDataset(data, 'data');
  const o = checkOptionsArg(options, 'options');
  checkOptions(GRADCHECK_SCHEMA, o);
  check(data.inputSize === net.inputSize && data.outputSize === net.outputSize,
    `data has ${data.inputSize} inputs and ${data.outputSize} targets, the model ${net.inputSize} inputs and ${net.outputSize} outputs`, 'data');
  // Always in float64 (the precision rule): a float32 network is checked through an exact copy.
  if (net.dtype !== 'float64') net = net.clone(getKernel('reference', 'float64'));
  const h = options.step ?? 1e-3;
  const lambda = options.weightDecay ?? 0;
  const trace = createTrace(net, data.size);
  trace.a[0]!.set(data.inputs);
  const Y = net.kernel.alloc(data.targets.length);
  Y.set(data.targets);
  forward(net, trace);
  lossAndDelta(net, trace, Y);
  backward(net, trace, { weightDecay: lambda });
  const J = trace.lossSum / data.size + (lambda / 2) * net.weightSquaredSum();
  const floor = options.floor ?? 1e-6 * Math.max(1, Math.abs(J));
  const gradW = trace.gradW.map((g) => g.slice());
  const gradB = trace.gradB.map((g) => g.slice());
  const baseSigns = kinkSigns(net, trace);

  const probe = createTrace(net, data.size);
  probe.a[0]!.set(data.inputs);
  let crossed = false;
  const objective = (): number => {
    forward(net, probe);
    if (kinkSigns(net, probe) !== baseSigns) crossed = true;
    const L = net.layers.length - 1;
    const loss = net.kernel.lossSum(probe.z[L]!, probe.a[L + 1]!, Y, data.size, net.outputSize, net.outputActivation, net.loss);
    return loss / data.size + (lambda / 2) * net.weightSquaredSum();
  };

  return net.layers.map((layer, li) => {
    const result: LayerGradCheck = { layer: li, maxRelativeError: 0, maxAbsoluteError: 0, worst: '', kinks: 0 };
    const compare = (params: Float, grads: Float, name: (i: number) => string) => {
      for (let i = 0; i < params.length; i++) {
        const saved = params[i]!;
        const at = (delta: number) => { params[i] = saved + delta; return objective(); };
        // A step that crosses a kink is retried smaller: only a unit whose z is within ~2e-5 of 0
        // makes the parameter uncheckable.
        let numeric = 0;
        for (const step of [h, h / 10, h / 100]) {
          crossed = false;
          numeric = (-at(2 * step) + 8 * at(step) - 8 * at(-step) + at(-2 * step)) / (12 * step);
          if (!crossed) break;
        }
        params[i] = saved;
        if (crossed) { result.kinks++; continue; }
        const analytic = grads[i]!;
        const abs = Math.abs(analytic - numeric);
        // NaN or Infinity anywhere (a diverged model) is a failure, never a pass.
        const rel = Number.isFinite(abs) ? abs / Math.max(Math.abs(analytic), Math.abs(numeric), floor) : Infinity;
        result.maxAbsoluteError = Math.max(result.maxAbsoluteError, Number.isFinite(abs) ? abs : Infinity);
        if (rel >= result.maxRelativeError) {
          result.maxRelativeError = rel;
          result.worst = name(i);
        }
      }
    };
    compare(layer.weights, gradW[li]!, (i) => `W[${Math.floor(i / layer.inputs)}][${i % layer.inputs}]`);
    compare(layer.bias, gradB[li]!, (i) => `b[${i}]`);
    return result;
  });
}

/** A fingerprint of which side of 0 every input of an activation with a kink (ReLU, leaky ReLU) lies on. */
function kinkSigns(net: Network, trace: Trace): string {
  let signs = '';
  net.layers.forEach((l, i) => {
    if (!activations[l.activation].kink) return;
    for (const z of trace.z[i]!) signs += z > 0 ? '+' : z < 0 ? '-' : '0';
  });
  return signs;
}
