/**
 * Browser test of the playground's step mode with the side panel's settings: optimizer, batch size
 * and λ are used (the note says so, the side panel shows the batch gradient and the optimizer's
 * state with consistent numbers), the update order can be sequential, and the classic example
 * shows its erratum. Builds the site, serves it on 127.0.0.1, drives Debian's Chromium.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useSite } from './browser-site.ts';

/** A fresh page (English unless the link says otherwise) collecting console and page errors. */
const open = useSite();

async function set(page: Page, id: string, value: string): Promise<void> {
  await page.fill(id, value);
  await page.dispatchEvent(id, 'change');
}

const num = (s: string) => Number(s.replace(/^\((.*)\)$/, '$1'));
/** A printed number, negative ones in parentheses. */
const N = String.raw`(\(?-?\d+(?:\.\d+)?(?:e-?\d+)?\)?)`;

test('step mode uses the side panel\'s optimizer, batch size and λ: batch gradient and momentum state, consistent numbers', async () => {
  const { page, errors } = await open();
  await page.selectOption('#optimizer', 'momentum');
  await set(page, '#lr', '0.5');
  await set(page, '#batch', '2');
  await set(page, '#wd', '0.001');
  await page.click('[data-tab="step"]');
  const note = await page.textContent('#step-note') ?? '';
  assert.match(note, /This step: momentum, η = 0\.5, batch of 2, λ = 0\.001/);
  assert.match(note, /Batch: samples 1, 2/);
  // Through every stage to the update (start, forward ×3, loss, backward ×3, update).
  for (let i = 0; i < 8; i++) await page.click('#step-next');
  assert.match(await page.textContent('#step-loss') ?? '', /^J = [\d.]+ → [\d.]+$/);
  await page.locator('#step-diagram [data-edge="2:0:0"]').focus();
  await page.keyboard.press('Enter');
  const panel = await page.textContent('#step-panel') ?? '';
  assert.match(panel, /Gradient over the batch/);
  // ∂J/∂w = (1/2)·(∂E₁/∂w + ∂E₂/∂w) + λ·w = (1/2)·(a + b) + 0.001·w = mean + decay = g
  const grad = new RegExp(String.raw`∂J/∂w(\d+) = \(1/2\) · \(∂E₁/∂w\d+ \+ ∂E₂/∂w\d+\) \+ λ·w\d+ = \(1/2\) · \(${N} \+ ${N}\) \+ 0\.001·${N} = ${N} \+ ${N} = ${N}`).exec(panel);
  assert.ok(grad, panel);
  const [a, b, w, mean, decay, g] = grad.slice(2).map(num);
  assert.ok(Math.abs((a! + b!) / 2 - mean!) < 2e-9 && Math.abs(0.001 * w! - decay!) < 2e-9 && Math.abs(mean! + decay! - g!) < 2e-9, grad[0]);
  // v = μ·v − η·∂J/∂w (v starts at 0), w⁺ = w + v.
  const v = new RegExp(String.raw`v_w\d+ = μ·v_w\d+ − η · ∂J/∂w\d+ = 0\.9·0 − 0\.5·${N} = ${N}`).exec(panel);
  assert.ok(v, panel);
  assert.ok(Math.abs(num(v[1]!) - g!) < 2e-9 && Math.abs(-0.5 * g! - num(v[2]!)) < 2e-9, v[0]);
  const upd = new RegExp(String.raw`w\d+⁺ = w\d+ \+ v_w\d+ = ${N} \+ ${N} = ${N}`).exec(panel);
  assert.ok(upd && Math.abs(num(upd[1]!) + num(upd[2]!) - num(upd[3]!)) < 2e-9, panel);
  // The next step carries v over: its v₋ is this step's v.
  for (let i = 0; i < 9; i++) await page.click('#step-next');
  const panel2 = await page.textContent('#step-panel') ?? '';
  const vOld = v[2]!.startsWith('-') ? `(${v[2]})` : v[2]!; // a negative factor is printed in parentheses
  assert.ok(panel2.includes(`= 0.9·${vOld} − 0.5·`), panel2);
  assert.match(await page.textContent('#step-note') ?? '', /Batch: samples 3, 4/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('step mode on the classic example: the erratum note, and the sequential order reaching 0.291027924', async () => {
  const { page, errors } = await open();
  await page.selectOption('#dataset', 'classic');
  await page.click('[data-tab="step"]');
  const note = await page.textContent('#step-note') ?? '';
  assert.match(note, /0\.291027924/);
  assert.match(note, /correct backprop gives 0\.291027774/);
  assert.match(note, /0\.000035102/);
  await page.selectOption('#step-order', 'sequential');
  for (let i = 0; i < 6; i++) await page.click('#step-next');
  assert.match(await page.textContent('#step-loss') ?? '', /→ 0\.291027924/);
  // In Chinese: the order's options and the note.
  await page.selectOption('#lang', 'zh');
  assert.match(await page.textContent('#step-order') ?? '', /顺序更新/);
  assert.match(await page.textContent('#step-note') ?? '', /正确的反向传播得到 0\.291027774/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('step mode and the regularization of the side panel: L1 (from the link) is named as not explained, L2 and a new optimizer are followed live', async () => {
  const { page, errors } = await open('?regularization=l1&decay=0.01');
  await page.click('[data-tab="step"]');
  let note = await page.textContent('#step-note') ?? '';
  assert.match(note, /L1 regularisation is not explained in step mode: the step uses λ = 0\./);
  assert.match(note, /λ = 0(?!\.)/);
  // Switching the side panel to L2 while in step mode: the step now uses λ = 0.01, and says so.
  await page.selectOption('#regularization', 'l2');
  note = await page.textContent('#step-note') ?? '';
  assert.match(note, /λ = 0\.01/);
  assert.doesNotMatch(note, /L1/);
  await page.selectOption('#optimizer', 'adam');
  assert.match(await page.textContent('#step-note') ?? '', /This step: adam/);
  assert.deepEqual(errors, []);
  await page.context().close();
});
