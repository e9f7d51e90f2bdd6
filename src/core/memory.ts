/**
 * Sizes are checked before memory is allocated: a typo such as `--layers 784-100000000-10` or a
 * corrupt header claiming 2³¹ items must end in a message saying how much memory it would take,
 * not in a RangeError or an out-of-memory abort minutes later. The limit is an option everywhere
 * (`maxMemory`, the CLI's --max-memory); the library cannot ask the browser for the machine's
 * RAM, so its default is a fixed 4 GiB, and the CLI's is half the machine's memory.
 */
import { BpnetError } from './errors.ts';

/** Default memory limit of library calls, in bytes. */
export const DEFAULT_MAX_MEMORY = 4 * 1024 ** 3;

/** "3.2 GB", "512 MB", "12 kB": decimal units, two significant digits at least. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'more than any machine has';
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let u = 0, v = bytes;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return u === 0 ? `${v} bytes` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/**
 * Throws unless `bytes` fit in `limit`, e.g. `--layers 3-100000000-2: the weights need 4.8 GB,
 * more than the memory limit of 2.0 GB (--max-memory / maxMemory)`.
 */
export function checkMemory(bytes: number, what: string, where: string | undefined, limit = DEFAULT_MAX_MEMORY): void {
  if (bytes <= limit) return;
  throw new BpnetError(`${what} need${what.endsWith('s') ? '' : 's'} ${formatBytes(bytes)}, more than the memory limit of ${formatBytes(limit)} (raise it with --max-memory, or the maxMemory option)`, where);
}

/** Parses "2GB", "512M", "1.5 GiB", "100000" (bytes) into bytes; undefined when not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = ' kmgt'.indexOf(m[2]!.toLowerCase() || ' ');
  const bytes = Number(m[1]) * (m[3] ? 1024 : 1000) ** power;
  return Number.isFinite(bytes) && bytes > 0 ? Math.floor(bytes) : undefined;
}
