/**
 * File access for the CLI (Node only). Reads fail with a BpnetError naming the file; writes are
 * atomic — written to a temporary file beside the target, then renamed over it — so an interrupted
 * run never leaves a half-written model behind.
 */
import { accessSync, constants, readFileSync, renameSync, writeFileSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { BpnetError } from '../core/errors.ts';
import { findJsonError } from '../data/json-position.ts';

/** A file's bytes; a BpnetError naming the file when it cannot be read. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : (e as Error).message;
    throw new BpnetError(`cannot read: ${why}`, path);
  }
}

/** A file's text (UTF-8); a BpnetError naming the file when it cannot be read. */
export function readText(path: string): string {
  return readBytes(path).toString('utf8');
}

/** Parses a JSON file; a syntax error names the file, line and column. */
export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BpnetError(`invalid JSON: ${describeJsonError(text, e as Error)}`, path);
  }
}

function describeJsonError(text: string, e: Error): string {
  const where = findJsonError(text);
  return where ? `${where.message} at line ${where.line}, column ${where.column}` : e.message.split('\n')[0]!;
}

/** Writes a file atomically (temp file + rename), creating the folder if needed. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw new BpnetError(`cannot write: ${(e as Error).message}`, path);
  }
}

/** Checks up front that `path` can be written, so that a long run is not lost to a bad --out. */
export function checkWritable(path: string): void {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error('is a directory, expected a file');
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new BpnetError(`cannot write: ${(e as Error).message}`, path);
  }
}
