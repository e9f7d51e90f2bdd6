import { OPTIMIZER_NAMES } from '../core/optimizers.ts';
import { train, type EpochStats, type LrSchedule, type TrainerState, type TrainOptions } from '../core/train.ts';
import type { Network } from '../core/network.ts';
import { loadDataset } from '../io/datasets.ts';
import { saveModel } from '../io/models.ts';
import { choiceFlag, numberFlag, parseOptions, requireFlag, UsageError, type Command } from './command.ts';
import { modelFlags, modelFlagsHelp, modelFromFlags } from './model-options.ts';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a model by backpropagation and gradient descent',
  help: `Usage: bpnet train (--model M.json | --layers 2-4-1) --data D --out OUT.json [options]

${modelFlagsHelp}

Data:
  --data FILE             training data (.json {"inputs","targets"} or .csv)
  --target NAME[,NAME]    CSV: target column(s), or one class-label column (one-hot encoded)
  --validation-split f    hold out the last fraction f for validation and early stopping

Training:
  --optimizer NAME        ${OPTIMIZER_NAMES.join(', ')} (default sgd)
  --lr η                  learning rate (default 0.1; adam 0.001)
  --momentum μ            momentum and nesterov (default 0.9)
  --batch-size B          1 = online, ≥ samples = full batch (default 32)
  --epochs E              maximum epochs (default 10)
  --weight-decay λ        L2 penalty (λ/2)·Σ‖W‖², biases excluded (default 0)
  --no-shuffle            keep the sample order (default: shuffle each epoch, seeded)
  --target-loss x         stop once the epoch loss is ≤ x
  --patience N            early stopping patience in epochs (with validation; default 10)
  --lr-decay SPEC         step:EVERY:FACTOR or exp:FACTOR (per epoch)
  --update-order ORDER    simultaneous (correct backprop, default) or sequential (updates the
                          output weights before computing hidden deltas: the order behind the
                          widely published 0.291027924 of the classic example; not correct)

Output:
  --out FILE              write the trained model (atomically); Ctrl-C stops after the current
                          batch and still saves
  --checkpoint-every N    also save --out every N epochs, with the run's state (sample order,
                          optimizer memory): passing that file back as --model resumes the
                          run exactly
  --json                  one JSON object per epoch on stdout:
                          {"epoch","loss","accuracy","valLoss","valAccuracy","seconds"}
  --quiet                 print nothing but errors

Example: bpnet train --model examples/classic/model.json --data examples/classic/data.json \\
           --lr 0.5 --batch-size 1 --epochs 10000 --no-shuffle --out trained.json`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...modelFlags,
      data: { type: 'string' }, target: { type: 'string' }, out: { type: 'string' },
      optimizer: { type: 'string' }, lr: { type: 'string' }, momentum: { type: 'string' },
      'batch-size': { type: 'string' }, epochs: { type: 'string' }, 'weight-decay': { type: 'string' },
      'no-shuffle': { type: 'boolean' }, 'validation-split': { type: 'string' }, 'target-loss': { type: 'string' },
      patience: { type: 'string' }, 'lr-decay': { type: 'string' }, 'update-order': { type: 'string' },
      'checkpoint-every': { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
    });
    const out = requireFlag(values.out, '--out');
    const dataPath = requireFlag(values.data, '--data');
    const checkpointEvery = numberFlag(values['checkpoint-every'], '--checkpoint-every', 'positive-integer');
    const controller = new AbortController();
    const resumable = checkpointEvery !== undefined;
    const report = values.quiet ? () => {} : values.json ? printJson : printLine;
    const options: TrainOptions = {
      optimizer: choiceFlag(values.optimizer, '--optimizer', OPTIMIZER_NAMES),
      learningRate: numberFlag(values.lr, '--lr', 'positive'),
      momentum: numberFlag(values.momentum, '--momentum', 'fraction'),
      batchSize: numberFlag(values['batch-size'], '--batch-size', 'positive-integer'),
      epochs: numberFlag(values.epochs, '--epochs', 'integer') ?? 10,
      weightDecay: numberFlag(values['weight-decay'], '--weight-decay', 'non-negative'),
      seed: numberFlag(values.seed, '--seed', 'integer') ?? 1,
      shuffle: !values['no-shuffle'],
      validationSplit: numberFlag(values['validation-split'], '--validation-split', 'fraction'),
      targetLoss: numberFlag(values['target-loss'], '--target-loss', 'non-negative'),
      patience: numberFlag(values.patience, '--patience', 'positive-integer'),
      schedule: parseSchedule(values['lr-decay']),
      updateOrder: choiceFlag(values['update-order'], '--update-order', ['simultaneous', 'sequential'] as const),
      signal: controller.signal,
      onEpoch(stats, trainer) {
        report(stats, options.epochs!);
        if (checkpointEvery && (trainer.epoch % checkpointEvery === 0)) save(net, out, trainer.getState(), resumable);
      },
    };
    // Every flag is checked above, before any file is read: a typo fails fast.
    const data = await loadDataset(dataPath, { target: values.target?.split(','), defaultSplit: 'train' });
    const net = modelFromFlags(values, data);
    options.resume = savedState(net, values);
    savedSeed = options.seed;
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await train(net, data, options);
      save(net, out, result.state, resumable);
      if (!values.quiet && !values.json) {
        const why = result.stopReason === 'cancelled' ? 'interrupted, ' : result.stopReason === 'epochs' ? '' : `${result.stopReason}, `;
        process.stderr.write(`${why}saved ${out}\n`);
      }
      return result.stopReason === 'cancelled' ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};

