/**
 * bpnet as a consumer gets it: `npm pack`, the tarball installed into a fresh project offline (the
 * tarball and the npm cache only), once with install scripts (the native addon is built) and once
 * with --ignore-scripts. There, a strict TypeScript program using only `bpnet` and `bpnet/node`
 * builds, trains on mnist-sample, saves, loads, predicts labels and exports. The tarball holds
 * nothing that needs a devDependency; its file list and the installed size are reported.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ROOT, tempDir } from './helpers.ts';

interface PackResult { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] }

let pack: PackResult;
let tarball: string;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; dependencies?: Record<string, string> }> };

/**
 * Offline, npm can install only what its cache holds: the tarballs that `npm ci` fetched for this
 * repository, cached under their registry URLs (npm ci reads no package metadata, so a plain
 * "fflate@^0.8.3" cannot be resolved offline). So the consumer installs bpnet's tarball together
 * with the exact URLs of its runtime dependencies and of @types/node, at the lockfile's versions.
 */
function cachedTarballs(names: string[], registry: string, seen = new Set<string>()): string[] {
  return names.flatMap((name) => {
    if (seen.has(name)) return [];
    seen.add(name);
    const entry = lock.packages[`node_modules/${name}`];
    assert.ok(entry, `${name} is not in package-lock.json`);
    const url = `${registry.replace(/\/?$/, '/')}${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    return [url, ...cachedTarballs(Object.keys(entry.dependencies ?? {}), registry, seen)];
  });
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

before(() => {
  const dir = tempDir('bpnet-pack-');
  // npm pack runs `prepare` (the embedded digits and the build), as publishing does.
  pack = (JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], ROOT)) as PackResult[])[0]!;
  tarball = join(dir, pack.filename);
});

test('the tarball: what it holds, and nothing that needs a devDependency', (t) => {
  const paths = pack.files.map((f) => f.path).sort();
  t.diagnostic(`tarball ${pack.filename}: ${pack.size} bytes packed, ${pack.unpackedSize} unpacked, ${paths.length} files`);
  const folders = new Map<string, number>();
  for (const f of pack.files) folders.set(f.path.split('/').slice(0, 2).join('/'), (folders.get(f.path.split('/').slice(0, 2).join('/')) ?? 0) + 1);
  t.diagnostic(`files: ${[...folders].map(([k, n]) => (n > 1 ? `${k}/ (${n})` : k)).join(', ')}`);
  for (const required of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'data/mnist-sample.bin.gz', 'data/README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'bin/bpnet.js', 'scripts/build-native.mjs']) {
    assert.ok(paths.includes(required), `${required} missing from the tarball`);
  }
  // README images are absolute URLs into the package itself (the registry page shows them whatever
  // the repository field says), so each one must be in the tarball.
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
    const prefix = `https://cdn.jsdelivr.net/npm/${pkg.name}/`;
    assert.ok(m[1]!.startsWith(prefix), `README image ${m[1]} is not an absolute URL into the package`);
    assert.ok(paths.includes(m[1]!.slice(prefix.length)), `README image ${m[1]} is not in the tarball`);
  }
  assert.deepEqual(paths.filter((p) => /^(src|test|web|bench|scripts\/build-(wasm|digits))/.test(p) || /\.ts$/.test(p) && !p.endsWith('.d.ts')), []);
  assert.ok(pack.files.find((f) => f.path === 'data/mnist-sample.bin.gz')!.size <= 3e6);
  // Every import of every shipped script is Node's, the package's own, or a runtime dependency.
  const allowed = new Set([...builtinModules, ...Object.keys(pkg.dependencies), 'bpnet']);
  for (const p of paths.filter((f) => /\.(m?js)$/.test(f))) {
    const source = readFileSync(join(ROOT, p), 'utf8');
    for (const m of source.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      // bin/bpnet.js imports tsx only in a git checkout (or when dist is missing, never in the tarball).
      if (p === 'bin/bpnet.js' && name === 'tsx') continue;
      assert.ok(allowed.has(name), `${p} imports "${spec}", which is not a runtime dependency`);
    }
  }
});

