/** 简体中文：`bpnet errata` 的文字。 */
import type { ErrataWords } from '../words.ts';
import { spaced } from './spacing.ts';

const raw: ErrataWords = {
  title: '五篇文章中的数值，由 bpnet 重新计算',
  intro:
    '文章中发表的、bpnet 能够重新计算的每个数值，都由与 `bpnet train` 相同的代码当场计算（float64 精度）。' +
    '“=”表示 bpnet 的值四舍五入到文中的位数后与发表值相同；注 [n] 说明每处差异的原因。',
  head: ['文章', '量', '发表值', 'bpnet 计算值', '顺序更新', ''],
  after: (symbol, steps) => (steps === 0 ? symbol : `${String(steps).replace(/\B(?=(\d{3})+$)/g, ' ')} 步后的 ${symbol}`),
  quantity: { accuracy: '训练集准确率（%）', cost: '代价 J（不含正则项）' },
  status: { matches: '=', differs: '≠', 'needs-files': '?' },
  reasons: {
    agrees: '与文中给出的位数一致',
    sequential:
      '文章的代码在计算隐藏层误差项时使用了已经更新过的输出层权重（顺序更新）：bpnet 的“顺序更新”一列复现了发表值；' +
      '正确的反向传播得到“bpnet 计算值”一列',
    'linear-output':
      '输出层神经元是线性的，∂out/∂net = 1，所以 ∂E/∂w = (out − target)·out_h1；文章多乘了 sigmoid 的导数' +
      '（新权重随之出错）',
    'course-files':
      '需要课程的 ex4 文件（ex4data1.mat、ex4weights.mat），bpnet 不自带：' +
      '`bpnet eval --data ex4data1.mat --weights ex4weights.mat` 可以算出',
  },
};

/** With the spacing of mixed Chinese and Latin text applied. */
export const errata: ErrataWords = spaced(raw);
