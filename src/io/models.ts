/** Reading and writing model files (Node). */
import type { Kernel } from '../core/kernels/kernel.ts';
import { networkFromJSON } from '../core/kernels/node-kernels.ts';
import { networkToJSON } from '../core/model-json.ts';
import type { Network } from '../core/network.ts';
import { readJson, writeAtomic } from './files.ts';

/** Reads a model file; its kernel follows the precision rule (from Node's list) unless `kernel` is given. */
export function loadModel(path: string, kernel?: Kernel): Network {
  return networkFromJSON(readJson(path), path, kernel);
}

/** Writes the model file atomically. */
export function saveModel(path: string, net: Network): void {
  writeAtomic(path, JSON.stringify(networkToJSON(net)) + '\n');
}
