/**
 * `bpnet errata`: the seed articles' figures next to bpnet's, computed at run time, and
 * `--init-scale` on init; `explain --steps 10000 --summary` prints the classic erratum.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { classicByHand } from './classic-by-hand.ts';
import { bpnet, tempDir } from './helpers.ts';

interface Figure { id: string; article: string; published: number; bpnet: number | null; sequential: number | null; status: string; reason: string }

test('bpnet errata --json: ≥ 12 figures, each with the published value, bpnet\'s value and a reason', () => {
  const r = bpnet(['errata', '--json', '--lang', 'en']);
  assert.equal(r.code, 0, r.stderr);
  const figures = JSON.parse(r.stdout) as Figure[];
  assert.ok(figures.length >= 12, `${figures.length} figures`);
  for (const f of figures) {
    assert.ok(typeof f.published === 'number' && typeof f.reason === 'string' && f.reason.length > 0, f.id);
    assert.ok(f.bpnet !== null || f.status === 'needs-files', f.id);
  }
  const by = (id: string) => figures.find((f) => f.id === id)!;
  const hand = classicByHand(), seq = classicByHand(true);
  // Computed now by bpnet, checked against the hand computation.
  assert.ok(Math.abs(by('000.E_total').bpnet! - hand.total) < 1e-15);
  assert.ok(Math.abs(by('000.E_total@1').bpnet! - hand.after) < 1e-15 && by('000.E_total@1').status === 'differs');
  assert.ok(Math.abs(by('000.E_total@1').sequential! - seq.after) < 1e-15);
  assert.equal(by('000.E_total@10000').sequential!.toFixed(9), '0.000035085');
  assert.equal(by('000.E_total@10000').bpnet!.toFixed(9), '0.000035102');
  assert.equal(by('000.out_o1@10000').bpnet!.toFixed(9), '0.015913620');
  assert.equal(by('000.out_o2@10000').bpnet!.toFixed(9), '0.984064274');
  const grad = figures.find((f) => f.article === '002' && f.published === -0.033)!;
  assert.equal(grad.bpnet!.toFixed(9), '-0.222738301');
  assert.match(grad.reason, /linear/);
  for (const id of ['004.accuracy', '004.cost']) assert.match(by(id).reason, /ex4/);
  assert.equal(by('004.accuracy').published, 97.52);
  assert.equal(by('004.cost').published, 0.287629);
});

test('bpnet errata --lang zh: the table in Chinese', () => {
  const r = bpnet(['errata', '--lang', 'zh']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /五篇文章中的数值/);
  assert.match(r.stdout, /0\.000035085 +0\.000035102 +0\.000035085/);
  assert.match(r.stdout, /需要课程的 ex4 文件/);
});

test('explain --example classic --steps 10000 --summary: start, end and the erratum with both sets of figures', () => {
  const r = bpnet(['explain', '--example', 'classic', '--steps', '10000', '--summary', '--lang', 'en']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Start \(before the first step\)[\s\S]*E_total = 0\.298371109/);
  assert.match(r.stdout, /E_total +0\.000035085 +0\.000035102 +0\.000035085/);
  assert.match(r.stdout, /out_o1 +0\.015912196 +0\.015913620 +0\.015912196/);
  assert.match(r.stdout, /out_o2 +0\.984065734 +0\.984064274 +0\.984065734/);
  const json = JSON.parse(bpnet(['explain', '--example', 'classic', '--steps', '10000', '--summary', '--format', 'json']).stdout);
  assert.equal(json.erratum.correct.J.toFixed(9), '0.000035102');
  assert.equal(json.erratum.sequential.outputs[0].toFixed(9), '0.015912196');
});

test('--init-scale ε: uniform weights within ±ε, and a usage error without uniform or normal', () => {
  const dir = tempDir();
  const out = join(dir, 'm.json');
  let r = bpnet(['init', '--layers', '3-20-2', '--activation', 'sigmoid', '--init', 'uniform', '--init-scale', '0.05', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const layers = (JSON.parse(readFileSync(out, 'utf8')) as { layers: { weights: number[][] }[] }).layers;
  const all = layers.flatMap((l) => l.weights.flat());
  assert.ok(all.every((w) => Math.abs(w) <= 0.05) && all.some((w) => Math.abs(w) > 0.03));
  r = bpnet(['init', '--layers', '3-2', '--init-scale', '0.05', '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--init-scale/);
});