/**
 * A model file saved by `bpnet train` carries its run's state ("training"): passing it back as
 * --model continues that run exactly (same shuffling and optimizer memory), unless --seed or
 * --optimizer ask for something else.
 */
function savedState(net: Network, values: { seed?: string; optimizer?: string }): TrainerState | undefined {
  const t = net.extra.training as { state?: TrainerState; optimizer?: string; seed?: number } | undefined;
  if (!t?.state) return undefined;
  if (values.optimizer !== undefined && values.optimizer !== t.state.optimizer.name) return undefined;
  if (values.seed !== undefined && Number(values.seed) !== t.seed) return undefined;
  return t.state;
}

let savedSeed: number | undefined;

/** Saves the model; with `resumable` (--checkpoint-every) also the run's state, which can be large. */
function save(net: Network, path: string, state: TrainerState, resumable: boolean): void {
  net.extra.training = { epochs: state.epoch, ...(resumable ? { seed: savedSeed, state } : {}) };
  saveModel(path, net);
}

function parseSchedule(spec: string | undefined): LrSchedule | undefined {
  if (spec === undefined) return undefined;
  const [kind, a, b] = spec.split(':');
  const every = Number(a), factor = Number(kind === 'step' ? b : a);
  if (kind === 'step' && Number.isInteger(every) && every > 0 && factor > 0) return { type: 'step', every, factor };
  if (kind === 'exp' && factor > 0 && a !== undefined) return { type: 'exponential', factor };
  throw new UsageError(`--lr-decay: expected step:EVERY:FACTOR or exp:FACTOR, got "${spec}"`);
}

function printJson(s: EpochStats): void {
  const row = { epoch: s.epoch + 1, loss: s.loss, accuracy: s.accuracy, valLoss: s.valLoss, valAccuracy: s.valAccuracy, seconds: s.seconds };
  process.stdout.write(JSON.stringify(row) + '\n');
}

function printLine(s: EpochStats, epochs: number): void {
  const parts = [`epoch ${String(s.epoch + 1).padStart(String(epochs).length)}/${epochs}`, `loss ${s.loss.toFixed(6)}`];
  if (s.accuracy !== null) parts.push(`acc ${(100 * s.accuracy).toFixed(2)}%`);
  if (s.valLoss !== null) parts.push(`val_loss ${s.valLoss.toFixed(6)}`);
  if (s.valAccuracy !== null) parts.push(`val_acc ${(100 * s.valAccuracy).toFixed(2)}%`);
  parts.push(`${s.seconds.toFixed(2)}s`, `${Math.round(s.samplesPerSecond)} samples/s`);
  process.stdout.write(parts.join('  ') + '\n');
}
