// The agenda's speed in headless Chromium: first render of 1,000 and 10,000 sessions, and a filter
// keystroke at 10,000 sessions (goal: ≤ 16 ms). Median of several runs.
// Usage: npm run build && node bench/agenda-render.mjs [runs=7]
import puppeteer from 'puppeteer-core';
import { createStaticServer } from '../scripts/static-server.mjs';
import { findChromium } from '../scripts/chromium.mjs';

const runs = Number(process.argv[2] ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = createStaticServer({ index: 'bench/agenda.html', csp: '' });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await puppeteer.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => customElements.get('fc-agenda') && window.firstRender);
  console.log(`node bench/agenda-render.mjs ${runs} — ${new Date().toISOString()} — Chromium ${await browser.version()}`);
  for (const n of [1000, 10000]) {
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await page.evaluate((n, seed) => window.firstRender(n, seed), n, i + 1));
    console.log(`first render, ${n} sessions (fetch + validation + render + paint): median ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
  }
  // The last mounted agenda has 10,000 sessions: type a search, one key at a time, then clear it.
  const rendered = [];
  const painted = [];
  for (let i = 0; i < runs; i++) {
    for (const text of ['a', 'al', 'alb', 'albi', '']) {
      const t = await page.evaluate((text) => window.filterKeystroke(text), text);
      rendered.push(t.rendered);
      painted.push(t.painted);
    }
  }
  console.log(`filter keystroke at 10000 sessions: median ${median(rendered).toFixed(1)} ms to the updated list (max ${Math.max(...rendered).toFixed(1)}), ${median(painted).toFixed(1)} ms to the next frame — ${rendered.length} keystrokes`);
} finally {
  await browser.close();
  server.close();
}
