/**
 * bpnet: feedforward neural networks trained by backpropagation.
 * This entry point is browser-safe: it imports nothing from Node. File and CLI code live in
 * `src/io` and `src/cli`.
 *
 * @example
 * import { Network, createDataset, train, evaluate } from 'bpnet';
 * const xor = createDataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
 * const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' },
 *   { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, { seed: 1 });
 * await train(net, xor, { optimizer: 'adam', learningRate: 0.05, epochs: 500, batchSize: 4 });
 * console.log(evaluate(net, xor)); // { loss: 0.00…, accuracy: 1, … }
 */
export * from './core/activations.ts';
export * from './core/losses.ts';
export * from './core/errors.ts';
export * from './core/tensor.ts';
export * from './core/rng.ts';
export * from './core/init.ts';
export * from './core/network.ts';
export * from './core/backprop.ts';
export * from './core/optimizers.ts';
export * from './core/dataset.ts';
export * from './core/evaluate.ts';
export * from './core/train.ts';
export * from './core/gradcheck.ts';
export * from './core/model-json.ts';
export type { Kernel } from './core/kernels/kernel.ts';
export { createReferenceKernel } from './core/kernels/reference.ts';
export { createJs32Kernel } from './core/kernels/js32.ts';
export { createWasmKernel } from './core/kernels/wasm.ts';
export { getKernel, registerKernel, kernelNames } from './core/kernels/registry.ts';
export * from './core/spec.ts';
export { selectKernel, AUTO_FLOAT64_MAX_PARAMETERS, type KernelChoice } from './core/kernels/registry.ts';
