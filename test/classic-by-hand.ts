/**
 * The classic 2-2-2 example computed by hand in plain scalars — no bpnet code — as the tutorial
 * does it: the independent oracle of the explainer tests.
 */
/** The classic example by hand: plain scalars, no bpnet code. `sequential` uses w5⁺…w8⁺ for the hidden deltas. */
export function classicByHand(sequential = false) {
  const s = (x: number) => 1 / (1 + Math.exp(-x));
  const [i1, i2] = [0.05, 0.1], [t1, t2] = [0.01, 0.99], eta = 0.5, b1 = 0.35, b2 = 0.6;
  const [w1, w2, w3, w4, w5, w6, w7, w8] = [0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55];
  const netH1 = w1 * i1 + w2 * i2 + b1, netH2 = w3 * i1 + w4 * i2 + b1;
  const outH1 = s(netH1), outH2 = s(netH2);
  const netO1 = w5 * outH1 + w6 * outH2 + b2, netO2 = w7 * outH1 + w8 * outH2 + b2;
  const outO1 = s(netO1), outO2 = s(netO2);
  const eO1 = 0.5 * (t1 - outO1) ** 2, eO2 = 0.5 * (t2 - outO2) ** 2;
  const dO1 = (outO1 - t1) * outO1 * (1 - outO1), dO2 = (outO2 - t2) * outO2 * (1 - outO2);
  const g = { w5: dO1 * outH1, w6: dO1 * outH2, w7: dO2 * outH1, w8: dO2 * outH2 };
  const n = { w5: w5 - eta * g.w5, w6: w6 - eta * g.w6, w7: w7 - eta * g.w7, w8: w8 - eta * g.w8 };
  const [u5, u6, u7, u8] = sequential ? [n.w5, n.w6, n.w7, n.w8] : [w5, w6, w7, w8];
  const dEdOutH1 = dO1 * u5 + dO2 * u7, dEdOutH2 = dO1 * u6 + dO2 * u8;
  const dH1 = dEdOutH1 * outH1 * (1 - outH1), dH2 = dEdOutH2 * outH2 * (1 - outH2);
  const gh = { w1: dH1 * i1, w2: dH1 * i2, w3: dH2 * i1, w4: dH2 * i2 };
  const nh = { w1: w1 - eta * gh.w1, w2: w2 - eta * gh.w2, w3: w3 - eta * gh.w3, w4: w4 - eta * gh.w4 };
  const aH1 = s(nh.w1 * i1 + nh.w2 * i2 + b1), aH2 = s(nh.w3 * i1 + nh.w4 * i2 + b1);
  const aO1 = s(n.w5 * aH1 + n.w6 * aH2 + b2), aO2 = s(n.w7 * aH1 + n.w8 * aH2 + b2);
  const after = 0.5 * (t1 - aO1) ** 2 + 0.5 * (t2 - aO2) ** 2;
  return {
    netH1, netH2, outH1, outH2, netO1, netO2, outO1, outO2, eO1, eO2, total: eO1 + eO2,
    dEdOutO1: outO1 - t1, dOutdNetO1: outO1 * (1 - outO1), dO1, dO2, dEdOutH1, dEdOutH2, dH1, dH2,
    grad: { ...g, ...gh }, next: { ...n, ...nh }, after,
  };
}

