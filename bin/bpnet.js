#!/usr/bin/env node
// The installed CLI runs the compiled JavaScript in dist/ (built by `npm run build`, run on install
// via `prepare`). In a source checkout without a build, fall back to running the TypeScript via tsx.
import { existsSync } from 'node:fs';
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  await import('tsx/esm');
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
