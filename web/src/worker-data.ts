/**
 * The worker's side of the data: builds the training and test sets for an init (toy sets, the
 * digits, the classic example, a loaded file), parses loaded files and checks them against what
 * the page shows now, so a load either fits or changes nothing.
 */
import {
  BpnetError, isClassification, Rng, type Dataset, type ModelJSON,
} from '../../src/index.ts';
import classicData from '../../examples/classic/data.json' with { type: 'json' };
import { createDataset } from '../../src/index.ts';
import { splitDataset, toyDataset, type Split } from './datasets.ts';
import { loadDigits } from './digits-data.ts';
import { featurize, type FeatureName } from './features.ts';
import { readFile } from './files.ts';
import type { DataSource } from './protocol.ts';

/** Toy sets have this many points (TF Playground's default is 500; half train, half test). */
export const TOY_SAMPLES = 400;
/** The page draws at most this many points of each set. */
export const VIEW_ROWS = 1500;

/** A loaded dataset file waiting to be used (`pending`), and the one in use. */
export interface FileStore {
  pending?: { data: Dataset; name: string };
  current?: { data: Dataset; name: string };
}

export interface SessionData {
  /** As loaded: the points of a 2-D set are (x1, x2). */
  raw: Split;
  /** What the network sees: the raw inputs through the chosen features. */
  train: Dataset;
  test: Dataset;
  regression: boolean;
}

export async function buildData(
  source: DataSource, trainFraction: number, seed: number, features: FeatureName[], files: FileStore,
): Promise<SessionData> {
  let raw: Split;
  if (source.kind === 'toy') {
    raw = toyDataset(source.name, { samples: source.samples, noise: source.noise, trainFraction, seed });
  } else if (source.kind === 'digits') {
    raw = await loadDigits(source.url);
  } else if (source.kind === 'classic') {
    const d = createDataset(classicData.inputs, classicData.targets, 'examples/classic/data.json');
    raw = { train: d, test: d };
  } else {
    const file = files.pending ?? files.current;
    if (!file) throw new BpnetError('no file has been loaded', 'dataset');
    raw = splitDataset(file.data, trainFraction, new Rng(seed));
  }
  const train = featurize(raw.train, features), test = featurize(raw.test, features);
  return { raw, train, test, regression: !isClassification(train) };
}

/** Every k-th row, at most `max` rows: a cheap but representative subset (the digits' test set is sorted by class). */
export function strided(d: Dataset, max: number): Dataset {
  if (d.size <= max) return d;
  const step = d.size / max;
  const inputs = new Float64Array(max * d.inputSize), targets = new Float64Array(max * d.outputSize);
  for (let r = 0; r < max; r++) {
    const i = Math.floor(r * step);
    inputs.set(d.inputs.subarray(i * d.inputSize, (i + 1) * d.inputSize), r * d.inputSize);
    targets.set(d.targets.subarray(i * d.outputSize, (i + 1) * d.outputSize), r * d.outputSize);
  }
  return { ...d, size: max, inputs, targets };
}

/** What a loaded file must fit: the current network's sizes and the current data's features. */
export interface Current {
  inputs: number;
  outputs: number;
  features: FeatureName[];
  /** True when the current network is a loaded model (a dataset must then fit it). */
  modelLoaded: boolean;
}

export type Checked = { kind: 'model'; model: ModelJSON; name: string } | { kind: 'dataset'; data: Dataset; name: string };

/**
 * Parses `file` and checks it against the current state; throws (naming the file) on a mismatch.
 * A model must have the current network's inputs and outputs; a dataset must fit a loaded model.
 */
export async function parseAndCheck(file: File, now: Current): Promise<Checked> {
  const loaded = await readFile(file);
  if (loaded.kind === 'model') {
    const first = loaded.model.layers[0]!, last = loaded.model.layers[loaded.model.layers.length - 1]!;
    if (first.inputs !== now.inputs || last.units !== now.outputs) {
      throw new BpnetError(
        `the model has ${first.inputs} inputs and ${last.units} outputs, the data ${now.inputs} and ${now.outputs}`, loaded.name,
      );
    }
    return loaded;
  }
  if (now.modelLoaded) {
    const seen = featurize(loaded.data, now.features);
    if (seen.inputSize !== now.inputs || seen.outputSize !== now.outputs) {
      throw new BpnetError(
        `the data has ${seen.inputSize} inputs and ${seen.outputSize} targets, the loaded model ${now.inputs} and ${now.outputs} (drop the model first)`,
        loaded.name,
      );
    }
  }
  return loaded;
}

/**
 * The data as CSV that `bpnet train`/`eval` read back with the downloaded model: one column per
 * input (named after the features), then the target — one column, or for several classes a single
 * "label" column of class indices (which the CSV reader one-hot encodes again).
 */
export function dataCSV(d: Dataset, inputNames: string[]): string {
  const classes = d.outputSize > 1 && isClassification(d);
  const targetNames = classes ? ['label'] : d.outputSize === 1 ? ['y'] : Array.from({ length: d.outputSize }, (_, k) => `y${k + 1}`);
  const lines = [[...inputNames, ...targetNames].join(',')];
  for (let r = 0; r < d.size; r++) {
    const row = Array.from(d.inputs.subarray(r * d.inputSize, (r + 1) * d.inputSize), String);
    const y = d.targets.subarray(r * d.outputSize, (r + 1) * d.outputSize);
    if (classes) row.push(String(y.indexOf(Math.max(...y))));
    else row.push(...Array.from(y, String));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
