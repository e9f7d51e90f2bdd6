#!/usr/bin/env node
// The installed CLI runs the compiled JavaScript in dist/ (built on install by `prepare`). In a git
// checkout it runs the TypeScript source through tsx instead, so that an edit is never shadowed by
// a stale build.
import { existsSync } from 'node:fs';
const checkout = existsSync(new URL('../.git', import.meta.url)) && existsSync(new URL('../src/cli/main.ts', import.meta.url));
const compiled = new URL('../dist/cli/main.js', import.meta.url);
let source = !existsSync(compiled);
if (checkout) {
  try {
    await import('tsx/esm');
    source = true;
  } catch {
    // tsx is a dev dependency: without it, the compiled build is all there is.
  }
} else if (source) {
  await import('tsx/esm');
}
await import(source ? new URL('../src/cli/main.ts', import.meta.url).href : compiled.href);
