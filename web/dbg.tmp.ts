import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
const SITE = '/work/wt-web/dist-web';
const server = createServer((req, res) => { const p = new URL(req.url!, 'http://x').pathname; const f = join(SITE, p.endsWith('/') ? p + 'index.html' : p); if (!existsSync(f)) { res.writeHead(404).end(); return; } res.writeHead(200, { 'content-type': extname(f) === '.js' ? 'text/javascript' : extname(f) === '.html' ? 'text/html' : extname(f) === '.css' ? 'text/css' : 'application/octet-stream' }).end(readFileSync(f)); });
await new Promise<void>((r) => server.listen(8765, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(process.env.W ?? 1280), height: Number(process.env.H ?? 900) } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e));
await page.goto(process.env.URL ?? 'http://127.0.0.1:8765/');
await page.waitForTimeout(500);
const steps = (process.argv[2] ?? '').split(';;').filter(Boolean);
for (const s of steps) {
  if (s.startsWith('sel:')) { const [, id, v] = s.split(':'); await page.selectOption('#' + id, v!); }
  else if (s.startsWith('click:')) await page.click(s.slice(6));
  else if (s.startsWith('wait:')) await page.waitForTimeout(Number(s.slice(5)));
  else if (s.startsWith('key:')) await page.keyboard.press(s.slice(4));
  else if (s.startsWith('shot:')) await page.screenshot({ path: s.slice(5), fullPage: true });
  else if (s.startsWith('file:')) await page.setInputFiles('#file', s.slice(5));
  else if (s.startsWith('eval:')) console.log(await page.evaluate(s.slice(5)));
}
await browser.close(); server.close();
