/**
 * What `bpnet train` prints while it trains: a progress bar redrawn in place on a terminal, one line
 * per epoch otherwise (logs, pipes, CI), one JSON object per epoch with --json.
 */
import { type BatchStats, type EpochStats } from '../node.ts';

export interface Reporter {
  batch(stats: BatchStats): void;
  epoch(stats: EpochStats): void;
  /** Clears a half-drawn bar (before a final message or an interruption). */
  end(): void;
}

type Out = { write(text: string): unknown; isTTY?: boolean; columns?: number };

export function createReporter(mode: 'quiet' | 'json' | 'auto', epochs: number, out: Out = process.stdout): Reporter {
  if (mode === 'quiet') return { batch() {}, epoch() {}, end() {} };
  if (mode === 'json') return { batch() {}, epoch: (s) => out.write(JSON.stringify(jsonRow(s)) + '\n'), end() {} };
  if (!out.isTTY) return { batch() {}, epoch: (s) => out.write(epochLine(s, epochs) + '\n'), end() {} };
  return progressBar(epochs, out);
}

export function jsonRow(s: EpochStats) {
  return { epoch: s.epoch + 1, loss: s.loss, accuracy: s.accuracy, valLoss: s.valLoss, valAccuracy: s.valAccuracy, seconds: s.seconds };
}

export function epochLine(s: EpochStats, epochs: number): string {
  const parts = [`epoch ${String(s.epoch + 1).padStart(String(epochs).length)}/${epochs}`, `loss ${s.loss.toFixed(6)}`];
  if (s.accuracy !== null) parts.push(`acc ${(100 * s.accuracy).toFixed(2)}%`);
  if (s.valLoss !== null) parts.push(`val_loss ${s.valLoss.toFixed(6)}`);
  if (s.valAccuracy !== null) parts.push(`val_acc ${(100 * s.valAccuracy).toFixed(2)}%`);
  parts.push(`${s.seconds.toFixed(2)}s`, `${Math.round(s.samplesPerSecond)} samples/s`);
  return parts.join('  ');
}

/** "ep 2/10 [####----] 120/250 loss 0.1234 acc 95.1% 12000 samples/s ETA 0:42" (fits 80 columns) */
export function barLine(
  s: BatchStats, epochs: number, loss: number, accuracy: number | null, samplesPerSecond: number, etaSeconds: number, width = 10,
): string {
  const done = Math.round((width * (s.batch + 1)) / s.batches);
  const parts = [
    `ep ${s.epoch + 1}/${epochs} [${'#'.repeat(done)}${'-'.repeat(width - done)}] ${s.batch + 1}/${s.batches}`,
    `loss ${loss.toFixed(4)}`,
  ];
  if (accuracy !== null) parts.push(`acc ${(100 * accuracy).toFixed(1)}%`);
  parts.push(`${Math.round(samplesPerSecond)} samples/s`, `ETA ${clock(etaSeconds)}`);
  return parts.join(' ');
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function progressBar(epochs: number, out: Out): Reporter {
  const started = performance.now();
  let lastDraw = 0, drawn = false, batchesDone = 0, samples = 0;
  // Running means over the epoch so far, as the epoch line will report them.
  let lossSum = 0, accSum = 0, count = 0;
  return {
    batch(s) {
      if (s.batch === 0) { lossSum = 0; accSum = 0; count = 0; }
      lossSum += s.loss; accSum += s.accuracy ?? 0; count++;
      batchesDone++;
      samples += s.samples;
      const now = performance.now();
      if (now - lastDraw < 100 && s.batch + 1 < s.batches) return;
      lastDraw = now;
      const elapsed = (now - started) / 1000;
      const totalBatches = epochs * s.batches;
      const eta = (elapsed / batchesDone) * (totalBatches - batchesDone);
      const line = barLine(s, epochs, lossSum / count, s.accuracy === null ? null : accSum / count, samples / Math.max(elapsed, 1e-9), eta);
      out.write('\r' + line.slice(0, (out.columns ?? 120) - 1) + '\x1b[K');
      drawn = true;
    },
    epoch(s) {
      if (drawn) out.write('\r\x1b[K');
      drawn = false;
      out.write(epochLine(s, epochs) + '\n');
    },
    end() {
      if (drawn) out.write('\r\x1b[K');
      drawn = false;
    },
  };
}
