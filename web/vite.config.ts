/**
 * The playground's build: web/ is the Vite root, the library is imported from ../src as source, and
 * the static site goes to dist-web/ with relative URLs (base "./"), so it works from any folder of
 * any static host. The digits asset (public/digits.bin) is made by scripts/digits-asset.ts first.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: { outDir: fileURLToPath(new URL('../dist-web', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  preview: { host: '127.0.0.1' },
});
