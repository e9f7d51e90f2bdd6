/**
 * The tutorials' commands and output excerpts, read from the Markdown and run for real.
 *
 * Markup (docs/tutorial.md and docs/tutorial.zh-CN.md, stated there too):
 * - a fenced ```sh block holds bpnet commands, one per line (a trailing `\` continues a line;
 *   blank lines and `#` comments are skipped); every one starts with `npx bpnet ` and writes its
 *   files only under `out/` (git-ignored), so running them never touches tracked files;
 * - a ```text block right after a ```sh block is the real output of that block's commands, each
 *   command's stdout followed by its stderr. A line `…` stands for any number of lines (zero or
 *   more); a line ending in ` …` matches every line that begins with the text before it. Without a
 *   leading `…` the excerpt starts at the first line of the output, without a trailing one it ends
 *   at the last;
 * - setup commands that are not bpnet (`npm ci`, `npm run playground`) go in ```bash blocks: shown,
 *   never run;
 * - chapters are the `## ` headings; each chapter's commands run in order in one fresh folder that
 *   has the checkout's `examples/` and `docs/` beside it, so a chapter may use files an earlier
 *   command of the same chapter wrote.
 *
 * Used by test/tutorial.test.ts (compare only) and scripts/tutorial-excerpts.ts (regenerate on
 * request; a test run never rewrites the docs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.ts';

export const TUTORIALS = ['docs/tutorial.zh-CN.md', 'docs/tutorial.md'] as const;

/** One ```sh block and the ```text excerpt after it, with line numbers (0-based) into the doc. */
export interface Block {
  line: number;
  commands: string[];
  /** Lines start..end-1 of the doc, without the fence's indentation. */
  excerpt?: { start: number; end: number; indent: number; lines: string[] };
}

export interface Chapter { title: string; blocks: Block[] }

