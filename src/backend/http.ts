/**
 * The Backend over the reference server's REST contract (src/server; /openapi.json). Browser and
 * Node alike: fetch and AbortController only.
 *
 * Each request has a timeout. Failures that a retry may overcome — no answer, no answer in time, a
 * 5xx, a 429, a 409 `in-flight` (see BackendError.retryable) — are retried with capped exponential
 * backoff and full jitter, after Retry-After when the server gives one; a submission keeps its
 * Idempotency-Key and its exact body across retries, so the server stores it once. Anything else
 * is final at once. Answers are validated with the model's schemas before they are returned.
 */
import type { Availability } from '../model/availability.js';
import { validate } from '../model/compact/validate.js';
import { AVAILABILITY, FEED, FEEDBACK_RECEIPT, REGISTRATION } from '../model/compact/ir.generated.js';
import type { Node } from '../model/compact/ir.js';
import type { Feed } from '../model/feed.js';
import type { FeedbackSubmission } from '../model/feedback.js';
import type { Locale } from '../model/messages.js';
import type { Registration } from '../model/registration.js';
import type { FeedbackSummary } from '../rules/feedback.js';
import type { Backend, FeedbackReceipt, RequestOptions, SubmitOptions } from './backend.js';
import { BackendError } from './errors.js';
import type { ErrorBody, ErrorCode, RegistrationSubmission } from './protocol.js';

export interface HttpBackendOptions {
  /** The server's address; the API is under `/api` (a path prefix such as `https://x.fr/formacoop` is kept). */
  readonly baseUrl: string;
  /** The cycle `loadFeed` reads; without it, the catalogue of every cycle. */
  readonly cycleId?: string;
  /** Language of the server's messages (Accept-Language) and of feed validation messages. Default `fr`. */
  readonly locale?: Locale;
  /** Time allowed to each attempt, ms. Default 10,000. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  readonly retries?: number;
  /** First backoff, ms; doubled at each retry. Default 500. */
  readonly backoffMs?: number;
  /** Longest backoff, ms. Default 8,000. */
  readonly maxBackoffMs?: number;
  /**
   * A Retry-After longer than this (ms) is not waited for: the error is thrown with `retryAfter`,
   * for an outbox to try later. Default 30,000.
   */
  readonly maxRetryAfterMs?: number;
  /** fetch to use (tests, or a wrapped fetch). Default: the global one. */
  readonly fetch?: typeof fetch;
  /** Source of the jitter, in [0, 1). Default Math.random. */
  readonly random?: () => number;
}

export interface HttpBackend extends Backend {
  readonly baseUrl: string;
  loadFeed(options?: RequestOptions): Promise<Feed>;
  availability(cycleId: string, options?: RequestOptions): Promise<Availability>;
  register(cycleId: string, submission: RegistrationSubmission, options: SubmitOptions): Promise<Registration>;
  sendFeedback(cycleId: string, submission: FeedbackSubmission, options: SubmitOptions): Promise<FeedbackReceipt>;
  feedbackSummary(cycleId: string, formId: string, options?: RequestOptions & { readonly adminToken?: string }): Promise<FeedbackSummary>;
}

const WORDS: Record<Locale, { network: string; timeout: string; answer: (status: number) => string; invalidAnswer: string }> = {
  fr: {
    network: 'le serveur est injoignable : vérifiez votre connexion, puis réessayez',
    timeout: "le serveur n'a pas répondu à temps : réessayez dans un instant",
    answer: (status) => `le serveur a répondu par une erreur (HTTP ${status})`,
    invalidAnswer: 'la réponse du serveur est invalide',
  },
  en: {
    network: 'the server cannot be reached: check your connection, then try again',
    timeout: 'the server did not answer in time: try again in a moment',
    answer: (status) => `the server answered with an error (HTTP ${status})`,
    invalidAnswer: "the server's answer is invalid",
  },
};

interface Call {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Serialised once: every retry sends the same bytes. */
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
}

