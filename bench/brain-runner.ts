/**
 * brain.js as a benchmark contender: `brain-runner.ts W1|W2|W2b`. brain.js has sigmoid layers and an
 * mse-like error only (no softmax), trains online (one sample per update) and has no GEMM to time.
 */
import { createRequire } from 'node:module';
import { loadDigits } from './data.ts';
import { serve, timed } from './protocol.ts';

const [workload] = process.argv.slice(2);

interface BrainNet {
  train(data: { input: number[]; output: number[] }[], options: Record<string, unknown>): unknown;
  run(input: number[]): ArrayLike<number>;
}

await serve(() => {
  const brain = createRequire(import.meta.url)('brain.js') as { NeuralNetwork: new (options: object) => BrainNet };
  const once = { iterations: 1, errorThresh: 1e-12, log: false };
  if (workload === 'W1') {
    const toRows = (d: ReturnType<typeof loadDigits>) => Array.from({ length: d.size }, (_, i) => ({
      input: Array.from(d.inputs.subarray(i * 784, (i + 1) * 784)), output: Array.from(d.targets.subarray(i * 10, (i + 1) * 10)),
    }));
    const train = toRows(loadDigits('train')), test = toRows(loadDigits('test'));
    const net = new brain.NeuralNetwork({ hiddenLayers: [128, 64], activation: 'sigmoid', learningRate: 0.05 });
    let epochs = 0;
    const epoch = () => {
      for (let i = train.length - 1; i > 0; i--) { // brain.js does not shuffle by itself
        const j = Math.floor(Math.random() * (i + 1));
        [train[i], train[j]] = [train[j]!, train[i]!];
      }
      net.train(train, { ...once, learningRate: 0.05 });
      epochs++;
    };
    return {
      run: async () => ({ seconds: await timed(epoch) }),
      finish: (target) => {
        while (epochs < target) epoch();
        let correct = 0;
        for (const { input, output } of test) {
          const out = net.run(input);
          let best = 0;
          for (let j = 1; j < 10; j++) if (out[j]! > out[best]!) best = j;
          if (output[best] === 1) correct++;
        }
        return { accuracy: correct / test.length, epochs };
      },
    };
  }
  if (workload === 'W2') {
    // brain.js initialises its own random weights and biases (they cannot be fixed): same shape and η only (its momentum must be > 0: default 0.1).
    const data = [{ input: [0.05, 0.1], output: [0.01, 0.99] }];
    return {
      run: async () => {
        const net = new brain.NeuralNetwork({ hiddenLayers: [2], activation: 'sigmoid', learningRate: 0.5 });
        return { seconds: await timed(() => net.train(data, { iterations: 10_000, errorThresh: 1e-12, log: false, learningRate: 0.5 })) };
      },
    };
  }
  if (workload === 'W2b') {
    // 2-8-8-1 sigmoid on XOR, 2 500 iterations over the 4 samples (brain.js updates after each).
    const data = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]].map(([a, b, y]) => ({ input: [a!, b!], output: [y!] }));
    return {
      run: async () => {
        const net = new brain.NeuralNetwork({ hiddenLayers: [8, 8], activation: 'sigmoid', learningRate: 0.5 });
        return { seconds: await timed(() => net.train(data, { iterations: 2500, errorThresh: 1e-12, log: false, learningRate: 0.5 })) };
      },
    };
  }
  return `brain.js has no ${workload}`;
});
