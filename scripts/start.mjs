// `npm start`: the product as a communauté de communes would run it, on this machine.
// - the reference server (embedded database in ./formacoop-data, seeded with the sample cycles)
//   on http://localhost:8787, allowing the demo site's origin;
// - the demo site — a CMS-like page embedding the built bundle — on http://localhost:8080, served
//   under a strict Content-Security-Policy that lets it call only itself and that server.
import { randomBytes } from 'node:crypto';
import { createServer } from '../dist/server/index.js';
import { createStaticServer, STRICT_CSP } from './static-server.mjs';
import { seedExampleFeedback } from './example-feedback.mjs';

const API_PORT = Number(process.env.FORMACOOP_PORT ?? 8787);
const SITE_PORT = Number(process.env.PORT ?? 8080);
const siteOrigins = [`http://localhost:${SITE_PORT}`, `http://127.0.0.1:${SITE_PORT}`];
const apiOrigins = [`http://localhost:${API_PORT}`, `http://127.0.0.1:${API_PORT}`];

// A demo on the developer's machine: the admin token is made up at start and shown once, so that
// the registrations can be exported; a real deployment reads it from FORMACOOP_ADMIN_TOKEN or a file.
const adminToken = process.env.FORMACOOP_ADMIN_TOKEN ?? randomBytes(24).toString('base64url');

const api = await createServer({
  dataDir: process.env.FORMACOOP_DATA ?? 'formacoop-data',
  cycleFiles: ['examples/management-par-la-cooperation.json', 'examples/demo-cycle-exemple.json'],
  allowOrigins: siteOrigins,
  adminToken,
  log: (line) => console.log(`[server] ${line}`),
});
await api.listen(API_PORT, '127.0.0.1');
// The example cycle's results page needs answers to show: fictitious ones, said so on the page.
const seeded = await seedExampleFeedback(`http://127.0.0.1:${API_PORT}`);

const csp = STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${apiOrigins.join(' ')}`);
const site = createStaticServer({ csp, api: `http://localhost:${API_PORT}` });
await new Promise((resolve) => site.listen(SITE_PORT, '127.0.0.1', resolve));

console.log(`
formacoop demo
  site (CMS-like page):   http://localhost:${SITE_PORT}/
  server (REST API):      http://localhost:${API_PORT}/api/cycles   (OpenAPI: /openapi.json)
  admin token (demo):     ${process.env.FORMACOOP_ADMIN_TOKEN ? '(from FORMACOOP_ADMIN_TOKEN)' : adminToken}
  registration (example): http://localhost:${SITE_PORT}/demo/inscription.html
  evaluation (example):   http://localhost:${SITE_PORT}/demo/evaluation.html${seeded ? `   (${seeded} fictitious answers added)` : ''}
  registrations as CSV:   curl -H "Authorization: Bearer <token>" http://localhost:${API_PORT}/api/admin/cycles/management-par-la-cooperation-exemple-2027/registrations.csv
Ctrl+C to stop.`);

const stop = async () => {
  site.close();
  await api.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
