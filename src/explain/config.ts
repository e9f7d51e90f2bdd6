/**
 * The step settings of an explanation — optimizer, η, μ, B, λ, update order, first sample — with
 * the defaults of `bpnet train`, validated once for `explain` and `explainSummary`.
 */
import type { Dataset } from '../core/dataset.ts';
import { check } from '../core/errors.ts';
import type { Network } from '../core/network.ts';
import { checkOptions } from '../core/schema.ts';
import { TRAIN_SCHEMA } from '../core/train-options.ts';
import type { ExplainOptions } from './explain.ts';
import type { RunConfig } from './run.ts';
import type { ExampleName, ExplainOptimizer } from './trace.ts';

/** The optimizer record with its defaults filled in, validated. */
export function explainOptimizer(options: ExplainOptions, example: ExampleName | null): ExplainOptimizer {
  // The same rules, and words, as `train` and `bpnet train`.
  checkOptions(TRAIN_SCHEMA, options);
  const name = options.optimizer ?? 'sgd';
  const learningRate = options.learningRate ?? (example === 'classic' ? 0.5 : name === 'adam' ? 0.001 : 0.1);
  const usesMomentum = name === 'momentum' || name === 'nesterov';
  const momentum = options.momentum ?? 0.9;
  const adam = name === 'adam';
  return {
    name, learningRate, momentum: usesMomentum ? momentum : null,
    beta1: adam ? options.beta1 ?? 0.9 : null, beta2: adam ? options.beta2 ?? 0.999 : null, epsilon: adam ? options.epsilon ?? 1e-8 : null,
  };
}

/** Step settings shared by `explain` and `explainSummary`, validated once. */
export function runConfig(network: Network, data: Dataset, options: ExplainOptions, example: ExampleName | null): RunConfig {
  const start = options.start ?? 0;
  check(Number.isInteger(start) && start >= 0 && start < data.size, `expected a sample from 1 to ${data.size}, got ${start + 1}`, 'sample');
  const batchSize = options.batchSize ?? Math.min(32, data.size);
  check(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= data.size, `must be an integer from 1 to ${data.size} (the samples), got ${batchSize}`, 'batchSize');
  const weightDecay = options.weightDecay ?? 0;
  const updateOrder = options.updateOrder ?? 'simultaneous';
  return { optimizer: explainOptimizer(options, example), batchSize, weightDecay, updateOrder, start };
}
