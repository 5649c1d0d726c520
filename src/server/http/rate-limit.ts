/**
 * Per-client rate limit on writes: a token bucket of `perMinute` tokens refilled continuously, so a
 * client may send a burst of `perMinute` requests, then one every 60/perMinute seconds.
 */
export class RateLimiter {
  readonly #perMinute: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(perMinute: number) {
    this.#perMinute = perMinute;
  }

  /** Takes a token for `client`: 0 when granted, else the seconds to wait (for Retry-After). */
  take(client: string, nowMs: number): number {
    if (this.#perMinute <= 0) return 0;
    const ratePerMs = this.#perMinute / 60_000;
    const bucket = this.#buckets.get(client) ?? { tokens: this.#perMinute, at: nowMs };
    bucket.tokens = Math.min(this.#perMinute, bucket.tokens + (nowMs - bucket.at) * ratePerMs);
    bucket.at = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.#remember(client, bucket, nowMs);
      return 0;
    }
    this.#remember(client, bucket, nowMs);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
  }

  #remember(client: string, bucket: { tokens: number; at: number }, nowMs: number): void {
    this.#buckets.set(client, bucket);
    // Memory stays bounded: buckets that have refilled are forgotten (a new one starts full anyway).
    if (this.#buckets.size > 10_000) {
      for (const [key, b] of this.#buckets) {
        if (b.tokens + (nowMs - b.at) * (this.#perMinute / 60_000) >= this.#perMinute) this.#buckets.delete(key);
      }
    }
  }
}
