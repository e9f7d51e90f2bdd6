/** Messages between the page and the training worker (plain structured-clone data). */
import type { Dataset, ModelJSON, OptimizerName } from '../../src/index.ts';

export interface WorkerTrainOptions {
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  weightDecay: number;
  seed: number;
}

/** Decision surface sampling: n × n points over [lo, hi]². */
export interface GridSpec { n: number; lo: number; hi: number }

export type ToWorker =
  | { type: 'init'; session: number; model: ModelJSON; train: Dataset; test: Dataset; options: WorkerTrainOptions; grid: GridSpec | null }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' };

export interface Metrics { loss: number; accuracy: number | null; samples: number }

export interface Progress {
  type: 'progress';
  /** The init message this answers: reports of an earlier network are ignored by the page. */
  session: number;
  running: boolean;
  /** Epochs done, fractional (batches / batches per epoch). */
  epoch: number;
  batches: number;
  samplesPerSecond: number;
  train: Metrics;
  test: Metrics;
  /** Current parameters, layer by layer (copies; the page mirrors them into its own Network). */
  weights: Float64Array[];
  biases: Float64Array[];
  /** n × n network outputs over the grid (row 0 = top, i.e. highest y), or null. */
  grid: Float32Array | null;
}

export type FromWorker =
  | Progress
  | { type: 'state'; running: boolean }
  | { type: 'error'; message: string };
