import type { ErrorBody, ErrorCode } from './protocol.js';

/**
 * A backend failure, typed so that a form can decide what to do: retry (network, timeout, 5xx,
 * 429), show field errors (invalid), or tell the person (refused, closed…).
 */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    readonly kind: 'network' | 'timeout' | 'http',
    readonly code: ErrorCode | undefined,
    message: string,
    readonly status?: number,
    readonly body?: ErrorBody,
    /** Seconds to wait before retrying, from Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** Worth retrying with the same Idempotency-Key: the request may not have been processed. */
  get retryable(): boolean {
    return this.kind !== 'http' || this.status === 429 || this.code === 'in-flight' || (this.status ?? 0) >= 500;
  }
}
