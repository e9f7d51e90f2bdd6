/**
 * Every declaration the entry points export has a doc comment (the API reference of
 * `npm run docs` is built from them). Counted here without writing anything.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectExports, ENTRY_POINTS, renderPage } from '../scripts/api-docs.ts';
import * as browser from '../src/index.ts';
import * as node from '../src/node.ts';

test('every exported declaration of both entry points is documented: 0 undocumented', () => {
  for (const entry of ENTRY_POINTS) {
    const entries = collectExports(entry);
    const undocumented = entries.filter((e) => !e.doc).map((e) => `${e.name} (${e.file})`);
    assert.deepEqual(undocumented, [], `${entry}: exports without a doc comment`);
  }
});

test('the parser finds every runtime export of the entry points (so the count above is complete)', () => {
  for (const [entry, module] of [['src/index.ts', browser], ['src/node.ts', node]] as const) {
    const found = new Set(collectExports(entry).map((e) => e.name));
    const missing = Object.keys(module).filter((name) => !found.has(name));
    assert.deepEqual(missing, [], `${entry}: runtime exports the parser missed`);
  }
});

test('the reference page lists each declaration with its signature and comment', () => {
  const entries = collectExports('src/index.ts');
  const page = renderPage('bpnet', 'intro', entries);
  assert.match(page, /### parseCSV\n\n\*function\* — \[src\/data\/csv\.ts\]\(\.\.\/\.\.\/src\/data\/csv\.ts\)\n\n```ts\nexport function parseCSV\(text: string, source = 'data\.csv', options: CsvOptions = \{\}\): Dataset\n```/);
  assert.ok(entries.length > 150, `${entries.length} exports`);
});
