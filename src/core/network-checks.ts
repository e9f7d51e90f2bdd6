/**
 * The checks of a network's arguments, apart from the network itself: `Network.create`'s spec and
 * options, the kernel and network arguments of the library's functions. Every name goes through its
 * record's own-key lookup; every size is a positive integer; and the memory the weights need is
 * checked against the limit before anything is allocated (a typo in a size may ask for terabytes).
 */
import { getActivation, type ActivationName } from './activations.ts';
import { BpnetError, show } from './errors.ts';
import { getInitRule } from './init.ts';
import type { Kernel } from './kernels/kernel.ts';
import { getLoss, type LossName } from './losses.ts';
import { checkMemory } from './memory.ts';
import type { KernelOptions, Network } from './network.ts';
import { checkInteger, checkObjectArg, checkOptionsArg, optionalBoolean, optionalInteger, optionalNumber } from './validate.ts';

/** `Network.create`'s arguments once checked. */
export interface CheckedCreate {
  inputs: number;
  layers: { units: number; activation: ActivationName; trainBias: boolean | undefined }[];
  loss: LossName;
  seed: number;
  /** Weights and biases of the whole network. */
  parameters: number;
  maxMemory: number | undefined;
}

/** Checks the spec and options of `Network.create` (but not yet the memory: that needs the kernel). */
export function checkCreateArgs(spec: unknown, options: unknown): CheckedCreate {
  const s = checkObjectArg(spec, 'spec', 'a network spec {inputs, layers, loss}');
  const o = checkOptionsArg(options, 'options');
  const inputs = checkInteger(s.inputs, 'spec.inputs', 1);
  if (!Array.isArray(s.layers) || s.layers.length === 0) throw new BpnetError(`expected a non-empty array of layers, got ${show(s.layers)}`, 'spec.layers');
  const loss = getLoss(s.loss, 'spec.loss').name;
  const seed = optionalInteger(o.seed, 'options.seed', Number.MIN_SAFE_INTEGER) ?? 1;
  if (o.init !== undefined) getInitRule(o.init, 'options.init');
  optionalNumber(o.epsilon, 'options.epsilon', { min: 0, minExclusive: true });
  const maxMemory = optionalNumber(o.maxMemory, 'options.maxMemory', { min: 0, minExclusive: true });
  if (o.kernel !== undefined) checkKernel(o.kernel, 'options.kernel');
  const layers = (s.layers as unknown[]).map((raw, i) => {
    const l = checkObjectArg(raw, `spec.layers[${i}]`, 'a layer {units, activation}');
    return {
      units: checkInteger(l.units, `spec.layers[${i}].units`, 1),
      activation: getActivation(l.activation, `spec.layers[${i}].activation`).name,
      trainBias: optionalBoolean(l.trainBias, `spec.layers[${i}].trainBias`),
    };
  });
  let parameters = 0;
  layers.reduce((n, l) => { parameters += l.units * (n + 1); return l.units; }, inputs);
  return { inputs, layers, loss, seed, parameters, maxMemory };
}

/** Throws unless the weights of `parameters` numbers fit in the memory limit. */
export function checkWeightsMemory(parameters: number, kernel: Kernel, maxMemory: number | undefined): void {
  checkMemory(parameters * bytesPerNumber(kernel), 'the weights', 'spec', maxMemory);
}

/** Bytes of one parameter in a kernel's dtype. */
export function bytesPerNumber(kernel: Kernel): number {
  return kernel.dtype === 'float32' ? 4 : 8;
}

/** A kernel argument: an object with the kernel's functions (checked loosely: alloc and dtype). */
export function checkKernel(value: unknown, name: string): Kernel {
  const k = value as Partial<Kernel> | null;
  if (typeof k !== 'object' || k === null || typeof k.alloc !== 'function' || (k.dtype !== 'float32' && k.dtype !== 'float64')) {
    throw new BpnetError(`expected a kernel (from getKernel or selectKernel), got ${show(value)}`, name);
  }
  return k as Kernel;
}

/**
 * `value` as a Network (from Network.create or networkFromJSON), or a BpnetError naming the
 * argument. Checked by shape, not by class, so this module needs no Network at run time: layers,
 * a kernel and the methods the callers use.
 */
export function checkNetwork(value: unknown, name = 'net'): Network {
  const n = value as Partial<Network> | null;
  const ok = typeof n === 'object' && n !== null && Array.isArray(n.layers) && n.layers.length > 0
    && typeof n.clone === 'function' && typeof n.kernel === 'object' && n.kernel !== null;
  if (!ok) throw new BpnetError(`expected a Network (Network.create or networkFromJSON), got ${show(value)}`, name);
  return n as Network;
}

/** The third argument of `networkFromJSON`: a kernel, or the options that choose one. */
export function kernelOptionsArg(options: unknown): KernelOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new BpnetError(`expected a kernel or kernel options, got ${show(options)}`, 'kernel');
  return 'gemm' in options ? { kernel: checkKernel(options, 'kernel') } : (options as KernelOptions);
}
