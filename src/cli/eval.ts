import { evaluate, type Evaluation } from '../core/evaluate.ts';
import { loadDataset } from '../io/datasets.ts';
import { loadModel } from '../io/models.ts';
import { numberFlag, parseOptions, requireFlag, type Command } from './command.ts';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a model on a dataset: objective, mean loss, accuracy',
  help: `Usage: bpnet eval --model M.json --data D [--weight-decay λ] [--json]

  --model FILE          the model
  --data FILE           dataset (.json, .csv, …)
  --target NAME[,NAME]  CSV: target column(s) (default: the last column)
  --weight-decay λ      include (λ/2)·Σ‖W‖² in the objective (default 0)
  --json                print {"loss","objective","accuracy","samples"} as one JSON object`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string' },
      'weight-decay': { type: 'string' }, json: { type: 'boolean' },
    });
    const net = loadModel(requireFlag(values.model, '--model'));
    const data = await loadDataset(requireFlag(values.data, '--data'), { target: values.target?.split(','), defaultSplit: 'test' });
    const result = evaluate(net, data, { weightDecay: numberFlag(values['weight-decay'], '--weight-decay', 'non-negative') ?? 0 });
    process.stdout.write(values.json ? JSON.stringify(result) + '\n' : formatEvaluation(result));
    return 0;
  },
};

export function formatEvaluation(r: Evaluation): string {
  const lines = [
    `samples    ${r.samples}`,
    `objective  ${r.objective.toFixed(9)}`,
    `loss       ${r.loss.toFixed(9)}`,
  ];
  if (r.accuracy !== null) lines.push(`accuracy   ${(100 * r.accuracy).toFixed(2)} %`);
  return lines.join('\n') + '\n';
}
