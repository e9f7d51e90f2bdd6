/**
 * File access for the CLI (Node only). Reads fail with a BpnetError naming the file; writes are
 * atomic (see atomic.ts), so an interrupted run never leaves a half-written model behind.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { BpnetError } from '../core/errors.ts';
import { parseJsonText } from '../data/json-text.ts';

/** A file's bytes; a BpnetError naming the file when it cannot be read. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw readError(e, path);
  }
}

/**
 * Reads a file without blocking the event loop, so that Ctrl-C while a large data file (or a FIFO
 * with no writer yet) is being read is answered at once.
 */
export async function readBytesAsync(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw readError(e, path);
  }
}

function readError(e: unknown, path: string): BpnetError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : String((e as Error).message);
  return new BpnetError(`cannot read: ${why}`, path);
}

/** A file's text (UTF-8); a BpnetError naming the file when it cannot be read. */
export function readText(path: string): string {
  return readBytes(path).toString('utf8');
}

/** Parses a JSON file; a syntax error names the file, line and column; deep nesting is refused. */
export function readJson(path: string): unknown {
  return parseJsonText(readText(path), path);
}

export { checkWritable, writeAtomic } from './atomic.ts';
