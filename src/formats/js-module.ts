/**
 * A trained network as one dependency-free ES module (the counterpart of brain.js's `toFunction()`):
 * the weights inlined as numbers, exporting
 *   predict(input)       number[] → number[]  (or number[][] → number[][] for a batch)
 *   predictClass(input)  the class label of the largest output (the 0.5 threshold for one output):
 *                        classLabels[k] when the model has them, else String(k) — as bpnet's own
 *   inputs, outputs, classLabels
 * It applies the model's inputTransform and computes in float64 exactly as bpnet's reference kernel,
 * so its outputs equal bpnet's. Runs in Node (import) and browsers (<script type="module">).
 */
import type { Network } from '../core/network.ts';
import { EXPORTED_ACTIVATIONS } from './activation-names.ts';
import { inputOffsetScale, modelClassLabels } from './model-meta.ts';

/** The module's source text. */
export function networkToJsModule(net: Network): string {
  const transform = inputOffsetScale(net);
  const layers = net.layers.map((l) => `  { inputs: ${l.inputs}, units: ${l.units}, activation: ${JSON.stringify(l.activation)},
    weights: ${numbers(l.weights)},
    bias: ${numbers(l.bias)} },`);
  return `// A ${[net.inputSize, ...net.layers.map((l) => l.units)].join('-')} network exported by bpnet (${net.layers.map((l) => l.activation).join(', ')}).
// Dependency-free ES module: predict(input) and predictClass(input) for one row (number[]) or a batch (number[][]).
export const inputs = ${net.inputSize};
export const outputs = ${net.outputSize};
export const classLabels = ${JSON.stringify(modelClassLabels(net) ?? null)};
// x' = (x - offset) / scale per input: the model's inputTransform (null: none).
const transform = ${transform ? `{ offset: ${numbers(transform.offset)}, scale: ${numbers(transform.scale)} }` : 'null'};
// Each layer: z = W·a + b (W row j = the weights into unit j), a = g(z).
const layers = [
${layers.join('\n')}
];

function sigmoid(z) {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

const g = {
${[...new Set(net.layers.map((l) => l.activation))].map((name) => `  ${JSON.stringify(name)}: ${EXPORTED_ACTIVATIONS[name].js},`).join('\n')}
};

function row(x) {
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) throw new TypeError(\`expected an array of \${inputs} numbers\`);
  if (x.length !== inputs) throw new RangeError(\`expected \${inputs} numbers (the model's inputs), got \${x.length}\`);
  let a = Array.from(x, (v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(\`input[\${i}]: expected a finite number, got \${v}\`);
    return transform ? (v - transform.offset[i]) / transform.scale[i] : v;
  });
  for (const l of layers) {
    const z = new Array(l.units);
    for (let j = 0; j < l.units; j++) {
      let s = l.bias[j];
      for (let i = 0; i < l.inputs; i++) s += l.weights[j * l.inputs + i] * a[i];
      z[j] = s;
    }
    a = g[l.activation](z);
  }
  return a;
}

const isBatch = (x) => Array.isArray(x) && x.length > 0 && (Array.isArray(x[0]) || ArrayBuffer.isView(x[0]));

/** The network's outputs for one input row, or for each row of a batch. */
export function predict(input) {
  return isBatch(input) ? input.map(row) : row(input);
}

function label(out) {
  let k = 0;
  if (out.length === 1) k = out[0] >= 0.5 ? 1 : 0;
  else for (let j = 1; j < out.length; j++) if (out[j] > out[k]) k = j;
  return classLabels ? classLabels[k] : String(k);
}

/** The predicted class label of one input row, or of each row of a batch. */
export function predictClass(input) {
  return isBatch(input) ? input.map((x) => label(row(x))) : label(row(input));
}
`;
}

/** A flat array of numbers as JS source; every float64 prints exactly (shortest round-trip form). */
function numbers(values: ArrayLike<number>): string {
  return `[${Array.from(values, (v) => (Object.is(v, -0) ? '0' : String(v))).join(',')}]`;
}
