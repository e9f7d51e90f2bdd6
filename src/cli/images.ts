/**
 * Shared by the commands that draw digits: how the pixels of a dataset form an image, and the class
 * names of a model's outputs.
 */
import { BpnetError, type Dataset, type ImageShape, type Network } from '../node.ts';
import { choiceFlag } from './command.ts';

/**
 * The image shape: the dataset's own (set by the image loaders), else a square of inputSize pixels;
 * --order row|column overrides the unrolling.
 */
export function imageLayout(data: Dataset, spec: string, order: string | undefined): ImageShape {
  let shape = data.image;
  if (!shape) {
    const side = Math.round(Math.sqrt(data.inputSize));
    if (side * side !== data.inputSize) throw new BpnetError(`${data.inputSize} inputs per sample do not form a square image`, spec);
    shape = { width: side, height: side };
  }
  const o = choiceFlag(order, '--order', ['row', 'column'] as const);
  return o ? { ...shape, columnMajor: o === 'column' } : shape;
}

/** Names of the classes: the model's classLabels (e.g. imported course weights), else the data's, else 0…K−1. */
export function classNames(data: Dataset, net?: Network): string[] {
  const fromModel = net?.classLabels;
  if (Array.isArray(fromModel) && fromModel.length === data.outputSize) return fromModel.map(String);
  if (data.labels && data.labels.length === data.outputSize) return data.labels;
  return Array.from({ length: data.outputSize }, (_, k) => String(k));
}
