/**
 * ONNX export and import of dense networks (browser-safe, no dependencies).
 *
 * The exported graph, opset 13, float32 (what every ONNX runtime executes):
 *   input [N, inputs] → (Sub offset → Div scale: the model's inputTransform, if any)
 *     → for each layer l: Gemm(a, W_l, b_l, transB = 1) → activation node (none for linear) → … → output
 * W_l is stored as [units, inputs], bpnet's own row-major layout, hence transB = 1: z = a·Wᵀ + b.
 * The model's other fields (loss, classLabels, the exact inputTransform…) travel as JSON in the
 * metadata property "bpnet", so an exported file imports back to the same model, with its weights
 * rounded to float32.
 *
 * Import reads that form and the usual one of other exporters (PyTorch's Linear → Gemm, or
 * MatMul + Add; Identity and Flatten skipped). Without bpnet metadata the loss is inferred from
 * the last activation (softmax → cross-entropy, sigmoid → binary cross-entropy, else mse).
 */
import type { ActivationName } from '../core/activations.ts';
import { BpnetError, printable, show } from '../core/errors.ts';
import type { ModelJSON, ModelLayerJSON } from '../core/model-json.ts';
import { networkFromJSON } from '../core/network.ts';
import type { Network } from '../core/network.ts';
import { EXPORTED_ACTIVATIONS } from './activation-names.ts';
import { guessLoss, inputOffsetScale, modelMeta, transformFromOffsetScale } from './model-meta.ts';
import { parseJsonText } from '../data/json-text.ts';
import { decodeString, messageBytes, ProtoWriter, readFields, readPackedInts, type ProtoField } from './protobuf.ts';

/** The operator set the export targets (Softmax's per-axis semantics are those of opset 13). */
export const ONNX_OPSET = 13;
/** ONNX IR version 7 is the one that goes with opset 13. */
const IR_VERSION = 7;
const FLOAT = 1, DOUBLE = 11; // TensorProto.DataType
const ATTR_FLOAT = 1, ATTR_INT = 2; // AttributeProto.AttributeType

/** The ONNX file of a network: bytes of a ModelProto. */
export function networkToOnnx(net: Network): Uint8Array {
  const graph = new ProtoWriter().string(2, 'bpnet'); // GraphProto.name
  const nodes: ProtoWriter[] = [];
  const node = (op: string, inputs: string[], output: string, attrs: (w: ProtoWriter) => void = () => {}): void => {
    const n = new ProtoWriter();
    for (const i of inputs) n.string(1, i); // NodeProto.input
    n.string(2, output).string(3, output).string(4, op); // output, name, op_type
    attrs(n);
    nodes.push(n);
  };
  const initializers: ProtoWriter[] = [];
  const tensor = (name: string, dims: number[], values: ArrayLike<number>): void => {
    const raw = new Uint8Array(values.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
    // TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian)
    initializers.push(new ProtoWriter().packedInts(1, dims).int(2, FLOAT).string(8, name).bytes(9, raw));
  };

  const last = net.layers.length - 1;
  let a = 'input';
  const transform = inputOffsetScale(net);
  if (transform) {
    tensor('input_offset', [net.inputSize], transform.offset);
    tensor('input_scale', [net.inputSize], transform.scale);
    node('Sub', [a, 'input_offset'], 'input_centred');
    node('Div', ['input_centred', 'input_scale'], (a = 'input_normalised'));
  }
  net.layers.forEach((layer, i) => {
    const l = i + 1, act = EXPORTED_ACTIVATIONS[layer.activation].onnx;
    tensor(`W${l}`, [layer.units, layer.inputs], layer.weights);
    tensor(`b${l}`, [layer.units], layer.bias);
    const z = act === null && i === last ? 'output' : `z${l}`;
    node('Gemm', [a, `W${l}`, `b${l}`], z, (n) => n.message(5, attribute('transB', ATTR_INT, 1)));
    a = z;
    if (act) {
      node(act.op, [z], (a = i === last ? 'output' : `a${l}`), (n) => {
        for (const [k, v] of Object.entries(act.floats ?? {})) n.message(5, attribute(k, ATTR_FLOAT, v));
        for (const [k, v] of Object.entries(act.ints ?? {})) n.message(5, attribute(k, ATTR_INT, v));
      });
    }
  });
  for (const n of nodes) graph.message(1, n);
  for (const t of initializers) graph.message(5, t);
  graph.message(11, valueInfo('input', net.inputSize)).message(12, valueInfo('output', net.outputSize));

  return new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'bpnet')
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, ONNX_OPSET)) // OperatorSetIdProto: default domain
    .message(14, new ProtoWriter().string(1, 'bpnet').string(2, JSON.stringify(modelMeta(net)))) // metadata_props
    .finish();
}

