/**
 * The front-ends use the public API only: src/cli, web/ and examples/ import `bpnet` (src/index.ts,
 * browser-safe) or `bpnet/node` (src/node.ts), never a module behind them — if a front-end needs
 * something, the API grows it. Also: nothing in src/ keeps module-level mutable state.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.ts';

const ENTRY_POINTS = ['src/index.ts', 'src/node.ts'].map((p) => join(ROOT, p));

function files(dir: string, ext = /\.(ts|mts|js|mjs)$/): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'public' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier of static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const re of [/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/gm, /(?:^|[\s;])import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    for (const m of source.matchAll(re)) found.push(m[1]!);
  }
  return found;
}

/** A specifier is fine when it is a package, a file of the front-end's own folder, data, or an entry point. */
function violation(file: string, spec: string, home: string): string | undefined {
  if (!spec.startsWith('.')) return undefined; // node:…, bpnet, bpnet/node, vite, …
  const target = resolve(dirname(file), spec);
  if (target.startsWith(home + '/') || ENTRY_POINTS.includes(target) || /\.json$/.test(target)) return undefined;
  return `${relative(ROOT, file)} imports ${spec}`;
}

test('src/cli, web/ and examples/ import only the entry points bpnet and bpnet/node', () => {
  const bad: string[] = [];
  for (const home of ['src/cli', 'web', 'examples'].map((d) => join(ROOT, d))) {
    for (const file of files(home)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const v = violation(file, spec, home);
        if (v) bad.push(v);
      }
    }
  }
  assert.deepEqual(bad, [], `imports past the entry points:\n${bad.join('\n')}`);
});

test('the import scanner sees imports, re-exports and dynamic imports', () => {
  assert.deepEqual(specifiers("import { a } from '../x.ts';\nexport * from './y.ts';\nimport './z.ts';\nconst m = await import('../w.ts');"),
    ['../x.ts', './y.ts', './z.ts', '../w.ts']);
  assert.equal(violation(join(ROOT, 'src/cli/a.ts'), '../io/files.ts', join(ROOT, 'src/cli')), 'src/cli/a.ts imports ../io/files.ts');
  assert.equal(violation(join(ROOT, 'src/cli/a.ts'), '../node.ts', join(ROOT, 'src/cli')), undefined);
});

test('package.json exports bpnet (browser-safe) and bpnet/node', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  assert.ok(pkg.exports['.'] && pkg.exports['./node'], JSON.stringify(pkg.exports));
});

test('no module-level mutable state in src/: no top-level let or var, except a marked cache of something loaded once', () => {
  // A "// cache:" comment on the line before marks a memo of an immutable resource (a compiled
  // module, a loaded addon, files of a package): behaviour never depends on it, only speed.
  const bad = files(join(ROOT, 'src')).flatMap((file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    return lines.flatMap((line, i) => (/^(export\s+)?(let|var)\s/.test(line) && !/^\/\/ cache:/.test(lines[i - 1] ?? '')
      ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : []));
  });
  assert.deepEqual(bad, []);
});
