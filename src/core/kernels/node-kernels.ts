/**
 * The Node entry point's defaults: the same functions as the browser's, choosing from NODE_KERNELS
 * (native first) instead of BROWSER_KERNELS. `src/node.ts` exports these under the same names, so
 * `import { Network } from 'bpnet'` in Node computes with the native kernel whenever it was built.
 */
import type { DType } from '../tensor.ts';
import type { Kernel } from './kernel.ts';
import { NODE_KERNELS } from './native.ts';
import * as registry from './registry.ts';
import { Network as BaseNetwork, type KernelOptions } from '../network.ts';
import { kernelOptionsArg } from '../network-checks.ts';

/** A Network whose `create` / `fromJSON` choose from NODE_KERNELS (native, wasm, js32, reference). */
export class Network extends BaseNetwork {
  static override readonly kernels: registry.KernelList = NODE_KERNELS;
}

/**
 * A network from a parsed model file, its kernel chosen from NODE_KERNELS by the precision rule
 * (or the kernel / options given).
 * @example const net = networkFromJSON(JSON.parse(readFileSync('model.json', 'utf8')), 'model.json');
 */
export function networkFromJSON(json: unknown, source = 'model', options: Kernel | KernelOptions = {}): BaseNetwork {
  return Network.fromJSON(json, source, kernelOptionsArg(options));
}

/** Every backend Node has, available or not, and why not (`bpnet doctor` prints this). */
export function kernelInfo(kernels: registry.KernelList = NODE_KERNELS): registry.KernelStatus[] {
  return registry.kernelInfo(kernels);
}

/** Names of Node's backends that can run here: native (when built), wasm, js32, reference. */
export function kernelNames(kernels: registry.KernelList = NODE_KERNELS): string[] {
  return registry.kernelNames(kernels);
}

/** `getKernel` choosing from NODE_KERNELS: "auto" float32 is native when built. */
export function getKernel(backend = 'auto', dtype: DType = 'float64', kernels: registry.KernelList = NODE_KERNELS): Kernel {
  return registry.getKernel(backend, dtype, kernels);
}

/** `selectKernel` choosing from NODE_KERNELS unless the choice names a list. */
export function selectKernel(choice: registry.KernelChoice): Kernel {
  return registry.selectKernel({ kernels: NODE_KERNELS, ...choice });
}
