#!/usr/bin/env node
// Builds the optional native float32 kernel (native/*.cc → build/bpnet_native.node) with the
// machine's C++ compiler, tuned for this CPU (-march=native). Run by `npm install` / `npm ci`
// through the root package's "install" script. It never fails the install: without a compiler or
// Node's headers bpnet uses its WebAssembly kernel instead, and the reason is kept in
// build/native-status.json, where `kernelInfo()` and `bpnet doctor` read it (npm hides this
// script's output). Set BPNET_NO_NATIVE=1 to skip it, CXX to choose the compiler.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  if (process.env.BPNET_NO_NATIVE) return 'skipped at install (BPNET_NO_NATIVE was set)';
  if (process.platform === 'win32') return 'not built on Windows (no compiler setup assumed)';
  const include = headerDir();
  if (!include) return "Node's C headers (node_api.h) were not found at install";
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
    if (r.error && r.error.code === 'ENOENT') return `no C++ compiler at install (${cxx} not found)`;
    const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').slice(0, 3).join(' | ');
    return `the C++ compiler failed at install (${cxx}: ${why})`;
  }
  renameSync(tmp, out);
  return undefined;
}

let problem;
try {
  problem = build();
} catch (e) {
  problem = `the install script failed (${e instanceof Error ? e.message : e})`;
}
try {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(join(root, 'build', 'native-status.json'), JSON.stringify(problem ? { built: false, reason: problem } : { built: true }) + '\n');
} catch {
  // A read-only package directory: kernelInfo() then guesses the reason.
}
if (problem) note(`native kernel not built: ${problem}; the WebAssembly float32 kernel will be used (see: npx bpnet doctor).`);
else if (process.argv.includes('--verbose')) note(`built ${out}`);
