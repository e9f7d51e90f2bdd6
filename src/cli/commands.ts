/** The CLI's commands, in the order `bpnet --help` lists them. */
import type { Command } from './command.ts';
import { doctorCommand } from './doctor.ts';
import { evalCommand } from './eval.ts';
import { gradcheckCommand } from './gradcheck.ts';
import { explainCommand } from './explain.ts';
import { errataCommand } from './errata.ts';
import { initCommand } from './init.ts';
import { exportCommand } from './export.ts';
import { exportWeightsCommand } from './export-weights.ts';
import { importCommand } from './import.ts';
import { importWeightsCommand } from './import-weights.ts';
import { predictCommand } from './predict.ts';
import { showCommand } from './show.ts';
import { startCommand } from './start.ts';
import { trainCommand } from './train.ts';

export const commands: Command[] = [
  trainCommand,
  evalCommand,
  predictCommand,
  initCommand,
  gradcheckCommand,
  explainCommand,
  errataCommand,
  startCommand,
  showCommand,
  exportCommand,
  importCommand,
  importWeightsCommand,
  exportWeightsCommand,
  doctorCommand,
];
