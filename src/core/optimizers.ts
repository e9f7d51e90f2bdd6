/**
 * Gradient-descent update rules, in order of increasing complexity, one record each. Each keeps
 * its own state per parameter array (identified by a key) and updates the parameters in place.
 *
 *   sgd       W ← W − η·∇J
 *   momentum  v ← μ·v − η·∇J;  W ← W + v                          (classical momentum)
 *   nesterov  v′ ← μ·v − η·∇J;  W ← W + μ·v′ − η·∇J               (Nesterov, Sutskever's form)
 *   adam      m ← β₁m + (1−β₁)∇J;  s ← β₂s + (1−β₂)∇J²;
 *             W ← W − η·m̂ / (√ŝ + ε), with m̂ = m/(1−β₁ᵗ), ŝ = s/(1−β₂ᵗ)
 */
import type { Kernel } from './kernels/kernel.ts';
import { isOwnName, lookup, type MathText, type RecordBase } from './record.ts';
import type { Float } from './tensor.ts';
import { checkOptions, RULES } from './schema.ts';
import { checkOptionsArg, optionalFunction } from './validate.ts';

/** The optimizers bpnet knows: every one a record in `optimizers`. */
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam';

/** Hyper-parameters of the optimizers (defaults per field). */
export interface OptimizerOptions {
  /** μ of momentum and nesterov (default 0.9). */
  momentum?: number;
  /** Adam's β₁, β₂, ε (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /**
   * The vector loop y ← y + α·x that sgd's update runs on (default: a plain loop). The Trainer
   * passes its kernel's `axpy`, so that the fast paths update weights with SIMD too; the result is
   * the same, since W + (−η)·g = W − η·g exactly.
   */
  axpy?: (n: number, alpha: number, x: Float, y: Float) => void;
  /**
   * A kernel's fused update: each step of every rule then runs on the kernel as one pass over the
   * parameters (SIMD in native code) instead of the record's JavaScript loop. The Trainer passes its
   * kernel's; the reference kernel's update is the record's loop itself.
   */
  update?: Kernel['update'];
}

/** μ, β₁, β₂ ∈ [0, 1), ε > 0: outside these ranges the updates diverge or divide by zero. */
export const OPTIMIZER_SCHEMA = {
  momentum: RULES.fraction,
  beta1: RULES.fraction,
  beta2: RULES.fraction,
  epsilon: RULES.positive,
} as const;

/** Checks the hyper-parameters against OPTIMIZER_SCHEMA, and that `axpy` and `update` are functions. */
export function checkOptimizerOptions(o: OptimizerOptions): void {
  checkOptions(OPTIMIZER_SCHEMA, o);
  optionalFunction(o.axpy, 'axpy');
  optionalFunction(o.update, 'update');
}

/** What one update reads besides parameters and gradients. */
export interface UpdateContext {
  /** Learning rate η. */
  lr: number;
  /** Steps taken so far, this one included (Adam's t). */
  t: number;
  options: OptimizerOptions;
}

/** The numbers of one step with the defaults filled in (μ 0.9, β₁ 0.9, β₂ 0.999, ε 1e-8) and Adam's bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ. */
export function stepNumbers({ lr, t, options: o }: UpdateContext): { lr: number; mu: number; beta1: number; beta2: number; epsilon: number; c1: number; c2: number } {
  const beta1 = o.beta1 ?? 0.9, beta2 = o.beta2 ?? 0.999;
  return { lr, mu: o.momentum ?? 0.9, beta1, beta2, epsilon: o.epsilon ?? 1e-8, c1: 1 - Math.pow(beta1, t), c2: 1 - Math.pow(beta2, t) };
}

/** An optimizer as a record: its update, buffers, formula, help and names. */
export interface OptimizerRule extends RecordBase<OptimizerName> {
  /** The update written out (matrix notation: W, ∇J). */
  readonly formula: MathText;
  /** The update per weight as the explainer and the page write it: one equation [lhs, rhs] per row (w, ∂J/∂w). */
  readonly rows: readonly (readonly [MathText, MathText])[];
  /** How many buffers of the parameters' size it keeps per parameter array (v; or m and s). */
  readonly buffers: number;
  /** Its case in the fused updates of native/addon.cc and wasm/gemm.wat, or null: the record's own loop then runs on every kernel. */
  readonly opcode: number | null;
  /** p ← update(p, g) in place, with its buffers. */
  update(p: Float, g: Float, buffers: readonly Float[], c: UpdateContext): void;
}

