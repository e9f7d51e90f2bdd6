/**
 * Activation functions g, one record each holding everything known about it: f and g′ for the
 * generic backward loop, the formulas the explainer and the page print, the opcode of the native
 * kernel, the initialisation `auto` picks, help text and names. Adding an activation means adding
 * a record here and, if it is elementwise, its case in native/addon.cc; test/records.test.ts
 * fails when a record misses a part.
 *
 * `df(z, a)` is g′(z), given both z and a = g(z) so that sigmoid and tanh can use the cheap forms
 * σ′ = a(1 − a) and tanh′ = 1 − a². Softmax is not elementwise: it is applied per row (per sample)
 * and is allowed on the output layer only; its derivative is handled by the loss (fused δ = a − y)
 * or by its Jacobian (see `softmaxBackwardRow`).
 */
import { isOwnName, lookup, type MathText, type Operand, type RecordBase } from './record.ts';

/** The activations bpnet knows: every one a record in `activations`. */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'softplus' | 'linear' | 'softmax';

/** An activation g as a record: everything known about it (f, g′, formulas, native opcode, init rule, help, names). */
export interface Activation extends RecordBase<ActivationName> {
  /** a = g(z) for one unit (softmax: not used, see `softmaxRow`). */
  f(z: number): number;
  /** g′(z), with a = g(z) given as well. */
  df(z: number, a: number): number;
  /** g(x) written out, for x a name or a number (softmax: over the row of net_k). */
  readonly formula: (x: Operand) => MathText;
  /** ∂out/∂net as the tutorials write it, from net and out; null where the number alone says it (linear: 1). */
  readonly derivative: ((net: Operand, out: Operand) => MathText) | null;
  /** The derivative as a general rule, printed in the explainer's formulas: math only, the same in every language. */
  readonly rule: MathText;
  /** Opcode of the elementwise native kernel (native/addon.cc); null: computed per row in TypeScript. */
  readonly opcode: number | null;
  /** The initialisation `init: "auto"` picks for layers of this activation. */
  readonly init: 'he' | 'xavier';
  /** g′ jumps at z = 0: gradient check skips parameters whose perturbation moves some z across 0. */
  readonly kink: boolean;
  /** Applied per row, so allowed on the output layer only. */
  readonly outputOnly: boolean;
}

/** Slope of leaky ReLU for z < 0 (native/addon.cc's LEAKY_SLOPE is the same number, held by test/kernels.test.ts). */
export const LEAKY_RELU_SLOPE = 0.01;

