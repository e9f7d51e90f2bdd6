import { BpnetError, drawDigitGrid, loadDataset, loadModel, predict, predictedClass, Rng, savePng } from '../node.ts';
import { checkShapes, MAX_MEMORY_HELP, memoryFlag, memoryFromFlag } from './model-options.ts';
import { choiceFlag, DATA_FORMATS_HELP, numberFlag, parseOptions, requireFlag, type Command } from './command.ts';
import { classNames, imageLayout } from './images.ts';

export const showCommand: Command = {
  name: 'show',
  summary: 'draw a grid of digit images as PNG (with --model: predictions, wrong ones in red)',
  help: `Usage: bpnet show --data D --out grid.png [--count 100] [--model M.json] [--seed S]

  --data D           images: ${DATA_FORMATS_HELP}
  --labels FILE      IDX: the labels file for an images file
  --count N          how many random samples to draw (default 100, a 10×10 grid)
  --seed S           which random samples (default 1)
  --model FILE       also show each sample's predicted class: green when right, red when wrong
  --order row|column how the pixels are unrolled (default: column for .mat, as MATLAB stores X)
  --out FILE         the PNG to write
${MAX_MEMORY_HELP}

Example: bpnet show --data mnist-sample:test --model m.json --out grid.png`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...memoryFlag, data: { type: 'string' }, labels: { type: 'string' }, count: { type: 'string' }, seed: { type: 'string' },
      model: { type: 'string' }, order: { type: 'string' }, out: { type: 'string' },
    });
    const out = requireFlag(values.out, '--out');
    const spec = requireFlag(values.data, '--data');
    const countFlag = numberFlag(values.count, '--count', 'positive-integer') ?? 100;
    choiceFlag(values.order, '--order', ['row', 'column'] as const);
    const seed = numberFlag(values.seed, '--seed', 'integer') ?? 1;
    const maxMemory = memoryFromFlag(values['max-memory']);
    const data = await loadDataset(spec, { labels: values.labels, defaultSplit: 'test', maxMemory });
    const layout = imageLayout(data, spec, values.order);
    const count = Math.min(countFlag, data.size);
    const order = Uint32Array.from({ length: data.size }, (_, i) => i);
    new Rng(seed).shuffle(order);
    const indices = Array.from(order.subarray(0, count));
    let predictions: { text: string; correct: boolean }[] | undefined;
    let wrong = 0;
    if (values.model) {
      const net = loadModel(values.model);
      checkShapes(net, data, values.model, values.data!);
      const names = classNames(data, net);
      const inputs = new Float64Array(count * data.inputSize);
      indices.forEach((s, k) => inputs.set(data.inputs.subarray(s * data.inputSize, (s + 1) * data.inputSize), k * data.inputSize));
      const outputs = predict(net, inputs, count);
      predictions = indices.map((s, k) => {
        const p = predictedClass(outputs[k]!, 0, net.outputSize);
        const correct = p === predictedClass(data.targets, s * data.outputSize, data.outputSize);
        if (!correct) wrong++;
        return { text: names[p]!, correct };
      });
    }
    const image = drawDigitGrid(data.inputs, indices, { ...layout, predictions });
    savePng(out, image);
    const note = predictions ? `, ${wrong} of ${count} predicted wrong (red)` : '';
    process.stderr.write(`wrote ${out}: ${image.width}×${image.height} pixels, ${count} digits${note}\n`);
    return 0;
  },
};
