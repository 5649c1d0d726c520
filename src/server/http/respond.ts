/// <reference types="node" />
/**
 * Answers: JSON only (CSV and iCalendar for the exports), the contract's error body, the security
 * headers every answer carries. No cookie is ever set.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ValidationIssue } from '../../model/errors.js';
import type { Locale } from '../../model/messages.js';
import { toLocale } from '../../model/messages.js';
import type { ErrorBody, ErrorCode } from '../../backend/protocol.js';
import { say, type ServerMessageKey } from '../messages.js';

/** A failure with its place in the contract: status, code, message for people, and details. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Pick<ErrorBody['error'], 'issues' | 'reason'> = {},
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(message);
  }
}

/** What a handler works with. */
export interface Context {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly locale: Locale;
  /** Decoded path parameters. */
  readonly params: Readonly<Record<string, string>>;
  /** Who the rate limit counts: the peer address, or the proxy's X-Forwarded-For with --trust-proxy. */
  readonly client: string;
  readonly now: Date;
  /** Messages in the request's language. */
  readonly say: (key: ServerMessageKey, params?: Record<string, string | number | undefined>) => string;
}

/** The language of the answer: English when Accept-Language prefers it, French otherwise. */
export function localeOf(req: IncomingMessage): Locale {
  const header = req.headers['accept-language'];
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  return toLocale(first);
}

/**
 * Headers of every answer. The API serves data, never a page: nothing may be framed, sniffed or run.
 * HSTS belongs to the TLS terminator (the reverse proxy), which knows whether HTTPS is served.
 */
export const SECURITY_HEADERS: OutgoingHttpHeaders = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'interest-cohort=(), camera=(), microphone=(), geolocation=()',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: OutgoingHttpHeaders = {}): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers, 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

export function errorBody(code: ErrorCode, message: string, details: Pick<ErrorBody['error'], 'issues' | 'reason'> = {}): ErrorBody {
  return { error: { code, message, ...details } };
}

export function sendError(res: ServerResponse, e: HttpError): void {
  sendJson(res, e.status, errorBody(e.code, e.message, e.details), e.headers);
}

/** A 400 `invalid` whose issues name each bad field's path. */
export function invalid(ctx: Context, issues: readonly Pick<ValidationIssue, 'path' | 'message'>[]): HttpError {
  const detail = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path} : ${i.message}` : i.message))
    .join(' ; ');
  return new HttpError(400, 'invalid', ctx.say('invalid', { count: issues.length, detail }), {
    issues: issues.map((i) => ({ path: i.path, message: i.message })),
  });
}
