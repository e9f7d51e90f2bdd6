/**
 * A short run of the fuzz harness (300 seeded mutations per loader; `npm run fuzz` runs 10 000),
 * and every input the fuzzer ever found (test/fixtures/fuzz/) replayed: each must end in a clean
 * one-line BpnetError or be accepted as valid — no crash, no hang, nothing invalid accepted.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, formatTable, fuzz } from '../fuzz/fuzz.ts';
import { loaders, prepareSeeds } from '../fuzz/loaders.ts';
import { runJob } from '../fuzz/worker.ts';

test('fuzz, short run: 300 mutations per loader, no crash, hang or invalid input accepted', { timeout: 300_000 }, async () => {
  const result = await fuzz({ count: 300, seed: 2 });
  const table = formatTable(result, 300);
  assert.equal(Object.keys(result.counts).length, loaders.length);
  assert.deepEqual(result.findings.map((f) => `${f.loader}: ${f.outcome}: ${f.message}`), [], table);
  for (const [name, c] of Object.entries(result.counts)) assert.equal(c['clean error'] + c['accepted valid'], 300, `${name}\n${table}`);
});

test('every regression input found by the fuzzer ends cleanly', async () => {
  await prepareSeeds();
  const files = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.bin')) : [];
  for (const file of files) {
    const slug = (name: string) => name.replace(/\W+/g, '-').replace(/^-|-$/g, '') + '-';
    // The longest matching name: "IDX-gzip-…" is the gzip loader's, not plain IDX's.
    const loader = loaders.filter((l) => file.startsWith(slug(l.name))).sort((a, b) => b.name.length - a.name.length)[0];
    assert.ok(loader, `no loader for ${file}`);
    const r = await runJob({ id: 0, loader: loader.name, bytes: new Uint8Array(readFileSync(join(FIXTURES, file))) });
    assert.ok(r.outcome === 'clean error' || r.outcome === 'accepted valid', `${file}: ${r.outcome}: ${r.message}`);
  }
});
