/**
 * What the explainer trains on: one sample, a list of samples or a dataset, seen as a dataset.
 */
import { createDataset, type Dataset } from '../core/dataset.ts';
import { check } from '../core/errors.ts';
import { checkDataFits } from '../core/fit.ts';
import { transformDataset } from '../core/input-transform.ts';
import type { Network } from '../core/network.ts';

/** One training sample: an input vector and its target vector. */
export interface ExplainSample {
  input: ArrayLike<number>;
  target: ArrayLike<number>;
  /** Its row (0-based) in the dataset it came from, shown (counted from 1) in the derivation. */
  index?: number;
}

/** What to explain on: one sample, a list of samples or a dataset. */
export type ExplainSource = ExplainSample | readonly ExplainSample[] | Dataset;

/** A sample from a dataset's row `index`. */
export function sampleAt(data: Dataset, index: number): ExplainSample {
  check(Number.isInteger(index) && index >= 0 && index < data.size, `expected a row from 0 to ${data.size - 1}, got ${index}`, 'sample');
  return {
    input: data.inputs.subarray(index * data.inputSize, (index + 1) * data.inputSize),
    target: data.targets.subarray(index * data.outputSize, (index + 1) * data.outputSize),
    index,
  };
}

/**
 * The samples as a dataset, and the label of row 0 when a single sample knows its row. The inputs
 * are raw; a model that normalises its inputs (inputTransform) is explained on what it sees.
 */
export function asDataset(source: ExplainSource, network: Network): { data: Dataset; rowOffset: number } {
  const { data, rowOffset } = rawDataset(source, network);
  return { data: transformDataset(network.inputTransform, data), rowOffset };
}

function rawDataset(source: ExplainSource, network: Network): { data: Dataset; rowOffset: number } {
  if ('inputs' in source && 'size' in source) {
    checkDataFits(network, source as Dataset);
    return { data: source as Dataset, rowOffset: 0 };
  }
  const list = Array.isArray(source) ? (source as readonly ExplainSample[]) : [source as ExplainSample];
  check(list.length > 0, 'expected at least one sample', 'sample');
  for (const s of list) {
    checkDataFits(network, { inputSize: s.input.length, outputSize: s.target.length }, { data: 'sample' });
  }
  const data = createDataset(list.map((s) => Array.from(s.input)), list.map((s) => Array.from(s.target)), 'sample');
  return { data, rowOffset: list.length === 1 ? (list[0]!.index ?? 0) : 0 };
}

