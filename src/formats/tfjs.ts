/**
 * TensorFlow.js layers format (model.json + one binary weights file), browser-safe.
 *
 * The model is a Keras Sequential of Dense layers, as `tf.loadLayersModel` reads it:
 *   [BatchNormalization: the inputTransform, if any] → Dense(units, activation) → … ;
 * an activation Keras has no name for (leaky ReLU) becomes a linear Dense plus its own layer.
 * Keras stores a Dense kernel as [inputs, units], the transpose of bpnet's [units, inputs].
 * The inputTransform x′ = (x − offset) / scale is a BatchNormalization in inference mode with
 * moving_mean = offset, moving_variance = scale², ε = 0, γ = 1, β = 0 — per input, no extra weights
 * matrix. The model's other fields travel in model.json's "userDefinedMetadata": {"bpnet": …}.
 */
import type { ActivationName } from '../core/activations.ts';
import { BpnetError, show } from '../core/errors.ts';
import { jsonDepth, MAX_JSON_DEPTH } from '../core/validate.ts';
import type { ModelJSON, ModelLayerJSON } from '../core/model-json.ts';
import { networkFromJSON } from '../core/network.ts';
import type { Network } from '../core/network.ts';
import { EXPORTED_ACTIVATIONS } from './activation-names.ts';
import { guessLoss, inputOffsetScale, modelMeta, transformFromOffsetScale } from './model-meta.ts';

/** What a tfjs layers model consists of: model.json's content and the bytes of its weights file. */
export interface TfjsArtifacts {
  modelJSON: TfjsModelJSON;
  weights: Uint8Array;
}

/** A TensorFlow.js layers model's model.json (a Sequential of Dense layers), as `tf.loadLayersModel` reads it. */
export interface TfjsModelJSON {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: { class_name: 'Sequential'; config: { name: string; layers: KerasLayer[] }; keras_version: string; backend: string };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
  userDefinedMetadata?: { bpnet?: unknown };
}

interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
}

/** The network as a tfjs layers model; `weightsPath` is the weights file's name as model.json refers to it. */
export function networkToTfjs(net: Network, weightsPath = 'model.weights.bin'): TfjsArtifacts {
  const layers: KerasLayer[] = [];
  const manifest: TfjsModelJSON['weightsManifest'][0]['weights'] = [];
  const values: ArrayLike<number>[] = [];
  const add = (name: string, shape: number[], v: ArrayLike<number>): void => {
    manifest.push({ name, shape, dtype: 'float32' });
    values.push(v);
  };
  const first = (): Record<string, unknown> => (layers.length === 0 ? { batch_input_shape: [null, net.inputSize] } : {});

  const transform = inputOffsetScale(net);
  if (transform) {
    const n = net.inputSize;
    layers.push({ class_name: 'BatchNormalization', config: { ...first(), name: 'input_transform', axis: -1, epsilon: 0, center: true, scale: true, trainable: false, dtype: 'float32' } });
    add('input_transform/gamma', [n], new Float64Array(n).fill(1));
    add('input_transform/beta', [n], new Float64Array(n));
    add('input_transform/moving_mean', [n], transform.offset);
    add('input_transform/moving_variance', [n], transform.scale.map((s) => s * s));
  }
  net.layers.forEach((layer, i) => {
    const name = `dense_${i + 1}`, keras = EXPORTED_ACTIVATIONS[layer.activation].keras;
    layers.push({ class_name: 'Dense', config: { ...first(), name, units: layer.units, activation: typeof keras === 'string' ? keras : 'linear', use_bias: true, trainable: true, dtype: 'float32' } });
    const kernel = new Float64Array(layer.inputs * layer.units);
    for (let j = 0; j < layer.units; j++) for (let k = 0; k < layer.inputs; k++) kernel[k * layer.units + j] = layer.weights[j * layer.inputs + k]!;
    add(`${name}/kernel`, [layer.inputs, layer.units], kernel);
    add(`${name}/bias`, [layer.units], layer.bias);
    if (typeof keras !== 'string') layers.push({ class_name: keras.className, config: { name: `activation_${i + 1}`, ...keras.config, trainable: true, dtype: 'float32' } });
  });

  const total = values.reduce((n, v) => n + v.length, 0);
  const weights = new Uint8Array(total * 4);
  const view = new DataView(weights.buffer);
  let offset = 0;
  for (const v of values) for (let i = 0; i < v.length; i++, offset += 4) view.setFloat32(offset, v[i]!, true);

  return {
    modelJSON: {
      format: 'layers-model', generatedBy: 'bpnet', convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: 'bpnet', layers }, keras_version: 'tfjs-layers 4', backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: [weightsPath], weights: manifest }],
      userDefinedMetadata: { bpnet: modelMeta(net) },
    },
    weights,
  };
}

