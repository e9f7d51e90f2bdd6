/**
 * The model file format, shared with other tools:
 *   {"format":"bpnet-model","version":1,"loss":"mse"|"binary-cross-entropy"|"cross-entropy",
 *    "layers":[{"type":"dense","inputs":N,"units":M,"activation":"sigmoid",
 *               "weights":[[…M rows of N…]],"bias":[…M…],"trainBias":false?}, …]}
 * Unknown fields (training metadata, label names, input normalisation…) are kept and written back.
 * Parsing checks everything and names the offending field.
 */
import { ACTIVATION_NAMES, isActivationName } from './activations.ts';
import { BpnetError } from './errors.ts';
import { getKernel } from './kernels/registry.ts';
import type { Kernel } from './kernels/kernel.ts';
import { isLossName, LOSS_NAMES } from './losses.ts';
import { Network, type DenseLayer } from './network.ts';

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

export interface ModelJSON {
  format: 'bpnet-model';
  version: 1;
  loss: string;
  layers: ModelLayerJSON[];
  [extra: string]: unknown;
}

const LAYER_KEYS = new Set(['type', 'inputs', 'units', 'activation', 'weights', 'bias', 'trainBias']);
const MODEL_KEYS = new Set(['format', 'version', 'loss', 'layers']);

export function networkToJSON(net: Network): ModelJSON {
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
    ...net.extra,
  };
}

/**
 * Builds a Network from a parsed model file; `source` (a file name) prefixes every error message.
 * @example const net = networkFromJSON(JSON.parse(text), 'model.json');
 */
export function networkFromJSON(json: unknown, source = 'model', kernel: Kernel = getKernel('reference', 'float64')): Network {
  const fail = (field: string, message: string): never => {
    throw new BpnetError(message, `${source}: ${field}`);
  };
  if (!isObject(json)) fail('(top level)', 'expected a JSON object');
  const m = json as Record<string, unknown>;
  if (m.format !== 'bpnet-model') fail('format', `expected "bpnet-model", got ${JSON.stringify(m.format)}`);
  if (m.version !== 1) fail('version', `expected 1, got ${JSON.stringify(m.version)}`);
  if (!isLossName(m.loss)) fail('loss', `expected one of ${LOSS_NAMES.join(', ')}, got ${JSON.stringify(m.loss)}`);
  if (!Array.isArray(m.layers) || m.layers.length === 0) fail('layers', 'expected a non-empty array of layers');
  const layers = (m.layers as unknown[]).map((raw, li): DenseLayer => {
    const at = `layers[${li}]`;
    if (!isObject(raw)) fail(at, 'expected an object');
    const l = raw as Record<string, unknown>;
    if (l.type !== 'dense') fail(`${at}.type`, `expected "dense", got ${JSON.stringify(l.type)}`);
    const inputs = positiveInt(l.inputs, `${at}.inputs`, fail);
    const units = positiveInt(l.units, `${at}.units`, fail);
    if (!isActivationName(l.activation)) {
      fail(`${at}.activation`, `unknown activation ${JSON.stringify(l.activation)} (expected one of ${ACTIVATION_NAMES.join(', ')})`);
    }
    if (l.trainBias !== undefined && typeof l.trainBias !== 'boolean') fail(`${at}.trainBias`, 'expected true or false');
    const weights = kernel.alloc(units * inputs);
    if (!Array.isArray(l.weights) || l.weights.length !== units) {
      fail(`${at}.weights`, `expected ${units} rows (one per unit), got ${Array.isArray(l.weights) ? l.weights.length : typeof l.weights}`);
    }
    (l.weights as unknown[]).forEach((row, j) => readNumbers(row, inputs, `${at}.weights[${j}]`, fail, weights, j * inputs));
    const bias = kernel.alloc(units);
    readNumbers(l.bias, units, `${at}.bias`, fail, bias, 0);
    const extra = Object.fromEntries(Object.entries(l).filter(([k]) => !LAYER_KEYS.has(k)));
    return { inputs, units, activation: l.activation as DenseLayer['activation'], weights, bias, trainBias: l.trainBias !== false, extra };
  });
  const extra = Object.fromEntries(Object.entries(m).filter(([k]) => !MODEL_KEYS.has(k)));
  try {
    return new Network(layers, m.loss as Network['loss'], kernel, extra);
  } catch (e) {
    if (e instanceof BpnetError) throw new BpnetError(e.message, `${source}`);
    throw e;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positiveInt(v: unknown, field: string, fail: (f: string, m: string) => never): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(field, `expected a positive integer, got ${JSON.stringify(v)}`);
  return v as number;
}

function readNumbers(
  row: unknown, n: number, field: string, fail: (f: string, m: string) => never, out: { [i: number]: number }, offset: number,
): void {
  if (!Array.isArray(row) || row.length !== n) fail(field, `expected ${n} numbers, got ${Array.isArray(row) ? row.length : typeof row}`);
  (row as unknown[]).forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${field}[${i}]`, `expected a finite number, got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`);
    out[offset + i] = v as number;
  });
}
