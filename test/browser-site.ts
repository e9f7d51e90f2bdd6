/**
 * The playground for browser tests: builds the static site (npm run build:web), serves dist-web on
 * 127.0.0.1 and launches Debian's Chromium through playwright-core (no network).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const SITE = join(ROOT, 'dist-web');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.bin': 'application/octet-stream', '.json': 'application/json' };

/** The served site and the browser; `close` stops both. */
export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the site, serves it and launches Chromium. */
export async function startSite(): Promise<Site> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (CI's .ci/run does)`);
  }
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build:web failed:\n${build.stdout}\n${build.stderr}`);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(SITE, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(SITE) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    browser,
    close: async () => { await browser.close(); server.close(); },
  };
}

/** A fresh page of the site (English unless the link says otherwise), once its first run is drawn, collecting console and page errors. */
export async function openPage(site: Site, query = '', viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const context = await site.browser.newContext({ viewport, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(site.url + query);
  await page.waitForFunction(() => document.body.dataset.session !== undefined && document.querySelector('#diagram circle') !== null);
  return { page, errors };
}

/** For a test file: the site started before its tests and closed after them; returns `open(query, viewport)`. */
export function useSite(): (query?: string, viewport?: { width: number; height: number }) => Promise<{ page: Page; errors: string[] }> {
  let site: Site | undefined;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });
  return (query = '', viewport) => openPage(site!, query, viewport);
}
