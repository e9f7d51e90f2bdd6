/**
 * The rows of one parameter's update: the gradient over the batch with weight decay,
 * ∂J/∂w = (1/B)·Σᵢ ∂Eᵢ/∂w + λ·w, then the optimizer's rule with its state (v, m, s start at 0).
 * Shared by the scalar form (every weight) and the matrix form (a few weights followed through).
 */
import { optimizers } from '../core/optimizers.ts';
import { cat, d, ETA, m, MINUS, mul, num, paren, sum, type M } from './math.ts';
import { texName } from './names.ts';
import type { ExplainOptimizer, ParamUpdate } from './trace-update.ts';

export const LAMBDA = m('λ', '\\lambda');
export const MU = m('μ', '\\mu');
const J = m('J');

/** Per-sample error Eᵢ (sample i counted from 1). */
export const errOf = (i: number): M => m(`E${sub(i)}`, `E_{${i}}`);
const SUBS = '₀₁₂₃₄₅₆₇₈₉';
export const sub = (i: number): string => [...String(i)].map((c) => SUBS[Number(c)]).join('');

/** A state variable of the optimizer for parameter w: v_w5, m̂_w5, … */
const state = (base: string, tex: string, w: M): M => m(`${base}_${w.t}`, `${tex}_{${w.k}}`);

/**
 * ∂J/∂w = (1/B)·Σᵢ ∂Eᵢ/∂w + λ·w with its numbers (B = 1: ∂E/∂w + λ·w); no rows when J is E
 * (one sample, no decay). `wSym`/`old` are the parameter's symbol and value before the step.
 */
export function gradientRows(wSym: M, old: number, u: ParamUpdate, lambda: number, isBias: boolean): M[][] {
  const B = u.perSample.length;
  const decays = lambda !== 0 && !isBias;
  if (B === 1 && !decays) return [];
  const frac = m(`(1/${B})`, `\tfrac{1}{${B}}`);
  const avg = B === 1 ? d(m('E'), wSym) : mul(frac, paren(sum(u.perSample.map((_, i) => d(errOf(i + 1), wSym)))));
  const avgNum = B === 1 ? num(u.perSample[0]!, true) : mul(frac, paren(sum(u.perSample.map((g) => num(g, true)))));
  if (!decays) return [[d(J, wSym), avg, avgNum, num(u.grad)]];
  return [[d(J, wSym), cat(avg, m(' + '), mul(LAMBDA, wSym)), cat(avgNum, m(' + '), mul(num(lambda), num(old, true))),
    cat(num(u.mean), m(' + '), num(u.decay, true)), num(u.grad)]];
}

/**
 * The optimizer's rows for parameter w: `grad` is ∂J/∂w (or ∂E/∂w for one sample without decay),
 * `gSym` its symbol; `old`/`next` the values before and after (the core's).
 */
