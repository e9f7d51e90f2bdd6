/**
 * How each bpnet activation is spelt by the formats bpnet exports to: an ONNX operator (with its
 * attributes) and a Keras / TensorFlow.js activation name. Typed as a complete record, so a new
 * activation does not compile until it says how it is exported.
 */
import { LEAKY_RELU_SLOPE, type ActivationName } from '../core/activations.ts';

export interface ExportedActivation {
  /** The ONNX operator after the Gemm (none for linear), with its float attributes. */
  onnx: { op: string; floats?: Record<string, number>; ints?: Record<string, number> } | null;
  /**
   * In a Keras / tfjs layers model: the Dense layer's activation name, or, for an activation Keras
   * has no name for, a separate layer after a linear Dense.
   */
  keras: string | { className: string; config: Record<string, number> };
  /**
   * JavaScript source of g over a layer's z (an array; softmax needs the whole row), for the
   * standalone module; `sigmoid` is the overflow-safe σ defined there.
   */
  js: string;
}

export const EXPORTED_ACTIVATIONS: Record<ActivationName, ExportedActivation> = {
  sigmoid: { onnx: { op: 'Sigmoid' }, keras: 'sigmoid', js: '(z) => z.map(sigmoid)' },
  tanh: { onnx: { op: 'Tanh' }, keras: 'tanh', js: '(z) => z.map(Math.tanh)' },
  softplus: {
    onnx: { op: 'Softplus' }, keras: 'softplus',
    js: '(z) => z.map((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))))',
  },
  relu: { onnx: { op: 'Relu' }, keras: 'relu', js: '(z) => z.map((v) => (v > 0 ? v : 0))' },
  'leaky-relu': {
    onnx: { op: 'LeakyRelu', floats: { alpha: LEAKY_RELU_SLOPE } },
    keras: { className: 'LeakyReLU', config: { alpha: LEAKY_RELU_SLOPE } },
    js: `(z) => z.map((v) => (v > 0 ? v : ${LEAKY_RELU_SLOPE} * v))`,
  },
  linear: { onnx: null, keras: 'linear', js: '(z) => z' },
  // Softmax over each row (axis 1 of [N, units]), as bpnet applies it per sample, shifted by the
  // row's maximum so that exp never overflows.
  softmax: {
    onnx: { op: 'Softmax', ints: { axis: 1 } },
    keras: 'softmax',
    js: '(z) => { const max = z.reduce((m, v) => Math.max(m, v), -Infinity); const e = z.map((v) => Math.exp(v - max)); const sum = e.reduce((s, v) => s + v, 0); return e.map((v) => v / sum); }',
  },
};