const m = (t: string, k: string = t): MathText => ({ t, k });
const W_NEW = m('w⁺', 'w^{+}'), V = m('v');
const G = { t: '∂J/∂w', k: '\\frac{\\partial J}{\\partial w}' };
const VELOCITY = [V, m(`μ·v − η · ${G.t}`, `\\mu \\cdot v - \\eta \\cdot ${G.k}`)] as const;

/** v ← μ·v − η·g, then W ← W + v (classical) or W ← W + μ·v − η·g (Nesterov's look-ahead). */
function momentumStep(p: Float, g: Float, v: Float, { lr, options }: UpdateContext, nesterov: boolean): void {
  const mu = options.momentum ?? 0.9;
  for (let i = 0; i < p.length; i++) {
    v[i] = mu * v[i]! - lr * g[i]!;
    p[i]! += nesterov ? mu * v[i]! - lr * g[i]! : v[i]!;
  }
}

/** The optimizer records by name, in order of increasing complexity. */
export const optimizers: Readonly<Record<OptimizerName, OptimizerRule>> = {
  sgd: {
    name: 'sgd', buffers: 0, opcode: 0,
    update(p, g, _b, { lr, options: { axpy } }) {
      if (axpy) axpy(p.length, -lr, g, p);
      else for (let i = 0; i < p.length; i++) p[i]! -= lr * g[i]!;
    },
    formula: m('W ← W − η·∇J', 'W \\leftarrow W - \\eta \\nabla J'),
    rows: [[W_NEW, m(`w − η · ${G.t}`, `w - \\eta \\cdot ${G.k}`)]],
    help: 'plain gradient descent W ← W − η·∇J',
    words: { en: 'stochastic gradient descent', zh: '随机梯度下降' },
  },
  momentum: {
    name: 'momentum', buffers: 1, opcode: 1, update: (p, g, [v], c) => momentumStep(p, g, v!, c, false),
    formula: m('v ← μ·v − η·∇J;  W ← W + v', 'v \\leftarrow \\mu v - \\eta \\nabla J;\\quad W \\leftarrow W + v'),
    rows: [VELOCITY, [W_NEW, m('w + v')]],
    help: 'classical momentum (μ = 0.9 by default)',
    words: { en: 'momentum', zh: '动量法' },
  },
  nesterov: {
    name: 'nesterov', buffers: 1, opcode: 2, update: (p, g, [v], c) => momentumStep(p, g, v!, c, true),
    formula: m("v′ ← μ·v − η·∇J;  W ← W + μ·v′ − η·∇J", "v' \\leftarrow \\mu v - \\eta \\nabla J;\\quad W \\leftarrow W + \\mu v' - \\eta \\nabla J"),
    rows: [VELOCITY, [W_NEW, m(`w + μ·v − η · ${G.t}`, `w + \\mu \\cdot v - \\eta \\cdot ${G.k}`)]],
    help: "Nesterov momentum (Sutskever's form)",
    words: { en: 'Nesterov momentum', zh: 'Nesterov 动量法' },
  },
  adam: {
    name: 'adam', buffers: 2, opcode: 3,
    update(p, g, [mo, s], { lr, t, options }) {
      const b1 = options.beta1 ?? 0.9, b2 = options.beta2 ?? 0.999, eps = options.epsilon ?? 1e-8;
      const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
      for (let i = 0; i < p.length; i++) {
        mo![i] = b1 * mo![i]! + (1 - b1) * g[i]!;
        s![i] = b2 * s![i]! + (1 - b2) * g[i]! * g[i]!;
        p[i]! -= (lr * (mo![i]! / c1)) / (Math.sqrt(s![i]! / c2) + eps);
      }
    },
    formula: m(
      'm ← β₁m + (1−β₁)∇J;  s ← β₂s + (1−β₂)∇J²;  W ← W − η·m̂ / (√ŝ + ε)',
      'm \\leftarrow \\beta_1 m + (1-\\beta_1)\\nabla J;\\quad s \\leftarrow \\beta_2 s + (1-\\beta_2)\\nabla J^2;\\quad W \\leftarrow W - \\eta\\,\\hat m / (\\sqrt{\\hat s} + \\epsilon)',
    ),
    rows: [
      [m('m'), m(`β₁·m + (1 − β₁)·${G.t}`, `\\beta_1 m + (1 - \\beta_1) ${G.k}`)],
      [m('s'), m(`β₂·s + (1 − β₂)·(${G.t})²`, `\\beta_2 s + (1 - \\beta_2) \\left(${G.k}\\right)^2`)],
      [m('m̂', '\\hat m'), m('m / (1 − β₁ᵗ)', '\\frac{m}{1 - \\beta_1^{t}}')],
      [m('ŝ', '\\hat s'), m('s / (1 − β₂ᵗ)', '\\frac{s}{1 - \\beta_2^{t}}')],
      [W_NEW, m('w − η·m̂ / (√ŝ + ε)', 'w - \\eta \\frac{\\hat m}{\\sqrt{\\hat s} + \\epsilon}')],
    ],
    help: 'Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), bias-corrected moments',
    words: { en: 'Adam', zh: 'Adam 优化器' },
  },
};

