/**
 * `npm run bench [-- --quick] [-- --only W1,W3]`: bpnet against its peers, measured alternately in one run.
 *
 *   W1  digits-mlp: 784-128-64-10 ReLU, softmax + cross-entropy, SGD η = 0.05, batches of 64,
 *       seconds per epoch over the ≈ 8 000 training digits; test accuracy after 6 epochs.
 *   W2  the classic 2-2-2 example: 10 000 single-sample steps (per-step overhead).
 *   W2b the playground's toy size, 2-8-8-1 on XOR: 2 500 epochs of 4 single-sample steps.
 *   W3  float32 GEMM 256×784×128 and 1024³ in GFLOP/s, plain and with either operand transposed.
 *   W4  60 000 images 28×28 (shifted copies of the digits, as IDX files), 784-256-10, batch 64,
 *       through `bpnet train` with sgd, momentum and adam: seconds per epoch and peak RSS.
 *
 * Fairness (docs/performance.md): every contender lives in its own process (its peak memory is
 * its own), and the rounds go round-robin over all of them, so a busy moment of the machine hits
 * everyone alike. Within a round a contender gets one warm-up run (JIT, caches, thread pools —
 * not counted) and then PER_ROUND consecutive counted runs, so nobody is measured cold. W4's CLI
 * runs are whole runs back to back, each with its own uncounted first epoch. After the rounds,
 * numpy's W1 is run once more on its own (6 consecutive epochs in a fresh process) and printed
 * beside its figure from the rounds: the two must agree within ± 10 %.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { writeFileSync } from 'node:fs';
import { ensureDigitsCache, ensureW4Data, type W4Files } from './data.ts';
import { GEMM_SHAPES, GEMM_VARIANTS, gemmKey } from './protocol.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : ['W1', 'W2', 'W2b', 'W3', 'W4'];
const ROUNDS = quick ? 1 : 3;
/** Counted runs per round after the warm-up run. */
const PER_ROUND = quick ? 2 : 3;
const DIR = import.meta.dirname;

interface Spec { workload: string; name: string; command: string[]; env?: NodeJS.ProcessEnv; rounds?: number; perRound?: number; warmUp?: boolean; warmUps?: number }

const ts = (file: string, ...rest: string[]) => [process.execPath, '--import', 'tsx', join(DIR, file), ...rest];
// numpy runs as it would for a user: OpenBLAS's safety overrides of this machine unset (see README).
const numpyEnv = { ...process.env };
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;
const python = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8', env: numpyEnv });
const numpyVersion = python.status === 0 ? python.stdout.trim() : undefined;

let w4: W4Files | undefined;
const w4Data = () => (w4 ??= ensureW4Data());

