/** Shared test helpers: running the CLI as a user would, and temporary folders. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs `bpnet ARGS` (from the TypeScript source through tsx) in the repo root. */
export function bpnet(args: string[], options: { cwd?: string; input?: string; timeout?: number; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', input: options.input, timeout: options.timeout ?? 120_000,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'bpnet-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Rounds to `digits` decimals, as the textbooks print. */
export function round(x: number, digits = 9): number {
  return Number(x.toFixed(digits));
}
