/**
 * A fuzz worker: runs one loader on one input per message and reports how it ended. It runs in a
 * worker thread with a heap limit; the supervisor (fuzz.ts) kills it when an input takes more than
 * the time limit, and counts a worker that dies as a crash.
 */
import { parentPort } from 'node:worker_threads';
import { BpnetError, MAX_MESSAGE } from '../src/index.ts';
import { loaders, prepareSeeds } from './loaders.ts';

export type Outcome = 'clean error' | 'accepted valid' | 'accepted invalid' | 'hang' | 'crash';
export interface Job { id: number; loader: string; bytes: Uint8Array }
export interface Report { id: number; outcome: Outcome; message?: string }

/** A clean refusal: a BpnetError whose message is one printable line of bounded length. */
export function classifyError(e: unknown): Report['outcome'] {
  if (!(e instanceof BpnetError)) return 'crash';
  const m = e.message;
  return m.length <= MAX_MESSAGE && !/[\u0000-\u001f\u007f]/.test(m) ? 'clean error' : 'crash';
}

export async function runJob(job: Job): Promise<Report> {
  const loader = loaders.find((l) => l.name === job.loader)!;
  try {
    const ok = await loader.run(job.bytes);
    return { id: job.id, outcome: ok ? 'accepted valid' : 'accepted invalid' };
  } catch (e) {
    const outcome = classifyError(e);
    const message = outcome === 'crash' ? String((e as Error)?.stack ?? e).slice(0, 2000) : undefined;
    return { id: job.id, outcome, message };
  }
}

if (parentPort) {
  const port = parentPort;
  await prepareSeeds();
  port.on('message', async (job: Job) => port.postMessage(await runJob(job)));
  port.postMessage({ id: -1, outcome: 'accepted valid' });
}
