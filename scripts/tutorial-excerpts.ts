/**
 * npm run docs:tutorial — runs every command of the tutorials (as test/tutorial.test.ts does) and
 * brings the docs up to date with the real output:
 * - an excerpt that still matches is left alone;
 * - one that no longer matches is re-anchored: each of its lines is replaced by the next output
 *   line of the same shape (the same text once every number is blanked out), so changed figures
 *   are refreshed while the choice of lines stays the author's; if a line has no counterpart the
 *   block is reported for editing by hand and the script exits 1;
 * - the pictures the docs show (docs/tutorial/NAME.png) are copied from the commands' out/NAME.png.
 * With --dump DIR the full output of every block is also written to DIR (to choose excerpts).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from '../test/helpers.ts';
import { blockOutput, matchExcerpt, parseTutorial, runChapters, TUTORIALS } from '../test/tutorial-doc.ts';

const GAP = '…';
const shape = (s: string): string => s.replace(/[-+]?\d+(\.\d+)?(e[-+]?\d+)?/g, '#');

/** The excerpt with every line replaced by the next output line of the same shape, or undefined. */
function reanchor(excerpt: string[], actual: string[]): string[] | undefined {
  const out: string[] = [];
  let pos = 0;
  for (const e of excerpt) {
    const t = e.trimEnd();
    if (t.trim() === GAP || t === '') { out.push(t); continue; }
    const prefix = t.endsWith(' ' + GAP) ? t.slice(0, -GAP.length).trimEnd() : undefined;
    const want = shape(prefix ?? t);
    let i = pos;
    while (i < actual.length && !(prefix !== undefined ? shape(actual[i]!).startsWith(want) : shape(actual[i]!) === want)) i++;
    if (i === actual.length) return undefined;
    if (prefix !== undefined) {
      const fields = prefix.trim().split(/\s+/).length;
      const lead = /^\s*/.exec(actual[i]!)![0];
      out.push(lead + actual[i]!.trim().split(/(\s+)/).slice(0, 2 * fields - 1).join('') + ' ' + GAP);
    } else out.push(actual[i]!);
    pos = i + 1;
  }
  return matchExcerpt(out, actual).ok ? out : undefined;
}

const dumpAt = process.argv.indexOf('--dump');
const dump = dumpAt > 0 ? process.argv[dumpAt + 1] : undefined;
const docs = TUTORIALS.map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
const parsed = docs.map((d) => parseTutorial(d.text));
console.log('running the tutorials\' commands …');
const runs = await runChapters(parsed);
let failed = 0;
docs.forEach((doc, t) => {
  const lines = doc.text.split('\n');
  // Replace from the end so earlier line numbers stay valid.
  const edits: { start: number; end: number; indent: number; lines: string[] }[] = [];
  parsed[t]!.forEach((chapter, c) => {
    chapter.blocks.forEach((block, b) => {
      for (const command of block.commands) {
        const r = runs[c]!.results.get(command)!;
        if (r.code !== 0) { failed++; console.error(`${doc.path}:${block.line + 1}: exit ${r.code}: ${command}\n${r.output}`); }
      }
      const actual = blockOutput(block, runs[c]!.results);
      if (dump) {
        mkdirSync(dump, { recursive: true });
        writeFileSync(join(dump, `${basename(doc.path, '.md')}-${c + 1}-${b + 1}.txt`), block.commands.join('\n') + '\n---\n' + actual.join('\n') + '\n');
      }
      if (!block.excerpt || matchExcerpt(block.excerpt.lines, actual).ok) return;
      const fresh = reanchor(block.excerpt.lines, actual);
      if (fresh) edits.push({ ...block.excerpt, lines: fresh });
      else { failed++; console.error(`${doc.path}:${block.excerpt.start + 1}: the excerpt needs editing by hand (the output changed shape)`); }
    });
  });
  for (const e of edits.reverse()) lines.splice(e.start, e.end - e.start, ...e.lines.map((l) => (l === '' ? l : ' '.repeat(e.indent) + l)));
  const text = lines.join('\n');
  if (text !== doc.text) { writeFileSync(join(ROOT, doc.path), text); console.log(`updated ${doc.path} (${edits.length} excerpts)`); }
  for (const m of text.matchAll(/\(tutorial\/([\w.-]+\.png)\)|src="tutorial\/([\w.-]+\.png)"/g)) {
    const name = m[1] ?? m[2]!;
    const from = runs.map((r) => join(r.dir, 'out', name)).find((p) => existsSync(p));
    if (from) copyFileSync(from, join(ROOT, 'docs', 'tutorial', name));
    else { failed++; console.error(`${doc.path}: no command wrote out/${name}`); }
  }
});
for (const r of runs) rmSync(r.dir, { recursive: true, force: true });
process.exitCode = failed > 0 ? 1 : 0;