const FENCE_END = /^\s*```\s*$/;

/** Splits a tutorial into chapters (`## ` headings) of command blocks with their excerpts. */
export function parseTutorial(text: string): Chapter[] {
  const lines = text.split('\n');
  const chapters: Chapter[] = [{ title: '(before the first chapter)', blocks: [] }];
  let last: Block | undefined; // the sh block a following text block belongs to
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) { chapters.push({ title: line.slice(3).trim(), blocks: [] }); last = undefined; continue; }
    const fence = /^(\s*)```(\w*)\s*$/.exec(line); // fences may be indented inside list items
    if (!fence) { if (line.trim() !== '') last = undefined; continue; }
    let end = i + 1;
    while (end < lines.length && !FENCE_END.test(lines[end]!)) end++;
    const indent = fence[1]!.length;
    const body = lines.slice(i + 1, end).map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length)));
    const kind = fence[2];
    if (kind === 'sh') {
      last = { line: i, commands: joinCommands(body) };
      chapters.at(-1)!.blocks.push(last);
    } else if (kind === 'text' && last && !last.excerpt) {
      last.excerpt = { start: i + 1, end, indent, lines: body };
    }
    if (kind !== 'sh') last = undefined;
    i = end;
  }
  return chapters.filter((c, i) => i > 0 || c.blocks.length > 0);
}

function joinCommands(body: string[]): string[] {
  const commands: string[] = [];
  let current = '';
  for (const raw of body) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) { current += line.slice(0, -1).trim() + ' '; continue; }
    commands.push((current + line).trim());
    current = '';
  }
  if (current.trim() !== '') commands.push(current.trim());
  return commands;
}

/** Shell-like words: whitespace separates, single and double quotes group. */
export function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const OUTPUT_FLAGS = new Set(['--out', '--plot', '--confusion']);

/** Why a command may not run in a test (not bpnet, or writing outside out/), or undefined. */
export function commandProblem(command: string): string | undefined {
  const w = words(command);
  if (w[0] !== 'npx' || w[1] !== 'bpnet') return 'does not start with "npx bpnet"';
  for (let i = 2; i < w.length; i++) {
    const [flag, inline] = w[i]!.split('=', 2) as [string, string | undefined];
    if (!OUTPUT_FLAGS.has(flag)) continue;
    const path = inline ?? w[i + 1] ?? '';
    if (!path.startsWith('out/') || path.includes('..')) return `${flag} ${path}: tutorial files go under out/`;
  }
  return undefined;
}

export interface RunResult { command: string; code: number; output: string }

const TSX = import.meta.resolve('tsx');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

/** Runs one `npx bpnet …` command (the CLI from source through tsx) in `cwd`. */
export function runCommand(command: string, cwd: string): Promise<RunResult> {
  const args = words(command).slice(2);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
      cwd, env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('close', (code) => resolve({ command, code: code ?? -1, output: stdout + stderr }));
  });
}

/** A fresh folder with the checkout's examples/ and docs/ (read by the commands) beside it. */
export function chapterFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bpnet-tutorial-'));
  for (const name of ['examples', 'docs']) symlinkSync(join(ROOT, name), join(dir, name), 'dir');
  return dir;
}

/**
 * Runs the chapters of several tutorials: each chapter's commands in order in its own folder (the
 * same command in the same chapter of another language runs once), `parallel` chapters at a time.
 */
export async function runChapters(tutorials: Chapter[][], parallel = 2): Promise<{ dir: string; results: Map<string, RunResult> }[]> {
  const count = Math.max(...tutorials.map((t) => t.length));
  const jobs = Array.from({ length: count }, (_, c) => async () => {
    const dir = chapterFolder();
    const results = new Map<string, RunResult>();
    for (const t of tutorials) {
      for (const block of t[c]?.blocks ?? []) {
        for (const command of block.commands) {
          if (!results.has(command)) results.set(command, await runCommand(command, dir));
        }
      }
    }
    return { dir, results };
  });
  const out: { dir: string; results: Map<string, RunResult> }[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) { const c = next++; out[c] = await jobs[c]!(); }
  }));
  return out;
}

/** The output a block's excerpt is compared with: each command's stdout then stderr. */
export function blockOutput(block: Block, results: Map<string, RunResult>): string[] {
  const text = block.commands.map((c) => results.get(c)!.output).join('');
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

const GAP = '…';

function lineMatches(expected: string, actual: string): boolean {
  const e = expected.trimEnd();
  if (e.endsWith(' ' + GAP)) return actual.startsWith(e.slice(0, -GAP.length).trimEnd());
  return e === actual;
}

/** Index of the first place at or after `from` where `segment` matches line by line, or -1. */
function find(segment: string[], actual: string[], from: number): number {
  for (let i = from; i + segment.length <= actual.length; i++) {
    if (segment.every((e, k) => lineMatches(e, actual[i + k]!))) return i;
  }
  return -1;
}

/**
 * Whether `excerpt` is a faithful excerpt of `actual`; on a mismatch, the first excerpt line that
 * could not be found. Segments between `…` lines are matched leftmost-first, which is exact for
 * patterns whose only wildcard is "any number of lines".
 */
export function matchExcerpt(excerpt: string[], actual: string[]): { ok: true } | { ok: false; line: number } {
  const exp = excerpt.map((l) => l.trimEnd());
  while (exp.length > 0 && exp.at(-1) === '') exp.pop();
  const segments: { start: number; lines: string[] }[] = [];
  let cur: { start: number; lines: string[] } = { start: 0, lines: [] };
  exp.forEach((l, i) => {
    if (l.trim() === GAP) { segments.push(cur); cur = { start: i + 1, lines: [] }; } else cur.lines.push(l);
  });
  segments.push(cur);
  let pos = 0;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    const first = s === 0;
    const lastSeg = s === segments.length - 1;
    if (seg.lines.length === 0) { if (lastSeg && !first) pos = actual.length; continue; }
    let at: number;
    if (first) at = find(seg.lines, actual, 0) === 0 ? 0 : -1;
    else if (lastSeg) {
      at = actual.length - seg.lines.length;
      if (at < pos || find(seg.lines, actual, at) !== at) at = -1;
    } else at = find(seg.lines, actual, pos);
    if (at < 0) return { ok: false, line: seg.start };
    pos = at + seg.lines.length;
    if (lastSeg && pos !== actual.length) return { ok: false, line: seg.start + seg.lines.length - 1 };
  }
  return { ok: true };
}
