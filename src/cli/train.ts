import type { Dataset } from '../core/dataset.ts';
import { OPTIMIZER_NAMES } from '../core/optimizers.ts';
import { train, type LrSchedule, type TrainOptions } from '../core/train.ts';
import type { Network } from '../core/network.ts';
import { shiftAugmentation } from '../data/augment.ts';
import { drawTrainingCurves } from '../draw/training-curves.ts';
import { loadDataset } from '../io/datasets.ts';
import { saveModel } from '../io/models.ts';
import { savePng } from '../io/png.ts';
import { choiceFlag, numberFlag, parseOptions, requireFlag, UsageError, type Command } from './command.ts';
import { modelFlags, modelFlagsHelp, modelFromFlags } from './model-options.ts';
import { createReporter } from './progress.ts';

/**
 * Defaults for image data (MNIST, digit CSVs, the course's X), each used only when its flag is
 * absent: Adam (η = 0.001), random one-pixel shifts, 15 epochs. Measured on mnist-sample with
 * 784-128-10, batch 32: plain SGD η = 0.1 stalls at ≈ 94 % test accuracy whatever the epochs (the
 * network memorises 8 000 digits), shifts lift it to ≈ 95.5 %, Adam with shifts to ≈ 96 %.
 * Other data keep the plain defaults (SGD, no augmentation, 10 epochs).
 */
export const IMAGE_DEFAULTS = { optimizer: 'adam', epochs: 15, maxShift: 1 } as const;

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a model by backpropagation and gradient descent',
  help: `Usage: bpnet train (--model M.json | --layers 2-4-1) --data D --out OUT.json [options]

${modelFlagsHelp}

Data:
  --data D                training data: .json {"inputs","targets"}, .csv (generic, or Kaggle-style
                          label,pixel0,…), MNIST IDX (…-idx3-ubyte[.gz]), .mat (X, y), or the
                          embedded digits mnist-sample (= mnist-sample:train here)
  --labels FILE           IDX: the labels file (default: …-labels-idx1-ubyte next to the images)
  --target NAME[,NAME]    CSV: target column(s), or one class-label column (one-hot encoded)
  --validation-split f    hold out the last fraction f for validation and early stopping
  --augment none|shift[:N]  move each training image by up to N pixels at random (default N 1);
                          default for image data: shift:1, else none

Training:
  --optimizer NAME        ${OPTIMIZER_NAMES.join(', ')} (default sgd; adam for image data)
  --lr η                  learning rate (default 0.1; adam 0.001)
  --momentum μ            momentum and nesterov (default 0.9)
  --batch-size B          1 = online, ≥ samples = full batch (default 32)
  --epochs E              maximum epochs (default 10; 15 for image data)
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
  --checkpoint-every N    also save --out every N epochs (resume by passing it as --model)
  --plot FILE             draw the loss and accuracy curves as PNG
  --json                  one JSON object per epoch on stdout:
                          {"epoch","loss","accuracy","valLoss","valAccuracy","seconds"}
  --quiet                 print nothing but errors
                          (default: a progress bar on a terminal, one line per epoch otherwise)

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
      labels: { type: 'string' }, augment: { type: 'string' }, plot: { type: 'string' },
    });
    const out = requireFlag(values.out, '--out');
    const data = await loadDataset(requireFlag(values.data, '--data'), { target: values.target?.split(','), labels: values.labels, defaultSplit: 'train' });
    const maxShift = parseAugment(values.augment, data);
    const seed = numberFlag(values.seed, '--seed', 'integer') ?? 1;
    const net = modelFromFlags(values, data);
    const checkpointEvery = numberFlag(values['checkpoint-every'], '--checkpoint-every', 'positive-integer');
    const previousEpochs = trainedEpochs(net);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const epochs = numberFlag(values.epochs, '--epochs', 'integer') ?? (data.image ? IMAGE_DEFAULTS.epochs : 10);
    const reporter = createReporter(values.quiet ? 'quiet' : values.json ? 'json' : 'auto', epochs);
    const options: TrainOptions = {
      optimizer: choiceFlag(values.optimizer, '--optimizer', OPTIMIZER_NAMES) ?? (data.image ? IMAGE_DEFAULTS.optimizer : undefined),
      learningRate: numberFlag(values.lr, '--lr', 'positive'),
      momentum: numberFlag(values.momentum, '--momentum', 'fraction'),
      batchSize: numberFlag(values['batch-size'], '--batch-size', 'positive-integer'),
      epochs,
      weightDecay: numberFlag(values['weight-decay'], '--weight-decay', 'non-negative'),
      seed,
      shuffle: !values['no-shuffle'],
      validationSplit: numberFlag(values['validation-split'], '--validation-split', 'fraction'),
      targetLoss: numberFlag(values['target-loss'], '--target-loss', 'non-negative'),
      patience: numberFlag(values.patience, '--patience', 'positive-integer'),
      schedule: parseSchedule(values['lr-decay']),
      updateOrder: choiceFlag(values['update-order'], '--update-order', ['simultaneous', 'sequential'] as const),
      augment: maxShift > 0 && data.image ? shiftAugmentation({ ...data.image, maxShift, seed }) : undefined,
      signal: controller.signal,
      onBatch: (stats) => reporter.batch(stats),
      onEpoch(stats) {
        reporter.epoch(stats);
        if (checkpointEvery && (stats.epoch + 1) % checkpointEvery === 0) save(net, out, previousEpochs + stats.epoch + 1);
      },
    };
    try {
      const result = await train(net, data, options);
      reporter.end();
      save(net, out, previousEpochs + result.history.length);
      if (values.plot) savePng(values.plot, drawTrainingCurves(result.history));
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

/** Epochs recorded in the model file by earlier runs (so a resumed run continues the count). */
function trainedEpochs(net: Network): number {
  const t = net.extra.training as { epochs?: unknown } | undefined;
  return typeof t?.epochs === 'number' ? t.epochs : 0;
}

function save(net: Network, path: string, epochs: number): void {
  net.extra.training = { ...(net.extra.training as object | undefined), epochs };
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

/** --augment none|shift[:N] → the largest shift in pixels (0 = none); default shift:1 for image data. */
function parseAugment(spec: string | undefined, data: Dataset): number {
  if (spec === undefined) return data.image ? IMAGE_DEFAULTS.maxShift : 0;
  if (spec === 'none') return 0;
  const m = /^shift(?::(\d+))?$/.exec(spec);
  if (!m) throw new UsageError(`--augment: expected none, shift or shift:N, got "${spec}"`);
  if (!data.image) throw new UsageError('--augment shift needs image data (MNIST, digit CSV, .mat X of square images)');
  return m[1] === undefined ? 1 : Number(m[1]);
}
