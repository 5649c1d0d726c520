/**
 * The outbox: keeps a submission (a registration, an evaluation answer) until the backend has given a
 * definite answer, whatever happens meanwhile — lost answers, 5xx, rate limits, no network, a reload,
 * a second tab. UI-free: the elements show what it reports.
 *
 * - One Idempotency-Key per submission, written to storage with the payload before the first attempt
 *   and reused for every attempt, also after a reload: the backend stores the submission once.
 * - Retryable failures (see `BackendError.retryable`) are retried with capped exponential backoff and
 *   full jitter, after Retry-After when the backend gives one. Offline, or still failing after
 *   `maxAttempts`, the entry stays queued in storage and is sent when the `online` event fires, when
 *   `flush()` is called, on a slow timer, or by the next page that calls `resume()`.
 * - An entry leaves storage only on a definite answer: success, or a final error (400 `invalid`,
 *   409 `refused`…).
 * - Two tabs (or an `online` event and a manual flush) never send one entry at the same time: a lock
 *   in memory, and a lease written in the entry that other tabs respect until it expires. Should a
 *   duplicate still happen (a tab that froze past its lease), the shared key makes it harmless.
 * - Storage that throws (quota, disabled, private mode) does not lose anything: the entry is kept in
 *   memory for the life of the page, and every report says `persisted: false`.
 *
 * Browser only through what it is given: a Web Storage and an EventTarget for `online`, `storage`
 * and `pagehide`. No Node API, no DOM element.
 */
import type { SubmitOptions } from './backend.js';
import { BackendError } from './errors.js';
import type { ErrorBody, ErrorCode } from './protocol.js';

export type OutboxKind = 'registration' | 'feedback';

/** What an element reports to the person, in order: sending → (retrying → sending)* → sent | failed, or queued. */
export type OutboxStatus = 'sending' | 'retrying' | 'queued' | 'sent' | 'failed';

/** Why an entry waits in the queue. */
export type QueueReason =
  /** The browser says it is offline, or a network failure came while it went offline. */
  | 'offline'
  /** `maxAttempts` retryable failures in a row; the slow timer (`queuedMs`) tries again. */
  | 'retries-exhausted'
  /** The backend asked to come back later than `maxMs` (Retry-After). */
  | 'rate-limited'
  /** Another tab holds the entry's lease and is sending it. */
  | 'sending-elsewhere';

/** Sends one submission: a Backend method fits as is (`backend.register`, `backend.sendFeedback`). */
export type Sender<P, T> = (cycleId: string, payload: P, options: SubmitOptions) => Promise<T>;

export interface Submission<P> {
  readonly kind: OutboxKind;
  readonly cycleId: string;
  /** Stored as JSON: it must survive `JSON.stringify` unchanged (the model's inputs do). */
  readonly payload: P;
  /**
   * Identifies "the same submission" (e.g. the form instance): a second `submit` with this key while
   * the first is not answered joins it instead of sending again — a double click makes one request.
   */
  readonly dedupeKey?: string;
}

export interface OutboxUpdate {
  /** The entry's id, which is also its Idempotency-Key. */
  readonly id: string;
  readonly kind: OutboxKind;
  readonly cycleId: string;
  readonly dedupeKey?: string;
  readonly status: OutboxStatus;
  /** Attempts made so far, across page loads (for `sending`: the number of this attempt). */
  readonly attempt: number;
  /** For `retrying` and `queued`: when the next attempt is planned (ms since the epoch), if known. */
  readonly nextAttemptAt?: number;
  readonly reason?: QueueReason;
  /** The failure behind `retrying`, `queued` and `failed`. */
  readonly error?: unknown;
  /** The backend's answer, for `sent`. */
  readonly answer?: unknown;
  /** False when storage refused the entry: it lives in this page's memory only and a reload loses it. */
  readonly persisted: boolean;
}

/** An entry not answered yet, as `entries()` lists it. */
export interface OutboxEntry {
  readonly id: string;
  readonly kind: OutboxKind;
  readonly cycleId: string;
  readonly payload: unknown;
  readonly dedupeKey?: string;
  readonly createdAt: number;
  readonly attempts: number;
  /** `sending`: an outbox (this page or another tab) is sending or retrying it; `queued`: waiting. */
  readonly state: 'sending' | 'queued';
  readonly nextAttemptAt?: number;
  readonly lastError?: StoredError;
  readonly persisted: boolean;
}

