/**
 * The fuzz harness: `npm run fuzz [-- --count N --seed S --save]`. For every loader it makes N
 * seeded mutations of its seed files and runs each in a supervised worker thread (heap limit,
 * 5 s time limit; a worker that hangs is terminated and the input tried once more in a fresh one,
 * so that a load spike is not a hang; one that dies is counted as a crash and replaced). Outcomes are counted per loader and printed as a table. Deterministic: the same
 * seed gives the same inputs. Any input that hangs, crashes or is accepted though invalid is
 * written to test/fixtures/fuzz/ with --save, where test/fuzz.test.ts replays it forever after.
 * Exit code 0 when there were none, 1 otherwise.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Rng } from '../src/core/rng.ts';
import { gzip, loaders, prepareSeeds, type Loader } from './loaders.ts';
import { mutate } from './mutate.ts';
import type { Job, Outcome, Report } from './worker.ts';

export const OUTCOMES: Outcome[] = ['clean error', 'accepted valid', 'accepted invalid', 'hang', 'crash'];
const TIME_LIMIT_MS = 5000;
const HEAP_LIMIT_MB = 512;
export const FIXTURES = fileURLToPath(new URL('../test/fixtures/fuzz/', import.meta.url));

export interface FuzzOptions { count: number; seed: number; workers?: number; save?: boolean; log?: (line: string) => void }
export interface Finding { loader: string; outcome: Outcome; message?: string; bytes: Uint8Array }
export interface FuzzResult { counts: Record<string, Record<Outcome, number>>; findings: Finding[]; seconds: number }

/** The mutated inputs of one loader, deterministic for (seed, loader). */
export function* inputs(loader: Loader, count: number, seed: number): Generator<Uint8Array> {
  const rng = new Rng(seed * 7919 + loader.name.length * 131 + loader.name.charCodeAt(0));
  const seeds = loader.seeds();
  const isText = !/IDX|mat/.test(loader.name);
  const bombs = loader.compress === 'gzip' ? gzipBombs() : [];
  for (let i = 0; i < count; i++) {
    const seedBytes = seeds[rng.int(seeds.length)]!;
    if (loader.compress === 'gzip') {
      const roll = rng.next();
      if (roll < 0.01) yield bombs[rng.int(bombs.length)]!;
      else if (roll < 0.5) yield gzip(mutate(seedBytes, rng, false));
      else yield mutate(gzip(seedBytes), rng, false);
    } else {
      yield mutate(seedBytes, rng, isText);
    }
  }
}

/** Gzip bombs: an IDX header declaring a small or a huge size, followed by 50 MB of zeros. */
function gzipBombs(): Uint8Array[] {
  const header = (dims: number[]) => {
    const h = new Uint8Array(4 + 4 * dims.length);
    h[2] = 8; h[3] = dims.length;
    dims.forEach((d, i) => new DataView(h.buffer).setUint32(4 + 4 * i, d));
    return h;
  };
  const zeros = new Uint8Array(50_000_000);
  return [[2, 2, 2], [60000, 28, 28], [0xffffffff, 0xffff, 0xffff]].map((dims) => {
    const h = header(dims);
    const all = new Uint8Array(h.length + zeros.length);
    all.set(h);
    return gzip(all);
  });
}

class Supervisor {
  private worker!: Worker;
  private ready!: Promise<void>;
  constructor() { this.spawn(); }

  private spawn(): void {
    // A worker does not inherit tsx's loader on Node 20: it registers it, then imports the worker.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })`;
    this.worker = new Worker(boot, { eval: true, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 64 } });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (r: Report) => { if (r.id === -1) { this.worker.off('message', onMessage); resolve(); } };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
  }

  /** Runs one job; a hang or a dying worker is reported and the worker replaced. */
  async run(job: Job): Promise<Report> {
    await this.ready;
    const worker = this.worker;
    return new Promise<Report>((resolve) => {
      let done = false;
      const finish = (r: Report, respawn: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (respawn) { void worker.terminate(); this.spawn(); }
        resolve(r);
      };
      const onMessage = (r: Report) => { if (r.id === job.id) finish(r, false); };
      const onError = (e: Error) => finish({ id: job.id, outcome: 'crash', message: `worker died: ${e.message}` }, true);
      const onExit = (code: number) => finish({ id: job.id, outcome: 'crash', message: `worker exited with ${code}` }, true);
      const timer = setTimeout(() => finish({ id: job.id, outcome: 'hang', message: `no answer in ${TIME_LIMIT_MS / 1000} s` }, true), TIME_LIMIT_MS);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> { await this.worker.terminate(); }
}

export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  await prepareSeeds();
  const pool = Array.from({ length: options.workers ?? 2 }, () => new Supervisor());
  const counts: FuzzResult['counts'] = {};
  const findings: Finding[] = [];
  let id = 0;
  for (const loader of loaders) {
    const row = counts[loader.name] = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    const queue = inputs(loader, options.count, options.seed);
    await Promise.all(pool.map(async (sup) => {
      for (let next = queue.next(); !next.done; next = queue.next()) {
        const bytes = next.value;
        let r = await sup.run({ id: id++, loader: loader.name, bytes });
        // On a loaded machine a slow input can miss the limit once: a hang must miss it twice.
        if (r.outcome === 'hang') r = await sup.run({ id: id++, loader: loader.name, bytes });
        row[r.outcome]++;
        if (r.outcome !== 'clean error' && r.outcome !== 'accepted valid') findings.push({ loader: loader.name, outcome: r.outcome, message: r.message, bytes });
      }
    }));
    options.log?.(`${loader.name}: ${OUTCOMES.map((o) => `${row[o]} ${o}`).join(', ')}`);
  }
  await Promise.all(pool.map((s) => s.close()));
  if (options.save) saveFindings(findings);
  return { counts, findings, seconds: (Date.now() - started) / 1000 };
}

/** Each finding as test/fixtures/fuzz/<loader>-<hash>.bin, replayed by test/fuzz.test.ts. */
export function saveFindings(findings: Finding[]): void {
  mkdirSync(FIXTURES, { recursive: true });
  for (const f of findings) {
    const hash = createHash('sha256').update(f.bytes).digest('hex').slice(0, 12);
    writeFileSync(join(FIXTURES, `${f.loader.replace(/\W+/g, '-').replace(/^-|-$/g, '')}-${hash}.bin`), f.bytes);
  }
}

export function formatTable(result: FuzzResult, count: number): string {
  const head = ['loader', 'mutations', ...OUTCOMES];
  const rows = Object.entries(result.counts).map(([name, c]) => [name, String(count), ...OUTCOMES.map((o) => String(c[o]))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? '-' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const count = arg('count', 10000), seed = arg('seed', 1);
  const result = await fuzz({ count, seed, save: process.argv.includes('--save'), log: (l) => process.stderr.write(l + '\n') });
  process.stdout.write(`\nfuzz: ${count} mutations per loader, seed ${seed}, ${result.seconds.toFixed(0)} s\n\n${formatTable(result, count)}\n`);
  for (const f of result.findings.slice(0, 20)) process.stdout.write(`\n${f.loader}: ${f.outcome}: ${f.message ?? ''}\n`);
  process.exitCode = result.findings.length === 0 ? 0 : 1;
}
