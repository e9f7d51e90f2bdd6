/**
 * The standalone ES module export: imported in Node and in Chromium, its predict and predictClass
 * give bpnet's outputs and labels on 100 random inputs; it has no import statements at all.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { networkFromJSON } from '../src/index.ts';
import { networkToJsModule } from '../src/formats/index.ts';
import { saveExport } from '../src/io/exports.ts';
import { cases, expectedLabel, expectedOutputs, maxDifference, randomInputs, type Case } from './export-helpers.ts';
import { tempDir } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser | undefined;

before(async () => {
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
after(async () => { await browser?.close(); });

interface StandaloneModule {
  predict(x: number[] | number[][]): number[] | number[][];
  predictClass(x: number[] | number[][]): string | string[];
  inputs: number;
  outputs: number;
  classLabels: string[] | null;
}

function rowsOf(c: Case, x: Float64Array): number[][] {
  return Array.from({ length: x.length / c.inputs }, (_, r) => Array.from(x.subarray(r * c.inputs, (r + 1) * c.inputs)));
}

function check(c: Case, x: Float64Array, outs: number[][], single: number[], labels: string[], label: string): void {
  const want = expectedOutputs(c, x);
  const diff = maxDifference(outs.flat(), want.flat());
  assert.ok(diff <= 1e-5, `max |module − bpnet| = ${diff}`);
  assert.ok(maxDifference(single, want[0]!) <= 1e-5);
  assert.deepEqual(labels, want.map((o) => expectedLabel(c, o)));
  assert.equal(label, expectedLabel(c, want[0]!));
}

for (const c of cases()) {
  test(`js module ${c.name}: predict and predictClass in Node equal bpnet's on 100 random inputs`, async () => {
    const dir = tempDir();
    const [path] = saveExport(join(dir, 'model.mjs'), networkFromJSON(c.json, c.name), 'js');
    const m = (await import(pathToFileURL(path!).href)) as StandaloneModule;
    assert.equal(m.inputs, c.inputs);
    assert.equal(m.outputs, c.outputs);
    assert.deepEqual(m.classLabels, c.json.classLabels ?? null);
    const x = randomInputs(c);
    const rows = rowsOf(c, x);
    check(c, x, m.predict(rows) as number[][], m.predict(rows[0]!) as number[], m.predictClass(rows) as string[], m.predictClass(rows[0]!) as string);
    assert.throws(() => m.predict(rows[0]!.slice(1)), new RegExp(`expected ${c.inputs} numbers \\(the model's inputs\\), got ${c.inputs - 1}`));
  });
}

test('js module: no imports, and the same results in Chromium', { skip: !existsSync(CHROMIUM) && 'no Chromium' }, async () => {
  const c = cases()[0]!;
  const source = networkToJsModule(networkFromJSON(c.json, c.name));
  assert.doesNotMatch(source, /^\s*import\b|\brequire\(|\bimport\(/m);
  const x = randomInputs(c);
  const rows = rowsOf(c, x);
  const page = await browser!.newPage();
  const r = await page.evaluate(async ({ source, rows }) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const m = await import(url);
    return { outs: m.predict(rows), single: m.predict(rows[0]), labels: m.predictClass(rows), label: m.predictClass(rows[0]) };
  }, { source, rows });
  await page.close();
  check(c, x, r.outs, r.single, r.labels, r.label);
});
