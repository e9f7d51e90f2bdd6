/**
 * kernelInfo() and `bpnet doctor` tell the truth: which kernels exist here, and for a missing one
 * why and how to fix it — checked against a native addon that is really absent (a temp folder).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createNativeBackend, getKernel, kernelInfo, kernelNames, loadNativeAddon, NODE_KERNELS } from '../src/node.ts';
import { BROWSER_KERNELS, getKernel as browserGetKernel, kernelInfo as browserKernelInfo } from '../src/index.ts';
import { bpnet, tempDir } from './helpers.ts';

test('kernelInfo lists every backend; the browser list has no native kernel', () => {
  assert.deepEqual(kernelInfo().map((k) => k.name), ['native', 'wasm', 'js32', 'reference']);
  assert.deepEqual(browserKernelInfo().map((k) => k.name), ['wasm', 'js32', 'reference']);
  assert.equal(kernelInfo().find((k) => k.name === 'native')!.available, loadNativeAddon() !== null);
  assert.ok(kernelInfo().filter((k) => k.name !== 'native').every((k) => k.available && !k.reason));
  assert.equal(NODE_KERNELS.length, BROWSER_KERNELS.length + 1);
});

test('a missing addon says why: the install script\'s reason, or that it did not run; asking for it explains the fix', () => {
  const dir = tempDir();
  const where = { addonPath: join(dir, 'none.node'), statusPath: join(dir, 'native-status.json'), env: {} };
  const list = [createNativeBackend(where), ...BROWSER_KERNELS];
  assert.equal(kernelInfo(list)[0]!.reason, 'not built — the install script did not run (installed with --ignore-scripts?); run `npm rebuild bpnet` (needs a C++ compiler and Node headers)');
  writeFileSync(where.statusPath, JSON.stringify({ built: false, reason: 'no C++ compiler at install (c++ not found)' }));
  assert.equal(kernelInfo(list)[0]!.reason, 'not built — no C++ compiler at install (c++ not found); run `npm rebuild bpnet` (needs a C++ compiler and Node headers)');
  assert.throws(() => getKernel('native', 'float32', list), /^BpnetError: backend: backend "native" is not available: not built — no C\+\+ compiler at install \(c\+\+ not found\); run `npm rebuild bpnet`/);
  assert.equal(getKernel('auto', 'float32', list).name, 'wasm', 'auto falls back to the next one');
  assert.deepEqual(kernelNames(list), ['wasm', 'js32', 'reference'], 'kernelNames lists only what runs');
  const disabled = createNativeBackend({ ...where, env: { BPNET_NO_NATIVE: '1' } });
  assert.equal(disabled.unavailable(), 'disabled by the environment variable BPNET_NO_NATIVE');
  assert.throws(() => browserGetKernel('native', 'float32'), /unknown backend "native" \(expected one of: auto, wasm, js32, reference\)/);
  assert.throws(() => browserGetKernel('wasm', 'float64'), /backend "wasm" is not available for float64: it computes in float32/);
});

test('bpnet doctor prints each kernel, missing ones with the reason, and the default rule', () => {
  const r = bpnet(['doctor']);
  assert.equal(r.code, 0, r.stderr);
  for (const name of ['native', 'wasm', 'js32', 'reference']) assert.match(r.stdout, new RegExp(`^  ${name} +(ok|missing) `, 'm'));
  assert.match(r.stdout, /default: reference \(float64\) up to 10,000 parameters, (native|wasm) \(float32\) above/);
  const off = JSON.parse(bpnet(['doctor', '--json'], { env: { BPNET_NO_NATIVE: '1' } }).stdout) as { kernels: { name: string; available: boolean; reason?: string }[]; auto: { float32: string } };
  assert.deepEqual(off.kernels[0], { ...off.kernels[0], name: 'native', available: false, reason: 'disabled by the environment variable BPNET_NO_NATIVE' });
  assert.equal(off.auto.float32, 'wasm');
  const asked = bpnet(['train', '--layers', '2-2-1', '--data', 'examples/classic/data.json', '--backend', 'native', '--dtype', 'float32', '--out', join(tempDir(), 'm.json')], { env: { BPNET_NO_NATIVE: '1' } });
  assert.equal(asked.code, 2);
  assert.match(asked.stderr, /backend "native" is not available: disabled by the environment variable BPNET_NO_NATIVE/);
});
