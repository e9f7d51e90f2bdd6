/**
 * Flags shared by commands that build or load a model: where the model comes from (--model file or
 * --layers spec) and what it computes with (--dtype, --backend).
 */
import { totalmem } from 'node:os';
import {
  type ActivationName, buildSpec, checkDataFits, checkMemory, type Dataset, defaultLossFor, DTYPES, HIDDEN_ACTIVATION_NAMES,
  INIT_NAMES, type InitName, LOSS_NAMES, type LossName, MODEL_SCHEMA, Network, networkFromJSON, networkToJSON,
  parseByteSize, parseLayerSizes, readJson, selectKernel, show,
} from '../node.ts';
import { choiceFlag, UsageError, type Options } from './command.ts';
import { optionsFromFlags, type FlagNames } from './flags.ts';

export const modelFlags = {
  model: { type: 'string' },
  layers: { type: 'string' },
  activation: { type: 'string' },
  'output-activation': { type: 'string' },
  loss: { type: 'string' },
  init: { type: 'string' },
  'init-scale': { type: 'string' },
  seed: { type: 'string' },
  dtype: { type: 'string' },
  backend: { type: 'string' },
} as const satisfies Options;

export const modelFlagsHelp = `Model:
  --model FILE            start from this model file
  --layers 784-128-10     or build a new model: input size, then units per layer
  --activation NAME       hidden layers: ${HIDDEN_ACTIVATION_NAMES.join(', ')}
                          (default relu)
  --output-activation NAME  output layer (default: softmax for cross-entropy, sigmoid for
                          binary-cross-entropy, else --activation or linear)
  --loss NAME             ${LOSS_NAMES.join(', ')} (default: from the data)
  --init NAME             ${INIT_NAMES.join(', ')} (default auto: he for relu, xavier otherwise)
  --init-scale ε          ε of uniform (U(−ε, ε), default 0.12) and normal (N(0, ε²), default 0.01)
  --seed S                seed for initialisation and shuffling (default 1)
  --dtype auto|float32|float64   auto = float64 up to 10 000 parameters, float32 above
  --backend NAME          auto (default: the fastest available), native (C++ addon built at
                          install), wasm (WebAssembly SIMD), js32 (plain JS float32), reference`;

type ModelFlagValues = { [K in keyof typeof modelFlags]?: string };

/** The MODEL_SCHEMA keys the model flags fill. */
const MODEL_FLAG_NAMES: FlagNames<keyof typeof MODEL_SCHEMA> = {
  activation: 'activation', outputActivation: 'output-activation', loss: 'loss', init: 'init', epsilon: 'init-scale',
  seed: 'seed', dtype: 'dtype',
};

/** What the model flags ask for, every flag checked; nothing is read yet. */
export interface ModelChoice {
  /** --model FILE, or the sizes of --layers. */
  file?: string;
  sizes?: number[];
  options: {
    activation?: ActivationName; outputActivation?: ActivationName; loss?: LossName; init?: InitName; epsilon?: number;
    seed?: number; dtype?: (typeof DTYPES)[number];
  };
  backend?: string;
  /** The memory limit (--max-memory) a new model's weights are checked against. */
  maxMemory?: number;
}

/** Checks every model flag (names, numbers, sizes) without reading a file, so that a typo fails before any I/O. */
export function modelChoiceFromFlags(values: ModelFlagValues, maxMemory = memoryFromFlag(undefined)): ModelChoice {
  if (values.model && values.layers) throw new UsageError('give either --model or --layers, not both');
  if (!values.model && !values.layers) throw new UsageError('--model FILE or --layers SIZES is required');
  if (values['init-scale'] !== undefined && values.init !== 'uniform' && values.init !== 'normal') {
    throw new UsageError('--init-scale sets ε of --init uniform or --init normal; give one of them');
  }
  const sizes = values.layers === undefined ? undefined : parseLayerSizes(values.layers, '--layers');
  if (sizes) {
    // Weights are created in float64 (8 bytes each), then converted for the kernel: checked here,
    // with the other flags, before any file is read or anything allocated.
    const parameters = sizes.slice(1).reduce((n, units, i) => n + units * (sizes[i]! + 1), 0);
    checkMemory(8 * parameters, 'the weights', `--layers ${values.layers}`, maxMemory);
  }
  return {
    file: values.model, sizes,
    options: optionsFromFlags(MODEL_SCHEMA, MODEL_FLAG_NAMES, values),
    backend: values.backend, maxMemory,
  };
}

/** Loads --model or builds --layers, computing with the kernel the precision rule selects. */
export function modelFromFlags(values: ModelFlagValues, data?: Dataset): Network {
  return modelFromChoice(modelChoiceFromFlags(values), data);
}

/** The model a checked choice describes; `data` picks the default loss of a new one. */
export function modelFromChoice(choice: ModelChoice, data?: Dataset): Network {
  const o = choice.options;
  let net: Network;
  if (choice.file) {
    net = networkFromJSON(readJson(choice.file), choice.file);
  } else {
    const spec = buildSpec(choice.sizes!, {
      activation: o.activation, outputActivation: o.outputActivation, loss: o.loss ?? (data ? defaultLossFor(data) : 'mse'),
    });
    net = Network.create(spec, { seed: o.seed ?? 1, init: o.init, epsilon: o.epsilon, maxMemory: choice.maxMemory });
  }
  return withKernel(net, { dtype: o.dtype, backend: choice.backend });
}

export const kernelFlags = { dtype: { type: 'string' }, backend: { type: 'string' } } as const satisfies Options;
export const kernelFlagsHelp = `  --dtype auto|float32|float64   auto = float64 up to 10 000 parameters, float32 above
  --backend NAME        kernel backend (default auto)`;

/** --dtype and --backend, checked (no file is read). */
export interface KernelFlags {
  dtype?: (typeof DTYPES)[number];
  backend?: string;
}

export function kernelFlagsFrom(values: { dtype?: string; backend?: string }): KernelFlags {
  return { dtype: choiceFlag(values.dtype, '--dtype', DTYPES), backend: values.backend };
}

/** The network computing with the kernel that --dtype / --backend (and the precision rule) select. */
export function withKernel(net: Network, { dtype, backend }: KernelFlags): Network {
  const kernel = selectKernel({ dtype, backend, parameterCount: net.parameterCount });
  return kernel.name === net.kernel.name && kernel.dtype === net.kernel.dtype ? net : net.clone(kernel);
}

/** The --max-memory flag of the commands that read data (its value: `memoryFromFlag`). */
export const memoryFlag = { 'max-memory': { type: 'string' } } as const satisfies Options;

/** The --max-memory line of the commands' help. */
export const MAX_MEMORY_HELP = `  --max-memory SIZE       refuse a model, data or run needing more memory than this, e.g. 8GB
                          (default: half the machine's memory)`;

/**
 * --max-memory SIZE in bytes ("8GB", "512MB", "1.5GiB"); the default is half the machine's
 * memory: enough for any model that trains in reasonable time, and a typo cannot swap the machine.
 */
export function memoryFromFlag(value: string | undefined): number {
  if (value === undefined) return Math.floor(totalmem() / 2);
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new UsageError(`--max-memory: expected a size such as 8GB, 512MB or 1.5GiB, got ${show(value)}`);
  return bytes;
}

/** The model as JSON (for printing or saving); kept here so commands never reach into layers. */
export { networkToJSON };

/** Data and model must fit each other; the message names both files. */
export function checkShapes(net: Network, data: Dataset, modelSource: string, dataSource: string): void {
  checkDataFits(net, data, { model: modelSource, data: dataSource });
}
