/**
 * The library entry point must run unchanged in a browser: bundle it for the browser platform with
 * esbuild (which fails on any Node built-in) and check no `process`, `Buffer` or `require` slips in.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { ROOT } from './helpers.ts';

test('src/index.ts bundles for the browser without Node built-ins', async () => {
  const result = await build({
    entryPoints: [join(ROOT, 'src/index.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  assert.ok(code.length > 10_000, 'the bundle contains the library');
  assert.doesNotMatch(code, /\bprocess\.(env|argv|exit|stdout)|\bBuffer\.|\brequire\(/);
  assert.match(code, /function gradientCheck/);
});
