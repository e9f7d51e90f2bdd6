// The README example: a 2-4-1 network learns XOR. Run: npx tsx examples/xor/train-xor.ts (in a checkout, 'bpnet' is the source: tsconfig.json's paths)
import { Network, createDataset, train, evaluate } from 'bpnet';
const xor = createDataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, { seed: 1 });
const result = await train(net, xor, { optimizer: 'sgd', learningRate: 0.5, batchSize: 4, epochs: 3000, targetLoss: 0.005 });
console.log(result.stopReason, result.history.length, evaluate(net, xor));
