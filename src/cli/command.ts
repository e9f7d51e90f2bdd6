/**
 * What every CLI command is: a name, a one-line summary, its help text and a run function that
 * returns the exit code. Option parsing uses node:util's parseArgs in strict mode, so a misspelt
 * flag is a usage error (exit 2), never silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BpnetError, dataFormats } from '../node.ts';

/** The --data formats, from the format dispatcher, for every command's help. */
export const DATA_FORMATS_HELP = `${dataFormats.map((f) => f.name).join(', ')} or mnist-sample[:train|:test]`;

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
  /**
   * Commands that speak the user's language (--lang, or a zh locale): their help and the way a
   * usage error is worded, for these arguments. Without it the CLI prints `help` and the message.
   */
  localize?(argv: string[]): { help: string; usage(message: string): string; seeHelp: string };
}

/** Thrown for bad command-line usage; the CLI prints it with a hint to --help and exits 2. */
export class UsageError extends BpnetError {}

export type Options = NonNullable<ParseArgsConfig['options']>;

type HelpFlag = { help: { type: 'boolean'; short: 'h' } };
export type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T & HelpFlag; allowPositionals: boolean; strict: true }>>;

export function parseOptions<T extends Options>(argv: string[], options: T, allowPositionals = false): Parsed<T> {
  // parseArgs reads "--lr -1" as two flags; join a negative number to its flag so the
  // range check can report it ("--lr: expected a positive number, got -1").
  argv = argv.flatMap((arg, i) => (/^-\d|^-\.\d/.test(arg) && argv[i - 1]?.startsWith('--') ? [] : /^--[^=]+$/.test(arg) && /^-\d|^-\.\d/.test(argv[i + 1] ?? '') ? [`${arg}=${argv[i + 1]}`] : [arg]));
  try {
    const help: HelpFlag = { help: { type: 'boolean', short: 'h' } };
    return parseArgs({ args: argv, options: { ...options, ...help }, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/** Parses a numeric flag, with a clear error if it is not a number in range. */
export function numberFlag(
  value: string | undefined, flag: string, rule: 'positive' | 'non-negative' | 'fraction' | 'any' | 'integer' | 'positive-integer' = 'any',
): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(v) && ({
    positive: v > 0, 'non-negative': v >= 0, fraction: v >= 0 && v < 1, any: true,
    integer: Number.isSafeInteger(v), 'positive-integer': Number.isSafeInteger(v) && v > 0,
  } as const)[rule];
  if (!ok) {
    const expected = {
      positive: 'a positive number', 'non-negative': 'a number ≥ 0', fraction: 'a number in [0, 1)', any: 'a number',
      integer: 'an integer', 'positive-integer': 'a positive integer',
    }[rule];
    throw new UsageError(`${flag}: expected ${expected}, got "${value}"`);
  }
  return v;
}

/** Parses a flag restricted to a fixed set of names. */
export function choiceFlag<T extends string>(value: string | undefined, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) throw new UsageError(`${flag}: expected one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
}

export function requireFlag<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw new UsageError(`${flag} is required`);
  return value;
}
