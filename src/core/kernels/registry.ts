/**
 * Kernel selection from an explicit list of backends, fastest first. Nothing registers itself: the
 * browser entry point computes with `BROWSER_KERNELS` (wasm, js32, reference) and the Node entry
 * point with the same list behind the native addon (src/core/kernels/native.ts). Every function
 * here takes the list it chooses from, so what a program computes with never depends on which
 * modules happened to be imported.
 */
import { BpnetError } from '../errors.ts';
import type { DType } from '../tensor.ts';
import type { Kernel } from './kernel.ts';
import { createJs32Kernel } from './js32.ts';
import { createReferenceKernel } from './reference.ts';
import { createWasmKernel } from './wasm.ts';

/** One way of computing: a name, the precisions it offers, and whether it can run here. */
export interface KernelBackend {
  /** Name used by `backend` options and `--backend`, e.g. "wasm". */
  readonly name: string;
  /** One line for `kernelInfo()` / `bpnet doctor`. */
  readonly description: string;
  /** Precisions it computes in. */
  readonly dtypes: readonly DType[];
  /** Why it cannot run here, with what to do about it; undefined when it can. */
  unavailable(): string | undefined;
  /** The kernel (called only when available and for one of `dtypes`). */
  create(dtype: DType): Kernel;
}

/** A list of backends, fastest first; `backend: "auto"` takes the first available one. */
export type KernelList = readonly KernelBackend[];

/** What `kernelInfo()` says about one backend. */
export interface KernelStatus {
  name: string;
  description: string;
  dtypes: DType[];
  available: boolean;
  /** Why it is missing and how to fix it (only when not available). */
  reason?: string;
}

const referenceBackend: KernelBackend = {
  name: 'reference',
  description: 'plain TypeScript loops, float64 (or float32); the oracle every fast path is tested against',
  dtypes: ['float64', 'float32'],
  unavailable: () => undefined,
  create: (dtype) => createReferenceKernel(dtype),
};

const js32Backend: KernelBackend = {
  name: 'js32',
  description: 'plain TypeScript float32 with a cache-friendly GEMM; runs everywhere',
  dtypes: ['float32'],
  unavailable: () => undefined,
  create: () => createJs32Kernel(),
};

const wasmBackend: KernelBackend = {
  name: 'wasm',
  description: 'WebAssembly SIMD float32 GEMM; Node and browsers',
  dtypes: ['float32'],
  unavailable: () => (createWasmKernel() ? undefined : 'this JavaScript engine has no WebAssembly SIMD'),
  create: () => createWasmKernel()!,
};

/** The backends every platform has, fastest first: the browser entry point's list. */
export const BROWSER_KERNELS: KernelList = [wasmBackend, js32Backend, referenceBackend];

/** Names of the backends of a list that can run here (kernelInfo says why the others cannot). */
export function kernelNames(kernels: KernelList = BROWSER_KERNELS): string[] {
  return kernels.filter((b) => !b.unavailable()).map((b) => b.name);
}

/** The truth about each backend of a list: available or not, and why not. */
export function kernelInfo(kernels: KernelList = BROWSER_KERNELS): KernelStatus[] {
  return kernels.map((b) => {
    const reason = b.unavailable();
    return { name: b.name, description: b.description, dtypes: [...b.dtypes], available: !reason, ...(reason ? { reason } : {}) };
  });
}

/**
 * The kernel for a backend name and dtype. "auto" takes the first available backend of the list
 * that computes in `dtype` (for float64 that is the reference). A named backend that cannot run
 * here throws a BpnetError saying why and how to fix it.
 */
export function getKernel(backend: string = 'auto', dtype: DType = 'float64', kernels: KernelList = BROWSER_KERNELS): Kernel {
  if (backend === 'auto') {
    const found = kernels.find((b) => b.dtypes.includes(dtype) && !b.unavailable());
    return found ? found.create(dtype) : createReferenceKernel(dtype);
  }
  const b = kernels.find((k) => k.name === backend);
  if (!b) throw new BpnetError(`unknown backend "${backend}" (expected one of: auto, ${kernels.map((k) => k.name).join(', ')})`, 'backend');
  const why = b.unavailable();
  if (why) throw new BpnetError(`backend "${backend}" is not available: ${why}`, 'backend');
  if (!b.dtypes.includes(dtype)) {
    throw new BpnetError(`backend "${backend}" is not available for ${dtype}: it computes in ${b.dtypes.join(' or ')} (ask for dtype ${b.dtypes[0]})`, 'backend');
  }
  return b.create(dtype);
}

/** How a kernel is chosen: all optional, the rule below fills the gaps. */
export interface KernelChoice {
  /** "auto" (default): float64 up to AUTO_FLOAT64_MAX_PARAMETERS parameters, float32 above. */
  dtype?: DType | 'auto';
  /** Backend name or "auto" (default: the first available of `kernels`). */
  backend?: string;
  /** Size of the network the kernel is for (decides dtype "auto"). */
  parameterCount: number;
  /** Backends to choose from (default BROWSER_KERNELS; the Node entry point passes its own). */
  kernels?: KernelList;
}

/** Networks up to this many parameters compute in float64 under dtype "auto": every textbook example keeps its digits. */
export const AUTO_FLOAT64_MAX_PARAMETERS = 10_000;

/** The precision rule: float64 where exactness is the point, the fastest float32 path for large networks. */
export function selectKernel(choice: KernelChoice): Kernel {
  const dtype = choice.dtype === undefined || choice.dtype === 'auto'
    ? (choice.parameterCount <= AUTO_FLOAT64_MAX_PARAMETERS ? 'float64' : 'float32')
    : choice.dtype;
  return getKernel(choice.backend ?? 'auto', dtype, choice.kernels);
}
