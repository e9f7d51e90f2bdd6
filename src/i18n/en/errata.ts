/** English: the words of `bpnet errata`. */
import type { ErrataWords } from '../words.ts';

export const errata: ErrataWords = {
  title: 'The figures of the five articles, recomputed by bpnet',
  intro:
    'Every figure the seed articles publish that bpnet can recompute, computed now by the same code as `bpnet train` ' +
    '(float64). "=" means bpnet\'s value rounds to the digits the article prints; notes [n] explain each difference.',
  head: ['article', 'quantity', 'published', 'bpnet', 'sequential', ''],
  after: (symbol, steps) => (steps === 0 ? symbol : `${symbol} after ${String(steps).replace(/\B(?=(\d{3})+$)/g, ' ')} step${steps > 1 ? 's' : ''}`),
  quantity: { accuracy: 'training accuracy (%)', cost: 'cost J (unregularised)' },
  status: { matches: '=', differs: '≠', 'needs-files': '?' },
  reasons: {
    agrees: 'agrees to the digits printed',
    sequential:
      'the article\'s code computed the hidden deltas with the already-updated output weights (the sequential order): ' +
      'bpnet\'s sequential column reproduces the published figure; correct backprop gives the bpnet column',
    'linear-output':
      'the output neuron is linear, so ∂out/∂net = 1 and ∂E/∂w = (out − target)·out_h1; the article multiplied by a ' +
      'sigmoid derivative (the new weight follows from that gradient)',
    'course-files':
      'needs the course\'s ex4 files (ex4data1.mat, ex4weights.mat), which bpnet does not ship: ' +
      '`bpnet eval --data ex4data1.mat --weights ex4weights.mat` computes it',
  },
};
