/**
 * Kernel selection. The reference kernel is always available; fast backends register themselves
 * here (e.g. a WebAssembly or native float32 kernel) and are picked by `backend` / `dtype`.
 */
import { BpnetError } from '../errors.ts';
import type { DType } from '../tensor.ts';
import type { Kernel } from './kernel.ts';
import { createJs32Kernel } from './js32.ts';
import { createReferenceKernel } from './reference.ts';
import { createWasmKernel } from './wasm.ts';

export type KernelFactory = (dtype: DType) => Kernel | undefined;

const factories = new Map<string, KernelFactory>([['reference', (dtype) => createReferenceKernel(dtype)]]);
/** Backends tried, in order, by `backend: "auto"`; registration order is preference order. */
const autoOrder: string[] = [];

/** Makes a backend selectable by name; `auto: true` lets "auto" pick it for float32. */
export function registerKernel(name: string, factory: KernelFactory, options: { auto?: boolean } = {}): void {
  factories.set(name, factory);
  if (options.auto && !autoOrder.includes(name)) autoOrder.unshift(name);
}

// Built-in fast paths, least preferred first (each registration with auto goes to the front).
registerKernel('js32', (dtype) => (dtype === 'float32' ? createJs32Kernel() : undefined), { auto: true });
registerKernel('wasm', (dtype) => (dtype === 'float32' ? createWasmKernel() : undefined), { auto: true });

export function kernelNames(): string[] {
  return [...factories.keys()];
}

/** The kernel for a backend name and dtype; "auto" picks the fastest registered one. */
export function getKernel(backend: string = 'auto', dtype: DType = 'float64'): Kernel {
  if (backend === 'auto') {
    if (dtype === 'float32') {
      for (const name of autoOrder) {
        const kernel = factories.get(name)!(dtype);
        if (kernel) return kernel;
      }
    }
    return createReferenceKernel(dtype);
  }
  const factory = factories.get(backend);
  if (!factory) throw new BpnetError(`unknown backend "${backend}" (expected one of: auto, ${kernelNames().join(', ')})`, 'backend');
  const kernel = factory(dtype);
  if (!kernel) throw new BpnetError(`backend "${backend}" is not available for ${dtype} here${dtype === 'float64' ? ' (the fast backends compute in float32: add --dtype float32)' : ''}`, 'backend');
  return kernel;
}

export interface KernelChoice {
  /** "auto" (default): float64 up to AUTO_FLOAT64_MAX_PARAMETERS parameters, float32 above. */
  dtype?: DType | 'auto';
  backend?: string;
  /** Size of the network the kernel is for (decides dtype "auto"). */
  parameterCount: number;
}

/** Networks up to this many parameters compute in float64 under dtype "auto": every textbook example keeps its digits. */
export const AUTO_FLOAT64_MAX_PARAMETERS = 10_000;

/** The precision rule: float64 where exactness is the point, the fast float32 path for large networks. */
export function selectKernel(choice: KernelChoice): Kernel {
  const dtype = choice.dtype === undefined || choice.dtype === 'auto'
    ? (choice.parameterCount <= AUTO_FLOAT64_MAX_PARAMETERS ? 'float64' : 'float32')
    : choice.dtype;
  return getKernel(choice.backend ?? 'auto', dtype);
}
