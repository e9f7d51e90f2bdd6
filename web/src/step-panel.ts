/**
 * The side panel of step mode: the formula of the selected neuron or edge with the numbers
 * substituted, read from the explainer's trace, in the page's language.
 */
import type { ActivationName, MathText, ParamUpdate, ScalarDelta, ScalarStep, ScalarTrace } from '../../src/index.ts';
import { activations, explainUpdateRows, formatNumber as fmt, symbol } from '../../src/index.ts';
import { t } from './i18n.ts';
import type { Selection } from './network-diagram.ts';
import type { Progress } from './step-mode.ts';

const NET = symbol('net'), OUT = symbol('out');
/** g′ in terms of net and out (as the tutorials write it), for the chain-rule factor ∂out/∂net: from the activation's record. */
const derivative = (a: ActivationName): string =>
  activations[a].derivative?.(NET, OUT).t ?? (activations[a].outputOnly ? `${a} Jacobian` : String(activations[a].df(0, 0)));

/** g(net) written out, from the activation's record. */
const activationFormula = (a: ActivationName): string => activations[a].formula(NET).t;

/** An equation chain as one line: lhs = … = value. */
const line = (row: MathText[]) => row.map((x) => x.t).join(' = ');

/**
 * The gradient over the batch with λ (when J is not just the sample's E) and the optimizer's
 * update with its state, built by the same formula code as the derivation.
 */
function updateSection(trace: ScalarTrace, name: string, old: number, u: ParamUpdate, next: number, isBias: boolean): string[][] {
  const { gradient, rule } = explainUpdateRows(trace, name, old, u, next, isBias);
  const sections: string[][] = [];
  if (gradient.length) sections.push([t('gradientBatch'), ...gradient.map(line)]);
  sections.push([`${t('optimizerUpdate')} (${trace.optimizer.name}, η = ${fmt(trace.optimizer.learningRate)})`, ...rule.map(line)]);
  return sections;
}

/** The panel's sections (title, then lines) for the selected neuron or edge, as far as the step has progressed. */
export function explainSelection(trace: ScalarTrace, step: ScalarStep, sel: Selection | undefined, p: Progress): string[][] {
  if (!sel) return [[t('pick')]];
  const sections: string[][] = [];
  if (sel.kind === 'neuron' && sel.layer === 0) {
    const name = trace.names.inputs[sel.j]!;
    return [[`${t('input')} ${name}`, `${name} = ${fmt(trace.sample.input[sel.j]!)}`]];
  }
  if (sel.kind === 'neuron') {
    const l = sel.layer - 1;
    const n = step.forward[l]![sel.j]!;
    const title = `${t('neuron')} ${n.name}`;
    if (!p.forwardDone(l)) return [[title, '…']];
    const sum = n.terms.map((x) => `${x.weight}·${x.input}`).join(' + ') + ` + ${n.biasName}`;
    const nums = n.terms.map((x) => `${fmt(x.w)}×${fmt(x.x)}`).join(' + ') + ` + ${fmt(n.bias)}`;
    sections.push([
      `${title} — ${t('forward')}`,
      `net_${n.name} (z, ${t('weightedInput')}) = ${sum}`, `  = ${nums}`, `  = ${fmt(n.net)}`,
      `out_${n.name} (a, ${t('activationOut')}) = ${[...new Set([`${n.activation}(net)`, activationFormula(n.activation)])].join(' = ')}`, `  = ${fmt(n.out)}`,
    ]);
    const isOutput = l === step.forward.length - 1;
    if (isOutput && p.lossDone) {
      const term = step.loss.terms[sel.j]!;
      const e = step.loss.loss === 'mse' ? `E_${n.name} = ½(${t('target')} − out)² = ½(${fmt(term.target)} − ${fmt(term.out)})²` : `E_${n.name}`;
      sections.push([`${t('errorTotal')} (${step.loss.loss})`, `${e} = ${fmt(term.value)}`, `E_total = ${step.loss.terms.map((x) => `E_${x.neuron}`).join(' + ')} = ${fmt(step.loss.total)}`]);
    }
    const back = step.backward.find((b) => b.layer === l);
    if (back && p.backwardDone(l)) sections.push(deltaLines(back.deltas[sel.j]!, n.name, n.activation, step.loss.loss === 'mse' ? { out: n.out, target: step.loss.terms[sel.j]!.target } : null));
    return sections;
  }
  const back = step.backward.find((b) => b.layer === sel.layer)!;
  const w = back.weights.find((x) => x.row === sel.j && x.col === sel.i)!;
  sections.push([`${t('edge')} ${w.name}: ${w.from} → ${w.to}`, `${w.name} = ${fmt(w.old)}`]);
  if (!p.backwardDone(sel.layer)) return sections;
  const g = w.dOutdNet === null ? '' : ` · ∂out_${w.to}/∂net_${w.to}`;
  const gNum = w.dOutdNet === null ? '' : ` × ${fmt(w.dOutdNet)}`;
  sections.push([
    `${t('chainRule')}`,
    `∂E/∂${w.name} = ∂E/∂out_${w.to}${g} · ∂net_${w.to}/∂${w.name}`,
    `  = ${fmt(w.dEdOut)}${gNum} × ${fmt(w.dNetdW)}`,
    `  = δ_${w.to} · out_${w.from} = ${fmt(w.delta)} × ${fmt(w.dNetdW)}`,
    `  = ${fmt(w.update.perSample[0]!)}`,
  ]);
  if (p.updateDone) sections.push(...updateSection(trace, w.name, w.old, w.update, w.new, false));
  return sections;
}

/** `mse`: the output's out and target, to write ∂E/∂out = out − target with its numbers. */
function deltaLines(d: ScalarDelta, name: string, activation: ActivationName, mse: { out: number; target: number } | null): string[] {
  const lines = [`${t('backward')}: δ_${name} = ∂E/∂net_${name}`];
  if (d.paths) {
    lines.push(`∂E/∂out_${name} = ${d.paths.map((p) => `δ_${p.to}·${p.weight}`).join(' + ')}`);
    lines.push(`  = ${d.paths.map((p) => `${fmt(p.deltaTo)}×${fmt(p.w)}`).join(' + ')} = ${fmt(d.dEdOut)}`);
  } else if (mse) {
    lines.push(`∂E/∂out_${name} = out_${name} − ${t('target')} = ${fmt(mse.out)} − ${fmt(mse.target)} = ${fmt(d.dEdOut)}`);
  } else {
    lines.push(`∂E/∂out_${name} = ${fmt(d.dEdOut)}`);
  }
  if (d.rule === 'fused') {
    lines.push(`${t('fusedRule')}: δ = out − ${t('target')}`);
  } else if (d.dOutdNet !== null) {
    lines.push(`∂out_${name}/∂net_${name} = ${derivative(activation)} = ${fmt(d.dOutdNet)}`);
    lines.push(`δ_${name} = ${fmt(d.dEdOut)} × ${fmt(d.dOutdNet)}`);
  }
  lines.push(`  = ${fmt(d.delta)}`);
  return lines;
}

/** Writes the sections into the panel. */
export function renderPanel(host: HTMLElement, sections: string[][]): void {
  host.replaceChildren(...sections.map(([title, ...lines]) => {
    const s = document.createElement('section');
    const h = document.createElement('h3');
    h.textContent = title ?? '';
    const pre = document.createElement('pre');
    pre.textContent = lines.join('\n');
    s.append(h);
    if (lines.length) s.append(pre);
    return s;
  }));
}
