import { join } from 'node:path';
import {
  buildSpec, drawDigitGrid, drawTrainingCurves, evaluate, loadDataset, Network, predict, predictedClass, Rng,
  saveModel, savePng, selectKernel, shiftAugmentation, train, type TrainOptions,
} from '../node.ts';
import { numberFlag, parseOptions, type Command } from './command.ts';
import { createReporter } from './progress.ts';

/**
 * The recipe of `npm start`: a wider hidden layer than the 784-128-10 example, Adam with a learning
 * rate decaying 10 % per epoch, and every training digit moved by up to one pixel at random each
 * time it is seen. Only mnist-sample:train is used for training; the test split is only measured.
 */
export const START_RECIPE = {
  hidden: 512,
  epochs: 30,
  batchSize: 32,
  learningRate: 0.001,
  decay: 0.93,
  maxShift: 1,
};

export const startCommand: Command = {
  name: 'start',
  summary: 'train a digit recogniser on the embedded MNIST digits and test it (npm start)',
  help: `Usage: bpnet start [--out-dir out] [--epochs ${START_RECIPE.epochs}] [--seed 1] [--quiet]

Trains 784-${START_RECIPE.hidden}-10 (ReLU, softmax) on mnist-sample:train (8 000 digits) with Adam
(η = ${START_RECIPE.learningRate}, ×${START_RECIPE.decay} per epoch), batches of ${START_RECIPE.batchSize} and random one-pixel shifts, then
reports the accuracy on mnist-sample:test (2 000 digits never trained on) and writes:
  OUT/model.json        the trained model (bpnet eval --model out/model.json --data mnist-sample:test)
  OUT/loss.png          loss and accuracy per epoch (train, and test measured after each epoch)
  OUT/predictions.png   100 test digits with their predicted class, wrong ones in red

  --out-dir DIR   where to write (default out)
  --epochs E      epochs (default ${START_RECIPE.epochs})
  --seed S        seed of initialisation, shuffling and shifts (default 1)
  --quiet         print only the result`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      'out-dir': { type: 'string' }, epochs: { type: 'string' }, seed: { type: 'string' }, quiet: { type: 'boolean' },
    });
    const dir = values['out-dir'] ?? 'out';
    const epochs = numberFlag(values.epochs, '--epochs', 'positive-integer') ?? START_RECIPE.epochs;
    const seed = numberFlag(values.seed, '--seed', 'integer') ?? 1;
    const started = performance.now();
    const trainSet = await loadDataset('mnist-sample:train');
    const testSet = await loadDataset('mnist-sample:test');
    let net = Network.create(buildSpec([784, START_RECIPE.hidden, 10], { activation: 'relu', loss: 'cross-entropy' }), { seed });
    // dtype "auto": this network is large, so it computes in float32 with the fastest registered kernel.
    net = net.clone(selectKernel({ parameterCount: net.parameterCount }));
    const log = (text: string) => { if (!values.quiet) process.stderr.write(text + '\n'); };
    log(`training 784-${START_RECIPE.hidden}-10 on mnist-sample:train (${trainSet.size} digits), ${epochs} epochs, kernel ${net.kernel.name}/${net.kernel.dtype}`);
    const reporter = createReporter(values.quiet ? 'quiet' : 'auto', epochs);
    const testAccuracy: number[] = [];
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const options: TrainOptions = {
      optimizer: 'adam', learningRate: START_RECIPE.learningRate, batchSize: START_RECIPE.batchSize, epochs, seed,
      schedule: { type: 'exponential', factor: START_RECIPE.decay },
      augment: shiftAugmentation({ ...trainSet.image!, maxShift: START_RECIPE.maxShift }),
      signal: controller.signal,
      onBatch: (s) => reporter.batch(s),
      onEpoch: (s) => {
        reporter.epoch(s);
        testAccuracy.push(evaluate(net, testSet).accuracy!);
      },
    };
    let result;
    try {
      result = await train(net, trainSet, options);
    } finally {
      process.off('SIGINT', onSigint);
      reporter.end();
    }
    const seconds = (performance.now() - started) / 1000;
    const final = evaluate(net, testSet);
    saveModel(join(dir, 'model.json'), net);
    savePng(join(dir, 'loss.png'), drawTrainingCurves(result.history, { name: 'TEST', values: testAccuracy }));
    savePng(join(dir, 'predictions.png'), predictionGrid(net, testSet, seed));
    const interrupted = result.stopReason === 'cancelled' ? ' (interrupted)' : '';
    process.stdout.write(
      `test accuracy ${(100 * final.accuracy!).toFixed(2)} % on ${final.samples} digits of mnist-sample:test, ` +
      `after ${result.history.length} epochs in ${seconds.toFixed(1)} s${interrupted}\n`,
    );
    log(`wrote ${join(dir, 'model.json')}, ${join(dir, 'loss.png')}, ${join(dir, 'predictions.png')}`);
    return result.stopReason === 'cancelled' ? 130 : 0;
  },
};

/** 100 random test digits with their predictions. */
function predictionGrid(net: Network, data: Awaited<ReturnType<typeof loadDataset>>, seed: number) {
  const order = Uint32Array.from({ length: data.size }, (_, i) => i);
  new Rng(seed).shuffle(order);
  const indices = Array.from(order.subarray(0, 100));
  const inputs = new Float32Array(indices.length * data.inputSize);
  indices.forEach((s, k) => inputs.set(data.inputs.subarray(s * data.inputSize, (s + 1) * data.inputSize), k * data.inputSize));
  const outputs = predict(net, inputs, indices.length);
  const predictions = indices.map((s, k) => {
    const p = predictedClass(outputs[k]!, 0, 10);
    return { text: String(p), correct: p === predictedClass(data.targets, s * 10, 10) };
  });
  return drawDigitGrid(data.inputs, indices, { ...data.image!, predictions });
}
