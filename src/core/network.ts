/**
 * A fully connected feedforward network: a stack of dense layers z = W·a + b, a = g(z), and a loss.
 *
 * Shapes: layer l has W (units × inputs, row j = the weights into neuron j) and b (units).
 * Parameters live in typed arrays of the kernel's dtype; forward and backward are in `backprop.ts`.
 * The model also carries what its users need besides the weights: the names of its classes
 * (`classLabels`) and the normalisation of its inputs (`inputTransform`), and methods in the style
 * of other libraries (predict, predictClass, evaluate, fit, toJSON) that apply them.
 *
 * The kernel: `Network.create` and `Network.fromJSON` choose it by the precision rule of
 * `selectKernel` (float64 reference up to 10 000 parameters, the fastest float32 kernel above) from
 * `Network.kernels` — the browser's list here, the Node entry point's subclass adds the native one.
 */
import { type ActivationName } from './activations.ts';
import { validateArchitecture, type DenseLayer, type NetworkSpec } from './architecture.ts';
import type { Dataset } from './dataset.ts';
import { BpnetError, show } from './errors.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { initLayer, type InitOptions } from './init.ts';
import type { InputTransform } from './input-transform.ts';
import { BROWSER_KERNELS, getKernel, selectKernel, type KernelList } from './kernels/registry.ts';
import type { Kernel } from './kernels/kernel.ts';
import type { LossName } from './losses.ts';
import { networkToJSON, parseModelJSON, type ModelJSON } from './model-json.ts';
import { flattenInputs, predict, predictClasses } from './predict.ts';
import { Rng } from './rng.ts';
import type { DType } from './tensor.ts';
import { train, type TrainOptions, type TrainResult } from './train.ts';
import { checkCreateArgs, checkKernel, checkWeightsMemory, kernelOptionsArg } from './network-checks.ts';
import { checkOptionsArg } from './validate.ts';

/** How a network's kernel is chosen when none is given: see `selectKernel`. */
export interface KernelOptions {
  /** Kernel to compute with; when given, the fields below are ignored. */
  kernel?: Kernel;
  /** "auto" (default): float64 up to 10 000 parameters, float32 above. */
  dtype?: DType | 'auto';
  /** Backend name, or "auto" (default): the fastest available. */
  backend?: string;
  /** Backends to choose from (default: `Network.kernels` of the class called). */
  kernels?: KernelList;
}

/** Options of `Network.create`: initialisation, seed and how the kernel is chosen. */
export interface CreateOptions extends InitOptions, KernelOptions {
  /** Seed of the initialisation Rng (default 1). */
  seed?: number;
  /** Refuse networks whose weights need more bytes than this (default DEFAULT_MAX_MEMORY, 4 GiB). */
  maxMemory?: number;
}

/** What a model carries besides its layers (all optional). */
export interface NetworkMeta {
  /** Name of the class of each output (two names for a single sigmoid output: classes 0 and 1). */
  classLabels?: string[];
  /** Normalisation applied to every input before the first layer. */
  inputTransform?: InputTransform;
}

/** Options of `net.fit`: those of `train`. */
export type FitOptions = TrainOptions;

/** A feedforward network: its dense layers, loss and kernel, plus classLabels and inputTransform; methods predict, predictClass, evaluate, fit, toJSON. */
export class Network {
  /** Backends `create` and `fromJSON` choose from (the Node entry point's subclass adds native). */
  static readonly kernels: KernelList = BROWSER_KERNELS;
  /** Name of the class of each output; `predictClass` returns these. */
  classLabels: string[] | undefined;
  /** Normalisation of the inputs, applied by predict, evaluate and fit (fitted by `normalize`). */
  inputTransform: InputTransform | undefined;

  constructor(
    readonly layers: DenseLayer[],
    readonly loss: LossName,
    readonly kernel: Kernel = getKernel('reference', 'float64'),
    /** Unknown top-level fields of the model file (training metadata…), preserved. */
    readonly extra: Record<string, unknown> = {},
    meta: NetworkMeta = {},
  ) {
    validateArchitecture(layers, loss);
    this.classLabels = meta.classLabels;
    this.inputTransform = meta.inputTransform;
  }

  /**
   * A fresh network with seeded random weights.
   * @example
   * const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' },
   *   { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, { seed: 1 });
   */
  static create(spec: NetworkSpec, options: CreateOptions = {}): Network {
    const c = checkCreateArgs(spec, options);
    const kernel = chooseKernel(options, c.parameters, this ?? Network);
    // Checked before anything is allocated: the sizes may be a typo away from terabytes.
    checkWeightsMemory(c.parameters, kernel, c.maxMemory);
    const rng = new Rng(c.seed);
    let inputs = c.inputs;
    const layers = c.layers.map((s) => {
      const layer: DenseLayer = {
        inputs, units: s.units, activation: s.activation,
        weights: kernel.alloc(s.units * inputs), bias: kernel.alloc(s.units),
        trainBias: s.trainBias ?? true, extra: {},
      };
      initLayer(layer.weights, layer.bias, inputs, s.units, s.activation, rng, options);
      inputs = s.units;
      return layer;
    });
    return new (this ?? Network)(layers, c.loss, kernel);
  }

  /**
   * A network from a parsed model file (see docs/model-file.md); `source` (a file name) prefixes
   * every error message. The kernel follows the precision rule unless `options` name one.
   * @example const net = Network.fromJSON(JSON.parse(text), 'model.json');
   */
  static fromJSON(json: unknown, source = 'model', options: KernelOptions = {}): Network {
    if (typeof source !== 'string') throw new BpnetError(`expected a name for messages (a string), got ${show(source)}`, 'source');
    checkOptionsArg(options, 'options');
    if (options.kernel !== undefined) checkKernel(options.kernel, 'options.kernel');
    const cls = this ?? Network;
    const parts = parseModelJSON(json, source, (count) => chooseKernel(options, count, cls));
    try {
      return new cls(parts.layers, parts.loss, parts.kernel, parts.extra, parts);
    } catch (e) {
      if (e instanceof BpnetError) throw new BpnetError(e.message, `${source}`);
      throw e;
    }
  }

