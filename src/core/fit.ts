/**
 * The one shape check between data and a model, used by the library, the CLI and the page: the
 * message names both sides ("d.csv: has 3 inputs per sample but the model m.json expects 2").
 */
import type { Dataset } from './dataset.ts';
import { BpnetError } from './errors.ts';

/** What the check needs of a model. */
export interface ModelShape {
  readonly inputSize: number;
  readonly outputSize: number;
  /** The names of the model's output classes, when it knows them. */
  readonly classLabels?: readonly string[] | undefined;
}

/** Where data and model came from, for the message (file names; both optional). */
export interface FitSources {
  data?: string;
  model?: string;
}

/** Throws a BpnetError unless every sample has the model's input size. */
export function checkInputsFit(inputSize: number, net: Pick<ModelShape, 'inputSize'>, sources: FitSources = {}): void {
  if (inputSize !== net.inputSize) throw mismatch(sources, `${inputSize} inputs`, `expects ${net.inputSize}`);
}

/** "d.csv: has 3 inputs per sample but the model m.json expects 2", or "data: data has 3 inputs but the model expects 2". */
function mismatch(sources: FitSources, has: string, model: string): BpnetError {
  const subject = sources.data ? 'has' : 'data has', per = sources.data ? ' per sample' : '';
  return new BpnetError(`${subject} ${has}${per} but the model${sources.model ? ` ${sources.model}` : ''} ${model}`, sources.data ?? 'data');
}

/**
 * Throws a BpnetError unless data and model fit: inputs, targets and, where both name their
 * classes, the same classes in the same order (course weights use 1…9, 0: same sizes, wrong answers).
 */
export function checkDataFits(net: ModelShape, data: Pick<Dataset, 'inputSize' | 'outputSize' | 'labels'>, sources: FitSources = {}): void {
  checkInputsFit(data.inputSize, net, sources);
  if (data.outputSize !== net.outputSize) throw mismatch(sources, `${data.outputSize} targets`, `has ${net.outputSize} outputs`);
  const where = sources.data ?? 'data', model = sources.model ? ` ${sources.model}` : '';
  const modelLabels = net.classLabels;
  if (Array.isArray(modelLabels) && data.labels && modelLabels.length === data.labels.length && modelLabels.join() !== data.labels.join()) {
    throw new BpnetError(`its classes are ${data.labels.join(',')} but the outputs of${model || ' the model'} mean ${modelLabels.join(',')} (classLabels)`, where);
  }
}
