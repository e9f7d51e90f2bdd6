/**
 * W4 through the command line, as a user runs it: `cli-runner.ts sgd|momentum|adam`. Each run is
 * one whole `bpnet train` of W4_EPOCHS epochs on the 60 000 IDX images (784-256-10, ReLU,
 * softmax + cross-entropy, batch 64, no augmentation), timed by its own `--json` epoch lines; the
 * first epoch is a warm-up and not counted. Peak RSS is the child's VmHWM from /proc (Linux),
 * read every 20 ms until it exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureW4Data } from './data.ts';
import { serve } from './protocol.ts';

const [optimizer = 'sgd'] = process.argv.slice(2);
const W4_EPOCHS = 3;
const BIN = join(import.meta.dirname, '..', 'bin', 'bpnet.js');

function peakRssMB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

await serve(() => {
  if (!existsSync('/proc/self/status')) return 'W4 reads peak memory from /proc (Linux only)';
  const files = ensureW4Data();
  const dir = mkdtempSync(join(tmpdir(), 'bpnet-w4-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  let extra: Record<string, unknown> = {};
  let rss = 0;
  return {
    run: () => new Promise((resolve) => {
      const lr = optimizer === 'adam' ? '0.001' : optimizer === 'momentum' ? '0.01' : '0.05';
      const child = spawn(process.execPath, [BIN, 'train', '--layers', '784-256-10', '--activation', 'relu',
        '--data', files.images, '--labels', files.labels, '--optimizer', optimizer, '--lr', lr, '--batch-size', '64',
        '--epochs', String(W4_EPOCHS), '--augment', 'none', '--json', '--out', join(dir, 'model.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '', err = '';
      child.stdout.on('data', (b) => { out += b; });
      child.stderr.on('data', (b) => { err += b; });
      const poll = setInterval(() => { rss = Math.max(rss, peakRssMB(child.pid!) ?? 0); }, 20);
      child.on('exit', (code) => {
        clearInterval(poll);
        const epochs = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { seconds: number; loss: number });
        if (code !== 0 || epochs.length < 2) return resolve({ skip: `bpnet train exited ${code}: ${err.trim().split('\n').at(-1) ?? ''}` });
        const counted = epochs.slice(1).map((e) => e.seconds).sort((a, b) => a - b);
        extra = { loss: epochs.at(-1)!.loss, epochs: epochs.length };
        resolve({ seconds: counted[Math.floor(counted.length / 2)]! });
      });
    }),
    // The memory reported is the CLI's, not this runner's.
    finish: () => ({ ...extra, maxRssMB: rss }),
  };
});
