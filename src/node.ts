/**
 * `bpnet/node`: everything of the browser-safe entry point `bpnet`, plus what needs Node — files
 * (read with errors naming the file, written atomically), dataset and model loading (every format
 * through `loadDataset`), exports, PNG output, the embedded digits and the native float32 kernel
 * (registered on import when the addon was built at install time; see src/io/native-kernel.ts).
 * The CLI imports only this.
 */
export * from './index.ts';
export { createNativeKernel, loadNativeAddon } from './io/native-kernel.ts';
export { checkWritable, readBytes, readJson, readText, writeAtomic } from './io/files.ts';
export { loadModel, saveModel } from './io/models.ts';
export { loadDataset, type LoadDatasetOptions } from './io/datasets.ts';
export { loadMatWeights, saveMatWeights, readMatFile } from './io/mat-files.ts';
export { loadMnistSample, readMnistSampleBytes } from './io/mnist-sample.ts';
export { saveExport, loadExport } from './io/exports.ts';
export { encodePng, savePng } from './io/png.ts';