function specs(): Spec[] {
  const list: Spec[] = [];
  const add = (workload: string, name: string, command: string[], extra: Partial<Spec> = {}) => {
    // A W2 / W2b run takes milliseconds: one run is not enough for a JIT to settle (bpnet's first
    // runs take 3–15× its warm time; it settles after about 30), so every fast contender there gets 30
    // uncounted runs (BENCH_MICRO_WARMUPS to change it).
    const micro = (workload === 'W2' || workload === 'W2b') && extra.rounds === undefined ? { warmUps: Number(process.env.BENCH_MICRO_WARMUPS ?? 30) } : {};
    if (only.includes(workload)) list.push({ workload, name, command, ...micro, ...extra });
  };
  // numpy twice: with OpenBLAS's default threads, and with one thread, which wins when other
  // programs keep the cores busy (its threads wait for each other in spin loops). Ratios are
  // taken against the better of the two.
  const numpy = (w: string) => {
    if (!numpyVersion) return;
    add(w, `numpy ${numpyVersion} (OpenBLAS, default threads)`, ['python3', join(DIR, 'numpy_bench.py'), w], { env: numpyEnv });
    if (w === 'W4') return;
    if (w !== 'W2') add(w, `numpy ${numpyVersion} (OpenBLAS, 1 thread)`, ['python3', join(DIR, 'numpy_bench.py'), w], { env: { ...numpyEnv, OPENBLAS_NUM_THREADS: '1' } });
  };
  add('W1', 'bpnet auto (float32)', ts('bpnet-runner.ts', 'W1', 'auto', 'float32'));
  add('W1', 'bpnet wasm float32', ts('bpnet-runner.ts', 'W1', 'wasm', 'float32'));
  const slow = { rounds: 1, perRound: 1 };
  add('W1', 'bpnet js32 float32', ts('bpnet-runner.ts', 'W1', 'js32', 'float32'), slow);
  add('W1', 'bpnet reference float64', ts('bpnet-runner.ts', 'W1', 'reference', 'float64'), slow);
  add('W1', 'tfjs cpu', ts('tfjs-runner.ts', 'W1', 'cpu'), slow);
  add('W1', 'tfjs wasm', ts('tfjs-runner.ts', 'W1', 'wasm'));
  add('W1', 'brain.js 1.6 (sigmoid, online)', ts('brain-runner.ts', 'W1'), slow);
  numpy('W1');
  add('W2', 'bpnet auto (float64 reference)', ts('bpnet-runner.ts', 'W2', 'auto', 'float64'));
  add('W2', 'bpnet native float32', ts('bpnet-runner.ts', 'W2', 'native', 'float32'));
  add('W2', 'tfjs cpu', ts('tfjs-runner.ts', 'W2', 'cpu'), slow);
  add('W2', 'tfjs wasm', ts('tfjs-runner.ts', 'W2', 'wasm'), slow);
  add('W2', 'brain.js 1.6', ts('brain-runner.ts', 'W2'));
  numpy('W2');
  add('W2b', 'bpnet auto (float64 reference)', ts('bpnet-runner.ts', 'W2b', 'auto', 'float64'));
  add('W2b', 'brain.js 1.6 (sigmoid)', ts('brain-runner.ts', 'W2b'));
  add('W3', 'bpnet native', ts('bpnet-runner.ts', 'W3', 'native', 'float32'));
  add('W3', 'bpnet native, 1 thread', ts('bpnet-runner.ts', 'W3', 'native', 'float32'), { env: { ...process.env, BPNET_THREADS: '1' } });
  add('W3', 'bpnet wasm', ts('bpnet-runner.ts', 'W3', 'wasm', 'float32'));
  const small = { ...process.env, BENCH_SMALL_GEMM: '1' };
  add('W3', 'bpnet js32 (256×784×128 only)', ts('bpnet-runner.ts', 'W3', 'js32', 'float32'), { ...slow, env: small });
  add('W3', 'tfjs cpu (256×784×128 only)', ts('tfjs-runner.ts', 'W3', 'cpu'), { ...slow, env: small });
  add('W3', 'tfjs wasm', ts('tfjs-runner.ts', 'W3', 'wasm'), { perRound: 1 });
  numpy('W3');
  // W4: each run is a whole `bpnet train` of W4_EPOCHS epochs whose first is not counted.
  const cli = { perRound: 1, warmUp: false, rounds: 2 };
  for (const opt of ['sgd', 'momentum', 'adam']) add('W4', `bpnet train --optimizer ${opt}`, ts('cli-runner.ts', opt), cli);
  if (numpyVersion && only.includes('W4')) {
    const command = ['python3', join(DIR, 'numpy_bench.py'), 'W4', w4Data().images, w4Data().labels];
    add('W4', `numpy ${numpyVersion} float32 sgd (OpenBLAS, default threads)`, command, { env: numpyEnv, perRound: 1, rounds: 2 });
    add('W4', `numpy ${numpyVersion} float32 sgd (OpenBLAS, 1 thread)`, command, { env: { ...numpyEnv, OPENBLAS_NUM_THREADS: '1' }, perRound: 1, rounds: 2 });
  }
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
  if (only.some((w) => w === 'W1' || w === 'W4')) ensureDigitsCache();
  if (only.includes('W4')) w4Data();
  const started = new Date();
  const procs = specs().map((s) => new Proc(s));
  const results: Result[] = procs.map((p) => ({ workload: p.spec.workload, name: p.spec.name, samples: {}, medians: {}, extra: {} }));
  const hello = await Promise.all(procs.map((p) => p.next()));
  hello.forEach((h, i) => { if (h.skip) { results[i]!.skipped = String(h.skip); process.stderr.write(`skipping ${procs[i]!.spec.name} ${procs[i]!.spec.workload}: ${h.skip}\n`); } });
  const live = procs.map((p, i) => (results[i]!.skipped ? undefined : p));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, p] of live.entries()) {
      if (!p || round > Math.min(ROUNDS, p.spec.rounds ?? ROUNDS)) continue;
      const warmUps = p.spec.warmUp === false ? 0 : p.spec.warmUps ?? 1;
      const runs = warmUps + Math.min(PER_ROUND, p.spec.perRound ?? PER_ROUND);
      for (let run = 0; run < runs; run++) {
        const answer = await p.ask({ cmd: 'run' });
        if (answer.skip) { results[i]!.skipped = String(answer.skip); live[i] = undefined; break; }
        if (run < warmUps) continue; // the warm-up runs
        const values: Record<string, number> = answer.gflops ?? answer.values ?? { seconds: answer.seconds };
        for (const [key, v] of Object.entries(values)) (results[i]!.samples[key] ??= []).push(v);
        if (answer.extra) Object.assign(results[i]!.extra, answer.extra);
      }
    }
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  for (const [i, p] of live.entries()) {
    if (!p) continue;
    results[i]!.extra = { ...results[i]!.extra, ...(await p.ask({ cmd: 'finish', epochs: quick ? 0 : 6 })) };
  }
  for (const p of procs) p.close();
  const alone = only.includes('W1') && numpyVersion ? await numpyAlone().catch(() => undefined) : undefined;
  for (const r of results) for (const [k, v] of Object.entries(r.samples)) r.medians[k] = median(v);

  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const load = `load average at the end ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  const table = render(results, started, machine, load, alone);
  process.stdout.write(table + '\n');
  const out = join(DIR, quick ? 'results.quick.json' : 'results.json');
  writeFileSync(out, JSON.stringify({ date: started.toISOString(), machine, load, quick, rounds: ROUNDS, perRound: PER_ROUND, numpy: numpyVersion ?? null, numpyAlone: alone ?? null, results }, null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
}

/**
 * The fairness check: numpy W1 in a fresh process with nothing else of the bench running, one
 * warm-up epoch and then 6 consecutive ones, for each thread setting; the median per setting.
 */
async function numpyAlone(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of specs().filter((x) => x.workload === 'W1' && x.name.startsWith('numpy'))) {
    const p = new Proc(s);
    if ((await p.next()).skip) { p.close(); continue; }
    const times: number[] = [];
    for (let e = 0; e < 7; e++) {
      const a = await p.ask({ cmd: 'run' });
      if (e > 0) times.push(a.seconds as number);
    }
    p.close();
    out[s.name] = median(times);
  }
  return out;
}

function render(results: Result[], date: Date, machine: string, load: string, alone?: Record<string, number>): string {
  const out: string[] = [`bpnet benchmark, ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine}; ${load}`, ''];
  out.push(`Each contender: ${ROUNDS} rounds round-robin; per round one warm-up run, then ${PER_ROUND} consecutive counted runs (slow contenders: 1 round, 1 run); medians.`, '');
  const numpys = (w: string) => results.filter((r) => r.workload === w && r.name.startsWith('numpy') && !r.skipped);
  /** The best numpy figure for a key: the fewest seconds, or the most GFLOP/s. */
  const bestNumpy = (w: string, key: string, higherIsBetter: boolean) => {
    const values = numpys(w).map((r) => r.medians[key]).filter((v): v is number => v !== undefined);
    return values.length === 0 ? undefined : higherIsBetter ? Math.max(...values) : Math.min(...values);
  };
  const fmt = (x: number | undefined, digits = 3) => (x === undefined || !Number.isFinite(x) ? '—' : x.toPrecision(digits));
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const skipped = (r: Result) => row([r.name, `skipped: ${r.skipped}`, ...Array(3).fill('')]);
  const titles: Record<string, string> = {
    W1: '**W1 digits-mlp**, one epoch (8 000 samples, batch 64)', W2: '**W2 classic 2-2-2**, 10 000 single-sample steps',
    W2b: '**W2b 2-8-8-1 on XOR**, 2 500 epochs × 4 single-sample steps',
  };
  for (const w of ['W1', 'W2', 'W2b']) {
    const rs = results.filter((r) => r.workload === w);
    if (rs.length === 0) continue;
    const brain = rs.find((r) => r.name.startsWith('brain.js') && !r.skipped)?.medians.seconds;
    const np = w === 'W2b' ? brain : bestNumpy(w, 'seconds', false);
    out.push(titles[w]!, '');
    out.push(row(['system', w === 'W1' ? 's / epoch' : 'ms / 10 000 steps', w === 'W2b' ? '× brain.js' : '× best numpy', w === 'W1' ? 'test accuracy (6 epochs)' : 'final loss', 'peak RSS MB']));
    out.push(row(['---', '---:', '---:', '---:', '---:']));
    for (const r of rs) {
      if (r.skipped) { out.push(skipped(r)); continue; }
      const s = r.medians.seconds;
      const acc = r.extra.accuracy !== undefined ? `${(100 * r.extra.accuracy).toFixed(2)} %${r.extra.epochs !== 6 ? ` (${r.extra.epochs} ep)` : ''}` : r.extra.loss !== undefined ? Number(r.extra.loss).toExponential(4) : '';
      out.push(row([r.name + (r.extra.kernel ? ` [${r.extra.kernel}]` : ''), w === 'W1' ? fmt(s) : fmt(s! * 1000), np ? `${fmt(s! / np, 2)}×` : '—', acc, fmt(r.extra.maxRssMB)]));
    }
    if (w === 'W2' && brain) {
      const bp = rs.find((r) => r.name.startsWith('bpnet auto'))?.medians.seconds;
      if (bp) out.push('', `bpnet auto / brain.js: ${fmt(bp / brain, 2)}×`);
    }
    if (w === 'W1' && alone) {
      for (const [name, s] of Object.entries(alone)) {
        const inBench = rs.find((r) => r.name === name)?.medians.seconds;
        out.push('', `${name} run on its own (fresh process, warm-up + 6 consecutive epochs): ${fmt(s)} s / epoch; in the bench ${fmt(inBench)} (${inBench ? `${((inBench / s - 1) * 100).toFixed(1)} %` : '—'})`);
      }
      const nat = rs.find((r) => r.name.startsWith('bpnet auto'))?.medians.seconds, wasm = rs.find((r) => r.name.startsWith('bpnet wasm'))?.medians.seconds;
      if (nat && wasm) out.push('', `bpnet wasm / native: ${fmt(wasm / nat, 2)}×`);
    }
    out.push('');
  }
  const w4 = results.filter((r) => r.workload === 'W4');
  if (w4.length > 0) {
    const sgd = w4.find((r) => r.name.endsWith('sgd') && r.name.startsWith('bpnet'))?.medians.seconds;
    const np = bestNumpy('W4', 'seconds', false);
    out.push('**W4 60 000 images, 784-256-10, batch 64** (through `bpnet train`), one epoch', '');
    out.push(row(['system', 's / epoch', '× bpnet sgd', '× best numpy sgd', 'loss after the run', 'peak RSS MB']));
    out.push(row(['---', '---:', '---:', '---:', '---:', '---:']));
    for (const r of w4) {
      if (r.skipped) { out.push(row([r.name, `skipped: ${r.skipped}`, '', '', '', ''])); continue; }
      const s = r.medians.seconds!;
      out.push(row([r.name + (r.extra.kernel ? ` [${r.extra.kernel}]` : ''), fmt(s), sgd ? `${fmt(s / sgd, 2)}×` : '—', np ? `${fmt(s / np, 2)}×` : '—',
        r.extra.loss !== undefined ? Number(r.extra.loss).toFixed(4) : '', fmt(r.extra.maxRssMB)]));
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
