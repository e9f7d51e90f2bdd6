/**
 * The tutorials (docs/tutorial.zh-CN.md, docs/tutorial.md) are runnable: every ```sh command runs as
 * written, every ```text excerpt is real output (see test/tutorial-doc.ts for the markup), every
 * picture and link points at something that exists. Nothing here writes to the checkout; refresh
 * the excerpts with `npm run docs:tutorial`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from './helpers.ts';
import {
  blockOutput, commandProblem, matchExcerpt, parseTutorial, runChapters, TUTORIALS, type Chapter, type RunResult,
} from './tutorial-doc.ts';

const texts = TUTORIALS.map((path) => readFileSync(join(ROOT, path), 'utf8'));
const docs: Chapter[][] = texts.map(parseTutorial);
const commandsOf = (doc: Chapter[]) => doc.flatMap((c) => c.blocks.flatMap((b) => b.commands));
// The two languages run the same commands; only the language of `explain`'s words differs.
const neutral = (command: string) => command.replace(/ --lang (zh|en)\b/, ' --lang *');

test('both tutorials: at least five chapters, the same commands, at least 12 of them, all runnable here', () => {
  for (const [i, doc] of docs.entries()) {
    const chapters = doc.filter((c) => /^(第 \d 章|Chapter \d)/.test(c.title));
    assert.ok(chapters.length >= 5, `${TUTORIALS[i]}: ${chapters.length} chapters`);
    assert.ok(commandsOf(doc).length >= 12, `${TUTORIALS[i]}: ${commandsOf(doc).length} commands`);
    for (const command of commandsOf(doc)) assert.equal(commandProblem(command), undefined, `${TUTORIALS[i]}: ${command}`);
  }
  assert.deepEqual(commandsOf(docs[1]!).map(neutral), commandsOf(docs[0]!).map(neutral));
  assert.deepEqual(docs[1]!.map((c) => c.blocks.length), docs[0]!.map((c) => c.blocks.length));
});

// Run once, on first use, so that the quick checks can run alone (--test-name-pattern).
let running: Promise<{ dir: string; results: Map<string, RunResult> }[]> | undefined;
const allRuns = () => (running ??= runChapters(docs));
after(async () => {
  for (const r of running ? await running : []) rmSync(r.dir, { recursive: true, force: true });
});

for (const [t, path] of TUTORIALS.entries()) {
  test(`${path}: every command succeeds and every excerpt is its real output`, async () => {
    const runs = await allRuns();
    const lines = texts[t]!.split('\n');
    docs[t]!.forEach((chapter, c) => {
      for (const block of chapter.blocks) {
        for (const command of block.commands) {
          const r = runs[c]!.results.get(command)!;
          assert.equal(r.code, 0, `${path}:${block.line + 1}: ${command}\n${r.output}`);
        }
        if (!block.excerpt) continue;
        const actual = blockOutput(block, runs[c]!.results);
        const m = matchExcerpt(block.excerpt.lines, actual);
        if (!m.ok) {
          const at = block.excerpt.start + m.line;
          assert.fail(`${path}:${at + 1}: this excerpt line is not in the output of ${block.commands.join(' && ')}:\n` +
            `  ${lines[at]?.trim()}\n(run \`npm run docs:tutorial\` to refresh the figures)\nthe output begins:\n${actual.slice(0, 40).join('\n')}`);
        }
      }
    });
  });

  test(`${path}: pictures were drawn by its commands, links lead somewhere`, async () => {
    const runs = await allRuns();
    const text = texts[t]!;
    const pictures = [...text.matchAll(/\]\((tutorial\/[\w.-]+\.png)\)|src="(tutorial\/[\w.-]+\.png)"/g)].map((m) => m[1] ?? m[2]!);
    assert.ok(pictures.length >= 5, `${path}: ${pictures.length} pictures`);
    for (const p of pictures) {
      assert.ok(existsSync(join(ROOT, 'docs', p)), `docs/${p} is in the repository`);
      assert.ok(runs.some((r) => existsSync(join(r.dir, 'out', p.slice('tutorial/'.length)))), `a command of ${path} writes out/${p.slice(9)}`);
    }
    for (const m of text.matchAll(/\]\(((?:\.\.\/|\.\/)?[\w./-]+\.(?:md|json|png))\)/g)) {
      assert.ok(existsSync(join(ROOT, dirname(path), m[1]!)), `${path}: link ${m[1]}`);
    }
  });
}

// The playground's URL parameters (a contract of the playground issue, web/src/url-state.ts).
const PLAYGROUND_KEYS = new Set(['dataset', 'noise', 'train', 'layers', 'activation', 'loss', 'optimizer', 'lr', 'batch',
  'regularization', 'decay', 'seed', 'features', 'speed', 'test', 'discretize', 'lang', 'mode', 'sample', 'preset']);

test('every chapter links to the playground with parameters the page knows, in the page\'s language', () => {
  for (const [t, path] of TUTORIALS.entries()) {
    const sections = texts[t]!.split(/^## /m).filter((s) => /^(第 \d 章|Chapter \d)/.test(s));
    for (const section of sections) {
      const links = [...section.matchAll(/\(http:\/\/127\.0\.0\.1:4173\/\?([^)\s]+)\)/g)].map((m) => new URLSearchParams(m[1]!));
      assert.ok(links.length >= 1, `${path}: chapter "${section.slice(0, 12)}…" links to the playground`);
      for (const q of links) {
        for (const key of q.keys()) assert.ok(PLAYGROUND_KEYS.has(key), `${path}: playground parameter ${key}`);
        assert.equal(q.get('lang'), t === 0 ? 'zh' : 'en', `${path}: ${q.toString()}`);
      }
    }
  }
});

test('README.md links to the Chinese README, which links to both tutorials', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').slice(0, 5).join('\n');
  assert.match(readme, /\(README\.zh-CN\.md\)/);
  const zh = readFileSync(join(ROOT, 'README.zh-CN.md'), 'utf8');
  assert.match(zh, /\(docs\/tutorial\.zh-CN\.md\)/);
  assert.match(zh, /\(docs\/tutorial\.md\)/);
});
