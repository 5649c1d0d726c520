// The demo page, served with a strict Content-Security-Policy (script-src 'self'; style-src 'self'),
// in real headless Chromium: formacoop must work there without a single violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, startDemoSite } from './demo-site.mjs';

let demo;
let apiOrigin;
let browser;
let origin;
let csp;

before(async () => {
  // As `npm start` runs it: the formacoop server on its own origin, the CMS-like page on another.
  demo = await startDemoSite({ adminToken: 'a-long-enough-admin-token-for-the-test' });
  ({ origin, apiOrigin, csp } = demo);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await demo?.close();
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
