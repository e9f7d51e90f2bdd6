/**
 * The JSON dataset format: {"inputs":[[…],…],"targets":[[…],…]}. Browser-safe (parses text).
 */
import { createDataset, type Dataset } from '../core/dataset.ts';
import { BpnetError } from '../core/errors.ts';
import { checkTextArgs, jsonDepth, MAX_JSON_DEPTH } from '../core/validate.ts';

/** A dataset from JSON {"inputs": [[…]], "targets": [[…]], "labels"?: […]}, every value checked. */
export function parseDatasetJSON(json: unknown, source = 'data'): Dataset {
  checkTextArgs('', source);
  if (jsonDepth(json, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new BpnetError(`nested more than ${MAX_JSON_DEPTH} levels deep`, source);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BpnetError('expected a JSON object {"inputs":[[…]],"targets":[[…]]}', source);
  }
  const d = json as Record<string, unknown>;
  if (!Array.isArray(d.inputs)) throw new BpnetError('expected an array of input rows', `${source}: inputs`);
  if (!Array.isArray(d.targets)) throw new BpnetError('expected an array of target rows', `${source}: targets`);
  const data = createDataset(d.inputs as number[][], d.targets as number[][], source);
  return Array.isArray(d.labels) ? { ...data, labels: d.labels.map(String) } : data;
}
