/**
 * The picture of a training run: loss per epoch on top, accuracy per epoch below (for classes),
 * training in blue, validation in orange, and any extra accuracy curve (e.g. the test split that
 * `bpnet start` reports) in green. Browser-safe.
 */
import type { EpochStats } from '../core/train.ts';
import { drawCurves, type Curve, type Panel } from './line-chart.ts';
import { GREEN, type Raster } from './raster.ts';

/** Loss and accuracy per epoch (training and validation) as a two-panel chart. */
export function drawTrainingCurves(history: EpochStats[], extraAccuracy?: { name: string; values: number[] }): Raster {
  const hasVal = history.some((s) => s.valLoss !== null);
  const panels: Panel[] = [{
    title: 'LOSS',
    curves: [{ name: 'TRAIN', values: history.map((s) => s.loss) }, ...(hasVal ? [{ name: 'VALIDATION', values: history.map((s) => s.valLoss) }] : [])],
  }];
  if (history.some((s) => s.accuracy !== null)) {
    const curves: Curve[] = [{ name: 'TRAIN', values: history.map((s) => (s.accuracy === null ? null : 100 * s.accuracy)) }];
    if (hasVal) curves.push({ name: 'VALIDATION', values: history.map((s) => (s.valAccuracy === null ? null : 100 * s.valAccuracy)) });
    if (extraAccuracy) curves.push({ name: extraAccuracy.name, values: extraAccuracy.values.map((v) => 100 * v), color: GREEN });
    panels.push({ title: 'ACCURACY %', curves });
  }
  return drawCurves(panels);
}
