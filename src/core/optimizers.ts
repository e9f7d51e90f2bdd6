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

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam'];

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

export interface Optimizer {
  readonly name: OptimizerName;
  /** Call once per batch, before the updates of that batch (Adam counts steps t). */
  beginStep(): void;
  /** params ← update(params, grads) with learning rate η. */
  update(key: number, params: Float, grads: Float, lr: number): void;
}

export function createOptimizer(name: OptimizerName, options: OptimizerOptions = {}): Optimizer {
  const state = new Map<number, Float[]>();
  const buffers = (key: number, like: Float, count: number): Float[] => {
    let s = state.get(key);
    if (!s) {
      s = Array.from({ length: count }, () => new (like.constructor as { new (n: number): Float })(like.length));
      state.set(key, s);
    }
    return s;
  };
  const mu = options.momentum ?? 0.9;
  switch (name) {
    case 'sgd': {
      const axpy = options.axpy;
      return {
        name, beginStep() {},
        update(_key, p, g, lr) {
          if (axpy) axpy(p.length, -lr, g, p);
          else for (let i = 0; i < p.length; i++) p[i]! -= lr * g[i]!;
        },
      };
    }
    case 'momentum':
      return {
        name, beginStep() {},
        update(key, p, g, lr) {
          const [v] = buffers(key, p, 1) as [Float];
          for (let i = 0; i < p.length; i++) {
            v[i] = mu * v[i]! - lr * g[i]!;
            p[i]! += v[i]!;
          }
        },
      };
    case 'nesterov':
      return {
        name, beginStep() {},
        update(key, p, g, lr) {
          const [v] = buffers(key, p, 1) as [Float];
          for (let i = 0; i < p.length; i++) {
            v[i] = mu * v[i]! - lr * g[i]!;
            p[i]! += mu * v[i]! - lr * g[i]!;
          }
        },
      };
    case 'adam': {
      const b1 = options.beta1 ?? 0.9, b2 = options.beta2 ?? 0.999, eps = options.epsilon ?? 1e-8;
      let t = 0;
      return {
        name,
        beginStep() {
          t++;
        },
        update(key, p, g, lr) {
          const [m, s] = buffers(key, p, 2) as [Float, Float];
          const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
          for (let i = 0; i < p.length; i++) {
            m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
            s[i] = b2 * s[i]! + (1 - b2) * g[i]! * g[i]!;
            p[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(s[i]! / c2) + eps);
          }
        },
      };
    }
  }
}
