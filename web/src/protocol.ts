/**
 * Messages between the page and the training worker (plain structured-clone data). The worker owns
 * the data and the training network; the page gets evenly spaced samples of the data to draw (at
 * most a few thousand points) and copies of the parameters to draw and to probe.
 */
import type { Dataset, LossName, ModelJSON, OptimizerName, Regularization } from '../../src/index.ts';
import type { ToyName } from './datasets.ts';
import type { FeatureName } from './features.ts';

/** Options that change on a running network without resetting it. */
export interface LiveTrainOptions {
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  weightDecay: number;
  regularization: Regularization;
}

/** How fast the worker trains: slow and normal are paced (samples per second), fast is as fast as it can. */
export type Speed = 'slow' | 'normal' | 'fast';
export const SPEEDS: readonly Speed[] = ['slow', 'normal', 'fast'];
/** Samples per second of the paced speeds: XOR (200 training points, 3 epochs a second) converges in ~5–10 s at "normal". */
export const PACE: Record<Speed, number> = { slow: 100, normal: 600, fast: Infinity };

export type DataSource =
  | { kind: 'toy'; name: ToyName; samples: number; noise: number }
  | { kind: 'digits'; url: string }
  | { kind: 'classic' }
  /** The file the worker parsed last and the page accepted. */
  | { kind: 'file' };

/** Decision surface sampling: n × n points over [lo, hi]². */
export interface GridSpec { n: number; lo: number; hi: number }

export interface InitRequest {
  type: 'init';
  session: number;
  data: DataSource;
  /** Share of the (shuffled) samples used for training, and the seed of that shuffle and of the weights. */
  trainFraction: number;
  seed: number;
  features: FeatureName[];
  /** A loaded (or the classic) model, else a fresh network of this shape. */
  model: ModelJSON | null;
  hidden: number[];
  activation: string;
  loss: LossName | 'auto';
  options: LiveTrainOptions;
  speed: Speed;
  grid: GridSpec;
}

export type ToWorker =
  | InitRequest
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'options'; options: LiveTrainOptions }
  | { type: 'speed'; speed: Speed }
  /** Parse a file and check it against the current data or model; nothing changes until an init uses it. */
  | { type: 'parse'; id: number; file: File; modelLoaded: boolean }
  | { type: 'download'; what: 'model' | 'data' };

export interface Metrics { loss: number; accuracy: number | null; samples: number }

/** The worker's answer to an init that worked: the page switches to the new network and data. */
export interface Ready {
  type: 'ready';
  session: number;
  model: ModelJSON;
  /** The kernel the worker trains on, e.g. "wasm float32". */
  kernel: string;
  /** Evenly spaced rows of the raw data (inputs as loaded, before features), for drawing and step mode. */
  view: { train: Dataset; test: Dataset };
  sizes: { train: number; test: number };
  regression: boolean;
}

export interface Progress {
  type: 'progress';
  /** The init message this answers: reports of an earlier network are ignored by the page. */
  session: number;
  running: boolean;
  /** Epochs done, fractional. */
  epoch: number;
  batches: number;
  samplesPerSecond: number;
  train: Metrics;
  test: Metrics;
  /** Current parameters, layer by layer (copies; the page mirrors them into its own Network). */
  weights: Float64Array[];
  biases: Float64Array[];
  /** n × n network outputs over the grid (row 0 = top, i.e. highest x2), or null. */
  grid: Float32Array | null;
  /** Per hidden neuron (layer by layer), its activation over the grid, or null for big networks. */
  neurons: Float32Array[][] | null;
}

export type Parsed =
  | { type: 'parsed'; id: number; ok: true; kind: 'model'; name: string; model: ModelJSON }
  | { type: 'parsed'; id: number; ok: true; kind: 'dataset'; name: string; rows: number }
  | { type: 'parsed'; id: number; ok: false; message: string };

export type FromWorker =
  | Ready
  | Progress
  | Parsed
  | { type: 'initFailed'; session: number; message: string }
  | { type: 'state'; running: boolean }
  | { type: 'download'; what: 'model' | 'data'; blob: Blob }
  | { type: 'error'; message: string };
