/**
 * What every export format carries besides the weights, in one place:
 * - the input normalisation ("inputTransform") as x′ = (x − offset) / scale per input, which
 *   covers both stored forms: zscore (offset = mean, scale = std) and minmax (offset = min,
 *   scale = max − min);
 * - the model file without its weights (loss, classLabels, the exact inputTransform, any other
 *   field), stored as metadata so that an exported file imports back to the same model;
 * - the loss guessed for a file from another tool, which has none.
 */
import type { ActivationName } from '../core/activations.ts';
import { BpnetError, show } from '../core/errors.ts';
import type { InputTransform } from '../core/input-transform.ts';
import type { LossName } from '../core/losses.ts';
import { networkToJSON, type ModelJSON } from '../core/model-json.ts';
import type { Network } from '../core/network.ts';

export interface OffsetScale {
  offset: number[];
  scale: number[];
}

/** The offset and scale of the model's inputTransform, or undefined when it has none. */
export function inputOffsetScale(net: Network): OffsetScale | undefined {
  const t = ((net as { inputTransform?: unknown }).inputTransform ?? net.extra.inputTransform) as Record<string, number[]> | undefined;
  if (t === undefined) return undefined;
  if (t.type as unknown === 'zscore') return { offset: t.mean!, scale: t.std! };
  if (t.type as unknown === 'minmax') return { offset: t.min!, scale: t.max!.map((m, i) => m - t.min![i]!) };
  throw new BpnetError(`unknown inputTransform type ${show(t.type)}`, 'inputTransform');
}

/** The model's class names (one per output), if it has them. */
export function modelClassLabels(net: Network): string[] | undefined {
  return ((net as { classLabels?: unknown }).classLabels ?? net.extra.classLabels) as string[] | undefined;
}

/** The inputTransform stored for an offset/scale read from another tool's file (zscore form). */
export function transformFromOffsetScale({ offset, scale }: OffsetScale): InputTransform {
  return { type: 'zscore', mean: offset, std: scale };
}

/** The model file minus the layers' weights and biases: the metadata an export carries. */
export type ModelMeta = Omit<ModelJSON, 'layers'> & { layers: Record<string, unknown>[] };

export function modelMeta(net: Network): ModelMeta {
  const { layers, ...model } = networkToJSON(net);
  return { ...model, layers: layers.map(({ weights: _w, bias: _b, ...rest }) => rest) };
}

/** A loss for a network read from another tool, by its output activation. */
export function guessLoss(output: ActivationName): LossName {
  return output === 'softmax' ? 'cross-entropy' : output === 'sigmoid' ? 'binary-cross-entropy' : 'mse';
}