const KERAS_TO_ACTIVATION = new Map<string, ActivationName>(
  Object.entries(EXPORTED_ACTIVATIONS).map(([name, e]) => [typeof e.keras === 'string' ? e.keras : e.keras.className, name as ActivationName]),
);

/**
 * Reads a tfjs layers model: model.json's parsed content and `readWeights(path)`, which returns the
 * bytes of a file the manifest names (relative to model.json). `source` prefixes error messages.
 */
export function networkFromTfjs(modelJSON: unknown, readWeights: (path: string) => Uint8Array, source = 'model.json'): Network {
  const fail = (field: string, message: string): never => {
    throw new BpnetError(message, `${source}: ${field}`);
  };
  // Everything below walks a document from outside: its nesting is bounded first, then every part
  // is checked for its type before it is used (a TypeError must never be the answer).
  if (jsonDepth(modelJSON, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) fail('', `nested more than ${MAX_JSON_DEPTH} levels deep`);
  const m = isObject(modelJSON) ? modelJSON as Partial<TfjsModelJSON> : fail('', `expected a tfjs model.json object, got ${show(modelJSON)}`);
  const topology = m.modelTopology as { class_name?: unknown; config?: unknown; model_config?: unknown } | undefined;
  if (!isObject(topology)) return fail('modelTopology', 'expected an object (is this a tfjs layers model.json?)');
  // Some writers nest the Keras model under model_config (the Keras H5 form).
  const keras = (topology.model_config ?? topology) as { class_name?: unknown; config?: unknown };
  if (!isObject(keras) || keras.class_name !== 'Sequential') fail('modelTopology.class_name', `expected "Sequential", got ${show(isObject(keras) ? keras.class_name : keras)}`);
  const config = keras.config as { layers?: unknown } | unknown[];
  const kerasLayers = (Array.isArray(config) ? config : isObject(config) ? config.layers : undefined) as KerasLayer[] | undefined;
  if (!Array.isArray(kerasLayers)) return fail('modelTopology.config.layers', 'expected an array of layers');
  kerasLayers.forEach((l, i) => {
    if (!isObject(l) || typeof l.class_name !== 'string' || !isObject(l.config)) fail(`modelTopology layers[${i}]`, `expected {class_name, config}, got ${show(l)}`);
  });

  // The weights: every group's files concatenated, cut by the manifest in order.
  const tensors = new Map<string, { shape: number[]; values: Float64Array }>();
  if (!Array.isArray(m.weightsManifest)) fail('weightsManifest', 'expected an array');
  (m.weightsManifest as unknown[]).forEach((group, g) => {
    const at = `weightsManifest[${g}]`;
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) return fail(at, `expected {paths: […], weights: […]}, got ${show(group)}`);
    const parts = (group.paths as unknown[]).map((p, i) => readWeights(weightsPath(p, `${at}.paths[${i}]`, fail)));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const view = new DataView(bytes.buffer);
    let offset = 0;
    (group.weights as unknown[]).forEach((w, i) => {
      const where = `${at}.weights[${i}]`;
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape)) return fail(where, `expected {name, shape, dtype}, got ${show(w)}`);
      if (w.dtype !== 'float32') fail(where, `dtype ${show(w.dtype)}, expected "float32"`);
      const shape = w.shape as unknown[];
      if (shape.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 1)) fail(`${where}.shape`, 'expected sizes ≥ 1');
      // Checked against the bytes there are before anything is allocated.
      const n = (shape as number[]).reduce((p, d) => p * d, 1);
      if (offset + n * 4 > bytes.length) fail(where, `needs ${n * 4} bytes at ${offset}, the weights files have ${bytes.length}`);
      tensors.set(w.name, { shape: shape as number[], values: Float64Array.from({ length: n }, (_, k) => view.getFloat32(offset + k * 4, true)) });
      offset += n * 4;
    });
  });
  const weight = (layer: string, name: string) => tensors.get(`${layer}/${name}`) ?? fail('weightsManifest', `no weight ${show(`${layer}/${name}`)}`);

  const metaValue = isObject(m.userDefinedMetadata) ? m.userDefinedMetadata.bpnet : undefined;
  const meta = (isObject(metaValue) ? metaValue : {}) as Partial<ModelJSON>;
  const layers: ModelLayerJSON[] = [];
  let transform: { offset: number[]; scale: number[] } | undefined;
  kerasLayers.forEach((l, i) => {
    const at = `modelTopology layers[${i}]`;
    const name = String(l.config?.name);
    const pending = layers[layers.length - 1];
    if (l.class_name === 'InputLayer' || l.class_name === 'Dropout' || l.class_name === 'Flatten') return;
    if (l.class_name === 'BatchNormalization' && layers.length === 0 && !transform) {
      // y = γ (x − μ) / √(σ² + ε) + β = (x − offset) / scale with scale = √(σ² + ε) / γ, offset = μ − β·scale.
      const eps = Number(l.config.epsilon ?? 1e-3);
      const gamma = weight(name, 'gamma').values, beta = weight(name, 'beta').values;
      const mu = weight(name, 'moving_mean').values, variance = weight(name, 'moving_variance').values;
      const scale = Array.from(variance, (v, j) => Math.sqrt(v + eps) / gamma[j]!);
      transform = { offset: Array.from(mu, (u, j) => u - beta[j]! * scale[j]!), scale };
    } else if (l.class_name === 'Dense') {
      const activation = KERAS_TO_ACTIVATION.get(String(l.config.activation ?? 'linear')) ?? fail(`${at}.activation`, `activation ${show(l.config.activation)} has no bpnet equivalent`);
      const kernel = weight(name, 'kernel');
      if (kernel.shape.length !== 2) fail(`${at}`, `kernel of shape [${kernel.shape.slice(0, 8).join(', ')}]: expected [inputs, units]`);
      const [inputs, units] = kernel.shape as [number, number];
      const bias = l.config.use_bias === false ? new Array<number>(units).fill(0) : Array.from(weight(name, 'bias').values);
      const weights = Array.from({ length: units }, (_, j) => Array.from({ length: inputs }, (_, k) => kernel.values[k * units + j]!));
      const saved = Array.isArray(meta.layers) && isObject(meta.layers[layers.length]) ? meta.layers[layers.length] : {};
      layers.push({ ...saved, type: 'dense', inputs, units, activation, weights, bias });
    } else if (KERAS_TO_ACTIVATION.has(l.class_name) && pending?.activation === 'linear') {
      pending.activation = KERAS_TO_ACTIVATION.get(l.class_name)!;
      const { keras } = EXPORTED_ACTIVATIONS[pending.activation as ActivationName];
      for (const [k, v] of Object.entries(typeof keras === 'string' ? {} : keras.config)) {
        if (!(Math.abs(Number(l.config[k]) - v) <= 1e-6)) fail(`${at}.${k}`, `${l.class_name} with ${k} = ${show(l.config[k])}; bpnet's is ${v}`);
      }
    } else if (l.class_name === 'Activation' && pending?.activation === 'linear' && KERAS_TO_ACTIVATION.has(String(l.config.activation))) {
      pending.activation = KERAS_TO_ACTIVATION.get(String(l.config.activation))!;
    } else {
      fail(at, `layer ${show(l.class_name, 40)} is not part of a dense network bpnet can read`);
    }
  });
  if (layers.length === 0) fail('modelTopology', 'no Dense layer');
  const last = layers[layers.length - 1]!.activation as ActivationName;
  const json: ModelJSON = {
    ...meta, format: 'bpnet-model', version: 1,
    loss: meta.loss ?? guessLoss(last),
    layers,
  };
  if (transform) json.inputTransform = meta.inputTransform ?? transformFromOffsetScale(transform);
  return networkFromJSON(json, source);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A weights file name from the manifest: relative to model.json and inside its folder (no absolute
 * path, no "..": a model file must not make bpnet read files elsewhere).
 */
function weightsPath(p: unknown, where: string, fail: (field: string, message: string) => never): string {
  if (typeof p !== 'string' || p === '' || /^([a-z]+:|[\\/])/i.test(p) || p.split(/[\\/]/).includes('..')) {
    return fail(where, `expected a file name beside model.json, got ${show(p)}`);
  }
  return p;
}