/** σ(z) = 1 / (1 + e^(−z)), written so that neither branch overflows for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

const m = (t: string, k: string = t): MathText => ({ t, k });
const slope = String(LEAKY_RELU_SLOPE);

/** The activation records by name. */
export const activations: Readonly<Record<ActivationName, Activation>> = {
  sigmoid: {
    name: 'sigmoid', f: sigmoid, df: (_z, a) => a * (1 - a),
    formula: ({ wrapped: x }) => m(`1 / (1 + e^(−${x.t}))`, `\\frac{1}{1 + e^{-${x.k}}}`),
    derivative: (_net, { wrapped: o }) => m(`${o.t}·(1 − ${o.t})`, `${o.k} \\cdot \\left(1 - ${o.k}\\right)`),
    rule: m("σ′(x) = σ(x)·(1 − σ(x))", "\\sigma'(x) = \\sigma(x)\\,\\bigl(1 - \\sigma(x)\\bigr)"),
    opcode: 3, init: 'xavier', kink: false, outputOnly: false,
    help: 'logistic σ(z) = 1/(1 + e^−z), outputs in (0, 1)',
    words: { en: 'sigmoid', zh: 'Sigmoid 函数' },
  },
  tanh: {
    name: 'tanh', f: Math.tanh, df: (_z, a) => 1 - a * a,
    formula: ({ bare: x }) => m(`tanh(${x.t})`, `\\tanh(${x.k})`),
    derivative: (_net, { wrapped: o }) => m(`1 − ${o.t}²`, `1 - ${o.k}^2`),
    rule: m("tanh′(x) = 1 − tanh²(x)", "\\tanh'(x) = 1 - \\tanh^2(x)"),
    opcode: 4, init: 'xavier', kink: false, outputOnly: false,
    help: 'hyperbolic tangent, outputs in (−1, 1)',
    words: { en: 'hyperbolic tangent', zh: '双曲正切函数' },
  },
  // relu′(0) = 0 by convention: the derivative does not exist at the kink.
  relu: {
    name: 'relu', f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0),
    formula: ({ bare: x }) => m(`max(0, ${x.t})`, `\\max(0, ${x.k})`),
    derivative: ({ bare: z }) => m(`relu′(${z.t})`, `\\operatorname{relu}'(${z.k})`),
    rule: m("relu′(x) = 1 (x > 0), 0 (x ≤ 0)", "\\operatorname{relu}'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}"),
    opcode: 1, init: 'he', kink: true, outputOnly: false,
    help: 'rectified linear unit max(0, z)',
    words: { en: 'rectified linear unit', zh: '线性整流函数' },
  },
  'leaky-relu': {
    name: 'leaky-relu',
    f: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z),
    df: (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE),
    formula: ({ bare: x, wrapped: xp }) => m(`max(${slope}·${xp.t}, ${x.t})`, `\\max(${slope} \\cdot ${xp.k}, ${x.k})`),
    derivative: ({ bare: z }) => m(`g′(${z.t})`, `g'(${z.k})`),
    rule: m(`g′(x) = 1 (x > 0), ${slope} (x ≤ 0)`, `g'(x) = \\begin{cases} 1 & x > 0 \\\\ ${slope} & x \\le 0 \\end{cases}`),
    opcode: 2, init: 'he', kink: true, outputOnly: false,
    help: `max(${slope}·z, z): ReLU with a small slope below 0`,
    words: { en: 'leaky ReLU', zh: '带泄露线性整流函数' },
  },
  softplus: {
    // ln(1 + e^z) as max(z, 0) + ln(1 + e^(−|z|)): no overflow for large |z|.
    name: 'softplus', f: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))), df: (z) => sigmoid(z),
    formula: ({ bare: x }) => m(`ln(1 + e^(${x.t}))`, `\\ln\\left(1 + e^{${x.k}}\\right)`),
    derivative: ({ bare: z }) => m(`σ(${z.t})`, `\\sigma(${z.k})`),
    rule: m("softplus′(x) = σ(x) = 1 / (1 + e^(−x))", "\\operatorname{softplus}'(x) = \\sigma(x) = \\frac{1}{1 + e^{-x}}"),
    opcode: 5, init: 'he', kink: false, outputOnly: false,
    help: 'ln(1 + e^z): a smooth ReLU whose derivative is σ(z)',
    words: { en: 'softplus (smooth ReLU)', zh: 'Softplus 函数（平滑的 ReLU）' },
  },
  linear: {
    name: 'linear', f: (z) => z, df: () => 1,
    formula: ({ bare: x }) => x,
    derivative: null,
    rule: m("g(x) = x,  g′(x) = 1", "g(x) = x,\\quad g'(x) = 1"),
    opcode: 0, init: 'xavier', kink: false, outputOnly: false,
    help: 'identity g(z) = z (regression outputs)',
    words: { en: 'linear (identity)', zh: '线性（恒等）函数' },
  },
  softmax: {
    name: 'softmax',
    f: () => {
      throw new Error('softmax is applied per row, not per unit');
    },
    df: () => {
      throw new Error('softmax has a Jacobian, not an elementwise derivative');
    },
    formula: ({ bare: x }) => m(`e^(${x.t}) / Σ_k e^(net_k)`, `\\frac{e^{${x.k}}}{\\sum_k e^{\\mathit{net}_k}}`),
    derivative: null,
    rule: m(
      'out_j = e^(net_j) / Σ_k e^(net_k),  ∂out_j/∂net_k = out_j·([j = k] − out_k)',
      '\\mathit{out}_j = \\frac{e^{\\mathit{net}_j}}{\\sum_k e^{\\mathit{net}_k}},\\quad \\frac{\\partial \\mathit{out}_j}{\\partial \\mathit{net}_k} = \\mathit{out}_j\\left([j = k] - \\mathit{out}_k\\right)',
    ),
    opcode: null, init: 'xavier', kink: false, outputOnly: true,
    help: 'e^z_j / Σ_k e^z_k over the output row (output layer only; class probabilities)',
    words: { en: 'softmax', zh: 'Softmax 函数' },
  },
};

/** Every activation name, in the records' order. */
export const ACTIVATION_NAMES = Object.keys(activations) as ActivationName[];
/** Activations allowed on hidden layers (all but the per-row ones). */
export const HIDDEN_ACTIVATION_NAMES = ACTIVATION_NAMES.filter((a) => !activations[a].outputOnly);

/** True when `name` is an activation's own name (so not `toString` or `__proto__`). */
export const isActivationName = (name: unknown): name is ActivationName => isOwnName(activations, name);
/** The record of an activation; a BpnetError listing the valid names otherwise. */
export const getActivation = (name: unknown, where = 'activation'): Activation => lookup(activations, name, 'activation', where);

/** a = softmax(z) over one row, shifted by max(z) so that exp never overflows. */
export function softmaxRow(z: ArrayLike<number>, a: { [i: number]: number }, offset: number, n: number): void {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, z[offset + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const e = Math.exp(z[offset + j]! - max);
    a[offset + j] = e;
    sum += e;
  }
  for (let j = 0; j < n; j++) a[offset + j] = a[offset + j]! / sum;
}

/**
 * δ = J_softmax(z)ᵀ · g for one row, where g = ∂loss/∂a: δ_j = a_j (g_j − Σ_k g_k a_k).
 * Used when softmax is paired with a loss other than cross-entropy (e.g. mse).
 */
export function softmaxBackwardRow(
  g: ArrayLike<number>, a: ArrayLike<number>, out: { [i: number]: number }, offset: number, n: number,
): void {
  let dot = 0;
  for (let j = 0; j < n; j++) dot += g[offset + j]! * a[offset + j]!;
  for (let j = 0; j < n; j++) out[offset + j] = a[offset + j]! * (g[offset + j]! - dot);
}
