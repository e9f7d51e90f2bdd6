#!/usr/bin/env node
/**
 * The bpnet command line. Exit codes: 0 success, 2 bad usage or bad input (the message names the
 * file, field or flag), 1 internal failure (a bug: no input may cause it), 130 interrupted
 * (Ctrl-C: during training the model is saved), 143 / 129 terminated by SIGTERM / SIGHUP.
 */
import { readFileSync } from 'node:fs';
import { BpnetError } from '../node.ts';
import { UsageError } from './command.ts';
import { commands } from './commands.ts';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `bpnet — feedforward neural networks trained by backpropagation

Usage: bpnet <command> [options]     (bpnet <command> --help for its options)

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Exit codes: 0 ok, 2 bad usage or input, 1 internal error, 3 gradcheck found a mismatch,
130 interrupted (model saved).
`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined && commands.some((c) => c.name === rest[0])) {
    process.stdout.write(commands.find((c) => c.name === rest[0])!.help + '\n');
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`bpnet: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const local = command.localize?.(rest);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write((local?.help ?? command.help) + '\n');
    return 0;
  }
  try {
    // The one way to reach exit code 1 on purpose: tests check that internal errors are reported.
    if (process.env.BPNET_TEST_INTERNAL_ERROR === '1') throw new Error('internal error test hook (BPNET_TEST_INTERNAL_ERROR=1)');
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(local
        ? `bpnet ${name}: ${local.usage(e.message)}\n${local.seeHelp}\n`
        : `bpnet ${name}: ${e.message}\n(see: bpnet ${name} --help)\n`);
      return 2;
    }
    if (e instanceof BpnetError) {
      process.stderr.write(`bpnet ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`bpnet ${name}: internal error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}

// A reader that closes the pipe early (bpnet predict … | head) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

/**
 * Signals end the process cleanly: a message, no temporary files left (see io/atomic.ts, whose exit
 * hook removes them), the conventional exit code. A command that handles a signal itself (train
 * stops after the current batch and saves) adds its own listener; this one then stands back.
 */
function onSignal(signal: NodeJS.Signals, code: number): void {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    process.stderr.write(`\nbpnet: ${signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`}${loadingNote()}\n`);
    process.exit(code);
  });
}
/** Which command was running, for the message. */
function loadingNote(): string {
  const name = process.argv[2];
  return name === 'train' ? ' before training started (the data was still loading); nothing was written' : '';
}

onSignal('SIGINT', 130);
onSignal('SIGTERM', 143);
onSignal('SIGHUP', 129);

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`bpnet: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = 1; },
);
