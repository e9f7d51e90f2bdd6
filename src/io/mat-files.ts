/**
 * MATLAB .mat files as datasets and as weights (Node side of src/data/mat.ts and src/data/course.ts).
 */
import type { Network } from '../core/network.ts';
import { courseNetwork, networkToThetas } from '../data/course.ts';
import { readMat, writeMat, type MatVariable } from '../data/mat.ts';
import { readBytes, writeAtomic } from './files.ts';

/** Reads every variable of a MATLAB .mat file. */
export function readMatFile(path: string): MatVariable[] {
  return readMat(readBytes(path), path);
}

/** A network from Theta1, Theta2, … (bias column first, sigmoid everywhere). */
export function loadMatWeights(path: string): Network {
  return courseNetwork(readMatFile(path), path);
}

/** Writes the network as the course's Theta1, Theta2, … into a .mat file (atomically). */
export function saveMatWeights(path: string, net: Network, compress = true): void {
  writeAtomic(path, writeMat(networkToThetas(net), { compress }));
}
