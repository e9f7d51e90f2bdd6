/**
 * The loaders the fuzzer attacks, each with its seed inputs (valid files made in code) and an
 * acceptance check: a loader that returns must return something bpnet can use (a dataset whose
 * numbers are all finite and whose sizes agree, a network that saves again, a checkpoint that
 * resumes). Everything goes through the public, browser-safe API, in memory: datasets through the
 * format dispatcher (`parseDataset`, what `bpnet train --data` and the page use), models through
 * `networkFromJSON` and `importModel` (what `bpnet import --format onnx|tfjs` uses).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BpnetError, checkDataset, createDataset, exportModel, importModel, Network, networkFromJSON, networkToJSON, parseDataset,
  parseJsonText, train, writeIdx, writeMat, type Dataset,
} from '../src/index.ts';

/** Memory limit given to every loader (bytes): generous for the seeds, small for a bomb. */
export const FUZZ_MAX_MEMORY = 16 * 1024 * 1024;

export interface Loader {
  name: string;
  /** Valid inputs to mutate. */
  seeds(): Uint8Array[];
  /** How a mutated input is prepared: 'gzip' mutates the plain bytes, then compresses (or the reverse). */
  compress?: 'gzip';
  /** Loads the input; returns whether what was accepted is valid. Throws on refusal. */
  run(bytes: Uint8Array): Promise<boolean> | boolean;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A dataset is valid when checkDataset accepts it (sizes agree, every number finite). */
function validDataset(d: Dataset): boolean {
  checkDataset(d, 'result');
  return true;
}

function smallNet(seed: number, loss: 'mse' | 'cross-entropy' = 'mse'): Network {
  return Network.create({
    inputs: 2,
    layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: loss === 'mse' ? 'sigmoid' : 'softmax' }],
    loss,
  }, { seed });
}

const XOR = createDataset([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [0.2, 0.9]], [[1, 0], [0, 1], [0, 1], [1, 0], [1, 0], [0, 1]]);

/** 3 images of 2×2 pixels and their labels. */
const IMAGES = writeIdx([3, 2, 2], [0, 255, 17, 4, 9, 9, 200, 1, 0, 0, 0, 255]);
const LABELS = writeIdx([3], [1, 0, 9]);

function matSeed(compress: boolean): Uint8Array[] {
  const X = { name: 'X', rows: 4, cols: 4, data: Float64Array.from({ length: 16 }, (_, i) => (i % 5) / 4) };
  const y = { name: 'y', rows: 4, cols: 1, data: Float64Array.from([1, 2, 10, 3]) };
  const y8 = { name: 'y', rows: 4, cols: 1, data: Float64Array.from([0, 1, 1, 0]), className: 'uint8' as const };
  return [writeMat([X, y], { compress }), writeMat([y8, X], { compress })];
}

