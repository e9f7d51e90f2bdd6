/**
 * Library options from command-line flags: each command maps the keys of a library schema
 * (TRAIN_SCHEMA, MODEL_SCHEMA) to its flag names, and every value is checked by the schema's rule
 * before any file is read. Flag names live here in the CLI; the schema's words ("a positive
 * number") are shared with the library's own messages.
 */
import { expectedBy, show, TRAIN_SCHEMA, type OptionRule, type OptionSchema } from '../node.ts';
import { UsageError, type Options } from './command.ts';

/** For each schema key the CLI exposes: its flag, without the leading dashes. */
export type FlagNames<K extends string> = Partial<Record<K, string>>;

/** parseArgs declarations of the mapped flags (booleans as switches, everything else as strings). */
export function flagOptions<K extends string>(schema: OptionSchema<K>, names: FlagNames<K>): Options {
  const out: Options = {};
  for (const [key, flag] of Object.entries(names) as [K, string][]) out[flag] = { type: schema[key].kind === 'boolean' ? 'boolean' : 'string' };
  return out;
}

/** One flag's value under its rule: a number or a choice, or a UsageError naming the flag. */
export function flagValue(rule: OptionRule, flag: string, value: string | boolean | undefined): string | number | boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (rule.kind === 'boolean') return value;
  const parsed = rule.kind === 'number' ? (value.trim() === '' ? NaN : Number(value)) : value;
  const ok = rule.kind === 'number' ? rule.ok(parsed as number) : rule.choices.includes(value);
  if (!ok) throw new UsageError(`--${flag}: expected ${expectedBy(rule)}, got ${show(value)}`);
  return parsed;
}

/** The library options the flags give, every one checked; flags not given stay undefined. */
export function optionsFromFlags<K extends string, T extends Partial<Record<K, unknown>>>(
  schema: OptionSchema<K>, names: FlagNames<K>, values: Record<string, string | boolean | undefined>,
): T {
  const out: Record<string, unknown> = {};
  for (const [key, flag] of Object.entries(names) as [K, string][]) {
    const v = flagValue(schema[key], flag, values[flag]);
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

/** The flag of each training option `bpnet train` exposes (the rules are the library's TRAIN_SCHEMA). */
export const TRAIN_FLAG_NAMES: FlagNames<keyof typeof TRAIN_SCHEMA> = {
  optimizer: 'optimizer', learningRate: 'lr', momentum: 'momentum', batchSize: 'batch-size', epochs: 'epochs',
  weightDecay: 'weight-decay', validationSplit: 'validation-split', targetLoss: 'target-loss', patience: 'patience',
  updateOrder: 'update-order', normalize: 'normalize',
};

/** The training options that change one step: `bpnet explain` takes them under the flags of `bpnet train`. */
export const STEP_FLAG_NAMES: FlagNames<keyof typeof TRAIN_SCHEMA> = Object.fromEntries(
  (['optimizer', 'learningRate', 'momentum', 'batchSize', 'weightDecay', 'updateOrder'] as const).map((k) => [k, TRAIN_FLAG_NAMES[k]!]),
);
