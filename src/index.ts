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
export * from './core/record.ts';
export * from './core/schema.ts';
export * from './core/activations.ts';
export * from './core/losses.ts';
export * from './core/errors.ts';
export * from './core/memory.ts';
export * from './core/tensor.ts';
export * from './core/rng.ts';
export * from './core/init.ts';
export * from './core/network.ts';
export type { DenseLayer, LayerSpec, NetworkSpec } from './core/architecture.ts';
export * from './core/backprop.ts';
export * from './core/optimizers.ts';
export * from './core/dataset.ts';
export { parseCSV, toCSV, type CsvOptions } from './data/csv.ts';
export { csvCell, readCsvRecords, type CsvRecord } from './data/csv-records.ts';
export { parseDatasetJSON } from './data/dataset-json.ts';
export { dataFormats, formatOf, parseDataset, parseJsonText, IDX_IMAGES_PATTERN, type DataFormat, type NamedBytes, type ParseDatasetOptions } from './data/formats.ts';
export * from './core/evaluate.ts';
export * from './core/predict.ts';
export * from './core/input-transform.ts';
export * from './core/train.ts';
export { Trainer, learningRateAt, type EpochTiming } from './core/trainer.ts';
export * from './core/fit.ts';
export * from './core/gradcheck.ts';
export * from './core/model-json.ts';
export type { Kernel } from './core/kernels/kernel.ts';
export { createReferenceKernel } from './core/kernels/reference.ts';
export { createJs32Kernel } from './core/kernels/js32.ts';
export { createWasmKernel } from './core/kernels/wasm.ts';
export { getKernel, kernelNames, kernelInfo, BROWSER_KERNELS, type KernelBackend, type KernelList, type KernelStatus } from './core/kernels/registry.ts';
export * from './core/spec.ts';
export { selectKernel, AUTO_FLOAT64_MAX_PARAMETERS, type KernelChoice } from './core/kernels/registry.ts';
export * from './explain/index.ts';
// Languages: every word bpnet speaks (explain, errata, the CLI's explain/errata messages, the page), one module per language.
export { LANGUAGES, LANGS, PAGE_KEYS, recordWords, type Lang, type Language, type Words, type CliWords, type ErrataWords, type PageKey } from './i18n/index.ts';
// Digits: data formats, the course's files, augmentation and pictures (all browser-safe).
export { decodeDigitBytes, encodeDigitBytes, PIXEL_VALUES } from './data/digit-bytes.ts';
export { splitMnistSample, mnistSampleFromBytes, MNIST_SIDE, MNIST_TEST_PER_DIGIT, MNIST_SAMPLE_SEED, type MnistSplit } from './data/mnist-sample.ts';
export { parseIdx, parseIdxFile, writeIdx, idxDataset, type IdxArray, type IdxOptions } from './data/idx.ts';
export { parseDigitsCSV, toDigitsCSV, isDigitsCsvHeader } from './data/digits-csv.ts';
export { readMat, writeMat, matMatrix, type MatOptions, type MatVariable, type MatWriteVariable, type Matrix } from './data/mat.ts';
export { courseDataset, courseNetwork, networkToThetas, courseWeightDecay, COURSE_LABELS } from './data/course.ts';
export { shiftAugmentation, type ShiftOptions } from './data/augment.ts';
export { createRaster, drawGrey, drawText, type Raster, type Color } from './draw/raster.ts';
export { drawDigitGrid, type DigitGridOptions } from './draw/digit-grid.ts';
export { drawCurves, type Curve, type Panel } from './draw/line-chart.ts';
export { drawTrainingCurves } from './draw/training-curves.ts';
export { confusionCounts, formatConfusion, drawConfusion } from './draw/confusion.ts';
// Exports to other tools (ONNX, TensorFlow.js, a standalone JS module, MATLAB weights) and imports.
export * from './formats/index.ts';
