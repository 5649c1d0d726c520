/// <reference types="node" />
/** The admin token: a Bearer token compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Shorter tokens are refused at start: an admin token guards personal data. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export class AdminAuth {
  readonly #expected: Buffer | undefined;
  constructor(token: string | undefined) {
    if (token !== undefined && token.length < MIN_ADMIN_TOKEN_LENGTH) {
      throw new RangeError(`The admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long`);
    }
    // Digests of equal length, so that the comparison's time says nothing of the token's length either.
    this.#expected = token === undefined ? undefined : digest(token);
  }

  get configured(): boolean {
    return this.#expected !== undefined;
  }

  /** Whether the request carries the admin token (`Authorization: Bearer …`). */
  check(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const given = digest(match?.[1] ?? '');
    // Compared even without a token configured or given: the time is the same in every case.
    const expected = this.#expected ?? digest('\0no admin token configured');
    return timingSafeEqual(given, expected) && this.#expected !== undefined && match !== null;
  }
}
