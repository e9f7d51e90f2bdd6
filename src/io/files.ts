/**
 * File access for the CLI (Node only). Reads fail with a BpnetError naming the file; writes are
 * atomic (see atomic.ts), so an interrupted run never leaves a half-written model behind.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Socket } from 'node:net';
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
 * waiting for its writer) is being read is answered at once. A FIFO is read through a pipe handle
 * (polled, like stdin), not by a thread blocked in read(): such a thread would keep the process
 * from exiting at all.
 */
export async function readBytesAsync(path: string): Promise<Buffer> {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO does not wait for a writer (regular files ignore the flag).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFIFO()) {
      const file = fd;
      fd = undefined;
      closeSync(file);
      return await readFile(path);
    }
    const pipe = new Socket({ fd, readable: true, writable: false });
    fd = undefined; // the socket owns it now
    const chunks: Buffer[] = [];
    for await (const chunk of pipe) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (e) {
    throw readError(e, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
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
