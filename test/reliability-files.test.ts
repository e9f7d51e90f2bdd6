/**
 * Output files and signals (issue 10): special files are refused before any work, symlinks are
 * followed, temporary files never stay, Ctrl-C while loading and SIGTERM end cleanly, kill -9 always
 * leaves a valid model, and exit code 1 is reached only through the internal-error test hook.
 * Devices are never touched: a FIFO and a symlink in a temporary folder stand in for them.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, openSync, writeSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { killNine } from '../fuzz/kill9.ts';
import { writeAtomic } from '../src/io/files.ts';
import { bpnet, ROOT, tempDir } from './helpers.ts';

const data = join(ROOT, 'examples/xor/xor.json');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, 'mkfifo is needed for this test');
}

test('--out on a FIFO or a directory is refused before training, exit 2, and the FIFO stays a FIFO', () => {
  const dir = tempDir();
  const fifo = join(dir, 'pipe');
  mkfifo(fifo);
  const r = bpnet(['train', '--layers', '2-2-1', '--data', data, '--epochs', '1', '--out', fifo]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /pipe: cannot write: is a FIFO \(named pipe\); bpnet writes output files only to regular files or new paths/);
  assert.doesNotMatch(r.stderr, /epoch/);
  assert.ok(lstatSync(fifo).isFIFO());
  // A link to a special file (as /dev/stdout is) is refused the same way; so is a directory.
  symlinkSync(fifo, join(dir, 'link-to-pipe'));
  assert.match(bpnet(['train', '--layers', '2-2-1', '--data', data, '--out', join(dir, 'link-to-pipe')]).stderr, /is a FIFO/);
  mkdirSync(join(dir, 'folder'));
  assert.match(bpnet(['train', '--layers', '2-2-1', '--data', data, '--out', join(dir, 'folder')]).stderr, /folder: cannot write: is a directory, expected a file/);
  assert.throws(() => writeAtomic(fifo, 'x'), /is a FIFO/);
  assert.ok(lstatSync(fifo).isFIFO());
  assert.deepEqual(readdirSync(dir).sort(), ['folder', 'link-to-pipe', 'pipe']);
});

test('--out through a symlink: the link stays, its target is replaced, the target keeps its mode', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'real'));
  const target = join(dir, 'real', 'model.json');
  writeFileSync(target, 'old');
  chmodSync(target, 0o640);
  symlinkSync(join('real', 'model.json'), join(dir, 'link.json'));
  symlinkSync('link.json', join(dir, 'link2.json')); // a chain of links
  const r = bpnet(['train', '--layers', '2-2-1', '--data', data, '--epochs', '2', '--quiet', '--out', join(dir, 'link2.json')]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(lstatSync(join(dir, 'link2.json')).isSymbolicLink());
  assert.equal(readlinkSync(join(dir, 'link.json')), join('real', 'model.json'));
  assert.equal(JSON.parse(readFileSync(target, 'utf8')).format, 'bpnet-model');
  assert.equal(statSync(target).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(join(dir, 'real')), ['model.json']);
  // A dangling link: its target is created.
  symlinkSync(join(dir, 'real', 'new.json'), join(dir, 'dangling.json'));
  writeAtomic(join(dir, 'dangling.json'), 'new');
  assert.equal(readFileSync(join(dir, 'real', 'new.json'), 'utf8'), 'new');
  assert.ok(lstatSync(join(dir, 'dangling.json')).isSymbolicLink());
});

test('a temporary file left by a killed process is removed by the next write; a failed write leaves none', () => {
  const dir = tempDir();
  const path = join(dir, 'model.json');
  writeFileSync(join(dir, '.model.json.999999999.1.tmp'), 'half a model');
  writeAtomic(path, 'whole');
  assert.deepEqual(readdirSync(dir), ['model.json']);
  assert.throws(() => writeAtomic(join(path, 'below-a-file.json'), 'x'), /cannot write/);
  assert.deepEqual(readdirSync(dir), ['model.json']);
});

/** Starts bpnet, waits until `ready` says so, sends `signal`, returns exit code and stderr. */
async function signalled(args: string[], signal: NodeJS.Signals, ready: (pid: number) => boolean): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  for (let waited = 0; !ready(child.pid!) && waited < 30_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
  child.kill(signal);
  return { code: await exited, stderr };
}

test('Ctrl-C while the data is still loading: a clean message, exit 130, nothing written', { skip: !existsSync('/proc/self/fd') && 'needs /proc' }, async () => {
  const dir = tempDir();
  const fifo = join(dir, 'data.csv');
  mkfifo(fifo);
  // The test holds the FIFO open and writes only a header: loading waits for the rest until
  // interrupted. It is "loading" once bpnet has the FIFO open (Linux: /proc/PID/fd).
  const writer = openSync(fifo, 'r+');
  writeSync(writer, 'x1,x2,y\n');
  const opened = (pid: number) => {
    try { return readdirSync(`/proc/${pid}/fd`).some((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`) === fifo; } catch { return false; } }); } catch { return false; }
  };
  const r = await signalled(['train', '--layers', '2-2-1', '--data', fifo, '--out', join(dir, 'm.json')], 'SIGINT', opened);
  closeSync(writer);
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /^\nbpnet: interrupted before training started \(the data was still loading\); nothing was written\n$/);
  assert.deepEqual(readdirSync(dir), ['data.csv']);
});

test('SIGTERM during training with checkpoints: stops after the batch, saves, no temporary file', async () => {
  const dir = tempDir();
  const out = join(dir, 'm.json');
  const r = await signalled(['train', '--layers', '2-8-1', '--data', data, '--epochs', '1000000', '--checkpoint-every', '1', '--quiet', '--out', out], 'SIGTERM', () => existsSync(out));
  assert.equal(r.code, 130, r.stderr);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).format, 'bpnet-model');
  assert.deepEqual(readdirSync(dir), ['m.json']);
});

test('kill -9 at random moments during --checkpoint-every 1: always a valid model, no temporary file left', { timeout: 300_000 }, async () => {
  const r = await killNine(6, 7);
  assert.deepEqual(r.problems, []);
  assert.equal(r.valid, 6);
  assert.equal(r.tmpAtEnd, 0);
});

test('exit code 1 only through the internal-error test hook', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'eval', '--model', 'x', '--data', 'y'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, BPNET_TEST_INTERNAL_ERROR: '1' },
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^bpnet eval: internal error: Error: internal error test hook/);
  assert.equal(bpnet(['eval', '--model', 'x', '--data', 'y']).code, 2);
});
