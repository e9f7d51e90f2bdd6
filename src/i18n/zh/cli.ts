/** 简体中文：explain 与 errata 命令的帮助和用法错误信息。 */
import type { CliWords } from '../words.ts';
import { spaced } from './spacing.ts';

const KINDS: Record<string, string> = {
  'a positive number': '正数', 'a number ≥ 0': '不小于 0 的数', 'a number in [0, 1)': '[0, 1) 之间的数', 'a number': '数',
  'an integer': '整数', 'a positive integer': '正整数',
};

/** The shared flag parser's English messages, in Chinese (flags and values stay as typed). */
const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/^Unknown option '(.+)'$/, (f) => `未知选项 ${f}`],
  [/^Option '(\S+).*' argument missing$/, (f) => `选项 ${f} 缺少取值`],
  [/^Option '(\S+)' does not take an argument$/, (f) => `选项 ${f} 不接受取值`],
  [/^Unexpected argument '(.+)'.*$/, (a) => `多余的参数 ${a}`],
  [/^(--[\w-]+): expected one of (.+), got "(.*)"$/, (f, c, g) => `${f}：应为 ${c.split(', ').join('、')} 之一，实际为 "${g}"`],
  [/^(--[\w-]+): expected (.+), got "(.*)"$/, (f, k, g) => `${f}：应为${KINDS[k] ?? k}，实际为 "${g}"`],
  [/^(--[\w-]+) is required$/, (f) => `缺少必需的选项 ${f}`],
];

const raw: CliWords = {
  explainHelp: (maxSteps) => `用法：bpnet explain (--example classic|linear | --model M.json --data D) [选项]

解释的对象：
  --example 名称          自带的示例：classic（经典 2-2-2 网络，η = 0.5）或
                          linear（一个隐藏神经元、线性输出层，η = 0.1）
  --model 文件            要解释的模型
  --data 文件             含样本的数据集（.json、.csv 等）
  --target 列名[,列名]    CSV：目标值所在的列
  --sample i              本批的第一个样本，从 1 开始计数（默认 1）；每批取连续的样本，不打乱顺序

这一步如何训练（与 bpnet train 的选项同名、默认值相同）：
  --optimizer 名称        sgd、momentum、nesterov、adam（默认 sgd）
  --lr η                  学习率（默认：示例自带的值，否则 0.1；adam 为 0.001）
  --momentum μ            动量法和 Nesterov 动量法的动量系数（默认 0.9）
  --batch-size B          每步的样本数（默认 32，最多为样本总数）
  --weight-decay λ        L2 惩罚项 (λ/2)·Σ w²，偏置不衰减（默认 0）
  --update-order 顺序     simultaneous（同时更新，正确的反向传播，默认）或 sequential（顺序更新：
                          每层先更新再向下传播误差，即广为流传的 0.291027924 的来历）
  --steps k               解释 k 步（默认 1，最多 ${maxSteps} 步；配合 --summary 不限步数）
  --summary               只输出 k 步的起点和终点，以及示例的勘误

输出：
  --lang zh|en            文字的语言（默认取自 LC_ALL / LC_MESSAGES / LANG）
  --format text|markdown|json   （默认 text；json 以完整的 float64 精度给出每个数）
  --form auto|scalar|matrix     逐个列出每个权重，或按层给出摘要（auto：最多 64 个权重、
                          每批最多 4 个样本时逐个列出）
  --no-formulas           不输出数值之前的通用公式和简短说明
  --out 文件              写入文件（原子写入），而不是标准输出

示例：
  bpnet explain --example classic
  bpnet explain --example classic --update-order sequential --lang zh
  bpnet explain --example classic --steps 10000 --summary
  bpnet explain --model m.json --data d.csv --optimizer momentum --batch-size 2 --weight-decay 0.001`,
  errataHelp: `用法：bpnet errata [--lang zh|en] [--json]

五篇文章中发表的、bpnet 能够重新计算的每个数值，当场计算：发表值、bpnet 的计算值，以及两者不同的原因。

  --lang zh|en            表格的语言（默认取自 LC_ALL / LC_MESSAGES / LANG）
  --json                  以 JSON 输出：[{id, article, quantity, published, bpnet, status, reason}]`,
  seeHelp: (command) => `（参见：bpnet ${command} --help）`,
  usage(message) {
    for (const [re, f] of PATTERNS) {
      const m = re.exec(message);
      if (m) return f(...m.slice(1));
    }
    return message;
  },
  exampleOrModel: '需要 --example 名称，或者同时给出 --model 文件和 --data 文件',
  exampleAndModel: '--example 与 --model/--data 只能二选一',
  sampleRange: (n, got) => `--sample：应为 1 到 ${n} 之间的样本序号，实际为 ${got}`,
  batchRange: (n, got) => `--batch-size：应为 1 到 ${n}（样本总数），实际为 ${got}`,
  stepsMax: (max, got) => `--steps：完整解释最多 ${max} 步（更多步请加 --summary），实际为 ${got}`,
  summaryNeedsText: '--summary 只输出 text 或 json，不支持 markdown',
};

/** With the spacing of mixed Chinese and Latin text applied. */
export const cli: CliWords = spaced(raw);
