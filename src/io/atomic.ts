/**
 * Atomic file writes (Node). A file is written to a temporary file beside its target, then renamed
 * over it, so that a reader (or a crash, even kill -9) sees either the old file or the new one,
 * never half of one. What bpnet promises about output paths:
 *
 * - a new path or a regular file: replaced atomically, keeping the old file's permission bits;
 * - a symbolic link: followed (chains too); the link stays, its final target is replaced;
 * - anything else (directory, device such as /dev/null, FIFO, socket, also /dev/stdout, which is a
 *   link to one of those): refused with a BpnetError before any work starts (`checkWritable`),
 *   since renaming over it would replace the special file with a regular one;
 * - temporary files (`.NAME.PID.N.tmp`) are removed when a write fails and when the process exits,
 *   signals included; only kill -9 between creating one and renaming it can leave one behind, and
 *   the next write to the same target removes such a leftover (its process is gone).
 */
import {
  chmodSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, renameSync,
  statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { accessSync, constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { BpnetError } from '../core/errors.ts';

/** What a path will be written as: its final target after following links, and that target's stats. */
export function resolveOutput(path: string): { target: string; stats: Stats | undefined } {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let stats: Stats;
    try {
      stats = lstatSync(target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { target, stats: undefined };
      throw e;
    }
    if (!stats.isSymbolicLink()) return { target, stats };
    target = resolve(dirname(target), readlinkSync(target));
  }
  throw new Error('too many levels of symbolic links');
}

/** Why a path cannot be an output file, or undefined when it can. */
function kindProblem(stats: Stats | undefined): string | undefined {
  if (!stats || stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory, expected a file';
  const kind = stats.isFIFO() ? 'a FIFO (named pipe)'
    : stats.isSocket() ? 'a socket' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'not a regular file';
  return `is ${kind}; bpnet writes output files only to regular files or new paths (write to a file, then copy it)`;
}

/** The output's final target (links followed), refused unless a regular file or new; its folder created. */
function prepareOutput(path: string): { target: string; stats: Stats | undefined; dir: string } {
  const { target, stats } = resolveOutput(path);
  const problem = kindProblem(stats);
  if (problem) throw new Error(problem);
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  return { target, stats, dir };
}

/** Checks up front that `path` can be written, so that a long run is not lost to a bad --out. */
export function checkWritable(path: string): void {
  try {
    const { target, stats, dir } = prepareOutput(path);
    accessSync(dir, constants.W_OK);
    if (stats) accessSync(target, constants.W_OK);
  } catch (e) {
    throw new BpnetError(`cannot write: ${oneLine(e)}`, path);
  }
}

/** Writes a file atomically (temp file + fsync + rename), creating the folder if needed. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  let tmp: string | undefined;
  let removeOnExit: (() => void) | undefined;
  try {
    const { target, stats, dir } = prepareOutput(path);
    removeStaleTemps(dir, basename(target));
    // A random part, not a counter: no state kept between writes.
    tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const created = tmp;
    // Whatever ends the process while the file exists (an exit from inside a callback) removes it.
    removeOnExit = () => { try { unlinkSync(created); } catch { /* already gone */ } };
    process.on('exit', removeOnExit);
    const fd = openSync(tmp, 'wx', stats ? stats.mode & 0o7777 : 0o666);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // openSync's mode is filtered by the umask; the old file's bits are kept exactly.
    if (stats) chmodSync(tmp, stats.mode & 0o7777);
    renameSync(tmp, target);
  } catch (e) {
    if (tmp !== undefined) {
      try { unlinkSync(tmp); } catch { /* never created or already gone */ }
    }
    throw new BpnetError(`cannot write: ${oneLine(e)}`, path);
  } finally {
    if (removeOnExit) process.off('exit', removeOnExit);
  }
}

/** Removes `.NAME.PID.N.tmp` files of `name` left by a process that no longer runs (kill -9). */
function removeStaleTemps(dir: string, name: string): void {
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return; }
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const m = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(entry.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    try {
      if (statSync(join(dir, entry)).isFile()) unlinkSync(join(dir, entry));
    } catch { /* raced with another cleaner */ }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function oneLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}
