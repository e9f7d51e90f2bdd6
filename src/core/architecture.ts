/**
 * The architecture of a network: its dense layers and the spec they are made from, and the rules
 * a stack of layers and a loss must satisfy (sizes chain, output-only activations, the loss's
 * output range) — checked once for every network, however it was made (create, a model file, clone).
 */
import { activations, getActivation, type ActivationName } from './activations.ts';
import { BpnetError, check } from './errors.ts';
import { getLoss, losses, type LossName } from './losses.ts';
import type { Float } from './tensor.ts';
import { checkInteger } from './validate.ts';

/** One fully connected layer: z = W·a + b, a = g(z), with W and b in the kernel's typed arrays. */
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

/** One layer of a NetworkSpec: units, activation and whether its biases train. */
export interface LayerSpec {
  units: number;
  activation: ActivationName;
  trainBias?: boolean;
}

/** The architecture of a network: input size, layers and loss. */
export interface NetworkSpec {
  /** Size of the input vector. */
  inputs: number;
  layers: LayerSpec[];
  loss: LossName;
}

/**
 * Throws a BpnetError naming the layer and field when the layers and loss do not make a network.
 * The constructor is public too, so everything is checked: every name an own key of its records,
 * every size a positive integer, every array of its layer's shape.
 */
export function validateArchitecture(layers: DenseLayer[], loss: LossName): void {
  check(Array.isArray(layers) && layers.length > 0, 'a network needs at least one layer', 'layers');
  getLoss(loss);
  layers.forEach((l, i) => {
    const where = `layers[${i}]`;
    getActivation(l?.activation, `${where}.activation`);
    checkInteger(l.inputs, `${where}.inputs`, 1);
    checkInteger(l.units, `${where}.units`, 1);
    check(ArrayBuffer.isView(l.weights) && (l.weights as Float).length === l.inputs * l.units, `expected ${l.inputs * l.units} weights (units × inputs)`, `${where}.weights`);
    check(ArrayBuffer.isView(l.bias) && (l.bias as Float).length === l.units, `expected ${l.units} biases`, `${where}.bias`);
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