export interface BackoffOptions {
  /** First retry's ceiling, ms; doubled at each retry. Default 1,000. */
  readonly baseMs?: number;
  /** Longest wait between two attempts, ms; a longer Retry-After queues the entry. Default 30,000. */
  readonly maxMs?: number;
  /**
   * Attempts in a row before the entry is queued. Default 3 — the HTTP backend already retries
   * inside each attempt.
   */
  readonly maxAttempts?: number;
  /** While online, how long a queued entry waits before the slow timer tries it again, ms. Default 60,000. */
  readonly queuedMs?: number;
}

/**
 * What an outbox listens to: `online` (send the queue), `storage` (another tab answered an entry this
 * page waits for) and `pagehide` (leases released, so that the reloaded page sends at once).
 */
export type OutboxEventSource = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface OutboxOptions {
  /** Where entries are kept. Default `localStorage`; none (or one that throws) keeps them in memory. */
  readonly storage?: Storage | null;
  /** Prefix of the storage keys, so that two apps on one origin do not share entries. Default `formacoop`. */
  readonly namespace?: string;
  /** The clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
  /** Source of the jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** New Idempotency-Keys. Default `crypto.randomUUID`. */
  readonly newKey?: () => string;
  /** Waits `ms` or rejects when `signal` aborts; every wait of the outbox goes through it (tests give a fake). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly backoff?: BackoffOptions;
  /** Whether the browser is online. Default `navigator.onLine`. */
  readonly online?: () => boolean;
  /** Where `online`, `storage` and `pagehide` fire. Default `window` when there is one. */
  readonly events?: OutboxEventSource | null;
  /**
   * How long a tab's claim on an entry holds, ms: longer than one attempt (the HTTP backend's own
   * retries included). It only matters when a tab dies while sending. Default 120,000.
   */
  readonly leaseMs?: number;
}

export interface Outbox {
  /**
   * Sends `submission` through `send`, retrying and queueing as needed. Resolves with the answer;
   * rejects with the final error (a `BackendError` that is not retryable, or whatever `send` threw
   * that is not a `BackendError`). While queued the promise stays pending; `subscribe` tells why.
   */
  submit<P, T>(submission: Submission<P>, send: Sender<P, T>): Promise<T>;
  /**
   * Gives the sender of a kind, for entries left by an earlier page (or another tab), and sends
   * them. An element calls it once its backend is available.
   */
  resume<P>(kind: OutboxKind, send: Sender<P, unknown>): Promise<void>;
  /** Sends every waiting entry that has a sender and no Retry-After still running. */
  flush(): Promise<void>;
  /** The entries not answered yet, oldest first. */
  entries(kind?: OutboxKind): OutboxEntry[];
  /** Reports every change of status; returns the unsubscribe function. */
  subscribe(listener: (update: OutboxUpdate) => void): () => void;
  /**
   * Stops listening and aborts what is being sent. The entries stay in storage for the next outbox;
   * promises from `submit` are left pending.
   */
  close(): void;
}

/** The last failure of an entry, as storage keeps it (for the page that shows the queue). */
export interface StoredError {
  readonly message: string;
  readonly kind?: BackendError['kind'];
  readonly code?: ErrorCode;
  readonly status?: number;
  readonly body?: ErrorBody;
  readonly retryAfter?: number;
}

interface StoredEntry {
  readonly v: 1;
  readonly id: string;
  readonly kind: OutboxKind;
  readonly cycleId: string;
  readonly payload: unknown;
  readonly dedupeKey?: string;
  readonly createdAt: number;
  attempts: number;
  state: 'pending' | 'queued';
  nextAttemptAt?: number;
  /** Not before this instant: the backend's Retry-After, respected by every flush. */
  notBefore?: number;
  lease?: { readonly owner: string; readonly until: number };
  lastError?: StoredError;
}

