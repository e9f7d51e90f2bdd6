/**
 * A fully connected feedforward network: a stack of dense layers z = W·a + b, a = g(z), and a loss.
 *
 * Shapes: layer l has W (units × inputs, row j = the weights into neuron j) and b (units).
 * Parameters live in typed arrays of the kernel's dtype; forward and backward are in `backprop.ts`.
 */
import { activations, getActivation, type ActivationName } from './activations.ts';
import { BpnetError, check } from './errors.ts';
import { initLayer, type InitOptions } from './init.ts';
import { getKernel } from './kernels/registry.ts';
import type { Kernel } from './kernels/kernel.ts';
import { getLoss, losses, type LossName } from './losses.ts';
import { Rng } from './rng.ts';
import type { DType, Float } from './tensor.ts';

export interface DenseLayer {
  readonly inputs: number;
  readonly units: number;
  readonly activation: ActivationName;
  /** units × inputs, row-major: weights[j * inputs + i] connects input i to neuron j. */
  readonly weights: Float;
  readonly bias: Float;
  /** false freezes this layer's biases (the classic worked example keeps them fixed). */
  trainBias: boolean;
  /** Unknown fields from the model file, written back unchanged. */
  readonly extra: Record<string, unknown>;
}

export interface LayerSpec {
  units: number;
  activation: ActivationName;
  trainBias?: boolean;
}

export interface NetworkSpec {
  /** Size of the input vector. */
  inputs: number;
  layers: LayerSpec[];
  loss: LossName;
}

export interface CreateOptions extends InitOptions {
  /** Seed of the initialisation Rng (default 1). */
  seed?: number;
  /** Kernel to compute with (default: the float64 reference). */
  kernel?: Kernel;
}

export class Network {
  constructor(
    readonly layers: DenseLayer[],
    readonly loss: LossName,
    readonly kernel: Kernel = getKernel('reference', 'float64'),
    /** Unknown top-level fields of the model file (metadata, label names…), preserved. */
    readonly extra: Record<string, unknown> = {},
  ) {
    validateArchitecture(layers, loss);
  }

  /**
   * A fresh network with seeded random weights.
   * @example
   * const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' },
   *   { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, { seed: 1 });
   */
  static create(spec: NetworkSpec, options: CreateOptions = {}): Network {
    const kernel = options.kernel ?? getKernel('reference', 'float64');
    const rng = new Rng(options.seed ?? 1);
    let inputs = spec.inputs;
    const layers = spec.layers.map((s) => {
      check(Number.isInteger(s.units) && s.units > 0, `units must be a positive integer, got ${s.units}`, 'layers');
      getActivation(s.activation);
      const layer: DenseLayer = {
        inputs, units: s.units, activation: s.activation,
        weights: kernel.alloc(s.units * inputs), bias: kernel.alloc(s.units),
        trainBias: s.trainBias ?? true, extra: {},
      };
      initLayer(layer.weights, layer.bias, inputs, s.units, s.activation, rng, options);
      inputs = s.units;
      return layer;
    });
    return new Network(layers, spec.loss, kernel);
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
    return new Network(layers, this.loss, kernel, structuredClone(this.extra));
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
}

function validateArchitecture(layers: DenseLayer[], loss: LossName): void {
  check(layers.length > 0, 'a network needs at least one layer', 'layers');
  getLoss(loss);
  layers.forEach((l, i) => {
    const where = `layers[${i}]`;
    if (i > 0 && l.inputs !== layers[i - 1]!.units) {
      throw new BpnetError(`inputs is ${l.inputs} but the previous layer has ${layers[i - 1]!.units} units`, `${where}.inputs`);
    }
    if (activations[l.activation].outputOnly && i !== layers.length - 1) {
      throw new BpnetError(`${l.activation} is allowed on the output layer only`, `${where}.activation`);
    }
  });
  const last = layers[layers.length - 1]!;
  if (last.activation === 'softmax' && last.units < 2) {
    throw new BpnetError('softmax needs at least 2 output units (one unit always outputs 1): use a sigmoid output with binary-cross-entropy', `layers[${layers.length - 1}].activation`);
  }
  const out = last.activation;
  const allowed = losses[loss].outputActivations;
  if (allowed && !allowed.includes(out)) {
    throw new BpnetError(
      `loss "${loss}" needs outputs in (0, 1): use a ${allowed.join(' or ')} output layer, not ${out}`,
      `layers[${layers.length - 1}].activation`,
    );
  }
}
