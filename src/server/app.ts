/// <reference types="node" />
/**
 * The request pipeline: security headers, CORS, routing, the rate limit on writes, errors in the
 * contract's body. Plain node:http: the API is a dozen routes, a framework would add more than it saves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Locale } from '../model/messages.js';
import type { Store } from './storage/store.js';
import { AdminAuth } from './http/auth.js';
import { Cors } from './http/cors.js';
import { RateLimiter } from './http/rate-limit.js';
import { HttpError, SECURITY_HEADERS, localeOf, sendError, type Context } from './http/respond.js';
import { say } from './messages.js';

export interface AppSettings {
  /** Write requests (POST, PUT) per minute per client; 0 turns the limit off. */
  readonly rateLimit: number;
  /** Largest body of a public request, in bytes. */
  readonly bodyLimit: number;
  /** Largest body of an admin request (a cycle feed), in bytes. */
  readonly adminBodyLimit: number;
  /** A registration form filled faster than this is a robot's. 0 turns the check off. */
  readonly minFillMs: number;
  /** How long answers are kept for replay (purge deletes older ones). */
  readonly idempotencyTtlMs: number;
  /** Read the client's address from X-Forwarded-For (behind a reverse proxy). */
  readonly trustProxy: boolean;
  readonly version: string;
}

/** What every handler can reach. */
export interface App {
  readonly store: Store;
  readonly settings: AppSettings;
  readonly auth: AdminAuth;
  readonly limiter: RateLimiter;
  readonly cors: Cors;
  readonly clock: () => Date;
  readonly log: (line: string) => void;
  /** Idempotency-Keys whose first request this process is handling (cycle, kind, key). */
  readonly inFlight: Set<string>;
}

export type Handler = (ctx: Context, app: App) => Promise<void>;

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  readonly handler: Handler;
}

/** `/api/cycles/:cycleId` → a route whose parameters are decoded path segments. */
export function route(method: string, path: string, handler: Handler): Route {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const [name, suffix = ''] = segment.slice(1).split(/(?=\.)/);
      keys.push(name!);
      return `([^/]+?)${suffix.replace(/\./g, '\\.')}`;
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), keys, handler };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The client a rate limit counts: with --trust-proxy, the address the nearest proxy saw. */
function clientOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function createHandler(app: App, routes: readonly Route[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const locale: Locale = localeOf(req);
    const sayIn: Context['say'] = (key, params) => say(key, locale, params);
    try {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value!);
      const cors = app.cors.apply(req, res);
      const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');

      if (Cors.isPreflight(req)) {
        if (!cors.allowed) throw new HttpError(403, 'origin-not-allowed', sayIn('origin-not-allowed', { origin: cors.origin }));
        res.writeHead(204, Cors.preflightHeaders());
        res.end();
        return;
      }

      const url = new URL(req.url ?? '/', 'http://formacoop.invalid');
      let allowed: string[] = [];
      for (const r of routes) {
        const match = r.pattern.exec(url.pathname);
        if (!match) continue;
        if (r.method !== method) {
          allowed.push(r.method);
          continue;
        }
        const params: Record<string, string> = {};
        r.keys.forEach((key, i) => {
          try {
            params[key] = decodeURIComponent(match[i + 1]!);
          } catch {
            throw new HttpError(404, 'not-found', sayIn('not-found'));
          }
        });
        const now = app.clock();
        const client = clientOf(req, app.settings.trustProxy);
        if (WRITES.has(method)) {
          const wait = app.limiter.take(client, now.getTime());
          if (wait > 0) throw new HttpError(429, 'rate-limited', sayIn('rate-limited', { seconds: wait }), {}, { 'Retry-After': String(wait) });
        }
        await r.handler({ req, res, url, locale, params, client, now, say: sayIn }, app);
        return;
      }
      if (method === 'OPTIONS') {
        allowed = [...new Set(allowed)];
        if (allowed.length > 0) {
          res.writeHead(204, { Allow: [...allowed, 'OPTIONS'].join(', ') });
          res.end();
          return;
        }
      }
      if (allowed.length > 0) {
        const allow = [...new Set(allowed)].join(', ');
        throw new HttpError(405, 'method-not-allowed', sayIn('method-not-allowed', { allow }), {}, { Allow: allow });
      }
      throw new HttpError(404, 'not-found', sayIn('not-found'));
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError) {
        sendError(res, e);
        return;
      }
      app.log(`formacoop: ${req.method} ${req.url?.split('?')[0]} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      sendError(res, new HttpError(500, 'server-error', sayIn('server-error')));
    }
  };
}
