/** The CLI's commands, in the order `bpnet --help` lists them. */
import type { Command } from './command.ts';
import { evalCommand } from './eval.ts';
import { explainCommand } from './explain.ts';
import { initCommand } from './init.ts';
import { predictCommand } from './predict.ts';
import { trainCommand } from './train.ts';

export const commands: Command[] = [
  trainCommand,
  evalCommand,
  predictCommand,
  initCommand,
  explainCommand,
];
