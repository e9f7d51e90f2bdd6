import {
  BpnetError, confusionCounts, EVALUATE_SCHEMA, type EvaluateOptions, courseWeightDecay, type Dataset, drawConfusion, evaluate, type Evaluation,
  formatConfusion, loadDataset, loadMatWeights, loadModel, type Network, predict, predictedClass, savePng,
} from '../node.ts';
import { kernelFlags, kernelFlagsFrom, kernelFlagsHelp, MAX_MEMORY_HELP, memoryFlag, memoryFromFlag, withKernel } from './model-options.ts';
import { DATA_FORMATS_HELP, numberFlag, parseOptions, UsageError, type Command } from './command.ts';
import { classNames } from './images.ts';
import { targetModeFlag } from './train.ts';
import { checkShapes } from './model-options.ts';
import { optionsFromFlags } from './flags.ts';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a model on a dataset: objective, mean loss, accuracy',
  help: `Usage: bpnet eval (--model M.json | --weights W.mat) --data D [--weight-decay λ | --lambda λ] [--json]

  --model FILE          the model
  --weights FILE        or MATLAB weights Theta1, Theta2, … (bias column first, sigmoid everywhere),
                        as in the classic course exercise
  --data D              dataset: ${DATA_FORMATS_HELP}
  --labels FILE         IDX: the labels file for an images file
  --target NAME[,NAME]  CSV: target column(s) (default: the last column)
  --classes, --no-classes  CSV: read the target column as class labels / as numbers (see train)
  --weight-decay λ      include (λ/2)·Σ‖W‖² in the objective (default 0)
  --lambda λ            the course's regularisation: objective = loss + λ/(2m)·Σθ² (non-bias θ),
                        m = number of samples (the same as --weight-decay λ/m)
  --confusion FILE      draw the confusion matrix as PNG (and print it as text)
  --json                print {"loss","objective","accuracy","samples"} as one JSON object
${kernelFlagsHelp}
${MAX_MEMORY_HELP}

Example (the course's files): bpnet eval --data ex4data1.mat --weights ex4weights.mat --lambda 1`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...kernelFlags, ...memoryFlag, model: { type: 'string' }, weights: { type: 'string' }, data: { type: 'string' }, labels: { type: 'string' },
      target: { type: 'string' }, 'weight-decay': { type: 'string' }, lambda: { type: 'string' },
      confusion: { type: 'string' }, json: { type: 'boolean' }, classes: { type: 'boolean' }, 'no-classes': { type: 'boolean' },
    });
    const targetMode = targetModeFlag(values);
    if (values.model && values.weights) throw new UsageError('give either --model or --weights, not both');
    if (!values.model && !values.weights) throw new UsageError('--model is required (or --weights W.mat: MATLAB Theta1, Theta2, …)');
    if (values['weight-decay'] !== undefined && values.lambda !== undefined) throw new UsageError('give either --weight-decay or --lambda, not both');
    if (!values.data) throw new UsageError('--data is required');
    // The course's figures are float64 ones: its 25×401 + 10×26 weights are just over the float64
    // threshold of dtype auto, so --weights computes in float64 unless --dtype says otherwise.
    const kernel = kernelFlagsFrom({ dtype: values.dtype ?? (values.weights ? 'float64' : undefined), backend: values.backend });
    const lambda = numberFlag(values.lambda, '--lambda', 'non-negative');
    const { weightDecay: decay } = optionsFromFlags<keyof EvaluateOptions, EvaluateOptions>(EVALUATE_SCHEMA, { weightDecay: 'weight-decay' }, values);
    const maxMemory = memoryFromFlag(values['max-memory']);
    // Every flag is checked above; files are read from here on.
    const net = withKernel(values.model ? loadModel(values.model) : loadMatWeights(values.weights!), kernel);
    const data = await loadDataset(values.data, {
      target: values.target?.split(','), labels: values.labels, defaultSplit: 'test', targetMode,
      onNote: (note) => process.stderr.write(`note: ${note}\n`), classLabels: modelClasses(net), maxMemory,
    });
    checkShapes(net, data, values.model ?? values.weights!, values.data);
    const weightDecay = lambda !== undefined ? courseWeightDecay(lambda, data.size) : decay ?? 0;
    const result = evaluate(net, data, { weightDecay });
    process.stdout.write(values.json ? JSON.stringify(result) + '\n' : formatEvaluation(result));
    if (values.confusion) {
      // One sigmoid output is two classes, 0 and 1.
      const names = data.outputSize === 1 ? ['0', '1'] : classNames(data, net);
      const counts = confusion(net, data);
      // With --json, stdout stays one JSON object: the table goes to stderr.
      (values.json ? process.stderr : process.stdout).write('\nconfusion matrix (rows: true class, columns: predicted)\n' + formatConfusion(counts, names));
      const image = drawConfusion(counts, names);
      savePng(values.confusion, image);
      process.stderr.write(`wrote ${values.confusion}: ${image.width}×${image.height} pixels\n`);
    }
    return 0;
  },
};

/**
 * The model's classes when its outputs are one-hot classes: a CSV class column is then encoded in the
 * model's order (a test file may lack a class or sort them differently), not in its own sorted order.
 */
export function modelClasses(net: Network): readonly string[] | undefined {
  const labels = net.classLabels;
  return labels && net.outputSize > 1 && labels.length === net.outputSize ? labels : undefined;
}

/** counts[true][predicted] over the whole dataset. */
function confusion(net: Network, data: Dataset): number[][] {
  const outputs = predict(net, data.inputs, data.size);
  const truth = new Uint32Array(data.size), guess = new Uint32Array(data.size);
  for (let i = 0; i < data.size; i++) {
    truth[i] = predictedClass(data.targets, i * data.outputSize, data.outputSize);
    guess[i] = predictedClass(outputs[i]!, 0, net.outputSize);
  }
  return confusionCounts(truth, guess, Math.max(2, data.outputSize));
}

export function formatEvaluation(r: Evaluation): string {
  const lines = [
    `samples    ${r.samples}`,
    `objective  ${r.objective.toFixed(9)}`,
    `loss       ${r.loss.toFixed(9)}`,
  ];
  if (r.accuracy !== null) lines.push(`accuracy   ${(100 * r.accuracy).toFixed(2)} %`);
  return lines.join('\n') + '\n';
}
