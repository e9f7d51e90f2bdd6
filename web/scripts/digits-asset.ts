/**
 * Build step: converts the `mnist` package's ~21 MB of per-digit JSON into one compact binary asset
 * for the playground, web/public/digits.bin (generated, not committed):
 *   10 × uint32 little-endian sample counts (digit 0…9), then every pixel as one byte k, digit by digit.
 * The package stores pixels as k/255 rounded to 3 decimals; web/src/digits-data.ts restores exactly
 * those numbers (the script checks the round trip), so the page trains on the same data as the CLI.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'digits.bin');
const require = createRequire(import.meta.url);

export const restorePixel = (k: number): number => Math.round((k / 255) * 1000) / 1000;

/** The package's per-digit pixel arrays (digit 0…9). */
export function readPackageDigits(): number[][] {
  return Array.from({ length: 10 }, (_, d) =>
    (JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')) as { data: number[] }).data);
}

/** The asset's bytes; throws if a pixel would not come back exactly. */
export function encodeDigits(digits: number[][]): Uint8Array {
  const total = digits.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(40 + total);
  const view = new DataView(bytes.buffer);
  let offset = 40;
  digits.forEach((data, d) => {
    view.setUint32(4 * d, data.length / 784, true);
    for (const v of data) {
      const k = Math.round(v * 255);
      if (restorePixel(k) !== v) throw new Error(`digit ${d}: pixel ${v} does not round-trip through a byte`);
      bytes[offset++] = k;
    }
  });
  return bytes;
}

function build(): void {
  const bytes = encodeDigits(readPackageDigits());
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${(bytes.length / 1e6).toFixed(1)} MB)`);
}

// Rebuilt only when missing or older than the package's files.
const fresh = (() => {
  try { return statSync(out).mtimeMs >= statSync(require.resolve('mnist/src/digits/9.json')).mtimeMs; } catch { return false; }
})();
const main = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (main && (!fresh || process.argv.includes('--force'))) build();
