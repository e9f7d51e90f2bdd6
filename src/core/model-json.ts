/**
 * The model file format, shared with other tools:
 *   {"format":"bpnet-model","version":1,"loss":"mse"|"binary-cross-entropy"|"cross-entropy",
 *    "layers":[{"type":"dense","inputs":N,"units":M,"activation":"sigmoid",
 *               "weights":[[…M rows of N…]],"bias":[…M…],"trainBias":false?}, …]}
 * plus two optional fields that travel with the model (docs/model-file.md):
 *   "classLabels": ["setosa", …]   the class of each output (one per output; two for one sigmoid output)
 *   "inputTransform": {"type":"zscore","mean":[…],"std":[…]} or {"type":"minmax","min":[…],"max":[…]}
 * Unknown fields (training metadata…) are kept and written back.
 * Parsing checks everything and names the offending field. Building the Network from the parts is
 * `Network.fromJSON` / `networkFromJSON` (src/core/network.ts), which also chooses the kernel.
 */
import { ACTIVATION_NAMES, isActivationName } from './activations.ts';
import { BpnetError, show } from './errors.ts';
import { jsonDepth, MAX_JSON_DEPTH } from './validate.ts';
import { parseInputTransform, type InputTransform } from './input-transform.ts';
import type { Kernel } from './kernels/kernel.ts';
import { isLossName, LOSS_NAMES, type LossName } from './losses.ts';
import type { DenseLayer } from './architecture.ts';
import type { Network } from './network.ts';

/** One dense layer in a model file: sizes, activation, weights (one row per unit) and biases. */
export interface ModelLayerJSON {
  type: 'dense';
  inputs: number;
  units: number;
  activation: string;
  weights: number[][];
  bias: number[];
  trainBias?: boolean;
  [extra: string]: unknown;
}

/** A model file as JSON: see the module comment and docs/model-file.md. */
export interface ModelJSON {
  format: 'bpnet-model';
  version: 1;
  loss: string;
  layers: ModelLayerJSON[];
  /** Name of the class of each output. */
  classLabels?: string[];
  /** Normalisation applied to every input before the first layer. */
  inputTransform?: InputTransform;
  [extra: string]: unknown;
}

/** What a model file holds, checked, with the parameters in the kernel's arrays. */
export interface ModelParts {
  layers: DenseLayer[];
  loss: LossName;
  kernel: Kernel;
  classLabels?: string[];
  inputTransform?: InputTransform;
  /** Unknown top-level fields, preserved. */
  extra: Record<string, unknown>;
}

const LAYER_KEYS = new Set(['type', 'inputs', 'units', 'activation', 'weights', 'bias', 'trainBias']);
const MODEL_KEYS = new Set(['format', 'version', 'loss', 'layers', 'classLabels', 'inputTransform']);

/** The model file of a network (plain JSON, ready for JSON.stringify). */
export function networkToJSON(net: Network): ModelJSON {
  checkFinite(net);
  return {
    format: 'bpnet-model',
    version: 1,
    loss: net.loss,
    layers: net.layers.map((l) => ({
      type: 'dense' as const,
      inputs: l.inputs,
      units: l.units,
      activation: l.activation,
      weights: Array.from({ length: l.units }, (_, j) => Array.from(l.weights.subarray(j * l.inputs, (j + 1) * l.inputs))),
      bias: Array.from(l.bias),
      ...(l.trainBias ? {} : { trainBias: false }),
      ...l.extra,
    })),
    ...(net.classLabels ? { classLabels: [...net.classLabels] } : {}),
    ...(net.inputTransform ? { inputTransform: structuredClone(net.inputTransform) } : {}),
    ...net.extra,
  };
}

/**
 * Checks a parsed model file and reads it into arrays of the kernel that `chooseKernel` picks for
 * its parameter count; `source` (a file name) prefixes every error message.
 */
