/**
 * The whole derivation document of a trace in one language: title and setup, the general
 * formulas (optional), every step, and the closing notes (update order, errata).
 */
import { eqs, heading, para, title, type Doc, type Inline } from './document.ts';
import { formulas } from './formulas.ts';
import { classicErratumDoc, sectionsDoc } from './sections.ts';
import { WORDS, type Lang, type Words } from './i18n.ts';
import { cat, d, err, ETA, m, MINUS, mul, name, num, target as targetOf, updated, type M } from './math.ts';
import { matrixStepDoc } from './matrix-doc.ts';
import { scalarStepDoc } from './step-doc.ts';
import type { ExplainNote, ExplainTrace } from './trace.ts';

/** Options of the explain renderers: language, and whether the general formulas come first. */
export interface RenderOptions {
  /** Language of the words (default "en"); the numbers are the same in every language. */
  lang?: Lang;
  /** Print the general formulas before the numbers (default true). */
  formulas?: boolean;
}

const TOTAL = err('total');

/** The hand derivation of an explain trace as a document of blocks (headings, prose, equation chains, tables), in one language. */
export function derivation(trace: ExplainTrace, options: RenderOptions = {}): Doc {
  const w = WORDS[options.lang ?? 'en'];
  const net = trace.network;
  const acts = net.activations;
  const hidden = [...new Set(acts.slice(0, -1))].map((a) => w.activationName[a]).join(w.lang === 'zh' ? '、' : ', ');
  const doc: Doc = [title(w.title(net.sizes.join('-')))];
  doc.push(para(acts.length > 1 ? w.setup(hidden, w.activationName[acts[acts.length - 1]!], w.lossName[net.loss], trace.updateOrder) : w.setupOne(w.activationName[acts[0]!], w.lossName[net.loss])));
  doc.push(para(`${w.learningRate}${w.colon}`, cat(ETA, m(' = '), num(trace.learningRate))));
  doc.push(para(...sampleLine(trace, w)));
  if (trace.form === 'scalar') doc.push(para(w.notation));
  if (options.formulas ?? true) doc.push(...formulas(w, acts, net.loss), ...sectionsDoc(trace, w));
  if (trace.form === 'scalar') for (const step of trace.steps) doc.push(...scalarStepDoc(step, trace, w));
  else for (const step of trace.steps) doc.push(...matrixStepDoc(step, trace, w));
  if (trace.notes.length > 0) {
    doc.push(heading(2, w.notes));
    for (const note of trace.notes) doc.push(...noteDoc(note, w, trace.form === 'scalar' ? TOTAL : m('E'), trace.learningRate));
  }
  return doc;
}

function sampleLine(trace: ExplainTrace, w: Words): Inline[] {
  const { index, input, target } = trace.sample;
  const parts: Inline[] = [`${w.sample(index)}${w.colon}`];
  const list = (values: number[], label: (j: number) => M): Inline[] =>
    values.flatMap((v, j) => [...(j > 0 ? [w.comma] : []), cat(label(j), m(' = '), num(v))]);
  if (trace.form === 'scalar') {
    parts.push(`${w.inputs}${w.colon}`, ...list(input, (j) => name(`i${j + 1}`)), `${w.semicolon}${w.targets}${w.colon}`, ...list(target, (j) => targetOf(`o${j + 1}`)));
  } else {
    parts.push(`${w.inputs} ${input.length}×1${w.comma}${w.targets} ${target.length}×1`);
  }
  return parts;
}

function noteDoc(note: ExplainNote, w: Words, E: M, learningRate: number): Doc {
  if (note.kind === 'errata-classic') return classicErratumDoc(note.erratum, w);
  if (note.kind === 'errata-linear') {
    const wn = name(note.weight);
    return [
      para(w.noteErrataLinear(note.weight)),
      eqs([
        [d(TOTAL, wn), num(note.grad)],
        [updated(note.weight), cat(num(note.old), MINUS, mul(num(learningRate), num(note.grad, true))), num(note.new)],
      ]),
    ];
  }
  // The sentence before says which order this is; the symbol stays the same in every language.
  const other = E;
  const doc: Doc = [para(note.updateOrder === 'simultaneous' ? w.noteSimultaneous : w.noteSequential), eqs([[other, num(note.otherLossAfter)]])];
  if (note.published !== null) {
    doc.push(para(note.updateOrder === 'simultaneous' ? w.notePublishedSimultaneous : w.notePublishedSequential));
  }
  return doc;
}