/** Every optimizer name, in order of increasing complexity. */
export const OPTIMIZER_NAMES = Object.keys(optimizers) as OptimizerName[];

/** True when `name` is an optimizer's own name. */
export const isOptimizerName = (name: unknown): name is OptimizerName => isOwnName(optimizers, name);
/** The record of an optimizer; a BpnetError listing the valid names otherwise. */
export const getOptimizerRule = (name: unknown, where = 'optimizer'): OptimizerRule => lookup(optimizers, name, 'optimizer', where);

/** An optimizer instance: a rule with its own buffers and step count. */
export interface Optimizer {
  readonly name: OptimizerName;
  /** Call once per batch, before the updates of that batch (Adam counts steps t). */
  beginStep(): void;
  /** params ← update(params, grads) with learning rate η. */
  update(key: number, params: Float, grads: Float, lr: number): void;
  /** The optimizer's memory (velocities, moments, step count) as plain JSON, to resume training. */
  getState(): OptimizerState;
  setState(state: OptimizerState): void;
}

/** An optimizer's memory as plain JSON, to resume training. */
export interface OptimizerState {
  name: OptimizerName;
  /** Steps taken (Adam's t). */
  t: number;
  /** Per parameter array key: its buffers (v for momentum; m and s for Adam). */
  buffers: Record<string, number[][]>;
}

/** An optimizer instance: the rule of `name` with its own buffers and step count. */
export function createOptimizer(name: OptimizerName, options: OptimizerOptions = {}): Optimizer {
  const rule = getOptimizerRule(name);
  checkOptimizerOptions(checkOptionsArg(options, 'options'));
  const state = new Map<number, Float[]>();
  // Saved buffers waiting for their parameter array, so they get its dtype (float32 or float64).
  const restored = new Map<number, number[][]>();
  const buffers = (key: number, like: Float): Float[] => {
    let s = state.get(key);
    if (!s) {
      const make = like.constructor as { new (n: number): Float; from(a: number[]): Float };
      const saved = restored.get(key);
      s = saved ? saved.map((a) => make.from(a)) : Array.from({ length: rule.buffers }, () => new make(like.length));
      state.set(key, s);
    }
    return s;
  };
  // One context, refreshed per update: a training step allocates nothing.
  const c: UpdateContext = { lr: 0, t: 0, options };
  const none: Float[] = [], fused = options.update;
  return {
    name,
    beginStep: () => { c.t++; },
    update(key, p, g, lr) {
      c.lr = lr;
      const b = rule.buffers === 0 ? none : buffers(key, p);
      if (fused) fused(name, p, g, b, c);
      else rule.update(p, g, b, c);
    },
    getState: () => ({
      name, t: c.t,
      buffers: Object.fromEntries([...restored, ...[...state].map(([k, b]) => [k, b.map((x) => Array.from(x))] as const)]),
    }),
    setState(saved) {
      c.t = saved.t;
      state.clear();
      restored.clear();
      for (const [k, b] of Object.entries(saved.buffers)) restored.set(Number(k), b);
    },
  };
}