export function ruleRows(o: ExplainOptimizer, wSym: M, wNext: M, gSym: M, old: number, u: ParamUpdate, next: number): M[][] {
  const g = num(u.grad, true), eta = num(o.learningRate), r = u.rule;
  switch (r.kind) {
    case 'sgd':
      return [[wNext, cat(wSym, MINUS, mul(ETA, gSym)), cat(num(old), MINUS, mul(eta, g)), num(next)]];
    case 'momentum': {
      const v = state('v', 'v', wSym);
      return [
        [v, cat(mul(MU, m(`${v.t}`, v.k)), MINUS, mul(ETA, gSym)), cat(mul(num(o.momentum!), num(r.vOld, true)), MINUS, mul(eta, g)), num(r.v)],
        [wNext, cat(wSym, m(' + '), v), cat(num(old), m(' + '), num(r.v, true)), num(next)],
      ];
    }
    case 'nesterov': {
      const v = state('v', 'v', wSym);
      return [
        [v, cat(mul(MU, v), MINUS, mul(ETA, gSym)), cat(mul(num(o.momentum!), num(r.vOld, true)), MINUS, mul(eta, g)), num(r.v)],
        [wNext, cat(wSym, m(' + '), mul(MU, v), MINUS, mul(ETA, gSym)),
          cat(num(old), m(' + '), mul(num(o.momentum!), num(r.v, true)), MINUS, mul(eta, g)), num(next)],
      ];
    }
    case 'adam': {
      const mm = state('m', 'm', wSym), s = state('s', 's', wSym);
      const mh = state('m̂', '\\hat m', wSym), sh = state('ŝ', '\\hat s', wSym);
      const b1 = num(o.beta1!), b2 = num(o.beta2!), t = String(r.t);
      return [
        [mm, cat(mul(m('β₁', '\\beta_1'), mm), m(' + '), mul(m('(1 − β₁)', '(1 - \\beta_1)'), gSym)),
          cat(mul(b1, num(r.mOld, true)), m(' + '), mul(m(`(1 − ${b1.t})`, `(1 - ${b1.k})`), g)), num(r.m)],
        [s, cat(mul(m('β₂', '\\beta_2'), s), m(' + '), mul(m('(1 − β₂)', '(1 - \\beta_2)'), m(`(${gSym.t})²`, `\\left(${gSym.k}\\right)^2`))),
          cat(mul(b2, num(r.sOld, true)), m(' + '), mul(m(`(1 − ${b2.t})`, `(1 - ${b2.k})`), m(`${g.t}²`, `${g.k}^2`))), num(r.s)],
        [mh, m(`${mm.t} / (1 − β₁^${t})`, `\\frac{${mm.k}}{1 - \\beta_1^{${t}}}`), m(`${num(r.m).t} / (1 − ${b1.t}^${t})`, `\\frac{${num(r.m).k}}{1 - ${b1.k}^{${t}}}`), num(r.mHat)],
        [sh, m(`${s.t} / (1 − β₂^${t})`, `\\frac{${s.k}}{1 - \\beta_2^{${t}}}`), m(`${num(r.s).t} / (1 − ${b2.t}^${t})`, `\\frac{${num(r.s).k}}{1 - ${b2.k}^{${t}}}`), num(r.sHat)],
        [wNext, m(`${wSym.t} − η·${mh.t} / (√${sh.t} + ε)`, `${wSym.k} - \\eta \\frac{${mh.k}}{\\sqrt{${sh.k}} + \\epsilon}`),
          m(`${num(old).t} − ${eta.t}·${num(r.mHat, true).t} / (√${num(r.sHat).t} + ${num(o.epsilon!).t})`,
            `${num(old).k} - ${eta.k} \\frac{${num(r.mHat).k}}{\\sqrt{${num(r.sHat).k}} + ${num(o.epsilon!).k}}`), num(next)],
      ];
    }
  }
}

/** The rule in general form (printed once per step, before the numbers), from the optimizer's record. */
export function ruleFormula(o: ExplainOptimizer): M[][] {
  return optimizers[o.name].rows.map((row) => [...row]);
}

/**
 * The rows of one parameter's update in a trace: the gradient over the batch with decay (none when
 * J is the sample's E) and the optimizer's rule. For the playground's side panel.
 */
export function explainUpdateRows(
  trace: { optimizer: ExplainOptimizer; batchSize: number; weightDecay: number }, name: string, old: number, u: ParamUpdate, next: number, isBias: boolean,
): { gradient: M[][]; rule: M[][] } {
  const w = m(name, texName(name));
  const viaJ = trace.batchSize > 1 || (trace.weightDecay !== 0 && !isBias);
  const g = d(viaJ ? J : m('E'), w);
  return {
    gradient: gradientRows(w, old, u, trace.weightDecay, isBias),
    rule: ruleRows(trace.optimizer, w, m(`${name}⁺`, `${texName(name)}^{+}`), g, old, u, next),
  };
}
