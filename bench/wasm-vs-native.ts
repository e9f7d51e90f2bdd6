/**
 * W1 on the wasm kernel against the native one, in one process: digits-mlp (bench/bpnet-runner.ts's
 * DIGITS_MLP), SGD η 0.05, batch 64, 8 000 digits; each round gives each kernel a warm-up epoch and
 * then EPOCHS consecutive counted epochs. Prints medians of wall and CPU seconds per epoch (CPU
 * counts every thread of the process: the wasm kernel's helper and native's) and the ratio
 * wasm / native; BPNET_THREADS=1 keeps both on one thread.
 *
 * Usage: node --import tsx bench/wasm-vs-native.ts [ROUNDS] [EPOCHS]      (a benchmark, not a test)
 */
import { getKernel, Network, Trainer } from '../src/node.ts';
import { ensureDigitsCache, loadDigits } from './data.ts';

const rounds = Number(process.argv[2] ?? 3), epochs = Number(process.argv[3] ?? 4);
const DIGITS_MLP = {
  inputs: 784,
  layers: [{ units: 128, activation: 'relu' as const }, { units: 64, activation: 'relu' as const }, { units: 10, activation: 'softmax' as const }],
  loss: 'cross-entropy' as const,
};
ensureDigitsCache();
const data = loadDigits('train');
const contenders = ['native', 'wasm'].map((backend) => {
  const net = Network.create(DIGITS_MLP, { seed: 1, kernel: getKernel(backend, 'float32') });
  return { backend, trainer: new Trainer(net, data, { learningRate: 0.05, batchSize: 64, seed: 1 }), wall: [] as number[], cpu: [] as number[] };
});
for (let r = 0; r < rounds; r++) {
  for (const c of contenders) {
    c.trainer.runEpoch();
    for (let e = 0; e < epochs; e++) {
      const wall = performance.now(), cpu = process.cpuUsage();
      c.trainer.runEpoch();
      const used = process.cpuUsage(cpu);
      c.wall.push((performance.now() - wall) / 1000);
      c.cpu.push((used.user + used.system) / 1e6);
    }
  }
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
for (const c of contenders) {
  console.log(`${c.backend}: ${median(c.wall).toFixed(4)} s/epoch (min ${Math.min(...c.wall).toFixed(4)}), CPU ${median(c.cpu).toFixed(4)} s, loss ${c.trainer.lastEpoch?.loss.toFixed(6)}`);
}
const [native, wasm] = contenders;
console.log(`wasm / native: ${(median(wasm!.wall) / median(native!.wall)).toFixed(2)}× wall (medians), ${(Math.min(...wasm!.wall) / Math.min(...native!.wall)).toFixed(2)}× (minima)`);
