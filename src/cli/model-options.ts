/**
 * Flags shared by commands that build or load a model: where the model comes from (--model file or
 * --layers spec) and what it computes with (--dtype, --backend).
 */
import { ACTIVATION_NAMES } from '../core/activations.ts';
import { totalmem } from 'node:os';
import { BpnetError } from '../core/errors.ts';
import { checkMemory, parseByteSize } from '../core/memory.ts';
import type { Dataset } from '../core/dataset.ts';
import { INIT_NAMES } from '../core/init.ts';
import { LOSS_NAMES } from '../core/losses.ts';
import { networkToJSON } from '../core/model-json.ts';
import { Network, networkFromJSON, selectKernel } from '../core/kernels/node-kernels.ts';
import { buildSpec, defaultLossFor, parseLayerSizes } from '../core/spec.ts';
import { readJson } from '../io/files.ts';
import { choiceFlag, numberFlag, UsageError, type Options } from './command.ts';

export const modelFlags = {
  model: { type: 'string' },
  layers: { type: 'string' },
  activation: { type: 'string' },
  'output-activation': { type: 'string' },
  loss: { type: 'string' },
  init: { type: 'string' },
  seed: { type: 'string' },
  dtype: { type: 'string' },
  backend: { type: 'string' },
} as const satisfies Options;

export const modelFlagsHelp = `Model:
  --model FILE            start from this model file
  --layers 784-128-10     or build a new model: input size, then units per layer
  --activation NAME       hidden layers: ${ACTIVATION_NAMES.filter((a) => a !== 'softmax').join(', ')} (default relu)
  --output-activation NAME  output layer (default: softmax for cross-entropy, sigmoid for
                          binary-cross-entropy, else --activation or linear)
  --loss NAME             ${LOSS_NAMES.join(', ')} (default: from the data)
  --init NAME             ${INIT_NAMES.join(', ')} (default auto: he for relu, xavier otherwise)
  --seed S                seed for initialisation and shuffling (default 1)
  --dtype auto|float32|float64   auto = float64 up to 10 000 parameters, float32 above
  --backend NAME          auto (default: the fastest available), native (C++ addon built at
                          install), wasm (WebAssembly SIMD), js32 (plain JS float32), reference`;

type ModelFlagValues = { [K in keyof typeof modelFlags]?: string };

/** Loads --model or builds --layers, computing with the kernel the precision rule selects. */
export function modelFromFlags(values: ModelFlagValues, data?: Dataset, maxMemory = memoryFromFlag(undefined)): Network {
  if (values.model && values.layers) throw new UsageError('give either --model or --layers, not both');
  let net: Network;
  if (values.model) {
    net = networkFromJSON(readJson(values.model), values.model);
  } else if (values.layers) {
    const sizes = parseLayerSizes(values.layers);
    // Weights are created in float64 (8 bytes each), then converted for the kernel.
    const parameters = sizes.slice(1).reduce((n, units, i) => n + units * (sizes[i]! + 1), 0);
    checkMemory(8 * parameters, 'the weights', `--layers ${values.layers}`, maxMemory);
    const spec = buildSpec(sizes, {
      activation: choiceFlag(values.activation, '--activation', ACTIVATION_NAMES),
      outputActivation: choiceFlag(values['output-activation'], '--output-activation', ACTIVATION_NAMES),
      loss: choiceFlag(values.loss, '--loss', LOSS_NAMES) ?? (data ? defaultLossFor(data) : 'mse'),
    });
    net = Network.create(spec, {
      seed: numberFlag(values.seed, '--seed', 'integer') ?? 1,
      init: choiceFlag(values.init, '--init', INIT_NAMES),
      maxMemory,
    });
  } else {
    throw new UsageError('--model FILE or --layers SIZES is required');
  }
  return withKernel(net, { dtype: values.dtype, backend: values.backend });
}

export const kernelFlags = { dtype: { type: 'string' }, backend: { type: 'string' } } as const satisfies Options;
export const kernelFlagsHelp = `  --dtype auto|float32|float64   auto = float64 up to 10 000 parameters, float32 above
  --backend NAME        kernel backend (default auto)`;

/** The network computing with the kernel that --dtype / --backend (and the precision rule) select. */
export function withKernel(net: Network, values: { dtype?: string; backend?: string }): Network {
  const dtype = choiceFlag(values.dtype, '--dtype', ['auto', 'float32', 'float64'] as const);
  const kernel = selectKernel({ dtype, backend: values.backend, parameterCount: net.parameterCount });
  return kernel.name === net.kernel.name && kernel.dtype === net.kernel.dtype ? net : net.clone(kernel);
}

/**
 * --max-memory SIZE in bytes ("8GB", "512MB", "1.5GiB"); the default is half the machine's
 * memory: enough for any model that trains in reasonable time, and a typo cannot swap the machine.
 */
export function memoryFromFlag(value: string | undefined): number {
  if (value === undefined) return Math.floor(totalmem() / 2);
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new UsageError(`--max-memory: expected a size such as 8GB, 512MB or 1.5GiB, got "${value}"`);
  return bytes;
}

/** The model as JSON (for printing or saving); kept here so commands never reach into layers. */
export { networkToJSON };

/** Data and model must fit each other; the message names both files. */
export function checkShapes(net: Network, data: Dataset, modelSource: string, dataSource: string): void {
  if (data.inputSize !== net.inputSize) {
    throw new BpnetError(`has ${data.inputSize} inputs per sample but the model ${modelSource} expects ${net.inputSize}`, dataSource);
  }
  if (data.outputSize !== net.outputSize) {
    throw new BpnetError(`has ${data.outputSize} targets per sample but the model ${modelSource} has ${net.outputSize} outputs`, dataSource);
  }
  // Same sizes but another order of classes (course weights: 1…9, 0) would give silently wrong results.
  const modelLabels = net.classLabels;
  if (Array.isArray(modelLabels) && data.labels && modelLabels.length === data.labels.length && modelLabels.join() !== data.labels.join()) {
    throw new BpnetError(`its classes are ${data.labels.join(',')} but the outputs of ${modelSource} mean ${modelLabels.join(',')} (classLabels)`, dataSource);
  }
}
