// A small static server for the demo page and the CSP test: the files of the project under a
// strict Content-Security-Policy, as a cautious CMS would serve them.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ics': 'text/calendar; charset=utf-8',
  '.woff2': 'font/woff2',
};

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves `root`; `/` and directories map to `index` (demo/index.html by default). Only files under
 * `root` are served.
 */
/**
 * `api`: the formacoop server's origin, when it is not the demo page's default
 * (http://localhost:8787): HTML pages are served with it instead.
 */
export function createStaticServer({ root = process.cwd(), index = 'demo/index.html', csp = STRICT_CSP, mounts = {}, api } = {}) {
  const base = resolve(root);
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      for (const [prefix, target] of Object.entries(mounts)) {
        if (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : prefix + '/')) path = target + path.slice(prefix.length);
      }
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if (path === '/' || (await stat(file)).isDirectory()) file = join(base, path === '/' ? index : join(path, 'index.html'));
      let body = await readFile(file);
      if (api && extname(file) === '.html') body = Buffer.from(body.toString('utf8').replaceAll('http://localhost:8787', api));
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...(csp && { 'Content-Security-Policy': csp }),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'same-origin',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e?.code === 'ENOENT' || e?.code === 'ENOTDIR' ? 404 : 500, { 'Content-Type': 'text/plain; charset=utf-8', ...(csp && { 'Content-Security-Policy': csp }) });
      res.end(e?.code === 'ENOENT' || e?.code === 'ENOTDIR' ? 'Not found' : 'Server error');
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  createStaticServer().listen(port, '127.0.0.1', () => {
    console.log(`formacoop demo: http://localhost:${port}/  (strict CSP: ${STRICT_CSP})`);
  });
}
