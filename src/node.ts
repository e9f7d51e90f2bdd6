/**
 * `bpnet/node`: everything of the browser-safe entry point `bpnet`, with the kernel chosen from
 * Node's list (the native float32 addon first when it was built at install time; see
 * src/core/kernels/native.ts) — the names from node-kernels.ts replace the browser entry's ones of
 * the same name — plus what needs Node: files (read with errors naming the file, written
 * atomically), dataset and model loading (every format through `loadDataset`), exports, PNG
 * output and the embedded digits. The CLI imports only this.
 */
export * from './index.ts';
export { createNativeKernel, createNativeBackend, loadNativeAddon, probeNativeAddon, NODE_KERNELS, type NativeAddon, type NativeLocation } from './core/kernels/native.ts';
export { Network, networkFromJSON, kernelInfo, kernelNames, getKernel, selectKernel } from './core/kernels/node-kernels.ts';
export { checkWritable, readBytes, readJson, readText, writeAtomic } from './io/files.ts';
export { loadModel, saveModel } from './io/models.ts';
export { loadDataset, type LoadDatasetOptions } from './io/datasets.ts';
export { loadMatWeights, saveMatWeights, readMatFile } from './io/mat-files.ts';
export { loadMnistSample, readMnistSampleBytes } from './io/mnist-sample.ts';
export { saveExport, loadExport } from './io/exports.ts';
export { encodePng, savePng } from './io/png.ts';
