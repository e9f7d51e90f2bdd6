/**
 * The API reference: every declaration the entry points export (src/index.ts, src/node.ts), with
 * its doc comment and signature, written as Markdown into docs/api/ by `npm run docs`.
 *
 * TypeScript 7 has no JavaScript compiler API (and typedoc needs one), so this reads the sources
 * with a small parser that knows the few export forms bpnet uses: `export * from`, `export { a,
 * b as c, type T } from`, and `export function|class|interface|type|const|enum NAME`. The same
 * collector is what test/api-docs.test.ts uses to count exports without a doc comment (0).
 *
 * Usage: tsx scripts/api-docs.ts [--out docs/api] [--check]   (--check: only count, write nothing)
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One exported declaration, as found in its source file. */
export interface ApiEntry {
  /** Name it is exported under. */
  name: string;
  /** function, class, interface, type, const, let or enum. */
  kind: string;
  /** Source file, relative to the repository root. */
  file: string;
  /** The doc comment's text without the comment markers, or '' when there is none. */
  doc: string;
  /** The declaration's text: the signature of a function or class, the whole of a type. */
  code: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The package's entry points: the browser-safe one and the Node one. */
export const ENTRY_POINTS = ['src/index.ts', 'src/node.ts'];

const DECLARATION = (name: string) =>
  new RegExp(`^export\\s+(?:declare\\s+)?(?:async\\s+)?(?:abstract\\s+)?(function\\*?|class|interface|type|const|let|enum)\\s+${name}\\b`, 'm');

function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

function resolveModule(from: string, spec: string): string {
  return relative(ROOT, resolve(ROOT, dirname(from), spec)).split('\\').join('/');
}

/** Names a module exports: [exported name, module it is declared in (or re-exported from), name there]. */
function exportsOf(file: string): [string, string, string][] {
  const text = read(file);
  const out: [string, string, string][] = [];
  for (const m of text.matchAll(/^export\s+\*\s+from\s+'([^']+)'/gm)) {
    out.push(...exportsOf(resolveModule(file, m[1]!)));
  }
  for (const m of text.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/gm)) {
    const module = resolveModule(file, m[2]!);
    for (const part of m[1]!.split(',').map((p) => p.trim().replace(/^type\s+/, '')).filter(Boolean)) {
      const [local, exported = local] = part.split(/\s+as\s+/);
      out.push([exported!, module, local!]);
    }
  }
  for (const m of text.matchAll(/^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|class|interface|type|const|let|enum)\s+([A-Za-z_$][\w$]*)/gm)) {
    out.push([m[1]!, file, m[1]!]);
  }
  // Later entries win: a module's own declarations and explicit re-exports replace `export *` names.
  return [...new Map(out.map((e) => [e[0], e])).values()];
}

/** The text from `start` to the end of the brace block or statement that begins there. */
function statementAt(text: string, start: number, kind: string): string {
  let depth = 0, i = start, sawBrace = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{' || c === '<') { depth++; if (c === '{') sawBrace = true; }
    else if (c === ')' || c === ']' || c === '}' || (c === '>' && text[i - 1] !== '=')) depth--;
    // A function's or class's body starts at a brace at depth 0: keep only the signature.
    if (depth === 1 && c === '{' && (kind === 'class' || kind.startsWith('function'))) return text.slice(start, i).trim();
    if (depth === 0 && (c === ';' || (c === '}' && sawBrace && kind !== 'const' && kind !== 'let' && kind !== 'type'))) return text.slice(start, i + 1).trim();
    if (depth === 0 && c === '\n' && !sawBrace && kind === 'const' && !/[=,(\[{]\s*$/.test(text.slice(start, i))) return text.slice(start, i).trim();
  }
  return text.slice(start, i).trim();
}

/** The declaration of `name` in `file` (following re-exports), with its doc comment. */
function declaration(name: string, file: string, exportedAs: string, seen = new Set<string>()): ApiEntry {
  const key = `${file}#${name}`;
  if (seen.has(key)) throw new Error(`export cycle at ${key}`);
  seen.add(key);
  const text = read(file);
  const m = DECLARATION(name.replace(/\$/g, '\\$')).exec(text);
  if (!m) {
    const via = exportsOf(file).find(([exported]) => exported === name);
    if (!via || via[1] === file) throw new Error(`${file}: no declaration of ${name}`);
    return declaration(via[2], via[1], exportedAs, seen);
  }
  const before = text.slice(0, m.index).trimEnd();
  const doc = before.endsWith('*/') && before.lastIndexOf('/**') > before.lastIndexOf('*/', before.length - 3)
    ? before.slice(before.lastIndexOf('/**') + 3, -2).split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim()
    : '';
  return { name: exportedAs, kind: m[1]!, file, doc, code: statementAt(text, m.index, m[1]!) };
}

/** Every declaration an entry point exports, sorted by name. */
export function collectExports(entry: string): ApiEntry[] {
  return exportsOf(entry)
    .map(([exported, module, local]) => declaration(local, module, exported))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The Markdown page of one entry point. */
export function renderPage(title: string, intro: string, entries: ApiEntry[]): string {
  const byFile = new Map<string, ApiEntry[]>();
  for (const e of entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const lines = [`# ${title}`, '', intro, '', `${entries.length} exported declarations, grouped by source file.`, ''];
  for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${file}`, '');
    for (const e of list) {
      lines.push(`### ${e.name}`, '', `*${e.kind}* — [${e.file}](../../${e.file})`, '', '```ts', e.code, '```', '', e.doc || '*(undocumented)*', '');
    }
  }
  return lines.join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const outDir = resolve(ROOT, args[args.indexOf('--out') + 1] && args.includes('--out') ? args[args.indexOf('--out') + 1]! : 'docs/api');
  const browser = collectExports('src/index.ts');
  const node = collectExports('src/node.ts');
  const browserNames = new Set(browser.map((e) => `${e.name}@${e.file}`));
  const undocumented = [...browser, ...node].filter((e) => !e.doc);
  for (const e of undocumented) process.stderr.write(`undocumented: ${e.name} (${e.file})\n`);
  if (args.includes('--check')) {
    process.stdout.write(`${browser.length} + ${node.length - browser.length} exports, ${new Set(undocumented.map((e) => e.name)).size} undocumented\n`);
    process.exitCode = undocumented.length ? 1 : 0;
    return;
  }
  const pages: [string, string][] = [
    ['index.md', renderPage('bpnet — API reference', "`import { … } from 'bpnet'`: the browser-safe entry point (src/index.ts). In Node the same import gives the Node entry point, which adds the names on [node.md](node.md).", browser)],
    ['node.md', renderPage('bpnet in Node — what the Node entry point adds or replaces', 'src/node.ts: everything of [index.md](index.md), plus these (the kernel functions and `Network` choose from the list with the native addon).', node.filter((e) => !browserNames.has(`${e.name}@${e.file}`)))],
  ];
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of pages) {
    const path = join(outDir, name);
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  }
  process.stdout.write(`wrote ${relative(ROOT, outDir)}/index.md (${browser.length} exports) and node.md\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
