/**
 * Browser tests of the playground: builds the static site once, serves it on 127.0.0.1 and drives
 * Debian's Chromium with playwright-core (no network). UPDATE_SCREENSHOTS=1 saves the docs/ screenshots.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, tempDir } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const SITE = join(ROOT, 'dist-web');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.bin': 'application/octet-stream', '.json': 'application/json' };

let server: Server;
let browser: Browser;
let url: string;

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (CI's .ci/run does)`);
  }
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build:web failed:\n${build.stdout}\n${build.stderr}`);
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(SITE, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(SITE) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh page in English with a collector of console errors and page errors. */
async function open(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#diagram circle') !== null);
  return { page, errors };
}

// The docs screenshots: a test run never modifies tracked files, so they go to a temporary folder
// unless UPDATE_SCREENSHOTS=1 asks to refresh the ones in docs/.
const docs = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs') : tempDir('bpnet-screens-');

test('the page loads with no console errors and a drawn network', async () => {
  const { page, errors } = await open();
  assert.ok(await page.locator('#diagram .neuron').count() >= 2 + 8 + 8 + 1);
  await page.waitForTimeout(300);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('dataset and model files load through the file picker or a drop; a mismatch is named', async () => {
  const { page, errors } = await open();
  await page.setInputFiles('#file', join(ROOT, 'examples/xor/xor.csv'));
  await page.waitForFunction(() => document.querySelector('#message')!.textContent!.includes('xor.csv'));
  assert.equal(await page.inputValue('#dataset'), 'file');
  await page.setInputFiles('#file', join(ROOT, 'examples/classic/model.json'));
  await page.waitForFunction(() => document.querySelector('#message')!.classList.contains('error'));
  assert.match(await page.textContent('#message') ?? '', /has 1 targets per sample but the model has 2 outputs/);
  await page.setInputFiles('#file', join(ROOT, 'examples/classic/data.json'));
  await page.waitForFunction(() => document.querySelector('#message')!.textContent!.includes('data.json'));
  await page.waitForSelector('#diagram [data-name="o2"]'); // the loaded 2-2-2 model is drawn
  // Drag-and-drop of a dataset file anywhere on the page.
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped-xor.json', { type: 'application/json' }));
    return dt;
  }, readFileSync(join(ROOT, 'examples/xor/xor.json'), 'utf8'));
  await page.selectOption('#dataset', 'xor'); // back to a fresh 2-8-8-1 network
  await page.dispatchEvent('body', 'drop', { dataTransfer: dropped });
  await page.waitForFunction(() => document.querySelector('#message')!.textContent!.includes('dropped-xor.json'));
  assert.equal(await page.inputValue('#dataset'), 'file');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('XOR trains until the displayed test loss is below 0.05', async () => {
  const { page, errors } = await open();
  // Keyboard: S steps one batch, Space plays.
  await page.keyboard.press('s');
  await page.waitForFunction(() => document.body.dataset.batches === '1');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.body.dataset.running === 'true');
  await page.waitForFunction(() => Number(document.querySelector('#test-loss')!.textContent) < 0.05, null, { timeout: 30_000 });
  await page.click('#play');
  await page.waitForFunction(() => document.body.dataset.running === 'false');
  const shown = Number(await page.textContent('#test-loss'));
  assert.ok(shown < 0.05, `test loss ${shown}`);
  assert.equal(await page.textContent('#test-acc'), '100.0%');
  mkdirSync(docs, { recursive: true });
  await page.screenshot({ path: join(docs, 'playground-training.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('step mode on the classic 2-2-2 example shows out o1 = 0.75136507 and the published derivation', async () => {
  const { page, errors } = await open();
  await page.selectOption('#dataset', 'classic');
  await page.click('[data-tab="step"]');
  const o1 = page.locator('#step-diagram text.neuron-label[data-for="o1"]');
  // Forward through both layers with the keyboard (→ is "next" in step mode).
  await page.locator('#step-diagram').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await o1.textContent() ?? '', /a = 0\.75136507(?!\d)/);
  assert.match(await page.locator('#step-diagram text.neuron-label[data-for="h1"]').textContent() ?? '', /z = 0\.3775a = 0\.593269992/);
  await page.click('#step-next'); // loss
  assert.match(await page.textContent('#step-loss') ?? '', /E_total = 0\.298371109/);
  await page.click('#step-next'); // backward, output layer
  await page.click('#step-next'); // backward, hidden layer
  await page.click('#step-next'); // update
  assert.match(await page.textContent('#step-loss') ?? '', /→ 0\.291027774/);
  // Select w5: the side panel shows its chain rule and update with numbers.
  await page.locator('#step-diagram [data-edge="1:0:0"]').focus();
  await page.keyboard.press('Enter');
  const panel = await page.textContent('#step-panel') ?? '';
  assert.match(panel, /∂E\/∂w5/);
  assert.match(panel, /= 0\.082167041/);
  assert.match(panel, /= 0\.35891648/);
  assert.match(await page.locator('#step-diagram text.edge-label[data-for="w1"]').textContent() ?? '', /w1 = 0\.15 → 0\.149780716/);
  await page.click('#step-diagram [data-neuron="1:0"]');
  assert.match(await page.textContent('#step-panel') ?? '', /δ_h1[\s\S]*= 0\.008771355/);
  await page.click('#step-diagram [data-neuron="2:0"]');
  assert.match(await page.textContent('#step-panel') ?? '', /∂E\/∂out_o1 = out_o1 − target = 0\.75136507 − 0\.01 = 0\.74136507/);
  await page.locator('#step-diagram [data-edge="1:0:0"]').focus();
  await page.keyboard.press('Enter');
  await page.screenshot({ path: join(docs, 'playground-step.png'), fullPage: true });
  // Chinese: the interface words change, the numbers stay.
  await page.selectOption('#lang', 'zh');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.textContent('#step-phase') ?? '', /权重更新/);
  assert.match(await page.textContent('#step-panel') ?? '', /链式法则[\s\S]*0\.082167041/);
  assert.equal(await page.textContent('[data-tab="train"]'), '训练');
  await page.screenshot({ path: join(docs, 'playground-step-zh.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('digits: a 784-128-10 model pauses within 500 ms, and drawing a "1" moves the bars', async (t) => {
  const { page, errors } = await open({ width: 390, height: 844 }); // a phone-sized screen
  await page.selectOption('#dataset', 'digits');
  await page.waitForFunction(() => !document.querySelector('#pad-card')!.hasAttribute('hidden'), null, { timeout: 20_000 });
  await page.waitForSelector('#diagram [data-name="i784"]');
  await page.click('#play');
  await page.waitForFunction(() => document.body.dataset.running === 'true');
  // Train until the shown test accuracy passes 80 % (a few seconds), then pause.
  await page.waitForFunction(() => parseFloat(document.querySelector('#test-acc')!.textContent!) > 80, null, { timeout: 60_000 });
  t.diagnostic(`test accuracy ${await page.textContent('#test-acc')} after ${await page.textContent('#epoch')} epochs`);
  // Measured in the page: from the click on "pause" to the page showing the paused state.
  const ms = await page.evaluate(() => new Promise<number>((resolve) => {
    const t0 = performance.now();
    new MutationObserver((_, obs) => {
      if (document.body.dataset.running === 'false') { obs.disconnect(); resolve(performance.now() - t0); }
    }).observe(document.body, { attributes: true });
    (document.querySelector('#play') as HTMLButtonElement).click();
  }));
  t.diagnostic(`paused ${ms.toFixed(0)} ms after the click`);
  assert.ok(ms < 500, `paused after ${ms.toFixed(0)} ms`);
  // The worker's last report after pausing (running: false) carries its final batch count; then nothing moves.
  await page.waitForFunction(() => document.body.dataset.reportRunning === 'false');
  const batchesAtPause = await page.getAttribute('body', 'data-batches');
  await page.waitForTimeout(700);
  assert.equal(await page.getAttribute('body', 'data-batches'), batchesAtPause, 'no training after pause');
  const bars = () => page.$$eval('#bars .bar', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.p)));
  const before = await bars();
  const box = (await page.locator('#pad').boundingBox())!;
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const b = (await page.locator('#pad').boundingBox())!;
  await page.mouse.move(b.x + b.width * 0.52, b.y + b.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(b.x + b.width * (0.52 - 0.01 * k), b.y + b.height * (0.15 + 0.07 * k));
  await page.mouse.up();
  t.diagnostic(`bars before: ${before.map((p) => p.toFixed(3)).join(' ')}`);
  await page.waitForFunction((old) => {
    const now = [...document.querySelectorAll<HTMLElement>('#bars .bar')].map((r) => Number(r.dataset.p));
    return now.some((p, i) => p !== old[i]);
  }, before);
  // The bars redraw on the next animation frame after the last stroke segment.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const after = await bars();
  assert.ok(box.width > 0);
  assert.ok(Math.abs(after.reduce((s, p) => s + p, 0) - 1) < 1e-4, 'probabilities sum to 1');
  assert.ok(after.some((p, i) => Math.abs(p - before[i]!) > 1e-3), `bars: ${after}`);
  assert.equal(after.indexOf(Math.max(...after)), 1, 'the drawn stroke is read as a 1');
  t.diagnostic(`bars after:  ${after.map((p) => p.toFixed(3)).join(' ')}`);
  await page.screenshot({ path: join(docs, 'playground-digits.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});
