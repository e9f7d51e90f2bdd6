/**
 * bpnet for Node: everything of the browser-safe entry point, with the kernel chosen from Node's
 * list (the native float32 addon first when it was built at install time; see
 * src/core/kernels/native.ts) — the names from node-kernels.ts replace the browser entry's ones of
 * the same name — plus the file loaders and savers, and the embedded digits.
 */
export * from './index.ts';
export { createNativeKernel, createNativeBackend, loadNativeAddon, probeNativeAddon, NODE_KERNELS, type NativeAddon, type NativeLocation } from './core/kernels/native.ts';
export { Network, networkFromJSON, kernelInfo, kernelNames, getKernel, selectKernel } from './core/kernels/node-kernels.ts';
// Files: models, datasets (CSV, JSON, IDX, .mat, mnist-sample), exports, pictures.
export { loadModel, saveModel } from './io/models.ts';
export { loadDataset, type LoadDatasetOptions } from './io/datasets.ts';
export { loadIdx, readIdxFile } from './io/idx.ts';
export { loadMatDataset, loadMatWeights, saveMatWeights, readMatFile } from './io/mat-files.ts';
export { loadMnistSample, readMnistSampleBytes } from './io/mnist-sample.ts';
export { saveExport, loadExport } from './io/exports.ts';
export { encodePng, savePng } from './io/png.ts';
