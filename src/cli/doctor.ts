import { AUTO_FLOAT64_MAX_PARAMETERS, getKernel, kernelInfo } from '../node.ts';
import { parseOptions, type Command } from './command.ts';

/** `bpnet doctor`: which kernels this installation has, which one is used, and why one is missing. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'show which compute kernels this installation has, and why one is missing',
  help: `Usage: bpnet doctor [--json]

Lists every kernel backend (native, wasm, js32, reference), whether it runs here and, when it
does not, why and how to fix it; then which kernel training uses by default.
  --json      print {"node","platform","kernels":[{"name","available","reason"?,…}],"auto":{…}}`,
  async run(argv) {
    const { values } = parseOptions(argv, { json: { type: 'boolean' } });
    const kernels = kernelInfo();
    const auto = { float32: getKernel('auto', 'float32').name, float64: getKernel('auto', 'float64').name };
    if (values.json) {
      process.stdout.write(JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, kernels, auto }) + '\n');
      return 0;
    }
    const width = Math.max(...kernels.map((k) => k.name.length));
    const lines = [
      `node ${process.version} on ${process.platform}-${process.arch}`,
      '',
      'kernels (fastest first):',
      ...kernels.map((k) => `  ${k.name.padEnd(width)}  ${k.available ? 'ok' : 'missing'}  ${k.available ? k.description : k.reason}`),
      '',
      `default: ${auto.float64} (float64) up to ${AUTO_FLOAT64_MAX_PARAMETERS.toLocaleString('en-US')} parameters, ${auto.float32} (float32) above`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