function attribute(name: string, type: number, value: number): ProtoWriter {
  const a = new ProtoWriter().string(1, name).int(20, type);
  return type === ATTR_FLOAT ? a.float(2, value) : a.int(3, value);
}

/** ValueInfoProto of a float tensor [N, width] with a symbolic batch dimension N. */
function valueInfo(name: string, width: number): ProtoWriter {
  const shape = new ProtoWriter()
    .message(1, new ProtoWriter().string(2, 'N')) // Dimension.dim_param
    .message(1, new ProtoWriter().int(1, width)); // Dimension.dim_value
  const tensorType = new ProtoWriter().int(1, FLOAT).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

// ——— import ———

interface Node {
  op: string;
  inputs: string[];
  output: string;
  attrs: Map<string, ProtoField[]>;
}

interface Tensor {
  dims: number[];
  values: Float64Array;
}

const ONNX_TO_ACTIVATION = new Map<string, ActivationName>(
  Object.entries(EXPORTED_ACTIVATIONS).flatMap(([name, e]) => (e.onnx ? [[e.onnx.op, name as ActivationName]] : [])),
);

/** Reads an ONNX file of a dense network; `source` (a file name) prefixes every error message. */
export function networkFromOnnx(bytes: Uint8Array, source = 'model.onnx'): Network {
  const fail = (message: string): never => {
    throw new BpnetError(message, source);
  };
  const model = readFields(bytes, source);
  const graphField = model.find((f) => f.field === 7 && f.wireType === 2);
  if (!graphField) return fail('no graph in the file (is it an ONNX model?)');
  let meta: Partial<ModelJSON> = {};
  for (const p of model.filter((f) => f.field === 14)) {
    const kv = readFields(messageBytes(p, source), source);
    const key = kv.find((f) => f.field === 1), value = kv.find((f) => f.field === 2);
    if (key && value && decodeString(key, source) === 'bpnet') {
      // Depth-limited like every JSON bpnet reads; it must be an object (the model file minus its weights).
      const parsed = parseJsonText(decodeString(value, source), `${source}: metadata "bpnet"`);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(`metadata "bpnet": expected an object, got ${show(parsed)}`);
      meta = parsed as Partial<ModelJSON>;
    }
  }

  const graph = readFields(messageBytes(graphField, source), source);
  const tensors = new Map<string, Tensor>();
  for (const f of graph.filter((g) => g.field === 5)) {
    const [name, t] = readTensor(messageBytes(f, source), source);
    tensors.set(name, t);
  }
  const nodes = graph.filter((g) => g.field === 1).map((f) => readNode(messageBytes(f, source), source));
  const names = (field: number): string[] => graph.filter((g) => g.field === field).map((f) => {
    const name = readFields(messageBytes(f, source), source).find((v) => v.field === 1);
    return name ? decodeString(name, source) : fail(`graph ${field === 11 ? 'input' : 'output'} without a name`);
  });
  const input = names(11).find((n) => !tensors.has(n)) ?? fail('the graph has no input');
  const output = names(12)[0] ?? fail('the graph has no output');

  const constant = (name: string | undefined, what: string): Tensor =>
    (name !== undefined && tensors.get(name)) || fail(`${what}: ${show(name)} is not an initializer`);
  const layers: { weights: number[][]; bias: number[]; activation: ActivationName }[] = [];
  let offset: number[] | undefined, scale: number[] | undefined;
  let current = input;
  for (const n of nodes) {
    if (!n.inputs.includes(current)) continue; // a node not on the path (e.g. a shape computation)
    const other = n.inputs.find((i) => i !== current);
    const pending = layers[layers.length - 1];
    if (n.op === 'Sub' && n.inputs[0] === current && layers.length === 0 && !offset) offset = Array.from(constant(other, 'Sub').values);
    else if (n.op === 'Div' && n.inputs[0] === current && layers.length === 0 && !scale) scale = Array.from(constant(other, 'Div').values);
    else if (n.op === 'Identity' || n.op === 'Flatten') { /* shape only */ }
    else if (n.op === 'Gemm') layers.push(gemmLayer(n, constant, fail));
    else if (n.op === 'MatMul') layers.push(transposed(constant(other, 'MatMul'), 1, fail));
    else if (n.op === 'Add' && pending && pending.activation === 'linear' && pending.bias.every((b) => b === 0)) {
      const c = constant(other, 'Add').values;
      if (c.length !== pending.bias.length) fail(`Add: ${c.length} biases for ${pending.bias.length} units`);
      pending.bias = Array.from(c);
    } else if (ONNX_TO_ACTIVATION.has(n.op) && pending && pending.activation === 'linear') {
      checkActivation(n, fail);
      pending.activation = ONNX_TO_ACTIVATION.get(n.op)!;
    } else {
      fail(`operator ${printable(n.op, 40)} (node ${show(n.output, 40)}) is not part of a dense network bpnet can read`);
    }
    current = n.output;
  }
  if (current !== output) fail(`the chain of nodes from ${show(input, 40)} does not reach the output ${show(output, 40)}`);
  if (layers.length === 0) fail('no Gemm or MatMul layer found');

  const json: ModelJSON = {
    ...meta,
    format: 'bpnet-model', version: 1,
    loss: meta.loss ?? guessLoss(layers[layers.length - 1]!.activation),
    layers: layers.map((l, i): ModelLayerJSON => ({
      ...(Array.isArray(meta.layers) && meta.layers.length === layers.length && isObject(meta.layers[i]) ? meta.layers[i] : {}),
      type: 'dense', inputs: l.weights[0]!.length, units: l.weights.length, activation: l.activation, weights: l.weights, bias: l.bias,
    })),
  };
  if (offset || scale) {
    const n = json.layers[0]!.inputs;
    const graphTransform = transformFromOffsetScale({ offset: offset ?? new Array<number>(n).fill(0), scale: scale ?? new Array<number>(n).fill(1) });
    json.inputTransform = meta.inputTransform ?? graphTransform;
  }
  return networkFromJSON(json, source);
}

function gemmLayer(n: Node, constant: (name: string | undefined, what: string) => Tensor, fail: (m: string) => never) {
  const attr = (name: string, dflt: number): number => {
    const v = n.attrs.get(name)?.[0]?.value;
    return v === undefined ? dflt : typeof v === 'number' ? v : fail(`Gemm ${show(n.output, 40)}: attribute ${name} is not a number`);
  };
  if (attr('transA', 0) !== 0) fail(`Gemm ${show(n.output, 40)}: transA = 1 is not a dense layer on the input rows`);
  const alpha = attr('alpha', 1), beta = attr('beta', 1);
  const layer = attr('transB', 0) === 1 ? rows(constant(n.inputs[1], 'Gemm weights'), alpha, fail) : transposed(constant(n.inputs[1], 'Gemm weights'), alpha, fail);
  if (n.inputs[2]) {
    const c = constant(n.inputs[2], 'Gemm bias').values;
    if (c.length !== layer.bias.length) fail(`Gemm ${show(n.output, 40)}: ${c.length} biases for ${layer.bias.length} units (only a bias per unit is read)`);
    layer.bias = Array.from(c, (v) => beta * v);
  }
  return layer;
}

/** B as [units, inputs] (transB = 1): rows are the units. */
function rows(t: Tensor, alpha: number, fail: (m: string) => never) {
  if (t.dims.length !== 2) fail(`weights of shape [${t.dims.join(', ')}]: expected a matrix`);
  const [units, inputs] = t.dims as [number, number];
  const weights = Array.from({ length: units }, (_, j) => Array.from(t.values.subarray(j * inputs, (j + 1) * inputs), (v) => alpha * v));
  return { weights, bias: new Array<number>(units).fill(0), activation: 'linear' as ActivationName };
}

/** B as [inputs, units] (MatMul, Gemm with transB = 0). */
function transposed(t: Tensor, alpha: number, fail: (m: string) => never) {
  if (t.dims.length !== 2) fail(`weights of shape [${t.dims.join(', ')}]: expected a matrix`);
  const [inputs, units] = t.dims as [number, number];
  const weights = Array.from({ length: units }, (_, j) => Array.from({ length: inputs }, (_, i) => alpha * t.values[i * units + j]!));
  return { weights, bias: new Array<number>(units).fill(0), activation: 'linear' as ActivationName };
}

/** Attributes must mean what bpnet's activation means (LeakyRelu's slope, Softmax over each row). */
function checkActivation(n: Node, fail: (m: string) => never): void {
  const expected = EXPORTED_ACTIVATIONS[ONNX_TO_ACTIVATION.get(n.op)!].onnx!;
  for (const [k, v] of Object.entries(expected.floats ?? {})) {
    const got = n.attrs.get(k)?.[0]?.value as number | undefined;
    if (got !== undefined && !(Math.abs(got - v) <= 1e-6)) fail(`${n.op} ${show(n.output, 40)}: ${k} = ${show(got)}, bpnet's is ${v}`);
  }
  if (n.op === 'Softmax') {
    const axis = n.attrs.get('axis')?.[0]?.value as number | undefined;
    if (axis !== undefined && axis !== 1 && axis !== -1) fail(`Softmax ${show(n.output, 40)}: axis ${show(axis)}, expected 1 (over each row)`);
  }
}

function readNode(bytes: Uint8Array, source: string): Node {
  const fields = readFields(bytes, source);
  const strings = (f: number) => fields.filter((x) => x.field === f).map((x) => decodeString(x, source));
  const attrs = new Map<string, ProtoField[]>();
  for (const a of fields.filter((x) => x.field === 5)) {
    const af = readFields(messageBytes(a, source), source);
    const name = af.find((x) => x.field === 1);
    // AttributeProto: f 2 (float), i 3 (int)
    if (name) attrs.set(decodeString(name, source), af.filter((x) => x.field === 2 || x.field === 3));
  }
  return { op: strings(4)[0] ?? '', inputs: strings(1).filter((s) => s !== ''), output: strings(2)[0] ?? '', attrs };
}

function readTensor(bytes: Uint8Array, source: string): [string, Tensor] {
  const fields = readFields(bytes, source);
  const name = fields.find((f) => f.field === 8);
  const at = name ? `initializer ${show(decodeString(name, source), 40)}` : 'an initializer';
  const dims = fields.filter((f) => f.field === 1).flatMap((f) => readPackedInts(f, source));
  // Every dimension ≥ 1: the values must then fill the shape, so no shape can ask for more than the file holds.
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 1)) throw new BpnetError(`${at}: shape [${dims.slice(0, 8).join(', ')}] has a dimension < 1`, source);
  const type = (fields.find((f) => f.field === 2 && f.wireType === 0)?.value as number | undefined) ?? 0;
  const rawField = fields.find((f) => f.field === 9);
  const raw = rawField && messageBytes(rawField, source);
  const size = dims.reduce((p, d) => p * d, 1);
  const width = type === FLOAT ? 4 : type === DOUBLE ? 8 : 0;
  if (width === 0) throw new BpnetError(`${at}: data type ${type}, expected float (1) or double (11)`, source);
  let values: Float64Array;
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    values = Float64Array.from({ length: raw.byteLength / width }, (_, i) => (width === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true)));
  } else {
    // float_data (4): packed (wire type 2) or one fixed32 per value; double_data (10): packed.
    const data = fields.filter((f) => f.field === (type === FLOAT ? 4 : 10));
    values = Float64Array.from(data.flatMap((f) => {
      if (f.wireType === 5) return [f.value];
      if (f.wireType !== 2) return [];
      const v = new DataView(f.value.buffer, f.value.byteOffset, f.value.byteLength);
      return Array.from({ length: f.value.byteLength / width }, (_, i) => (width === 4 ? v.getFloat32(i * 4, true) : v.getFloat64(i * 8, true)));
    }));
  }
  if (values.length !== size) throw new BpnetError(`${at}: ${values.length} values for shape [${dims.slice(0, 8).join(', ')}]`, source);
  return [name ? decodeString(name, source) : '', { dims, values }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
