/**
 * bpnet for Node: everything of the browser-safe entry point, plus the native float32 kernel
 * (registered on import when the addon was built at install time; see src/io/native-kernel.ts).
 */
export * from './index.ts';
export { createNativeKernel, loadNativeAddon } from './io/native-kernel.ts';
export { saveExport, loadExport } from './io/exports.ts';
