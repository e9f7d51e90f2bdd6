/**
 * kill -9 soak: `node --import tsx fuzz/kill9.ts [--times 40]`. Starts `bpnet train
 * --checkpoint-every 1` (each epoch rewrites --out), kills it with SIGKILL at a random moment, checks
 * that --out is a complete, loadable model with a valid training state, resumes from it, and so
 * on. Counts temporary files found right after a kill (only a kill inside a write can leave one)
 * and after the final run (the next write removes leftovers of dead processes: none may remain).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTrainerState, networkFromJSON } from '../src/index.ts';
import { Rng } from '../src/core/rng.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

export interface KillResult { kills: number; valid: number; tmpAfterKill: number; tmpAtEnd: number; problems: string[] }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(args: string[]): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, stdio: 'ignore' });
  return { done: new Promise((r) => child.on('exit', (code) => r(code))), kill: () => child.kill('SIGKILL') };
}

export async function killNine(times: number, seed = 1): Promise<KillResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bpnet-kill9-'));
  const out = join(dir, 'model.json');
  const rng = new Rng(seed);
  const common = ['--data', join(ROOT, 'examples/xor/xor.json'), '--epochs', '1000000', '--checkpoint-every', '1', '--quiet', '--out', out];
  const result: KillResult = { kills: 0, valid: 0, tmpAfterKill: 0, tmpAtEnd: 0, problems: [] };
  const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp')).length;
  for (let i = 0; i < times; i++) {
    const p = run(existsSync(out) ? ['train', '--model', out, ...common] : ['train', '--layers', '2-16-1', '--optimizer', 'adam', ...common]);
    const before = existsSync(out) ? readFileSync(out, 'utf8').length : 0;
    // Wait until this run has written at least once (or failed), then a random moment.
    for (let waited = 0; waited < 20_000 && (!existsSync(out) || readFileSync(out, 'utf8').length === before); waited += 20) await sleep(20);
    await sleep(rng.int(400));
    p.kill();
    await p.done;
    result.kills++;
    result.tmpAfterKill += temps();
    try {
      const json = JSON.parse(readFileSync(out, 'utf8'));
      const net = networkFromJSON(json, out);
      checkTrainerState((net.extra.training as { state: unknown }).state, net, undefined, 'state');
      result.valid++;
    } catch (e) {
      result.problems.push(`kill ${i + 1}: ${(e as Error).message}`);
    }
  }
  // One more, short run: its first write removes what a killed run may have left.
  await run(['train', '--model', out, ...common.slice(0, 2), '--epochs', '1', '--checkpoint-every', '1', '--quiet', '--out', out]).done;
  result.tmpAtEnd = temps();
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--times');
  const times = i >= 0 ? Number(process.argv[i + 1]) : 40;
  const r = await killNine(times);
  process.stdout.write(`kill -9: ${r.kills} kills, ${r.valid} valid files, ${r.tmpAfterKill} temporary files seen right after a kill, ${r.tmpAtEnd} left at the end\n`);
  for (const p of r.problems) process.stdout.write(`  ${p}\n`);
  process.exitCode = r.valid === r.kills && r.tmpAtEnd === 0 ? 0 : 1;
}
