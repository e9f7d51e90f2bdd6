/**
 * `npm run bench [-- --quick] [-- --only W1,W3]`: bpnet against its peers, measured alternately in one run.
 *
 *   W1 digits-mlp: 784-128-64-10 ReLU, softmax + cross-entropy, SGD η = 0.05, batches of 64,
 *      seconds per epoch over the ≈ 8 000 training digits; test accuracy after 6 epochs.
 *   W2 the classic 2-2-2 example: 10 000 single-sample steps (per-step overhead).
 *   W3 float32 GEMM 256×784×128 and 1024³ in GFLOP/s, plain and with either operand transposed.
 *
 * Every contender lives in its own process (so its peak memory is its own) and the rounds go
 * round-robin over all of them, so a busy moment of the machine hits everyone alike. Medians are
 * printed with ratios to numpy and written to bench/results.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { writeFileSync } from 'node:fs';
import { ensureDigitsCache } from './data.ts';
import { GEMM_SHAPES, GEMM_VARIANTS, gemmKey } from './protocol.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : ['W1', 'W2', 'W3'];
const ROUNDS = quick ? 2 : 5;
const DIR = import.meta.dirname;

interface Spec { workload: string; name: string; command: string[]; env?: NodeJS.ProcessEnv; rounds?: number }

const ts = (file: string, ...rest: string[]) => [process.execPath, '--import', 'tsx', join(DIR, file), ...rest];
// numpy runs as it would for a user: OpenBLAS's safety overrides of this machine unset (see README).
const numpyEnv = { ...process.env };
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;
const python = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8', env: numpyEnv });
const numpyVersion = python.status === 0 ? python.stdout.trim() : undefined;

function specs(): Spec[] {
  const list: Spec[] = [];
  const add = (workload: string, name: string, command: string[], extra: Partial<Spec> = {}) => {
    if (only.includes(workload)) list.push({ workload, name, command, ...extra });
  };
  // numpy twice: with OpenBLAS's default threads, and with one thread, which wins when other
  // programs keep the cores busy (its threads wait for each other in spin loops). Ratios are
  // taken against the better of the two.
  const numpy = (w: string) => {
    if (!numpyVersion) return;
    add(w, `numpy ${numpyVersion} (OpenBLAS, default threads)`, ['python3', join(DIR, 'numpy_bench.py'), w], { env: numpyEnv });
    if (w !== 'W2') add(w, `numpy ${numpyVersion} (OpenBLAS, 1 thread)`, ['python3', join(DIR, 'numpy_bench.py'), w], { env: { ...numpyEnv, OPENBLAS_NUM_THREADS: '1' } });
  };
  add('W1', 'bpnet auto (float32)', ts('bpnet-runner.ts', 'W1', 'auto', 'float32'));
  add('W1', 'bpnet wasm float32', ts('bpnet-runner.ts', 'W1', 'wasm', 'float32'));
  add('W1', 'bpnet js32 float32', ts('bpnet-runner.ts', 'W1', 'js32', 'float32'), { rounds: 2 });
  add('W1', 'bpnet reference float64', ts('bpnet-runner.ts', 'W1', 'reference', 'float64'), { rounds: 2 });
  add('W1', 'tfjs cpu', ts('tfjs-runner.ts', 'W1', 'cpu'), { rounds: 2 });
  add('W1', 'tfjs wasm', ts('tfjs-runner.ts', 'W1', 'wasm'));
  add('W1', 'brain.js 1.6 (sigmoid, online)', ts('brain-runner.ts', 'W1'), { rounds: 1 });
  numpy('W1');
  add('W2', 'bpnet auto (float64 reference)', ts('bpnet-runner.ts', 'W2', 'auto', 'float64'));
  add('W2', 'bpnet native float32', ts('bpnet-runner.ts', 'W2', 'native', 'float32'));
  add('W2', 'tfjs cpu', ts('tfjs-runner.ts', 'W2', 'cpu'), { rounds: 2 });
  add('W2', 'tfjs wasm', ts('tfjs-runner.ts', 'W2', 'wasm'), { rounds: 2 });
  add('W2', 'brain.js 1.6', ts('brain-runner.ts', 'W2'));
  numpy('W2');
  add('W3', 'bpnet native', ts('bpnet-runner.ts', 'W3', 'native', 'float32'));
  add('W3', 'bpnet native, 1 thread', ts('bpnet-runner.ts', 'W3', 'native', 'float32'), { env: { ...process.env, BPNET_THREADS: '1' } });
  add('W3', 'bpnet wasm', ts('bpnet-runner.ts', 'W3', 'wasm', 'float32'));
  const small = { ...process.env, BENCH_SMALL_GEMM: '1' };
  add('W3', 'bpnet js32 (256×784×128 only)', ts('bpnet-runner.ts', 'W3', 'js32', 'float32'), { rounds: 2, env: small });
  add('W3', 'tfjs cpu (256×784×128 only)', ts('tfjs-runner.ts', 'W3', 'cpu'), { rounds: 2, env: small });
  add('W3', 'tfjs wasm', ts('tfjs-runner.ts', 'W3', 'wasm'));
  numpy('W3');
  return list;
}

/** A running contender: send a command, await its one-line JSON answer. */
class Proc {
  private readonly child: ChildProcess;
  private readonly lines: Interface;
  private readonly waiting: ((line: string) => void)[] = [];
  constructor(readonly spec: Spec) {
    this.child = spawn(spec.command[0]!, spec.command.slice(1), { env: spec.env ?? process.env, stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = createInterface({ input: this.child.stdout! });
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
    this.child.on('exit', () => { for (const w of this.waiting.splice(0)) w('{"skip":"process exited"}'); });
  }
  next(): Promise<Record<string, any>> {
    return new Promise((resolve) => this.waiting.push((line) => {
      try { resolve(JSON.parse(line)); } catch { resolve({ skip: `bad answer: ${line.slice(0, 80)}` }); }
    }));
  }
  ask(message: object): Promise<Record<string, any>> {
    const answer = this.next();
    this.child.stdin!.write(JSON.stringify(message) + '\n');
    return answer;
  }
  close(): void {
    this.child.stdin!.end();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Result { workload: string; name: string; skipped?: string; samples: Record<string, number[]>; medians: Record<string, number>; extra: Record<string, any> }

async function main(): Promise<void> {
  if (only.includes('W1')) ensureDigitsCache();
  const started = new Date();
  const procs = specs().map((s) => new Proc(s));
  const results: Result[] = procs.map((p) => ({ workload: p.spec.workload, name: p.spec.name, samples: {}, medians: {}, extra: {} }));
  const hello = await Promise.all(procs.map((p) => p.next()));
  hello.forEach((h, i) => { if (h.skip) { results[i]!.skipped = String(h.skip); process.stderr.write(`skipping ${procs[i]!.spec.name} ${procs[i]!.spec.workload}: ${h.skip}\n`); } });
  const live = procs.map((p, i) => (results[i]!.skipped ? undefined : p));
  // Round 0 warms every contender up (JIT, caches, thread pools) and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [i, p] of live.entries()) {
      if (!p || round > (quick ? Math.min(ROUNDS, p.spec.rounds ?? ROUNDS) : (p.spec.rounds ?? ROUNDS))) continue;
      // W2 lasts a few milliseconds, so one busy moment of the machine would decide a sample:
      // each of its samples is the median of three back-to-back runs (for every contender alike).
      const times = p.spec.workload === 'W2' ? 3 : 1;
      const answers: Record<string, any>[] = [];
      for (let t = 0; t < times && !answers.at(-1)?.skip; t++) answers.push(await p.ask({ cmd: 'run' }));
      const answer = times === 1 || answers.at(-1)!.skip ? answers.at(-1)! : { seconds: median(answers.map((a) => a.seconds as number)) };
      if (answer.skip) { results[i]!.skipped = String(answer.skip); live[i] = undefined; continue; }
      if (round === 0) continue;
      const values: Record<string, number> = answer.gflops ?? { seconds: answer.seconds };
      for (const [key, v] of Object.entries(values)) (results[i]!.samples[key] ??= []).push(v);
    }
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  for (const [i, p] of live.entries()) {
    if (!p) continue;
    results[i]!.extra = await p.ask({ cmd: 'finish', epochs: quick ? 0 : 6 });
  }
  for (const p of procs) p.close();
  for (const r of results) for (const [k, v] of Object.entries(r.samples)) r.medians[k] = median(v);

  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = render(results, started, machine);
  process.stdout.write(table + '\n');
  const out = join(DIR, quick ? 'results.quick.json' : 'results.json');
  writeFileSync(out, JSON.stringify({ date: started.toISOString(), machine, quick, rounds: ROUNDS, numpy: numpyVersion ?? null, results }, null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
}

function render(results: Result[], date: Date, machine: string): string {
  const out: string[] = [`bpnet benchmark, ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine}`, ''];
  const numpys = (w: string) => results.filter((r) => r.workload === w && r.name.startsWith('numpy') && !r.skipped);
  /** The best numpy figure for a key: the fewest seconds, or the most GFLOP/s. */
  const bestNumpy = (w: string, key: string, higherIsBetter: boolean) => {
    const values = numpys(w).map((r) => r.medians[key]).filter((v): v is number => v !== undefined);
    return values.length === 0 ? undefined : higherIsBetter ? Math.max(...values) : Math.min(...values);
  };
  const fmt = (x: number | undefined, digits = 3) => (x === undefined || !Number.isFinite(x) ? '—' : x.toPrecision(digits));
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const skipped = (r: Result) => row([r.name, `skipped: ${r.skipped}`, ...Array(3).fill('')]);
  for (const w of ['W1', 'W2']) {
    const rs = results.filter((r) => r.workload === w);
    if (rs.length === 0) continue;
    const np = bestNumpy(w, 'seconds', false);
    out.push(w === 'W1' ? '**W1 digits-mlp**, one epoch (8 000 samples, batch 64)' : '**W2 classic 2-2-2**, 10 000 single-sample steps', '');
    out.push(row(['system', w === 'W1' ? 's / epoch' : 'ms / 10 000 steps', '× best numpy', w === 'W1' ? 'test accuracy (6 epochs)' : 'final loss', 'peak RSS MB']));
    out.push(row(['---', '---:', '---:', '---:', '---:']));
    for (const r of rs) {
      if (r.skipped) { out.push(skipped(r)); continue; }
      const s = r.medians.seconds;
      const acc = r.extra.accuracy !== undefined ? `${(100 * r.extra.accuracy).toFixed(2)} %${r.extra.epochs !== 6 ? ` (${r.extra.epochs} ep)` : ''}` : r.extra.loss !== undefined ? Number(r.extra.loss).toExponential(4) : '';
      out.push(row([r.name + (r.extra.kernel ? ` [${r.extra.kernel}]` : ''), w === 'W1' ? fmt(s) : fmt(s! * 1000), np ? `${fmt(s! / np, 2)}×` : '—', acc, fmt(r.extra.maxRssMB)]));
    }
    out.push('');
  }
  const w3 = results.filter((r) => r.workload === 'W3');
  if (w3.length > 0) {
    const keys = GEMM_SHAPES.flatMap(([m, k, n]) => GEMM_VARIANTS.map((v) => gemmKey(m, k, n, v)));
    out.push('**W3 float32 GEMM**, GFLOP/s (in brackets: fraction of the best numpy)', '');
    out.push(row(['system', ...keys]));
    out.push(row(['---', ...keys.map(() => '---:')]));
    for (const r of w3) {
      if (r.skipped) { out.push(row([r.name, `skipped: ${r.skipped}`, ...Array(keys.length - 1).fill('')])); continue; }
      out.push(row([r.name, ...keys.map((k) => {
        const g = r.medians[k], ref = bestNumpy('W3', k, true);
        return g === undefined ? '—' : `${g.toFixed(1)}${ref && !r.name.startsWith('numpy') ? ` (${Math.round((100 * g) / ref)} %)` : ''}`;
      })]));
    }
    out.push('');
  }
  return out.join('\n');
}

await main();
