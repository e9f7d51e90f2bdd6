/**
 * The side panel of step mode: the formula of the selected neuron or edge with the numbers
 * substituted, read from the explainer's trace, in the page's language.
 */
import type { ActivationName, ScalarDelta, ScalarStep, ScalarTrace } from '../../src/index.ts';
import { activations, formatNumber as fmt, symbol } from '../../src/index.ts';
import { lang, t } from './i18n.ts';
import type { Selection } from './network-diagram.ts';
import type { Progress } from './step-mode.ts';

const NET = symbol('net'), OUT = symbol('out');
/** g′ in terms of net and out (as the tutorials write it), for the chain-rule factor ∂out/∂net. */
const derivative = (a: ActivationName): string =>
  activations[a].derivative?.(NET, OUT).t ?? (activations[a].outputOnly ? `${a} Jacobian` : String(activations[a].df(0, 0)));

const activationFormula = (a: ActivationName): string => activations[a].formula(NET).t;

export function explainSelection(trace: ScalarTrace, step: ScalarStep, sel: Selection | undefined, p: Progress, eta: number): string[][] {
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
    `  = ${fmt(w.grad)}`,
  ]);
  if (p.updateDone) {
    sections.push([
      `${t('update')} (η = ${fmt(eta)})`,
      `${w.name}⁺ = ${w.name} − η · ∂E/∂${w.name}`, `  = ${fmt(w.old)} − ${fmt(eta)} × ${fmt(w.grad)}`, `  = ${fmt(w.new)}`,
    ]);
  }
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
    lines.push(lang() === 'zh' ? `融合规则（g′ 被约去）：δ = out − ${t('target')}` : `fused rule (g′ cancels): δ = out − ${t('target')}`);
  } else if (d.dOutdNet !== null) {
    lines.push(`∂out_${name}/∂net_${name} = ${derivative(activation)} = ${fmt(d.dOutdNet)}`);
    lines.push(`δ_${name} = ${fmt(d.dEdOut)} × ${fmt(d.dOutdNet)}`);
  }
  lines.push(`  = ${fmt(d.delta)}`);
  return lines;
}

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
