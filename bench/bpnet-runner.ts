/**
 * bpnet as a benchmark contender: `bpnet-runner.ts W1|W2|W2b|W3 BACKEND DTYPE`.
 * W1 trains digits-mlp with the public API exactly as a user would (Trainer.runEpoch);
 * W2 runs `train` on the classic 2-2-2 example for 10 000 single-sample steps, W2b a 2-8-8-1 on XOR;
 * W3 calls the kernel's GEMM directly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataset, evaluate, getKernel, Network, networkFromJSON, train, Trainer } from '../src/node.ts';
import type { DType } from '../src/core/tensor.ts';
import { loadDigits } from './data.ts';
import { gemmShapes, GEMM_VARIANTS, gemmKey, perCall, randomFloats, serve, timed } from './protocol.ts';

const [workload, backend = 'auto', dtypeArg = 'float32'] = process.argv.slice(2);
const dtype = dtypeArg as DType;

export const DIGITS_MLP = {
  inputs: 784,
  layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }],
  loss: 'cross-entropy',
} as const;

await serve(() => {
  const kernel = getKernel(backend, dtype);
  if (workload === 'W1') {
    const data = loadDigits('train'), test = loadDigits('test');
    const net = Network.create({ ...DIGITS_MLP, layers: [...DIGITS_MLP.layers] }, { seed: 1, kernel });
    const trainer = new Trainer(net, data, { learningRate: 0.05, batchSize: 64, seed: 1 });
    return {
      run: async () => ({ seconds: await timed(() => trainer.runEpoch()) }),
      finish: (target) => {
        while (trainer.epoch < target) trainer.runEpoch();
        return { accuracy: evaluate(net, test).accuracy, epochs: trainer.epoch, kernel: kernel.name };
      },
    };
  }
  if (workload === 'W2') {
    const dir = join(import.meta.dirname, '..', 'examples', 'classic');
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const data = createDataset([[0.05, 0.1]], [[0.01, 0.99]]);
    let loss = 0;
    return {
      run: async () => {
        const net = networkFromJSON(model, 'model.json').clone(kernel);
        const seconds = await timed(() => train(net, data, { learningRate: 0.5, batchSize: 1, epochs: 10_000, shuffle: false }));
        loss = evaluate(net, data).loss;
        return { seconds };
      },
      finish: () => ({ loss, kernel: kernel.name }),
    };
  }
  if (workload === 'W2b') {
    // The playground's toy size, 2-8-8-1, on XOR, one sample per step: sigmoid layers and mse, the
    // very network brain.js trains (its only choice of error), so both do the same arithmetic.
    const data = createDataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
    const spec = { inputs: 2, layers: [{ units: 8, activation: 'sigmoid' }, { units: 8, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }], loss: 'mse' } as const;
    let loss = 0;
    return {
      run: async () => {
        const net = Network.create({ ...spec, layers: [...spec.layers] }, { seed: 1, kernel });
        const seconds = await timed(() => train(net, data, { learningRate: 0.5, batchSize: 1, epochs: 2500, shuffle: false }));
        loss = evaluate(net, data).loss;
        return { seconds };
      },
      finish: () => ({ loss, kernel: kernel.name }),
    };
  }
  if (workload === 'W3') {
    if (kernel.dtype !== 'float32') return 'W3 is float32 only';
    return {
      run: () => {
        const gflops: Record<string, number> = {};
        for (const [m, k, n] of gemmShapes()) {
          const A = randomFloats(m * k, 1) as Float32Array, B = randomFloats(k * n, 2), C = new Float32Array(m * n);
          for (const v of GEMM_VARIANTS) {
            const seconds = perCall(() => kernel.gemm(v === 'tn', v === 'nt', m, n, k, 1, A, B, 0, C), m > 500 ? 0.3 : 0.15);
            gflops[gemmKey(m, k, n, v)] = (2 * m * n * k) / seconds / 1e9;
          }
        }
        return { gflops };
      },
    };
  }
  throw new Error(`unknown workload ${workload}`);
});
