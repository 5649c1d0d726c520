/**
 * A Backend kept in memory: for tests, Storybook and pages without a server. It answers as the
 * reference server does (see protocol.ts): the same rules decide, the same error bodies come back,
 * the same idempotency holds — so a form tested against it behaves the same against the server.
 */
import type { Availability } from '../model/availability.js';
import type { Cycle } from '../model/cycle.js';
import { parseWith, safeParseWith, type ValidationIssue } from '../model/errors.js';
import {
  FeedbackResponseSchema,
  FeedbackSubmissionSchema,
  type FeedbackResponse,
  type FeedbackSubmission,
} from '../model/feedback.js';
import { parseFeed, type Feed } from '../model/feed.js';
import { cyclesOf } from '../rules/lookup.js';
import type { Locale } from '../model/messages.js';
import { RegistrationSchema, type Registration } from '../model/registration.js';
import {
  computeAvailability,
  decideRegistration,
  promoteOnCancel,
  type PromotionResult,
  type RegistrationRefusal,
} from '../rules/capacity.js';
import { feedbackFormState, summariseFeedback, validateFeedback, type FeedbackSummary } from '../rules/feedback.js';
import type { Backend, FeedbackReceipt, RequestOptions, SubmitOptions } from './backend.js';
import { BackendError } from './errors.js';
import { say as sayIn, type BackendMessageKey } from './messages.js';
import {
  IDEMPOTENCY_KEY_PATTERN,
  RegistrationSubmissionSchema,
  type ErrorBody,
  type ErrorCode,
  type RefusalReason,
  type RegistrationSubmission,
} from './protocol.js';

/** A failure that a retry may overcome: no answer, no answer in time, or a 429/5xx answer. */
export type TransientFailure = 'network' | 'timeout' | 429 | 500 | 502 | 503 | 504;

export interface MemoryBackendOptions {
  /** Language of error messages and validation issues (the server reads Accept-Language). */
  readonly locale?: Locale;
  /** A registration filled faster than this is refused as a bot; 3000 by default, 0 disables the check. */
  readonly minFillMs?: number;
  /** Artificial delay of every request, so that a story shows "submitting" and a test can overlap requests. */
  readonly latencyMs?: number;
  /** The clock: registration dates, questionnaire dates, `createdAt`, `submittedAt`. */
  readonly now?: () => Date;
  /** Unlocks the results of questionnaires whose results are not public. No token: they stay locked. */
  readonly adminToken?: string;
  /** Starts offline: every request fails as a network failure until `setOffline(false)`. */
  readonly offline?: boolean;
  /** Registrations already stored (a story of a nearly full cycle), validated like the feed. */
  readonly registrations?: readonly unknown[];
  /** Evaluation answers already stored (a story of published results), validated like the feed. */
  readonly feedbackResponses?: readonly unknown[];
}

export interface FailNextOptions {
  /**
   * The request is processed, then its answer is lost: what idempotency keys exist for. A retry with
   * the same key gets the stored answer.
   */
  readonly afterProcessing?: boolean;
}

/** The Backend with every method, plus what tests and stories need to arrange and inspect. */
export interface MemoryBackend extends Backend {
  loadFeed(options?: RequestOptions): Promise<Feed>;
  availability(cycleId: string, options?: RequestOptions): Promise<Availability>;
  register(cycleId: string, submission: RegistrationSubmission, options: SubmitOptions): Promise<Registration>;
  sendFeedback(cycleId: string, submission: FeedbackSubmission, options: SubmitOptions): Promise<FeedbackReceipt>;
  feedbackSummary(cycleId: string, formId: string, options?: RequestOptions & { readonly adminToken?: string }): Promise<FeedbackSummary>;
  /** A copy of the cycle's stored registrations, in the order they were stored. */
  registrations(cycleId: string): Registration[];
  /** Cancels a registration and promotes from the waiting list, as the organiser's back office would. */
  cancelRegistration(cycleId: string, registrationId: string): PromotionResult;
  /** One-use tokens for a questionnaire with `access: 'token'`, as the organiser sends them to participants. */
  issueFeedbackTokens(cycleId: string, formId: string, count: number): string[];
  /** A copy of the cycle's stored evaluation answers. */
  feedbackResponses(cycleId: string): FeedbackResponse[];
  /** Whether requests currently fail as a network failure. */
  readonly offline: boolean;
  setOffline(offline: boolean): void;
  /** The next `count` requests (any method) fail with `failure`. */
  failNext(count: number, failure: TransientFailure, options?: FailNextOptions): void;
}