export const loaders: Loader[] = [
  {
    name: 'model JSON',
    seeds: () => [
      text(JSON.stringify(networkToJSON(smallNet(1)))),
      text(JSON.stringify({ ...networkToJSON(smallNet(2, 'cross-entropy')), classLabels: ['a', 'b'], note: { deep: [1, [2]] } }, null, 1)),
    ],
    run(bytes) {
      const net = networkFromJSON(parseJsonText(decode(bytes), 'model.json'), 'model.json');
      JSON.stringify(networkToJSON(net)); // saving it again must work
      return true;
    },
  },
  {
    name: 'dataset JSON',
    seeds: () => [text('{"inputs":[[0,0],[0,1],[1,0],[1,1]],"targets":[[0],[1],[1],[0]]}'), text('{"inputs":[[0.5,-1e-3]],"targets":[[1,0]],"labels":["a","b"]}')],
    run: (bytes) => validDataset(parseDataset({ name: 'd.json', bytes }, { maxMemory: FUZZ_MAX_MEMORY })),
  },
  {
    name: 'CSV',
    seeds: () => [text('a,b,y\n1,2,0.5\n3,4,0.25\n'), text('x,"label"\n0.1,cat\n0.2,dog\n0.3,"c,at"\n'), text('x1,x2,digit\r\n1,2,3\r\n2,0,1\r\n')],
    run: (bytes) => validDataset(parseDataset({ name: 'd.csv', bytes }, { maxMemory: FUZZ_MAX_MEMORY })),
  },
  {
    name: 'IDX',
    seeds: () => [pack(IMAGES, LABELS)],
    run(bytes) {
      const [images, labels] = unpack(bytes);
      const file = { name: 'train-images-idx3-ubyte', bytes: images };
      return validDataset(parseDataset(file, { labels: { name: 'train-labels-idx1-ubyte', bytes: labels }, maxMemory: FUZZ_MAX_MEMORY }));
    },
  },
  {
    name: 'IDX gzip',
    compress: 'gzip',
    seeds: () => [IMAGES, new Uint8Array(writeIdx([40, 3, 3], new Array(360).fill(7)))],
    run(bytes) {
      // The labels: as many as the header's first dimension says (when it can be read), all 0.
      const n = bytes.length > 0 ? Math.min(gunzipHeadCount(bytes), 1 << 16) : 0;
      const labels = { name: 'l-labels-idx1-ubyte.gz', bytes: gzip(writeIdx([n], new Uint8Array(n))) };
      return validDataset(parseDataset({ name: 'i-images-idx3-ubyte.gz', bytes }, { labels, maxMemory: FUZZ_MAX_MEMORY }));
    },
  },
  {
    name: '.mat',
    seeds: () => matSeed(false),
    run: (bytes) => validDataset(parseDataset({ name: 'd.mat', bytes }, { maxMemory: FUZZ_MAX_MEMORY })),
  },
  {
    name: '.mat compressed',
    seeds: () => matSeed(true),
    run: (bytes) => validDataset(parseDataset({ name: 'd.mat', bytes }, { maxMemory: FUZZ_MAX_MEMORY })),
  },
  {
    name: 'ONNX',
    seeds: () => [smallNet(4), normalisedNet(5)].map((net) => exportModel(net, 'onnx')[0]!.data as Uint8Array),
    run: (bytes) => validModel(importModel('onnx', () => bytes, 'model.onnx')),
  },
  {
    // model.json mutated; its weights file stays the valid one of the seed it most likely came from
    // (the one of the closest length: mutations change the length a little).
    name: 'tfjs model.json',
    seeds: () => tfjsSeeds().map((s) => text(s.json)),
    run(bytes) {
      const seeds = tfjsSeeds();
      const closest = seeds.reduce((a, b) => (Math.abs(b.json.length - bytes.length) < Math.abs(a.json.length - bytes.length) ? b : a));
      const read = (name: string): Uint8Array => {
        if (name === 'model.json') return bytes;
        if (name !== 'model.weights.bin') throw new BpnetError(`no such file beside model.json`, name);
        return closest.weights;
      };
      return validModel(importModel('tfjs', read, 'model.json'));
    },
  },
  {
    name: 'checkpoint',
    seeds: () => checkpointSeeds,
    async run(bytes) {
      const net = networkFromJSON(parseJsonText(decode(bytes), 'ckpt.json'), 'ckpt.json');
      const t = net.extra.training as { state?: unknown; optimizer?: string } | undefined;
      const state = t?.state as { optimizer?: { name?: string } } | undefined;
      const optimizer = state?.optimizer?.name;
      // Resuming must either be refused cleanly or train on: one more epoch, finite or a clean divergence.
      const result = await train(net, XOR, {
        resume: state as never, epochs: 1, validationSplit: 1 / 3, optimizer: optimizer as never, batchSize: 2, learningRate: 0.1,
      });
      return result.history.every((h) => Number.isFinite(h.loss)) && (JSON.stringify(networkToJSON(net)), true);
    },
  },
];

/** A network is valid when it saves again and reads back (every weight finite, shapes consistent). */
function validModel(net: Network): boolean {
  networkFromJSON(JSON.parse(JSON.stringify(networkToJSON(net))), 'again');
  return true;
}

/** A network with an inputTransform, so the ONNX Sub/Div nodes and tfjs BatchNormalization are seeds too. */
function normalisedNet(seed: number): Network {
  const net = smallNet(seed, 'cross-entropy');
  net.inputTransform = { type: 'zscore', mean: [0.5, -1], std: [2, 0.25] };
  net.classLabels = ['no', 'yes'];
  return net;
}

/** tfjs exports of two networks: model.json's text and the weights file. */
function tfjsSeeds(): { json: string; weights: Uint8Array }[] {
  return [smallNet(6), normalisedNet(7)].map((net) => {
    const [json, weights] = exportModel(net, 'tfjs', 'model.json');
    return { json: json!.data as string, weights: weights!.data as Uint8Array };
  });
}

/** The first dimension an IDX header declares inside gzip bytes (0 when it cannot be read). */
function gunzipHeadCount(bytes: Uint8Array): number {
  try {
    const head = gunzipSync(bytes, { maxOutputLength: 1 << 22 });
    return head.length >= 8 ? new DataView(head.buffer, head.byteOffset).getUint32(4) : 0;
  } catch {
    return 0;
  }
}

/** Checkpoints as `bpnet train --checkpoint-every` writes them, one per optimizer. */
const checkpointSeeds: Uint8Array[] = [];
export async function prepareSeeds(): Promise<void> {
  if (checkpointSeeds.length > 0) return;
  for (const optimizer of ['adam', 'momentum'] as const) {
    const net = smallNet(3);
    const result = await train(net, XOR, { optimizer, epochs: 2, validationSplit: 1 / 3, batchSize: 2, learningRate: 0.1 });
    net.extra.training = { epochs: result.state.epoch, seed: 1, state: result.state };
    checkpointSeeds.push(text(JSON.stringify(networkToJSON(net))));
  }
}

/** Two files in one input: a 4-byte length, the first file, the second. */
export function pack(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + a.length + b.length);
  new DataView(out.buffer).setUint32(0, a.length);
  out.set(a, 4);
  out.set(b, 4 + a.length);
  return out;
}

function unpack(bytes: Uint8Array): [Uint8Array, Uint8Array] {
  const n = bytes.length >= 4 ? Math.min(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), bytes.length - 4) : 0;
  return [bytes.subarray(4, 4 + n), bytes.subarray(4 + n)];
}

export function gzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytes));
}
