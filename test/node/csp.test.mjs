// The demo page, served with a strict Content-Security-Policy (script-src 'self'; style-src 'self'),
// in real headless Chromium: formacoop must work there without a single violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'formacoop/server';
import { createStaticServer, STRICT_CSP } from '../../scripts/static-server.mjs';
import { findChromium } from '../../scripts/chromium.mjs';

let server;
let api;
let apiOrigin;
let dataDir;
let browser;
let origin;
let csp;

before(async () => {
  // As `npm start` runs it: the formacoop server on its own origin, the CMS-like page on another.
  dataDir = mkdtempSync(join(tmpdir(), 'formacoop-csp-'));
  server = createStaticServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  api = await createServer({
    dataDir,
    cycleFiles: ['examples/management-par-la-cooperation.json', 'examples/demo-cycle-exemple.json'],
    allowOrigins: [origin],
    adminToken: 'a-long-enough-admin-token-for-the-test',
    log: () => {},
  });
  apiOrigin = (await api.listen(0, '127.0.0.1')).replace(/\/$/, '');
  csp = STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${apiOrigin}`);
  server.close();
  server = createStaticServer({ csp, api: apiOrigin });
  await new Promise((r) => server.listen(Number(new URL(origin).port), '127.0.0.1', r));
  browser = await puppeteer.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the demo page works under a strict CSP with no securitypolicyviolation', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const response = await page.goto(`${origin}/`, { waitUntil: 'networkidle0' });
  assert.equal(response.headers()['content-security-policy'], csp);
  // The agenda has rendered the sample cycle's sessions in its shadow root.
  await page.waitForFunction(() => document.querySelector('fc-agenda')?.shadowRoot?.querySelectorAll('li.session').length >= 6, { timeout: 10000 });
  const titles = await page.evaluate(() =>
    [...document.querySelector('fc-agenda').shadowRoot.querySelectorAll('li.session .session-title')].map((h) => h.textContent.trim()),
  );
  assert.ok(titles.some((t) => t.includes('Manager les projets dans la transversalité et la coopération')), titles.join('\n'));
  // The JSON-LD for search engines is in the light DOM.
  await page.waitForFunction(() => document.querySelector('fc-agenda > script[type="application/ld+json"]'));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  // The example cycle, open to registration, shows its live seats read from the server.
  await page.waitForFunction(
    () => [...document.querySelectorAll('fc-agenda')][1]?.shadowRoot?.querySelector('.seats')?.textContent.includes('40 places restantes'),
    { timeout: 10000 },
  );
  // No third-party request: everything came from the page's own origin or the formacoop server.
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith(apiOrigin) && !u.startsWith('data:')), []);
  await page.close();
});
