// The demo as `npm start` runs it, for the Node tests that drive it in Chromium: the formacoop server
// on its own origin, and the CMS-like site on another, under a strict Content-Security-Policy that
// lets it reach that server only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { createServer } from 'formacoop/server';
import { createStaticServer, STRICT_CSP } from '../../scripts/static-server.mjs';
import { findChromium } from '../../scripts/chromium.mjs';

export const DEMO_CYCLES = ['examples/management-par-la-cooperation.json', 'examples/demo-cycle-exemple.json'];

const listen = (server, port) => new Promise((ok) => server.listen(port, '127.0.0.1', ok));

/**
 * Starts both; `serverOptions` go to `createServer` (cycleFiles, adminToken, rateLimit…), over a
 * fresh data folder unless they name one. `close()` stops both and removes the folder.
 */
export async function startDemoSite(serverOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'formacoop-demo-'));
  // The server must know the site's origin (CORS) and the site's CSP the server's: the site listens
  // first on a free port, then again on the same port with its CSP.
  let site = createStaticServer();
  await listen(site, 0);
  const origin = `http://127.0.0.1:${site.address().port}`;
  const api = await createServer({ dataDir: join(dir, 'data'), cycleFiles: DEMO_CYCLES, allowOrigins: [origin], log: () => {}, ...serverOptions });
  const apiOrigin = (await api.listen(0, '127.0.0.1')).replace(/\/$/, '');
  const csp = STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${apiOrigin}`);
  site.close();
  site = createStaticServer({ csp, api: apiOrigin });
  await listen(site, Number(new URL(origin).port));
  return {
    origin,
    apiOrigin,
    api,
    csp,
    dataDir: serverOptions.dataDir ?? join(dir, 'data'),
    async close() {
      await new Promise((ok) => site.close(ok));
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium (Debian's), as the browser tests run it. */
export const launchChromium = () =>
  puppeteer.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
