/**
 * Gradient-descent update rules, in order of increasing complexity. Each keeps its own state per
 * parameter array (identified by a key) and updates the parameters in place.
 *
 *   sgd       W ← W − η·∇J
 *   momentum  v ← μ·v − η·∇J;  W ← W + v                          (classical momentum)
 *   nesterov  v′ ← μ·v − η·∇J;  W ← W + μ·v′ − η·∇J               (Nesterov, Sutskever's form)
 *   adam      m ← β₁m + (1−β₁)∇J;  s ← β₂s + (1−β₂)∇J²;
 *             W ← W − η·m̂ / (√ŝ + ε), with m̂ = m/(1−β₁ᵗ), ŝ = s/(1−β₂ᵗ)
 */
import type { Float } from './tensor.ts';
import { checkChoice, checkOptions, optionalFunction, optionalNumber } from './validate.ts';

/** μ, β₁, β₂ ∈ [0, 1), ε > 0: outside these ranges the updates diverge or divide by zero. */
export function checkOptimizerOptions(o: Record<string, unknown>, prefix = ''): void {
  const unit = { min: 0, max: 1, maxExclusive: true };
  optionalNumber(o.momentum, `${prefix}momentum`, unit);
  optionalNumber(o.beta1, `${prefix}beta1`, unit);
  optionalNumber(o.beta2, `${prefix}beta2`, unit);
  optionalNumber(o.epsilon, `${prefix}epsilon`, { min: 0, minExclusive: true });
  optionalFunction(o.axpy, `${prefix}axpy`);
}

/** Update rules: sgd, momentum, nesterov, adam. */
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam';
/** Every optimizer name, in order of increasing complexity. */
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam'];

/** Hyper-parameters of the optimizers (μ, Adam's β₁, β₂, ε) and an optional axpy from the kernel. */
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
}

/** An update rule: `update` moves one parameter array against its gradient; getState/setState save and restore its memory. */
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

/** An optimizer's memory as plain JSON (for checkpoints that resume bit-identically). */
export interface OptimizerState {
  name: OptimizerName;
  /** Steps taken (Adam's t). */
  t: number;
  /** Per parameter array key: its buffers (v for momentum; m and s for Adam). */
  buffers: Record<string, number[][]>;
}

/** A fresh optimizer; its memory (velocities, Adam's moments) is made per parameter array on its first update. */
export function createOptimizer(name: OptimizerName, options: OptimizerOptions = {}): Optimizer {
  checkChoice(OPTIMIZER_NAMES, name, 'optimizer', 'optimizer');
  checkOptimizerOptions(checkOptions(options, 'options'));
  const state = new Map<number, Float[]>();
  // Saved buffers waiting for their parameter array, so they get its dtype (float32 or float64).
  const restored = new Map<number, number[][]>();
  const buffers = (key: number, like: Float, count: number): Float[] => {
    let s = state.get(key);
    if (!s) {
      const make = like.constructor as { new (n: number): Float; from(a: number[]): Float };
      const saved = restored.get(key);
      s = saved ? saved.map((a) => make.from(a)) : Array.from({ length: count }, () => new make(like.length));
      state.set(key, s);
    }
    return s;
  };
  const mu = options.momentum ?? 0.9;
  let t = 0;
  const withState = (o: Pick<Optimizer, 'name' | 'update'> & { beginStep?: () => void }): Optimizer => ({
    beginStep: () => { t++; },
    ...o,
    getState: () => ({
      name, t,
      buffers: Object.fromEntries([...restored, ...[...state].map(([k, b]) => [k, b.map((x) => Array.from(x))] as const)]),
    }),
    setState(saved) {
      t = saved.t;
      state.clear();
      restored.clear();
      for (const [k, b] of Object.entries(saved.buffers)) restored.set(Number(k), b);
    },
  });
  switch (name) {
    case 'sgd': {
      const axpy = options.axpy;
      return withState({
        name,
        update(_key, p, g, lr) {
          if (axpy) axpy(p.length, -lr, g, p);
          else for (let i = 0; i < p.length; i++) p[i]! -= lr * g[i]!;
        },
      });
    }
    case 'momentum':
      return withState({
        name,
        update(key, p, g, lr) {
          const [v] = buffers(key, p, 1) as [Float];
          for (let i = 0; i < p.length; i++) {
            v[i] = mu * v[i]! - lr * g[i]!;
            p[i]! += v[i]!;
          }
        },
      });
    case 'nesterov':
      return withState({
        name,
        update(key, p, g, lr) {
          const [v] = buffers(key, p, 1) as [Float];
          for (let i = 0; i < p.length; i++) {
            v[i] = mu * v[i]! - lr * g[i]!;
            p[i]! += mu * v[i]! - lr * g[i]!;
          }
        },
      });
    case 'adam': {
      const b1 = options.beta1 ?? 0.9, b2 = options.beta2 ?? 0.999, eps = options.epsilon ?? 1e-8;
      return withState({
        name,
        update(key, p, g, lr) {
          const [m, s] = buffers(key, p, 2) as [Float, Float];
          const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
          for (let i = 0; i < p.length; i++) {
            m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
            s[i] = b2 * s[i]! + (1 - b2) * g[i]! * g[i]!;
            p[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(s[i]! / c2) + eps);
          }
        },
      });
    }
  }
}
