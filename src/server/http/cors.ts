/// <reference types="node" />
/**
 * CORS for the CMS sites listed with --allow-origin, and for no one else: an unlisted origin gets no
 * CORS header at all (its page cannot read the answer) and its preflights are refused, so it cannot
 * send JSON either. Credentials are never allowed: the API uses no cookie.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, OPTIONS';
const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Authorization, Accept-Language, If-None-Match';
const EXPOSED_HEADERS = 'ETag, Retry-After, Idempotent-Replayed';

/** `https://www.cc-exemple.fr/` → `https://www.cc-exemple.fr`; throws on anything but an http(s) origin. */
export function normaliseOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`Not an http(s) origin: ${origin}`);
  if (url.pathname !== '/' || url.search || url.hash || url.username) throw new TypeError(`An origin has no path, query or user: ${origin}`);
  return url.origin;
}

export class Cors {
  readonly #origins: ReadonlySet<string>;
  constructor(origins: readonly string[]) {
    this.#origins = new Set(origins.map(normaliseOrigin));
  }

  allows(origin: string): boolean {
    return this.#origins.has(origin);
  }

  /** Sets the CORS headers of an answer; returns the request's origin when it is unlisted. */
  apply(req: IncomingMessage, res: ServerResponse): { readonly origin?: string; readonly allowed: boolean } {
    // Caches must not give one site's answer (with its CORS header) to another.
    res.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined) return { allowed: true };
    if (!this.allows(origin)) return { origin, allowed: false };
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    return { origin, allowed: true };
  }

  /** Whether an OPTIONS request is a CORS preflight. */
  static isPreflight(req: IncomingMessage): boolean {
    return req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  }

  /** Headers of an accepted preflight. */
  static preflightHeaders(): Record<string, string> {
    return {
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    };
  }
}
