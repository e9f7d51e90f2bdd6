/** The remarks after a derivation (part of the explanation trace). */
import type { UpdateOrder } from '../core/train-options.ts';
import type { SummaryErratum } from './summary.ts';

/**
 * Remarks after the derivation; renderers word them in the chosen language.
 * - "update-order": the same step in the other order ends at `otherLossAfter` (computed by the
 *   core). For the classic example `published` is the widely printed 0.291027924, which is the
 *   sequential result.
 * - "errata-classic": the classic article's figures after 10 000 iterations next to both orders' (computed).
 * - "errata-linear": the one-hidden-neuron example's published output-weight gradient and new
 *   weight (−0.033, 0.4033) against the correct ones of this trace.
 */
export type ExplainNote =
  | {
      kind: 'update-order';
      updateOrder: UpdateOrder;
      otherOrder: UpdateOrder;
      lossAfter: number;
      otherLossAfter: number;
      published: number | null;
    }
  | { kind: 'errata-classic'; erratum: SummaryErratum }
  | {
      kind: 'errata-linear';
      weight: string;
      publishedGrad: number;
      publishedNew: number;
      /** The weight before the step, its correct gradient and new value. */
      old: number;
      grad: number;
      new: number;
    };
