/**
 * An independent oracle for explained training steps: plain scalar loops over nested arrays
 * (sigmoid layers, mse), written from the textbook formulas and sharing no code with bpnet —
 * forward pass, deltas, per-sample gradients, the batch average with weight decay, and the
 * sgd / momentum / nesterov / adam updates with their state.
 */
export type OracleOptimizer = 'sgd' | 'momentum' | 'nesterov' | 'adam';

export interface OracleNet {
  /** W[l][j][i]: weight from input i into neuron j of layer l. */
  W: number[][][];
  b: number[][];
}

export interface OracleSample { x: number[]; y: number[] }

export interface OracleParam {
  old: number;
  perSample: number[];
  mean: number;
  decay: number;
  grad: number;
  vOld: number; v: number; change: number;
  mOld: number; m: number; sOld: number; s: number; mHat: number; sHat: number;
  next: number;
}

export interface OracleStep {
  /** Per sample: z[l][j], a[l][j] (a[0] = input), delta[l][j]. */
  samples: { z: number[][]; a: number[][]; delta: number[][]; dEdOut: number[][]; paths: number[]; terms: number[]; E: number }[];
  J: number; mean: number; penalty: number;
  JAfter: number; meanAfter: number; penaltyAfter: number; lossesAfter: number[];
  /** Outputs of each sample of the batch after the update. */
  outputsAfter: number[][];
  /** params[`${l}:w:${j}:${i}`] or params[`${l}:b:${j}`]. */
  params: Record<string, OracleParam>;
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

function forward(net: OracleNet, x: number[]) {
  const z: number[][] = [], a: number[][] = [x];
  net.W.forEach((W, l) => {
    z.push(W.map((row, j) => row.reduce((s, w, i) => s + w * a[l]![i]!, 0) + net.b[l]![j]!));
    a.push(z[l]!.map(sig));
  });
  return { z, a };
}

function lossOf(a: number[], y: number[]): number {
  return a.reduce((s, o, k) => s + 0.5 * (o - y[k]!) ** 2, 0);
}

function backprop(net: OracleNet, x: number[], y: number[]) {
  const { z, a } = forward(net, x);
  const L = net.W.length - 1;
  const delta: number[][] = [], dEdOut: number[][] = [], paths: number[] = [];
  dEdOut[L] = a[L + 1]!.map((o, k) => o - y[k]!);
  delta[L] = a[L + 1]!.map((o, k) => dEdOut[L]![k]! * o * (1 - o));
  for (let l = L - 1; l >= 0; l--) {
    // ∂E/∂out_j = Σₖ δₖ·w_kj over the weights leaving neuron j (each product kept for display).
    dEdOut[l] = a[l + 1]!.map((_, j) => net.W[l + 1]!.reduce((s, row, k) => { paths.push(delta[l + 1]![k]! * row[j]!); return s + delta[l + 1]![k]! * row[j]!; }, 0));
    delta[l] = a[l + 1]!.map((o, j) => dEdOut[l]![j]! * o * (1 - o));
  }
  const terms = a[L + 1]!.map((o, k) => 0.5 * (o - y[k]!) ** 2);
  return { z, a, delta, dEdOut, paths, terms, E: lossOf(a[L + 1]!, y) };
}

const penaltyOf = (net: OracleNet, lambda: number) => (lambda / 2) * net.W.flat(2).reduce((s, w) => s + w * w, 0);

/**
 * `steps` steps on consecutive batches of `batchSize` samples (from sample 0, wrapping around).
 * Optimizer state starts at 0; adam's t counts the steps.
 */
export function oracleSteps(
  start: OracleNet, data: OracleSample[], o: { optimizer: OracleOptimizer; lr: number; momentum?: number; lambda: number; batchSize: number },
  steps: number,
): OracleStep[] {
  const net: OracleNet = structuredClone(start);
  const mu = o.momentum ?? 0.9, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const state: Record<string, { v: number; m: number; s: number }> = {};
  const out: OracleStep[] = [];
  for (let t = 1; t <= steps; t++) {
    const batch = Array.from({ length: o.batchSize }, (_, r) => data[((t - 1) * o.batchSize + r) % data.length]!);
    const samples = batch.map((s) => backprop(net, s.x, s.y));
    const B = batch.length;
    const mean = samples.reduce((s, p) => s + p.E, 0) / B;
    const penalty = penaltyOf(net, o.lambda);
    const params: Record<string, OracleParam> = {};
    const update = (key: string, old: number, perSample: number[], decays: boolean): OracleParam => {
      const m0 = perSample.reduce((s, g) => s + g, 0) / B;
      const decay = decays ? o.lambda * old : 0;
      const g = m0 + decay;
      const st = (state[key] ??= { v: 0, m: 0, s: 0 });
      const p: OracleParam = { old, perSample, mean: m0, decay, grad: g, vOld: st.v, v: st.v, change: 0, mOld: st.m, m: st.m, sOld: st.s, s: st.s, mHat: 0, sHat: 0, next: 0 };
      if (o.optimizer === 'sgd') p.next = old - o.lr * g;
      if (o.optimizer === 'momentum') { p.v = mu * st.v - o.lr * g; p.next = old + p.v; }
      if (o.optimizer === 'nesterov') { p.v = mu * st.v - o.lr * g; p.change = mu * p.v - o.lr * g; p.next = old + p.change; }
      if (o.optimizer === 'adam') {
        p.m = b1 * st.m + (1 - b1) * g; p.s = b2 * st.s + (1 - b2) * g * g;
        p.mHat = p.m / (1 - b1 ** t); p.sHat = p.s / (1 - b2 ** t);
        p.change = -(o.lr * p.mHat) / (Math.sqrt(p.sHat) + eps); p.next = old + p.change;
      }
      Object.assign(st, { v: p.v, m: p.m, s: p.s });
      return p;
    };
    net.W.forEach((W, l) => W.forEach((row, j) => {
      row.forEach((w, i) => { params[`${l}:w:${j}:${i}`] = update(`${l}:w:${j}:${i}`, w, samples.map((p) => p.delta[l]![j]! * p.a[l]![i]!), true); });
      params[`${l}:b:${j}`] = update(`${l}:b:${j}`, net.b[l]![j]!, samples.map((p) => p.delta[l]![j]!), false);
    }));
    // All updates after the whole backward pass (simultaneous order).
    net.W.forEach((W, l) => W.forEach((row, j) => {
      row.forEach((_, i) => { row[i] = params[`${l}:w:${j}:${i}`]!.next; });
      net.b[l]![j] = params[`${l}:b:${j}`]!.next;
    }));
    const outputsAfter = batch.map((s) => forward(net, s.x).a[net.W.length]!);
    const lossesAfter = batch.map((s, i) => lossOf(outputsAfter[i]!, s.y));
    const meanAfter = lossesAfter.reduce((s, e) => s + e, 0) / B;
    const penaltyAfter = penaltyOf(net, o.lambda);
    out.push({
      samples: samples.map((p) => ({ z: p.z, a: p.a, delta: p.delta, dEdOut: p.dEdOut, paths: p.paths, terms: p.terms, E: p.E })),
      J: mean + penalty, mean, penalty, JAfter: meanAfter + penaltyAfter, meanAfter, penaltyAfter, lossesAfter, outputsAfter, params,
    });
  }
  return out;
}