/** Seconds to wait, from a Retry-After header (seconds or an HTTP date). */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A client of the reference server, as a Backend. */
export function createHttpBackend(options: HttpBackendOptions): HttpBackend {
  const base = options.baseUrl.replace(/\/+$/, '');
  const locale = options.locale ?? 'fr';
  const words = WORDS[locale];
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 8_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const random = options.random ?? Math.random;
  const segment = encodeURIComponent;
  let cachedFeed: { readonly path: string; readonly etag: string; readonly feed: Feed } | undefined;

  /** One attempt: an answer, or a BackendError for a failed transport. */
  async function attempt(call: Call): Promise<Response> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(call.signal!.reason);
    call.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await doFetch(`${base}${call.path}`, {
        method: call.method,
        headers: { Accept: 'application/json', 'Accept-Language': locale, ...call.headers, ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(call.body === undefined ? {} : { body: call.body }),
        signal: controller.signal,
        // No cookies: the API uses none, and a site's cookies must not travel to it.
        credentials: 'omit',
      });
    } catch (e) {
      if (call.signal?.aborted) throw call.signal.reason ?? e;
      throw new BackendError(timedOut ? 'timeout' : 'network', undefined, timedOut ? words.timeout : words.network);
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The error an answer stands for, from the contract's body when there is one. */
  async function errorOf(response: Response): Promise<BackendError> {
    const retryAfter = retryAfterOf(response);
    let body: ErrorBody | undefined;
    try {
      const json = (await response.json()) as unknown;
      if (json && typeof json === 'object' && 'error' in json && typeof (json as ErrorBody).error?.code === 'string') body = json as ErrorBody;
    } catch {
      body = undefined;
    }
    const code: ErrorCode | undefined = body?.error.code ?? (response.status >= 500 ? 'server-error' : undefined);
    return new BackendError('http', code, body?.error.message ?? words.answer(response.status), response.status, body, retryAfter);
  }

  /** Sends a request, retrying what may be retried; resolves to a 2xx or 304 answer. */
  async function send(call: Call): Promise<Response> {
    for (let retry = 0; ; retry++) {
      let failure: BackendError;
      try {
        const response = await attempt(call);
        if (response.ok || response.status === 304) return response;
        failure = await errorOf(response);
      } catch (e) {
        if (!(e instanceof BackendError)) throw e;
        failure = e;
      }
      if (!failure.retryable || retry >= retries) throw failure;
      const ceiling = Math.min(maxBackoffMs, backoffMs * 2 ** retry);
      const wait = failure.retryAfter !== undefined ? failure.retryAfter * 1000 : random() * ceiling;
      if (wait > maxRetryAfterMs) throw failure;
      await sleep(wait, call.signal);
    }
  }

  /** The answer's JSON, checked with `schema`; an answer that does not match is the server's error. */
  // Answers are checked with the compact validator (derived from the same zod schemas, no zod in
  // the elements' bundle).
  async function parsed<T>(response: Response, ir: Node): Promise<T> {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new BackendError('http', 'server-error', words.invalidAnswer, response.status);
    }
    const result = validate<T>(ir, json, locale);
    if (!result.success) {
      const issues = result.issues.map((i) => ({ path: i.path, message: i.message }));
      const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new BackendError('http', 'server-error', `${words.invalidAnswer}: ${detail}`, response.status, {
        error: { code: 'server-error', message: words.invalidAnswer, issues },
      });
    }
    return result.data;
  }

  return {
    baseUrl: base,

    async loadFeed({ signal }: RequestOptions = {}) {
      const path = options.cycleId === undefined ? '/api/cycles' : `/api/cycles/${segment(options.cycleId)}`;
      const cached = cachedFeed?.path === path ? cachedFeed : undefined;
      const response = await send({ method: 'GET', path, signal, headers: cached ? { 'If-None-Match': cached.etag } : {} });
      if (response.status === 304 && cached) return cached.feed;
      const feed = await parsed<Feed>(response, FEED);
      const etag = response.headers.get('etag');
      cachedFeed = etag === null ? undefined : { path, etag, feed };
      return feed;
    },

    async availability(cycleId, { signal }: RequestOptions = {}) {
      const response = await send({ method: 'GET', path: `/api/cycles/${segment(cycleId)}/availability`, signal });
      return parsed<Availability>(response, AVAILABILITY);
    },

    async register(cycleId, submission, { idempotencyKey, signal }) {
      const response = await send({
        method: 'POST',
        path: `/api/cycles/${segment(cycleId)}/registrations`,
        headers: { 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(submission),
        signal,
      });
      return parsed<Registration>(response, REGISTRATION);
    },

    async sendFeedback(cycleId, submission, { idempotencyKey, signal }) {
      const path =
        submission.sessionId === undefined
          ? `/api/cycles/${segment(cycleId)}/feedback`
          : `/api/cycles/${segment(cycleId)}/sessions/${segment(submission.sessionId)}/feedback`;
      const response = await send({ method: 'POST', path, headers: { 'Idempotency-Key': idempotencyKey }, body: JSON.stringify(submission), signal });
      return parsed<FeedbackReceipt>(response, FEEDBACK_RECEIPT);
    },

    async feedbackSummary(cycleId, formId, { signal, adminToken }: RequestOptions & { readonly adminToken?: string } = {}) {
      const response = await send({
        method: 'GET',
        path: `/api/cycles/${segment(cycleId)}/feedback/summary?formId=${segment(formId)}`,
        headers: adminToken === undefined ? {} : { Authorization: `Bearer ${adminToken}` },
        signal,
      });
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        json = undefined;
      }
      // The statistics are computed by the SDK's own summariseFeedback on the server; their shape has no zod schema.
      if (!json || typeof json !== 'object' || (json as { formId?: unknown }).formId !== formId) {
        throw new BackendError('http', 'server-error', words.invalidAnswer, response.status);
      }
      return json as FeedbackSummary;
    },
  };
}