const PROGRAM = `import { Network, train, evaluate, predict, predictedClass, type Dataset } from 'bpnet';
import { loadMnistSample, saveModel, loadModel, saveExport, loadExport } from 'bpnet/node';

const all: Dataset = loadMnistSample('mnist-sample:train');
const test: Dataset = loadMnistSample('mnist-sample:test');
// A small quick run: 2 000 training images, one pass.
const n = 2000;
const data: Dataset = { ...all, size: n, inputs: all.inputs.subarray(0, n * 784), targets: all.targets.subarray(0, n * 10) };
const net = Network.create({ inputs: 784, layers: [{ units: 32, activation: 'sigmoid' }, { units: 10, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
await train(net, data, { optimizer: 'adam', learningRate: 0.005, batchSize: 32, epochs: 2, seed: 1 });
saveModel('out/model.json', net);
const loaded = loadModel('out/model.json');
const rows = 20;
const outputs = predict(loaded, test.inputs.subarray(0, rows * 784), rows);
const labels: string[] = outputs.map((o) => test.labels![predictedClass(o, 0, o.length)]!);
const truth: string[] = Array.from({ length: rows }, (_, i) => test.labels![predictedClass(test.targets, i * 10, 10)]!);
const written = [
  ...saveExport('out/model.onnx', loaded, 'onnx'),
  ...saveExport('out/tfjs/model.json', loaded, 'tfjs'),
  ...saveExport('out/model.mjs', loaded, 'js'),
];
const fromOnnx = loadExport('out/model.onnx', 'onnx');
const standalone = (await import(new URL('../out/model.mjs', import.meta.url).href)) as { predict(x: number[]): number[] };
const first = Array.from(test.inputs.subarray(0, 784));
console.log(JSON.stringify({
  accuracy: evaluate(loaded, test).accuracy,
  labels, truth, written,
  onnxDiff: Math.max(...predict(fromOnnx, first, 1)[0]!.map((v, j) => Math.abs(v - outputs[0]![j]!))),
  moduleDiff: Math.max(...standalone.predict(first).map((v, j) => Math.abs(v - outputs[0]![j]!))),
}));
`;

/** Bytes of a folder, recursively. */
function du(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + du(join(path, f)), 0) : s.size;
}

/** bpnet and its runtime dependencies (recursively) as installed in `nodeModules`. */
function installedSize(nodeModules: string, name = 'bpnet', seen = new Set<string>()): number {
  if (seen.has(name)) return 0;
  seen.add(name);
  const dir = join(nodeModules, name);
  const deps = Object.keys((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
  return du(dir) + deps.reduce((n, d) => n + installedSize(nodeModules, d, seen), 0);
}

for (const scripts of [true, false]) {
  test(`consumer project, npm install --offline ${scripts ? 'with install scripts' : '--ignore-scripts'}: strict TypeScript builds, trains, saves, loads, predicts labels, exports`, (t) => {
    const dir = tempDir('bpnet-consumer-');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const registry = run('npm', ['config', 'get', 'registry'], dir).trim();
    const deps = cachedTarballs([...Object.keys(pkg.dependencies), '@types/node'], registry);
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', ...(scripts ? [] : ['--ignore-scripts']), tarball, ...deps], dir);
    const nodeModules = join(dir, 'node_modules');
    const native = statSync(join(nodeModules, 'bpnet', 'build', 'bpnet_native.node'), { throwIfNoEntry: false }) !== undefined;
    t.diagnostic(`installed: bpnet + runtime dependencies ${(installedSize(nodeModules) / 1e6).toFixed(2)} MB; native addon ${native ? 'built' : 'not built'}`);
    assert.ok(installedSize(nodeModules) <= 10e6);
    if (!scripts) assert.equal(native, false);

    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'main.ts'), PROGRAM);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, types: ['node'], outDir: 'dist', rootDir: 'src' },
      include: ['src'],
    }));
    run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir);
    const r = JSON.parse(run(process.execPath, ['dist/main.js'], dir)) as { accuracy: number; labels: string[]; truth: string[]; written: string[]; onnxDiff: number; moduleDiff: number };
    t.diagnostic(`accuracy on mnist-sample:test after the quick run: ${r.accuracy}`);
    assert.ok(r.accuracy > 0.7, `accuracy ${r.accuracy}`);
    assert.ok(r.labels.every((l) => /^[0-9]$/.test(l)));
    assert.ok(r.labels.filter((l, i) => l === r.truth[i]).length >= 12, `labels ${r.labels} vs ${r.truth}`);
    assert.deepEqual(r.written, ['out/model.onnx', 'out/tfjs/model.json', 'out/tfjs/model.weights.bin', 'out/model.mjs']);
    // bpnet computes this 25 450-parameter network in float32 (the default above 10 000 parameters);
    // the standalone module computes in float64: they agree to float32 rounding.
    assert.ok(r.onnxDiff < 1e-5 && r.moduleDiff < 1e-6, JSON.stringify(r));
    // The installed CLI runs the compiled code (no tsx in the consumer's project).
    const cli = spawnSync(join(nodeModules, '.bin', 'bpnet'), ['export', '--model', 'out/model.json', '--format', 'onnx', '--out', 'out/cli.onnx'], { cwd: dir, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(readFileSync(join(dir, 'out', 'cli.onnx')), readFileSync(join(dir, 'out', 'model.onnx')));
  });
}