interface Waiter {
  readonly promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const KINDS: readonly OutboxKind[] = ['registration', 'feedback'];

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `localStorage` / `sessionStorage`, or undefined where reading them throws (disabled storage, sandboxed frame). */
function browserStorage(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return (globalThis as unknown as Record<string, Storage | undefined>)[name] ?? undefined;
  } catch {
    return undefined;
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isStoredEntry(value: unknown): value is StoredEntry {
  const e = value as Partial<StoredEntry> | undefined;
  return (
    typeof e === 'object' && e !== null && e.v === 1 && typeof e.id === 'string' && KINDS.includes(e.kind as OutboxKind) &&
    typeof e.cycleId === 'string' && typeof e.createdAt === 'number' && typeof e.attempts === 'number' &&
    (e.state === 'pending' || e.state === 'queued')
  );
}

function storedError(error: unknown): StoredError {
  if (error instanceof BackendError) {
    return { message: error.message, kind: error.kind, code: error.code, status: error.status, body: error.body, retryAfter: error.retryAfter };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * The entries, one storage key each (two tabs adding entries never overwrite each other's list),
 * with an in-memory copy of what storage refused.
 */
class EntryStore {
  private readonly unpersisted = new Map<string, StoredEntry>();
  constructor(
    private readonly storage: Storage | undefined,
    private readonly prefix: string,
  ) {}

  isPersisted(id: string): boolean {
    return !this.unpersisted.has(id);
  }

  get(id: string): StoredEntry | undefined {
    const inMemory = this.unpersisted.get(id);
    if (inMemory) return structuredClone(inMemory);
    const value = parseJson(this.read(this.prefix + id));
    return isStoredEntry(value) ? value : undefined;
  }

  /** Writes the entry; false when storage refused it and memory keeps it instead. */
  put(entry: StoredEntry): boolean {
    try {
      if (!this.storage) throw new Error('no storage');
      this.storage.setItem(this.prefix + entry.id, JSON.stringify(entry));
      this.unpersisted.delete(entry.id);
      return true;
    } catch {
      this.unpersisted.set(entry.id, structuredClone(entry));
      return false;
    }
  }

  remove(id: string): void {
    this.unpersisted.delete(id);
    try {
      this.storage?.removeItem(this.prefix + id);
    } catch {
      // Nothing to do: a storage that cannot remove could not have stored it either.
    }
  }

  list(): StoredEntry[] {
    const found = new Map<string, StoredEntry>();
    for (const key of this.keys()) {
      const value = parseJson(this.read(key));
      if (isStoredEntry(value)) found.set(value.id, value);
    }
    for (const [id, entry] of this.unpersisted) found.set(id, structuredClone(entry));
    return [...found.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  private keys(): string[] {
    const keys: string[] = [];
    try {
      if (!this.storage) return keys;
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(this.prefix)) keys.push(key);
      }
    } catch {
      return keys;
    }
    return keys;
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }
}

/** An outbox over `storage`. Entries left by an earlier page are found at once; `resume` sends them. */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  const storage = options.storage === undefined ? browserStorage('localStorage') : (options.storage ?? undefined);
  const namespace = options.namespace ?? 'formacoop';
  const entryPrefix = `${namespace}:outbox:`;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  const sleep = options.sleep ?? defaultSleep;
  const baseMs = options.backoff?.baseMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const maxAttempts = Math.max(1, options.backoff?.maxAttempts ?? 3);
  const queuedMs = options.backoff?.queuedMs ?? 60_000;
  const online = options.online ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const events = options.events === undefined ? (typeof window === 'undefined' ? undefined : window) : (options.events ?? undefined);
  const leaseMs = options.leaseMs ?? 120_000;

  const store = new EntryStore(storage, entryPrefix);
  // Who holds a lease: this outbox, not the tab — a reloaded page is a new owner.
  const owner = newKey();
  const controller = new AbortController();
  const listeners = new Set<(update: OutboxUpdate) => void>();
  const locks = new Set<string>();
  const waiters = new Map<string, Waiter>();
  // What this page submitted: re-stored and sent again if storage loses it (cleared by the person).
  const local = new Map<string, StoredEntry>();
  const senders = new Map<string, Sender<unknown, unknown>>();
  const kindSenders = new Map<OutboxKind, Sender<unknown, unknown>>();
  let wake: AbortController | undefined;
  let closed = false;

  function emit(
    entry: StoredEntry,
    status: OutboxStatus,
    extra: Partial<Pick<OutboxUpdate, 'nextAttemptAt' | 'reason' | 'error' | 'answer' | 'persisted'>> = {},
  ) {
    const update: OutboxUpdate = {
      id: entry.id,
      kind: entry.kind,
      cycleId: entry.cycleId,
      ...(entry.dedupeKey === undefined ? {} : { dedupeKey: entry.dedupeKey }),
      status,
      attempt: entry.attempts,
      persisted: store.isPersisted(entry.id),
      ...extra,
    };
    for (const listener of [...listeners]) {
      try {
        listener(update);
      } catch (e) {
        // A listener's bug must not stop the sending; it still shows in the console.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  function waiterFor(id: string): Waiter {
    let waiter = waiters.get(id);
    if (!waiter) {
      let resolve!: (value: unknown) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<unknown>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      waiter = { promise, resolve, reject };
      waiters.set(id, waiter);
    }
    return waiter;
  }

  const senderFor = (entry: StoredEntry) => senders.get(entry.id) ?? kindSenders.get(entry.kind);
  const leasedElsewhere = (entry: StoredEntry, at = now()) => entry.lease !== undefined && entry.lease.owner !== owner && entry.lease.until > at;

  function save(entry: StoredEntry): void {
    store.put(entry);
    if (local.has(entry.id)) local.set(entry.id, structuredClone(entry));
  }

  /**
   * Takes the entry for this outbox: the lease is written and read back, so that of two tabs
   * claiming at once only one goes on. Storage and this function are synchronous: no other task of
   * this page runs between the read and the write.
   */
  function claim(id: string): StoredEntry | 'leased' | 'gone' {
    let entry = store.get(id);
    if (!entry) {
      // Gone: answered in another tab, or storage cleared. If this page submitted it, it sends it
      // again with the same key: the backend replays its answer (or stores it, if it never came).
      const copy = local.get(id);
      if (!copy) return 'gone';
      entry = structuredClone(copy);
      delete entry.lease;
    }
    if (!store.isPersisted(id)) return entry;
    const at = now();
    if (leasedElsewhere(entry, at)) return 'leased';
    entry.lease = { owner, until: at + leaseMs };
    if (!store.put(entry)) return entry;
    return store.get(id)?.lease?.owner === owner ? entry : 'leased';
  }

  function queue(entry: StoredEntry, reason: QueueReason, error: unknown, nextAttemptAt?: number): void {
    entry.state = 'queued';
    delete entry.lease;
    if (nextAttemptAt === undefined) delete entry.nextAttemptAt;
    else entry.nextAttemptAt = nextAttemptAt;
    if (error !== undefined) entry.lastError = storedError(error);
    save(entry);
    emit(entry, 'queued', { reason, ...(nextAttemptAt === undefined ? {} : { nextAttemptAt }), ...(error === undefined ? {} : { error }) });
  }

  function settle(entry: StoredEntry, outcome: { readonly ok: true; readonly answer: unknown } | { readonly ok: false; readonly error: unknown }): void {
    // Where it was kept until now: the last report tells the same as the ones before.
    const persisted = store.isPersisted(entry.id);
    store.remove(entry.id);
    local.delete(entry.id);
    senders.delete(entry.id);
    const waiter = waiters.get(entry.id);
    waiters.delete(entry.id);
    if (outcome.ok) {
      emit(entry, 'sent', { answer: outcome.answer, persisted });
      waiter?.resolve(outcome.answer);
    } else {
      emit(entry, 'failed', { error: outcome.error, persisted });
      waiter?.reject(outcome.error);
    }
  }

  const isAbort = () => controller.signal.aborted;

  /** Releases the entry for any outbox (this one closing, or the page going away). */
  function release(entry: StoredEntry): void {
    entry.state = 'queued';
    delete entry.lease;
    save(entry);
  }

  /** Sends one entry until a definite answer, or until it is queued. */
  async function run(id: string): Promise<void> {
    if (locks.has(id) || closed) return;
    locks.add(id);
    try {
      for (let tries = 0; ; ) {
        const claimed = claim(id);
        if (claimed === 'gone') return;
        if (claimed === 'leased') {
          const entry = store.get(id);
          if (entry && waiters.has(id)) emit(entry, 'queued', { reason: 'sending-elsewhere', ...(entry.lease ? { nextAttemptAt: entry.lease.until } : {}) });
          return;
        }
        const entry = claimed;
        const send = senderFor(entry);
        if (!send) return release(entry);
        if (!online()) return queue(entry, 'offline', undefined);
        entry.attempts += 1;
        entry.state = 'pending';
        delete entry.nextAttemptAt;
        delete entry.notBefore;
        save(entry);
        emit(entry, 'sending');
        let answer: unknown;
        try {
          answer = await send(entry.cycleId, entry.payload, { idempotencyKey: entry.id, signal: controller.signal });
        } catch (error) {
          if (isAbort()) return release(entry);
          if (!(error instanceof BackendError) || !error.retryable) return settle(entry, { ok: false, error });
          tries += 1;
          entry.lastError = storedError(error);
          const retryAfterMs = error.retryAfter === undefined ? undefined : error.retryAfter * 1000;
          if (retryAfterMs !== undefined) entry.notBefore = now() + retryAfterMs;
          if (!online()) return queue(entry, 'offline', error, entry.notBefore);
          if (tries >= maxAttempts) return queue(entry, 'retries-exhausted', error, now() + Math.max(queuedMs, retryAfterMs ?? 0));
          const wait = retryAfterMs ?? random() * Math.min(maxMs, baseMs * 2 ** (tries - 1));
          if (wait > maxMs) return queue(entry, 'rate-limited', error, now() + wait);
          const nextAttemptAt = now() + wait;
          entry.nextAttemptAt = nextAttemptAt;
          // The lease covers the wait: another tab must not take the entry between two attempts.
          if (entry.lease) entry.lease = { owner, until: nextAttemptAt + leaseMs };
          save(entry);
          emit(entry, 'retrying', { error, nextAttemptAt });
          try {
            await sleep(wait, controller.signal);
          } catch {
            return release(entry);
          }
          continue;
        }
        return settle(entry, { ok: true, answer });
      }
    } finally {
      locks.delete(id);
      scheduleWake();
    }
  }

  /** One timer for the earliest planned attempt: queued entries are tried again while the page stays. */
  function scheduleWake(): void {
    wake?.abort();
    wake = undefined;
    if (closed) return;
    let earliest = Infinity;
    for (const entry of store.list()) {
      if (locks.has(entry.id) || !senderFor(entry)) continue;
      const at = leasedElsewhere(entry) ? entry.lease!.until : entry.state === 'queued' ? entry.nextAttemptAt : undefined;
      if (at !== undefined) earliest = Math.min(earliest, Math.max(at, entry.notBefore ?? at));
    }
    if (earliest === Infinity) return;
    const timer = new AbortController();
    wake = timer;
    sleep(Math.max(0, earliest - now()), timer.signal).then(
      () => {
        if (wake === timer) void flush();
      },
      () => undefined,
    );
  }

  async function flush(): Promise<void> {
    if (closed) return;
    const at = now();
    const runs: Promise<void>[] = [];
    for (const entry of store.list()) {
      if (locks.has(entry.id) || !senderFor(entry)) continue;
      if (entry.notBefore !== undefined && entry.notBefore > at) continue;
      runs.push(run(entry.id));
    }
    await Promise.all(runs);
    scheduleWake();
  }

  const onOnline = () => void flush();
  // Another tab answered an entry this page waits for: sending it again with its key gets the answer.
  const onStorage = (event: Event) => {
    const { key, newValue } = event as StorageEvent;
    const id = key?.startsWith(entryPrefix) && newValue === null ? key.slice(entryPrefix.length) : undefined;
    if (id !== undefined && waiters.has(id)) void run(id);
  };
  // A reloaded page is a new owner: without this, it would wait for the old page's lease to expire.
  const onPageHide = () => {
    for (const id of locks) {
      const entry = store.get(id);
      if (entry?.lease?.owner === owner && store.isPersisted(id)) release(entry);
    }
  };
  events?.addEventListener('online', onOnline);
  events?.addEventListener('storage', onStorage);
  events?.addEventListener('pagehide', onPageHide);

  return {
    submit<P, T>(submission: Submission<P>, send: Sender<P, T>): Promise<T> {
      if (closed) return Promise.reject(new Error('the outbox is closed'));
      const { kind, cycleId, payload, dedupeKey } = submission;
      if (dedupeKey !== undefined) {
        // Joins the same submission: this page's, one a reload left queued, or one another tab sends.
        const same = store.list().find((e) => e.kind === kind && e.dedupeKey === dedupeKey);
        if (same) {
          const waiter = waiterFor(same.id);
          if (!senders.has(same.id)) senders.set(same.id, send as Sender<unknown, unknown>);
          if (!local.has(same.id)) local.set(same.id, structuredClone(same));
          void run(same.id);
          return waiter.promise as Promise<T>;
        }
      }
      const entry: StoredEntry = {
        v: 1,
        id: newKey(),
        kind,
        cycleId,
        // Stored as JSON: the copy sent on every attempt is the one a reload would read.
        payload: JSON.parse(JSON.stringify(payload)) as unknown,
        ...(dedupeKey === undefined ? {} : { dedupeKey }),
        createdAt: now(),
        attempts: 0,
        state: 'pending',
      };
      // Before the first attempt: a reload during it finds the entry and its key.
      store.put(entry);
      local.set(entry.id, structuredClone(entry));
      senders.set(entry.id, send as Sender<unknown, unknown>);
      const waiter = waiterFor(entry.id);
      void run(entry.id);
      return waiter.promise as Promise<T>;
    },

    resume<P>(kind: OutboxKind, send: Sender<P, unknown>): Promise<void> {
      // Stored payloads were written by a `submit` of this kind: they are the sender's P.
      kindSenders.set(kind, send as Sender<unknown, unknown>);
      return flush();
    },

    flush,

    entries(kind?: OutboxKind): OutboxEntry[] {
      const at = now();
      return store
        .list()
        .filter((e) => kind === undefined || e.kind === kind)
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          cycleId: e.cycleId,
          payload: e.payload,
          ...(e.dedupeKey === undefined ? {} : { dedupeKey: e.dedupeKey }),
          createdAt: e.createdAt,
          attempts: e.attempts,
          state: locks.has(e.id) || (e.state === 'pending' && (e.lease === undefined || e.lease.until > at)) ? ('sending' as const) : ('queued' as const),
          ...(e.nextAttemptAt === undefined ? {} : { nextAttemptAt: e.nextAttemptAt }),
          ...(e.lastError === undefined ? {} : { lastError: e.lastError }),
          persisted: store.isPersisted(e.id),
        }));
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      if (closed) return;
      closed = true;
      wake?.abort();
      controller.abort(new DOMException('The outbox was closed.', 'AbortError'));
      events?.removeEventListener('online', onOnline);
      events?.removeEventListener('storage', onStorage);
      events?.removeEventListener('pagehide', onPageHide);
    },
  };
}

export interface DraftStoreOptions {
  /** Which form's draft, e.g. `registration:<cycleId>`. */
  readonly key: string;
  /** Default `sessionStorage`: the draft survives a reload of this tab, not the closing of it. */
  readonly storage?: Storage | null;
  readonly namespace?: string;
  /** Writes at most once per this many ms; the last value is always written. Default 300. */
  readonly throttleMs?: number;
}

export interface DraftStore<T> {
  /** The saved draft, or undefined (none, or unreadable). */
  load(): T | undefined;
  /** Keeps `value`; written to storage at most once per `throttleMs`. */
  save(value: T): void;
  /** Writes a pending value now (before the page goes away). */
  flush(): void;
  /** Forgets the draft: after a definite answer. */
  clear(): void;
  /** False after storage refused a write: the draft lives in memory only. */
  readonly persisted: boolean;
}

/** What a person typed, kept across an accidental reload. */
export function createDraftStore<T>(options: DraftStoreOptions): DraftStore<T> {
  const storage = options.storage === undefined ? browserStorage('sessionStorage') : (options.storage ?? undefined);
  const key = `${options.namespace ?? 'formacoop'}:draft:${options.key}`;
  const throttleMs = options.throttleMs ?? 300;
  let memory: { readonly value: T } | undefined;
  let pending: { readonly value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  let persisted = true;

  function write(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    lastWrite = Date.now();
    try {
      if (!storage) throw new Error('no storage');
      storage.setItem(key, JSON.stringify(value));
      persisted = true;
    } catch {
      persisted = false;
    }
  }

  return {
    load() {
      if (memory) return structuredClone(memory.value);
      try {
        const value = parseJson(storage?.getItem(key) ?? null);
        return value === undefined ? undefined : (value as T);
      } catch {
        return undefined;
      }
    },
    save(value) {
      memory = { value: structuredClone(value) };
      pending = memory;
      const wait = lastWrite + throttleMs - Date.now();
      if (wait <= 0) write();
      else timer ??= setTimeout(write, wait);
    },
    flush: write,
    clear() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      memory = undefined;
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing was stored.
      }
    },
    get persisted() {
      return persisted;
    },
  };
}