  /** The model file as JSON (weights, classLabels, inputTransform and preserved fields). */
  toJSON(): ModelJSON {
    return networkToJSON(this);
  }

  /**
   * Outputs for one input (a number per input) or for a batch (an array of such rows), after the
   * model's inputTransform. Wrong lengths or non-numbers throw a BpnetError naming the index.
   * @example net.predict([0, 1]) // → [0.97]
   */
  predict(x: ArrayLike<number>): number[];
  predict(xs: readonly ArrayLike<number>[]): number[][];
  predict(x: ArrayLike<number> | readonly ArrayLike<number>[]): number[] | number[][] {
    const { flat, rows, batch } = flattenInputs(x, this.inputSize);
    const out = predict(this, flat, rows);
    return batch ? out : out[0]!;
  }

  /**
   * The predicted class of one input (or of each row of a batch): its label from `classLabels`,
   * else the class index as a string ("0", "1", …). The class is the largest output, or output ≥ 0.5
   * for a single sigmoid output.
   * @example net.predictClass(pixels) // → "7"
   */
  predictClass(x: ArrayLike<number>): string;
  predictClass(xs: readonly ArrayLike<number>[]): string[];
  predictClass(x: ArrayLike<number> | readonly ArrayLike<number>[]): string | string[] {
    const { flat, rows, batch } = flattenInputs(x, this.inputSize);
    const labels = predictClasses(this, flat, rows);
    return batch ? labels : labels[0]!;
  }

  /** Mean loss, objective and accuracy on a dataset (its raw inputs: the inputTransform is applied). */
  evaluate(data: Dataset, options: { weightDecay?: number } = {}): Evaluation {
    return evaluate(this, data, options);
  }

  /**
   * Trains in place: `train(this, data, options)`. With `normalize: "zscore"` or `"minmax"` the
   * input transform is fitted on the training rows first and kept in the model.
   * @example await net.fit(data, { optimizer: 'adam', epochs: 20, normalize: 'zscore' });
   */
  fit(data: Dataset, options: FitOptions = {}): Promise<TrainResult> {
    return train(this, data, options);
  }

  get inputSize(): number {
    return this.layers[0]!.inputs;
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1]!.units;
  }

  get outputActivation(): ActivationName {
    return this.layers[this.layers.length - 1]!.activation;
  }

  get dtype(): DType {
    return this.kernel.dtype;
  }

  /** Number of weights and biases. */
  get parameterCount(): number {
    return this.layers.reduce((n, l) => n + l.weights.length + l.bias.length, 0);
  }

  /** A deep copy, optionally computing with another kernel (and so another dtype). */
  clone(kernel: Kernel = this.kernel): Network {
    const layers = this.layers.map((l) => {
      const weights = kernel.alloc(l.weights.length);
      const bias = kernel.alloc(l.bias.length);
      weights.set(l.weights);
      bias.set(l.bias);
      return { ...l, weights, bias, extra: structuredClone(l.extra) };
    });
    const meta = structuredClone({ classLabels: this.classLabels, inputTransform: this.inputTransform });
    return new (this.constructor as typeof Network)(layers, this.loss, kernel, structuredClone(this.extra), meta);
  }

  /** Copies all parameters from a network of the same architecture (e.g. restoring the best weights). */
  copyParametersFrom(other: Network): void {
    this.layers.forEach((l, i) => {
      l.weights.set(other.layers[i]!.weights);
      l.bias.set(other.layers[i]!.bias);
    });
  }

  /** Σₗ ‖Wₗ‖², the weight-decay penalty without its λ/2 (biases are not decayed). */
  weightSquaredSum(): number {
    let sum = 0;
    for (const l of this.layers) for (let i = 0; i < l.weights.length; i++) sum += l.weights[i]! * l.weights[i]!;
    return sum;
  }

  /** Σₗ Σ|Wₗ|, the L1 penalty without its λ (biases are not penalised). */
  weightAbsSum(): number {
    let sum = 0;
    for (const l of this.layers) for (let i = 0; i < l.weights.length; i++) sum += Math.abs(l.weights[i]!);
    return sum;
  }

  /** The weight penalty of the objective J: (λ/2)·Σ‖W‖² for "l2", λ·Σ|W| for "l1". */
  penalty(lambda: number, regularization: 'l2' | 'l1' = 'l2'): number {
    if (lambda === 0) return 0;
    return regularization === 'l1' ? lambda * this.weightAbsSum() : (lambda / 2) * this.weightSquaredSum();
  }
}

/** The given kernel, or the one the precision rule picks for `parameterCount` from the class's list. */
function chooseKernel(o: KernelOptions, parameterCount: number, cls: typeof Network): Kernel {
  return o.kernel ?? selectKernel({ dtype: o.dtype, backend: o.backend, parameterCount, kernels: o.kernels ?? cls.kernels });
}

/**
 * A network from a parsed model file: `Network.fromJSON` as a function. The third argument is a
 * kernel or the options that choose one.
 * @example const net = networkFromJSON(JSON.parse(text), 'model.json');
 */
export function networkFromJSON(json: unknown, source = 'model', options: Kernel | KernelOptions = {}): Network {
  return Network.fromJSON(json, source, kernelOptionsArg(options));
}
