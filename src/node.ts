/**
 * bpnet for Node: everything of the browser-safe entry point, plus the native float32 kernel
 * (registered on import when the addon was built at install time; see src/io/native-kernel.ts),
 * the file loaders and savers, and the embedded digits.
 */
export * from './index.ts';
export { createNativeKernel, loadNativeAddon } from './io/native-kernel.ts';
// Files: models, datasets (CSV, JSON, IDX, .mat, mnist-sample), exports, pictures.
export { loadModel, saveModel } from './io/models.ts';
export { loadDataset, type LoadDatasetOptions } from './io/datasets.ts';
export { loadIdx, readIdxFile } from './io/idx.ts';
export { loadMatDataset, loadMatWeights, saveMatWeights, readMatFile } from './io/mat-files.ts';
export { loadMnistSample, readMnistSampleBytes } from './io/mnist-sample.ts';
export { saveExport, loadExport } from './io/exports.ts';
export { encodePng, savePng } from './io/png.ts';
