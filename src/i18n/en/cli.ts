/** English: the command line's help and usage messages of explain and errata. */
import type { CliWords } from '../words.ts';

export const cli: CliWords = {
  explainHelp: (maxSteps) => `Usage: bpnet explain (--example classic|linear | --model M.json --data D) [options]

What to explain:
  --example NAME          a shipped worked example: classic (the 2-2-2 network, η = 0.5) or
                          linear (one hidden neuron, linear output, η = 0.1)
  --model FILE            the model to explain
  --data FILE             dataset (.json, .csv, …) holding the samples
  --target NAME[,NAME]    CSV: target column(s)
  --sample i              first sample of the batch, counted from 1 (default 1); batches are
                          consecutive samples, never shuffled

The step (the flags of bpnet train, with the same defaults):
  --optimizer NAME        sgd, momentum, nesterov, adam (default sgd)
  --lr η                  learning rate (default: the example's, else 0.1; adam 0.001)
  --momentum μ            momentum and nesterov (default 0.9)
  --batch-size B          samples per step (default 32, at most the number of samples)
  --weight-decay λ        L2 penalty (λ/2)·Σ w², biases excluded (default 0)
  --update-order ORDER    simultaneous (correct backprop, default) or sequential (each layer updated
                          before the error goes further down: the widely published 0.291027924)
  --steps k               explain k steps (default 1, at most ${maxSteps}; any number with --summary)
  --summary               print only the start and the end of the k steps, and the example's erratum

Output:
  --lang zh|en            language of the words (default: from LC_ALL / LC_MESSAGES / LANG)
  --format text|markdown|json   (default text; json carries every number in full float64)
  --form auto|scalar|matrix     name every weight, or summarise layers (auto: scalar up to 64
                          weights and 4 samples per batch)
  --no-formulas           leave out the general formulas and the short sections before the numbers
  --out FILE              write to FILE (atomically) instead of stdout

Examples:
  bpnet explain --example classic
  bpnet explain --example classic --update-order sequential --lang zh
  bpnet explain --example classic --steps 10000 --summary
  bpnet explain --model m.json --data d.csv --optimizer momentum --batch-size 2 --weight-decay 0.001`,
  errataHelp: `Usage: bpnet errata [--lang zh|en] [--json]

Every figure the five seed articles publish that bpnet recomputes, computed now: the published value,
bpnet's value and the reason for any difference.

  --lang zh|en            language of the table (default: from LC_ALL / LC_MESSAGES / LANG)
  --json                  the figures as JSON: [{id, article, quantity, published, bpnet, status, reason}]`,
  seeHelp: (command) => `(see: bpnet ${command} --help)`,
  usage: (message) => message,
  exampleOrModel: '--example NAME, or --model FILE and --data FILE, is required',
  exampleAndModel: 'give either --example or --model/--data, not both',
  sampleRange: (n, got) => `--sample: expected a sample from 1 to ${n}, got ${got}`,
  batchRange: (n, got) => `--batch-size: expected 1 to ${n} (the number of samples), got ${got}`,
  stepsMax: (max, got) => `--steps: at most ${max} steps are explained in full (use --summary for more), got ${got}`,
  summaryNeedsText: '--summary prints text or JSON, not markdown',
};
