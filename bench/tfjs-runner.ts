/**
 * TensorFlow.js as a benchmark contender: `tfjs-runner.ts W1|W2|W3 cpu|wasm`.
 * The same networks as bpnet's, written the idiomatic way: variables, tf.train.sgd, minimize.
 */
import { createRequire } from 'node:module';
import { loadDigits } from './data.ts';
import { gemmShapes, GEMM_VARIANTS, gemmKey, perCall, randomFloats, serve, timed } from './protocol.ts';

const [workload, backendName = 'cpu'] = process.argv.slice(2);

await serve(async () => {
  const require = createRequire(import.meta.url);
  const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
  require('@tensorflow/tfjs-backend-wasm');
  const log = console.log; // tfjs prints a hint to stdout on load; keep stdout for the protocol
  console.log = () => {};
  const ok = await tf.setBackend(backendName);
  await tf.ready();
  console.log = log;
  if (!ok) return `tfjs backend ${backendName} unavailable`;

  if (workload === 'W1') {
    const train = loadDigits('train'), test = loadDigits('test');
    const X = tf.tensor2d(train.inputs as Float32Array, [train.size, 784]);
    const Y = tf.tensor2d(train.targets as Float32Array, [train.size, 10]);
    const he = (fanIn: number, shape: [number, number]) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn)));
    const W = [he(784, [784, 128]), he(128, [128, 64]), he(64, [64, 10])];
    const b = [tf.variable(tf.zeros([128])), tf.variable(tf.zeros([64])), tf.variable(tf.zeros([10]))];
    const logits = (x: import('@tensorflow/tfjs').Tensor2D) =>
      tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, W[0]!), b[0]!)), W[1]!), b[1]!)), W[2]!), b[2]!) as import('@tensorflow/tfjs').Tensor2D;
    const optimizer = tf.train.sgd(0.05);
    let epochs = 0;
    const epoch = () => {
      const order = tf.util.createShuffledIndices(train.size);
      for (let start = 0; start < train.size; start += 64) {
        const idx = tf.tensor1d(Array.from(order.subarray(start, Math.min(start + 64, train.size))), 'int32');
        tf.tidy(() => {
          const x = tf.gather(X, idx) as import('@tensorflow/tfjs').Tensor2D, y = tf.gather(Y, idx);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)) as import('@tensorflow/tfjs').Scalar);
        });
        idx.dispose();
      }
      epochs++;
    };
    return {
      run: async () => ({ seconds: await timed(epoch) }),
      finish: (target) => {
        while (epochs < target) epoch();
        const predicted = tf.tidy(() => tf.argMax(logits(tf.tensor2d(test.inputs as Float32Array, [test.size, 784])), 1).dataSync());
        let correct = 0;
        for (let i = 0; i < test.size; i++) if (test.targets[i * 10 + predicted[i]!] === 1) correct++;
        return { accuracy: correct / test.size, epochs };
      },
    };
  }
  if (workload === 'W2') {
    // The classic 2-2-2 example: sigmoid layers, fixed biases, mse, η = 0.5, one sample.
    const x = tf.tensor2d([[0.05, 0.1]]), y = tf.tensor2d([[0.01, 0.99]]);
    const b1 = tf.scalar(0.35), b2 = tf.scalar(0.6);
    let loss = 0;
    return {
      run: async () => {
        const W1 = tf.variable(tf.tensor2d([[0.15, 0.25], [0.2, 0.3]])), W2 = tf.variable(tf.tensor2d([[0.4, 0.5], [0.45, 0.55]]));
        const optimizer = tf.train.sgd(0.5);
        const f = () => tf.sigmoid(tf.add(tf.matMul(tf.sigmoid(tf.add(tf.matMul(x, W1), b1)), W2), b2));
        const seconds = await timed(() => {
          for (let i = 0; i < 10_000; i++) optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(f(), y)))) as import('@tensorflow/tfjs').Scalar);
        });
        loss = tf.tidy(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(f(), y)))).dataSync()[0]!);
        W1.dispose(); W2.dispose(); optimizer.dispose();
        return { seconds };
      },
      finish: () => ({ loss }),
    };
  }
  if (workload === 'W3') {
    return {
      run: () => {
        const gflops: Record<string, number> = {};
        for (const [m, k, n] of gemmShapes()) {
          const A = tf.tensor2d(randomFloats(m * k, 1), [m, k]), At = tf.tensor2d(randomFloats(m * k, 1), [k, m]);
          const B = tf.tensor2d(randomFloats(k * n, 2), [k, n]), Bt = tf.tensor2d(randomFloats(k * n, 2), [n, k]);
          for (const v of GEMM_VARIANTS) {
            const [a, bb] = v === 'nn' ? [A, B] : v === 'nt' ? [A, Bt] : [At, B];
            const seconds = perCall(() => {
              const c = tf.matMul(a, bb, v === 'tn', v === 'nt');
              c.dataSync();
              c.dispose();
            }, m > 500 ? 0.3 : 0.15);
            gflops[gemmKey(m, k, n, v)] = (2 * m * n * k) / seconds / 1e9;
          }
          tf.dispose([A, At, B, Bt]);
        }
        return { gflops };
      },
    };
  }
  throw new Error(`unknown workload ${workload}`);
});