export function parseModelJSON(json: unknown, source: string, chooseKernel: (parameterCount: number) => Kernel): ModelParts {
  const fail = (field: string, message: string): never => {
    throw new BpnetError(message, `${source}: ${field}`);
  };
  if (!isObject(json)) fail('(top level)', 'expected a JSON object');
  // Saving walks the unknown fields recursively (JSON.stringify, structuredClone): a document
  // nested deeper than any file bpnet reads is refused here, not by a stack overflow later.
  if (jsonDepth(json, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) fail('(top level)', `nested more than ${MAX_JSON_DEPTH} levels deep`);
  const m = json as Record<string, unknown>;
  if (m.format !== 'bpnet-model') fail('format', `expected "bpnet-model", got ${show(m.format)}`);
  if (m.version !== 1) fail('version', `expected 1, got ${show(m.version)}`);
  if (!isLossName(m.loss)) fail('loss', `expected one of ${LOSS_NAMES.join(', ')}, got ${show(m.loss)}`);
  if (!Array.isArray(m.layers) || m.layers.length === 0) fail('layers', 'expected a non-empty array of layers');
  // Sizes first: they decide the kernel (and so the dtype) the parameters are read into.
  const parameterCount = (m.layers as unknown[]).reduce<number>((n, raw, li) => {
    const l = (isObject(raw) ? raw : fail(`layers[${li}]`, 'expected an object')) as Record<string, unknown>;
    const inputs = positiveInt(l.inputs, `layers[${li}].inputs`, fail), units = positiveInt(l.units, `layers[${li}].units`, fail);
    return n + units * (inputs + 1);
  }, 0);
  const kernel = chooseKernel(parameterCount);
  const layers = (m.layers as unknown[]).map((raw, li): DenseLayer => {
    const at = `layers[${li}]`;
    if (!isObject(raw)) fail(at, 'expected an object');
    const l = raw as Record<string, unknown>;
    if (l.type !== 'dense') fail(`${at}.type`, `expected "dense", got ${show(l.type)}`);
    const inputs = positiveInt(l.inputs, `${at}.inputs`, fail);
    const units = positiveInt(l.units, `${at}.units`, fail);
    if (!isActivationName(l.activation)) {
      fail(`${at}.activation`, `unknown activation ${show(l.activation)} (expected one of ${ACTIVATION_NAMES.join(', ')})`);
    }
    if (l.trainBias !== undefined && typeof l.trainBias !== 'boolean') fail(`${at}.trainBias`, 'expected true or false');
    // The rows are checked before allocating: a corrupt "units" must not allocate gigabytes.
    if (!Array.isArray(l.weights) || l.weights.length !== units) {
      fail(`${at}.weights`, `expected ${units} rows (one per unit), got ${Array.isArray(l.weights) ? l.weights.length : show(l.weights)}`);
    }
    const firstRow = (l.weights as unknown[])[0];
    if (!Array.isArray(firstRow) || firstRow.length !== inputs) fail(`${at}.weights[0]`, `expected ${inputs} numbers, got ${Array.isArray(firstRow) ? firstRow.length : show(firstRow)}`);
    const weights = kernel!.alloc(units * inputs);
    (l.weights as unknown[]).forEach((row, j) => readNumbers(row, inputs, `${at}.weights[${j}]`, fail, weights, j * inputs));
    const bias = kernel!.alloc(units);
    readNumbers(l.bias, units, `${at}.bias`, fail, bias, 0);
    const extra = Object.fromEntries(Object.entries(l).filter(([k]) => !LAYER_KEYS.has(k)));
    return { inputs, units, activation: l.activation as DenseLayer['activation'], weights, bias, trainBias: l.trainBias !== false, extra };
  });
  const extra = Object.fromEntries(Object.entries(m).filter(([k]) => !MODEL_KEYS.has(k)));
  const outputs = layers[layers.length - 1]!.units;
  return {
    layers, loss: m.loss as LossName, kernel, extra,
    ...(m.classLabels !== undefined ? { classLabels: parseClassLabels(m.classLabels, outputs, `${source}: classLabels`) } : {}),
    ...(m.inputTransform !== undefined ? { inputTransform: parseInputTransform(m.inputTransform, layers[0]!.inputs, `${source}: inputTransform`) } : {}),
  };
}

/** Class labels must name each output once (a single sigmoid output has two classes, 0 and 1). */
export function parseClassLabels(v: unknown, outputs: number, field: string): string[] {
  const n = outputs === 1 ? 2 : outputs;
  if (!Array.isArray(v) || v.length !== n) {
    throw new BpnetError(`expected ${n} labels (${outputs === 1 ? 'classes 0 and 1 of the single output' : 'one per output'}), got ${Array.isArray(v) ? v.length : typeof v}`, field);
  }
  const labels = v.map((x, i) => {
    if (typeof x !== 'string' && typeof x !== 'number') throw new BpnetError(`expected a string, got ${show(x)}`, `${field}[${i}]`);
    return String(x);
  });
  const twice = labels.findIndex((l, i) => labels.indexOf(l) !== i);
  if (twice >= 0) throw new BpnetError(`"${labels[twice]}" appears twice`, `${field}[${twice}]`);
  return labels;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positiveInt(v: unknown, field: string, fail: (f: string, m: string) => never): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(field, `expected a positive integer, got ${show(v)}`);
  return v as number;
}

function readNumbers(
  row: unknown, n: number, field: string, fail: (f: string, m: string) => never, out: { [i: number]: number }, offset: number,
): void {
  if (!Array.isArray(row) || row.length !== n) fail(field, `expected ${n} numbers, got ${Array.isArray(row) ? row.length : show(row)}`);
  (row as unknown[]).forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${field}[${i}]`, `expected a finite number, got ${show(v)}`);
    out[offset + i] = v as number;
  });
}

/**
 * A model with NaN or ±Infinity weights is never written: JSON would turn them into null, and the
 * file would hold a model no one can load (it is what a diverged run leaves).
 */
function checkFinite(net: Network): void {
  net.layers.forEach((l, li) => {
    for (const [name, values, cols] of [['weights', l.weights, l.inputs], ['bias', l.bias, 0]] as const) {
      for (let i = 0; i < values.length; i++) {
        if (Number.isFinite(values[i]!)) continue;
        const at = cols ? `[${Math.floor(i / cols)}][${i % cols}]` : `[${i}]`;
        throw new BpnetError(`is ${values[i]}: a model with non-finite weights is not saved (training diverged?)`, `layers[${li}].${name}${at}`);
      }
    }
  });
}