/** What a key holds: nothing yet (the first request is processed), or the answer it was given. */
type KeyEntry<T> =
  | { readonly fingerprint: string; readonly state: 'pending' }
  | { readonly fingerprint: string; readonly state: 'done'; readonly outcome: Outcome<T> };

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BackendError };

interface TokenEntry {
  readonly cycleId: string;
  readonly formId: string;
  used: boolean;
}

type MessageKey = BackendMessageKey;
type Params = Record<string, string | number | undefined>;

/** 6 random bytes, base64url: the unguessable part of an id. */
function randomPart(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

/** Waits `ms` (a macrotask at least, so that requests overlap as real ones do), or rejects when aborted. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** JSON with object keys sorted: two bodies that differ only in key order are the same submission. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A backend over `feed` (one cycle or a catalogue, as JSON or already parsed), validated here with
 * the SDK's schema: an invalid feed throws the `ValidationError` at creation, not at the first request.
 */
export function createMemoryBackend(feed: unknown, options: MemoryBackendOptions = {}): MemoryBackend {
  const locale = options.locale ?? 'fr';
  const minFillMs = options.minFillMs ?? 3000;
  const latencyMs = options.latencyMs ?? 0;
  const clock = options.now ?? (() => new Date());
  const parsedFeed = parseFeed(feed, { locale });
  const cycles = cyclesOf(parsedFeed);
  const say = (key: MessageKey, params: Params = {}) => sayIn(key, locale, params);

  let store: Registration[] = (options.registrations ?? []).map((r) => parseWith(RegistrationSchema, r, { locale }, 'registration'));
  const responses: FeedbackResponse[] = (options.feedbackResponses ?? []).map((r) =>
    parseWith(FeedbackResponseSchema, r, { locale }, 'feedback response'),
  );
  const registerKeys = new Map<string, KeyEntry<Registration>>();
  const feedbackKeys = new Map<string, KeyEntry<FeedbackReceipt>>();
  const tokens = new Map<string, TokenEntry>();
  const faults: { readonly failure: TransientFailure; readonly afterProcessing: boolean }[] = [];
  let offline = options.offline ?? false;
  // The waiting list is ordered by `createdAt`, then by id. As in the server, a registration is never
  // dated before the previous one, and ids sort by arrival within an instant.
  let lastCreatedAt = Math.max(-Infinity, ...store.map((r) => Date.parse(r.createdAt)));
  let registrationSeq = 0;

  function httpError(status: number, code: ErrorCode, text: string, extra: Omit<ErrorBody['error'], 'code' | 'message'> = {}, retryAfter?: number) {
    return new BackendError('http', code, text, status, { error: { code, message: text, ...extra } }, retryAfter);
  }
  const invalid = (issues: readonly Pick<ValidationIssue, 'path' | 'message'>[]) => {
    const detail = issues
      .slice(0, 3)
      .map((i) => (i.path ? `${i.path} : ${i.message}` : i.message))
      .join(' ; ');
    return httpError(400, 'invalid', say('invalid', { count: issues.length, detail }), {
      issues: issues.map(({ path, message }) => ({ path, message })),
    });
  };
  function refused(cycle: Cycle, refusal: RegistrationRefusal | { readonly reason: Extract<RefusalReason, 'anti-bot'> }) {
    const sessionId = 'sessionId' in refusal ? refusal.sessionId : undefined;
    // People read the day's title; the id is all there is for a session the cycle does not have.
    const session = sessionId && (cycle.sessions.find((s) => s.id === sessionId)?.title ?? sessionId);
    const key: MessageKey = refusal.reason === 'full' && sessionId ? 'refused-full-session' : `refused-${refusal.reason}`;
    return httpError(409, 'refused', say(key, { session }), { reason: { reason: refusal.reason, ...(sessionId ? { sessionId } : {}) } });
  }

  function transportFailure(failure: TransientFailure): BackendError {
    if (failure === 'network' || failure === 'timeout') return new BackendError(failure, undefined, say(failure));
    // A rate limit tells when to come back, as the server's Retry-After does.
    if (failure === 429) return httpError(429, 'rate-limited', say('rate-limited', { seconds: 1 }), {}, 1);
    return httpError(failure, 'server-error', say('server-error'));
  }

  function findCycle(cycleId: string): Cycle {
    const cycle = cycles.find((c) => c.id === cycleId);
    if (!cycle) throw httpError(404, 'not-found', say('cycle-not-found', { id: cycleId }));
    return cycle;
  }
  function findForm(cycle: Cycle, formId: string) {
    const form = cycle.feedback.find((f) => f.id === formId);
    if (!form) throw httpError(404, 'not-found', say('form-not-found', { id: formId }));
    return form;
  }

  function checkKey(key: unknown): string {
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) throw httpError(400, 'idempotency-key-missing', say('idempotency-key-missing'));
    return key;
  }

  /**
   * One request: transport first (aborted, offline, an injected failure), then the handler. The
   * handler runs synchronously up to its first await, so a key is claimed as the call is made.
   */
  async function request<T>(signal: AbortSignal | undefined, handle: () => Promise<T>): Promise<T> {
    if (signal?.aborted) throw abortReason(signal);
    if (offline) throw transportFailure('network');
    const fault = faults.shift();
    if (fault && !fault.afterProcessing) throw transportFailure(fault.failure);
    const outcome = await handle().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    // Processed, answer lost: whatever the answer was, the caller sees only the failure.
    if (fault && !signal?.aborted) throw transportFailure(fault.failure);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Runs `decide` once per key of a cycle (see the idempotency rules in protocol.ts): the key is
   * claimed at once, a second request meanwhile is `in-flight`; the decision's answer, success or
   * refusal, is kept and given again to the same body; `invalid` (or a bug) frees the key.
   */
  async function idempotent<T>(
    keys: Map<string, KeyEntry<T>>,
    cycleId: string,
    key: string,
    submission: unknown,
    signal: AbortSignal | undefined,
    decide: (now: Date) => T,
  ): Promise<T> {
    const id = `${cycleId}\u0000${key}`;
    // As the server: the fingerprint leaves the feedback token out, so that nothing kept beside an
    // answer can tell whose it is.
    const { token: _token, ...withoutToken } = (submission ?? {}) as Record<string, unknown>;
    const fingerprint = canonical(typeof submission === 'object' && submission !== null ? withoutToken : submission);
    const entry = keys.get(id);
    if (entry?.state === 'pending') throw httpError(409, 'in-flight', say('in-flight'));
    if (entry) {
      if (entry.fingerprint !== fingerprint) throw httpError(422, 'idempotency-key-reused', say('idempotency-key-reused'));
      await sleep(latencyMs, signal);
      const { outcome } = entry;
      if (outcome.ok) return structuredClone(outcome.value);
      const e = outcome.error;
      throw new BackendError(e.kind, e.code, e.message, e.status, structuredClone(e.body), e.retryAfter);
    }
    keys.set(id, { fingerprint, state: 'pending' });
    try {
      await sleep(latencyMs, signal);
      // From here on nothing awaits: deciding and storing are one step, as in the server's transaction.
      const value = decide(clock());
      keys.set(id, { fingerprint, state: 'done', outcome: { ok: true, value: structuredClone(value) } });
      return structuredClone(value);
    } catch (error) {
      if (error instanceof BackendError && error.code !== 'invalid') keys.set(id, { fingerprint, state: 'done', outcome: { ok: false, error } });
      else keys.delete(id);
      throw error;
    }
  }

  const isBot = (antiBot: { readonly website?: string; readonly fillMs?: number } | undefined) =>
    (antiBot?.website ?? '') !== '' || (minFillMs > 0 && antiBot?.fillMs !== undefined && antiBot.fillMs < minFillMs);

  return {
    loadFeed({ signal } = {}) {
      return request(signal, async () => {
        await sleep(latencyMs, signal);
        // A fresh copy each time, as JSON from a server would be: no caller can change another's feed.
        return structuredClone(parsedFeed);
      });
    },

    availability(cycleId, { signal } = {}) {
      return request(signal, async () => {
        const cycle = findCycle(cycleId);
        await sleep(latencyMs, signal);
        return computeAvailability(cycle, store, { now: clock() });
      });
    },

    register(cycleId, submission, { idempotencyKey, signal }) {
      return request(signal, async () => {
        const key = checkKey(idempotencyKey);
        const cycle = findCycle(cycleId);
        return idempotent(registerKeys, cycle.id, key, submission, signal, (now) => {
          const parsed = safeParseWith(RegistrationSubmissionSchema, submission, { locale }, 'registration');
          if (!parsed.success) throw invalid(parsed.error.issues);
          const { antiBot, ...registrationRequest } = parsed.data;
          if (isBot(antiBot)) throw refused(cycle, { reason: 'anti-bot' });
          const decision = decideRegistration(cycle, store, registrationRequest, { now });
          if (decision.status === 'refused') throw refused(cycle, decision.refused);
          lastCreatedAt = Math.max(now.getTime(), lastCreatedAt);
          registrationSeq += 1;
          const registration: Registration = {
            id: `r${registrationSeq.toString(36).padStart(8, '0')}-${randomPart()}`,
            cycleId: cycle.id,
            participant: registrationRequest.participant,
            // The rules count a session once however often it is listed; the stored list says it once too.
            sessionIds: [...new Set(registrationRequest.sessionIds)],
            ...(registrationRequest.accessNeeds === undefined ? {} : { accessNeeds: registrationRequest.accessNeeds }),
            status: decision.status,
            ...(decision.status === 'waitlisted' ? { waitlistPosition: decision.waitlistPosition } : {}),
            createdAt: new Date(lastCreatedAt).toISOString(),
          };
          store.push(registration);
          return registration;
        });
      });
    },

    sendFeedback(cycleId, submission, { idempotencyKey, signal }) {
      return request(signal, async () => {
        const key = checkKey(idempotencyKey);
        const cycle = findCycle(cycleId);
        return idempotent(feedbackKeys, cycle.id, key, submission, signal, (now) => {
          const parsed = safeParseWith(FeedbackSubmissionSchema, submission, { locale }, 'feedback');
          if (!parsed.success) throw invalid(parsed.error.issues);
          const { token, ...answer } = parsed.data;
          const form = cycle.feedback.find((f) => f.id === answer.formId);
          // Closed before checked: no one should correct answers that cannot be sent.
          const state = form && feedbackFormState(form, now);
          if (state === 'closed') throw httpError(409, 'closed', say('feedback-closed'));
          if (state === 'not-open-yet') throw httpError(409, 'closed', say('feedback-not-open-yet'));
          const issues = validateFeedback(cycle, parsed.data, locale);
          if (issues.length > 0 || !form) throw invalid(issues);
          if (form.access === 'token') {
            const issued = token === undefined ? undefined : tokens.get(token);
            if (!issued || issued.cycleId !== cycle.id || issued.formId !== form.id) throw httpError(403, 'token-invalid', say('token-invalid'));
            if (issued.used) throw httpError(409, 'already-answered', say('already-answered'));
            // Only "used" is kept: not which answer, nor when, so that an answer cannot be traced to its person.
            issued.used = true;
          }
          const response: FeedbackResponse = {
            id: crypto.randomUUID(),
            cycleId: cycle.id,
            formId: form.id,
            ...(answer.sessionId === undefined ? {} : { sessionId: answer.sessionId }),
            answers: answer.answers,
            submittedAt: now.toISOString(),
          };
          responses.push(response);
          return { id: response.id, submittedAt: response.submittedAt };
        });
      });
    },

    feedbackSummary(cycleId, formId, { signal, adminToken } = {}) {
      return request(signal, async () => {
        const cycle = findCycle(cycleId);
        const form = findForm(cycle, formId);
        const admin = adminToken !== undefined && options.adminToken !== undefined && adminToken === options.adminToken;
        // A wrong token is refused even where results are public: it is a mistake worth telling.
        if ((adminToken !== undefined && !admin) || (!form.results.public && !admin)) {
          throw httpError(401, 'unauthorized', say('unauthorized'));
        }
        await sleep(latencyMs, signal);
        const issued = form.access === 'token' ? [...tokens.values()].filter((t) => t.cycleId === cycle.id && t.formId === form.id).length : 0;
        const seated = store.filter((r) => r.cycleId === cycle.id && r.status === 'confirmed').length;
        // The response rate, as the server counts it: among the people asked (one token each), else,
        // for a cycle questionnaire, among the people who hold a seat.
        const expected = issued > 0 ? issued : form.scope === 'cycle' ? seated : 0;
        return summariseFeedback(form, responses, {
          cycle,
          includeOpenAnswers: admin || form.results.openAnswers,
          ...(expected > 0 ? { expected } : {}),
        });
      });
    },

    registrations(cycleId) {
      const cycle = findCycle(cycleId);
      return structuredClone(store.filter((r) => r.cycleId === cycle.id));
    },

    cancelRegistration(cycleId, registrationId) {
      const cycle = findCycle(cycleId);
      if (!store.some((r) => r.id === registrationId && r.cycleId === cycle.id)) {
        throw httpError(404, 'not-found', say('registration-not-found', { id: registrationId }));
      }
      const result = promoteOnCancel(cycle, store, registrationId);
      const updatedAt = clock().toISOString();
      const updates = new Map(result.updates.map((u) => [u.id, u]));
      store = store.map((r) => {
        const u = updates.get(r.id);
        if (!u) return r;
        const { waitlistPosition: _previous, ...rest } = r;
        return { ...rest, status: u.status, ...(u.waitlistPosition === undefined ? {} : { waitlistPosition: u.waitlistPosition }), updatedAt };
      });
      return structuredClone(result);
    },

    issueFeedbackTokens(cycleId, formId, count) {
      const cycle = findCycle(cycleId);
      const form = findForm(cycle, formId);
      if (form.access !== 'token') throw new Error(say('form-without-tokens'));
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, not ${count}`);
      return Array.from({ length: count }, () => {
        const token = crypto.randomUUID();
        tokens.set(token, { cycleId: cycle.id, formId: form.id, used: false });
        return token;
      });
    },

    feedbackResponses(cycleId) {
      const cycle = findCycle(cycleId);
      return structuredClone(responses.filter((r) => r.cycleId === cycle.id));
    },

    get offline() {
      return offline;
    },

    setOffline(value) {
      offline = value;
    },

    failNext(count, failure, { afterProcessing = false } = {}) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, not ${count}`);
      for (let i = 0; i < count; i++) faults.push({ failure, afterProcessing });
    },
  };
}
