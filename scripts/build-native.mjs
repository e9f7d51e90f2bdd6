#!/usr/bin/env node
// Builds the optional native float32 kernel (native/*.cc → build/bpnet_native.node) with the
// machine's C++ compiler, tuned for this CPU (-march=native). Run by `npm install` / `npm ci`
// through the root package's "install" script. It never fails the install: without a compiler or
// Node's headers bpnet silently uses its WebAssembly kernel instead.
// Set BPNET_NO_NATIVE=1 to skip it, CXX to choose the compiler.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'bpnet_native.node');
const note = (message) => process.stderr.write(`bpnet: ${message}\n`);

function headerDir() {
  const candidates = [
    process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include', 'node'),
    join(dirname(process.execPath), '..', 'include', 'node'),
  ].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'node_api.h')));
}

function build() {
  if (process.env.BPNET_NO_NATIVE) return 'skipped (BPNET_NO_NATIVE is set)';
  if (process.platform === 'win32') return 'not built on Windows (no compiler setup assumed)';
  const include = headerDir();
  if (!include) return "not built: Node's C headers (node_api.h) were not found";
  const cxx = process.env.CXX || 'c++';
  const tmp = `${out}.${process.pid}.tmp`;
  mkdirSync(dirname(out), { recursive: true });
  const args = [
    '-O3', '-march=native', '-fno-math-errno', '-std=c++20', '-shared', '-fPIC', '-pthread', '-fvisibility=hidden',
    '-DNODE_GYP_MODULE_NAME=bpnet_native', `-I${include}`,
    ...(process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : []),
    join(root, 'native', 'gemm.cc'), join(root, 'native', 'addon.cc'), '-o', tmp,
  ];
  const r = spawnSync(cxx, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').slice(0, 3).join(' | ');
    return `native kernel not built (${cxx}: ${why})`;
  }
  renameSync(tmp, out);
  return undefined;
}

let problem;
try {
  problem = build();
} catch (e) {
  problem = `native kernel not built (${e instanceof Error ? e.message : e})`;
}
if (problem) note(`${problem}; the WebAssembly float32 kernel will be used.`);
else if (process.argv.includes('--verbose')) note(`built ${out}`);
