/// <reference types="node" />
/**
 * Everything the server stores, with the same queries on SQLite and PostgreSQL.
 *
 * How seats stay exact: every transaction that changes a cycle's registrations starts by updating
 * that cycle's row (`registration_seq + 1`). On PostgreSQL the row lock serialises them per cycle —
 * a second transaction waits there and, under READ COMMITTED, reads the first one's commits in its
 * next statements; on SQLite, BEGIN IMMEDIATE serialises all writers. Inside, the decision is the
 * rules' (registrationState, checkEligibility, checkAudience, then seats from the counters), and
 * each seat is taken by an UPDATE guarded in the statement itself (`people < capacity`,
 * `confirmed < capacity`): if a guard ever disagreed with the decision the transaction would be
 * rolled back rather than overbook. Waitlist positions come from the `waitlisted` counter, updated
 * in the same transaction: unique and without gaps.
 *
 * Cancellation, erasure, purge and a changed feed recompute the counters from the registrations
 * with the rules (promoteOnCancel, computeAvailability), under the same lock.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Availability } from '../../model/availability.js';
import type { Cycle } from '../../model/cycle.js';
import { safeParseCycle, type CycleFeed } from '../../model/feed.js';
import type { FeedbackResponse, FeedbackSubmission } from '../../model/feedback.js';
import type { Registration, RegistrationRequest, RegistrationStatus } from '../../model/registration.js';
import {
  checkAudience,
  checkEligibility,
  computeAvailability,
  promoteOnCancel,
  registrationState,
  sessionCapacity,
  type RegistrationRefusal,
} from '../../rules/capacity.js';
import { cycleSpan } from '../../rules/schedule.js';
import { openDatabase, type DatabaseOptions, type DialectName } from './database.js';
import type { Database, RegistrationsTable } from './tables.js';
import { prepared } from './prepared.js';

type Executor = Kysely<Database>;

/** An answer as it is stored for an Idempotency-Key and replayed. */
export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type IdempotencyKind = 'registration' | 'feedback';

/** Which request an answer belongs to. */
export interface IdempotencyRef {
  readonly cycleId: string;
  readonly kind: IdempotencyKind;
  readonly key: string;
}

/** The answer a key was given before, and a hash of the body it was given for. */
export interface EarlierAnswer {
  readonly bodyHash: string;
  readonly answer: StoredAnswer;
}

/** A cycle as the store keeps it in memory: the parsed feed, its JSON and ETag, and its version. */
export interface StoredCycle {
  readonly id: string;
  readonly version: number;
  readonly etag: string;
  readonly json: string;
  readonly feed: CycleFeed;
  readonly source: string;
}

export type RegistrationOutcome =
  | { readonly kind: 'not-found' }
  /** The key was answered first by another request: nothing was done. */
  | { readonly kind: 'answered-before'; readonly earlier: EarlierAnswer }
  | { readonly kind: 'registered'; readonly registration: Registration }
  | { readonly kind: 'refused'; readonly refusal: RegistrationRefusal };

export type FeedbackOutcome =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'answered-before'; readonly earlier: EarlierAnswer }
  | { readonly kind: 'stored'; readonly response: FeedbackResponse }
  | { readonly kind: 'token-invalid' }
  | { readonly kind: 'already-answered' };

/** Stores the answer of a request inside the transaction that produced it. */
export interface Answering<Outcome> {
  readonly ref: IdempotencyRef;
  readonly bodyHash: string;
  readonly answer: (outcome: Outcome) => StoredAnswer;
}

export interface CancelResult {
  readonly registration: Registration;
  /** Registrations moved from the waiting list to confirmed, in the order they were promoted. */
  readonly promoted: Registration[];
}

export interface ErasureResult {
  /** Registrations deleted. */
  readonly registrations: number;
  /** The cycles they belonged to. */
  readonly cycleIds: string[];
}

export type PurgeSkipReason =
  /** The feed has no `privacy.retentionDays`. */
  | 'no-retention'
  /** A session's date is unknown: the cycle's last day, and so the end of retention, is not known. */
  | 'dates-unknown'
  /** The retention period is still running (`until`). */
  | 'retention-running';

export interface PurgeReport {
  readonly purged: { readonly cycleId: string; readonly registrations: number; readonly feedbackResponses: number; readonly feedbackTokens: number }[];
  readonly skipped: { readonly cycleId: string; readonly reason: PurgeSkipReason; readonly until?: string }[];
  /** Idempotency records older than their time to live. */
  readonly idempotencyRecords: number;
}

/** As the rules compare people: `Anne.Martin@x.fr` is `anne.martin@x.fr`. */
export const emailKey = (email: string) => email.trim().toLowerCase();

const DAY_MS = 86_400_000;
/** Never a registration id (IdSchema refuses the empty string): promotion without a cancellation. */
const NO_CANCELLATION = '';

/** The ETag of a JSON text: a strong validator of its bytes. */
export function etagOf(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface StoreOptions extends DatabaseOptions {}

/** A registration's row as a plain object type (an interface has no index signature for `prepared`). */
type RegistrationRow = { [K in keyof RegistrationsTable]: RegistrationsTable[K] };

/** The statements of the registration path, compiled once per store (one dialect each; see prepared.ts). */
const queries = () => ({
  cycleVersion: prepared((db, a: { id: string }) => db.selectFrom('cycles').select('version').where('id', '=', a.id)),
  lockCycle: prepared((db, a: { id: string }) =>
    db
      .updateTable('cycles')
      .set((eb) => ({ registration_seq: eb('registration_seq', '+', 1) }))
      .where('id', '=', a.id)
      .returning(['version', 'people', 'waitlisted', 'registration_seq', 'last_registered_at']),
  ),
  earlier: prepared((db, a: { cycleId: string; kind: string; key: string }) =>
    db.selectFrom('idempotency').select(['body_hash', 'status_code', 'response']).where('cycle_id', '=', a.cycleId).where('kind', '=', a.kind).where('key', '=', a.key),
  ),
  take: prepared((db, a: { cycleId: string; kind: string; key: string; bodyHash: string; at: string }) =>
    db
      .insertInto('idempotency')
      .values({ cycle_id: a.cycleId, kind: a.kind, key: a.key, body_hash: a.bodyHash, status_code: 0, response: 'null', registration_id: null, created_at: a.at })
      .onConflict((oc) => oc.columns(['cycle_id', 'kind', 'key']).doNothing()),
  ),
  keep: prepared((db, a: { cycleId: string; kind: string; key: string; status: number; response: string; registrationId: string | null }) =>
    db
      .updateTable('idempotency')
      .set({ status_code: a.status, response: a.response, registration_id: a.registrationId })
      .where('cycle_id', '=', a.cycleId)
      .where('kind', '=', a.kind)
      .where('key', '=', a.key),
  ),
  personRegistrations: prepared((db, a: { cycleId: string; emailKey: string }) =>
    db.selectFrom('registrations').selectAll().where('cycle_id', '=', a.cycleId).where('email_key', '=', a.emailKey).where('status', '<>', 'cancelled'),
  ),
  sessionSeats: prepared((db, a: { cycleId: string; sessionIds: readonly string[] }) =>
    db.selectFrom('session_seats').select(['session_id', 'confirmed']).where('cycle_id', '=', a.cycleId).where('session_id', 'in', a.sessionIds),
  ),
  /** Takes a cycle seat, guarded in the statement: it cannot go past the capacity. */
  takeCycleSeat: prepared((db, a: { id: string; at: string }) =>
    db
      .updateTable('cycles')
      .set((eb) => ({ people: eb('people', '+', 1), last_registered_at: a.at }))
      .where('id', '=', a.id)
      .where((eb) => eb.or([eb('capacity', 'is', null), eb('people', '<', eb.ref('capacity'))]))
      .returning('waitlisted'),
  ),
  /** For someone who already holds a cycle seat: only the arrival clock moves. */
  keepCycleSeat: prepared((db, a: { id: string; at: string }) =>
    db.updateTable('cycles').set({ last_registered_at: a.at }).where('id', '=', a.id).returning('waitlisted'),
  ),
  /** The next place on the waiting list. */
  joinWaitlist: prepared((db, a: { id: string; at: string }) =>
    db
      .updateTable('cycles')
      .set((eb) => ({ waitlisted: eb('waitlisted', '+', 1), last_registered_at: a.at }))
      .where('id', '=', a.id)
      .returning('waitlisted'),
  ),
  takeSessionSeats: prepared((db, a: { cycleId: string; sessionIds: readonly string[] }) =>
    db
      .updateTable('session_seats')
      .set((eb) => ({ confirmed: eb('confirmed', '+', 1) }))
      .where('cycle_id', '=', a.cycleId)
      .where('session_id', 'in', a.sessionIds)
      .where((eb) => eb.or([eb('capacity', 'is', null), eb('confirmed', '<', eb.ref('capacity'))])),
  ),
  insertRegistration: prepared((db, a: RegistrationRow) => db.insertInto('registrations').values(a)),
});

export class Store {
  readonly db: Executor;
  readonly dialect: DialectName;
  readonly location: string;
  readonly #cycles = new Map<string, StoredCycle>();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #q = queries();

  private constructor(db: Executor, dialect: DialectName, location: string) {
    this.db = db;
    this.dialect = dialect;
    this.location = location;
  }

  /** Opens the database (SQLite in the data folder, or PostgreSQL) and runs the migrations. */
  static async open(options: StoreOptions = {}): Promise<Store> {
    const { db, dialect, location } = await openDatabase(options);
    return new Store(db, dialect, location);
  }

  /**
   * Runs one operation after the previous ones, in order, on SQLite. Kysely already lets only one
   * operation at a time use the SQLite connection, but every waiter wakes at each release and a new
   * arrival may overtake them: under a burst of registrations that costs quadratic wake-ups and
   * seconds of tail latency. A plain promise chain is first come, first served. PostgreSQL has a
   * pool: its operations run side by side.
   */
  #serial<T>(operation: () => Promise<T>): Promise<T> {
    if (this.dialect !== 'sqlite') return operation();
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---------------------------------------------------------------------------------------------
  // Cycles

  /**
   * Stores a cycle feed (validated by the caller), or leaves it when its content is unchanged. A
   * changed feed recomputes the counters under the cycle's lock, and promotes waitlisted people
   * when seats were added.
   */
  async putCycle(feed: CycleFeed, source: 'file' | 'admin', now: Date): Promise<{ readonly created: boolean; readonly changed: boolean; readonly cycle: StoredCycle }> {
    return this.#serial(async () => {
      const json = JSON.stringify(feed);
      const etag = etagOf(json);
      const at = now.toISOString();
      const result = await this.db.transaction().execute(async (trx) => {
        const existing = await trx
          .updateTable('cycles')
          .set((eb) => ({ registration_seq: eb('registration_seq', '+', 1) }))
          .where('id', '=', feed.id)
          .returning(['etag', 'version', 'source'])
          .executeTakeFirst();
        if (existing && existing.etag === etag) {
          return { created: false, changed: false, cycle: await this.#cycleAt(trx, feed.id, existing.version) };
        }
        const version = (existing?.version ?? 0) + 1;
        const values = { feed: json, etag, version, source, capacity: feed.capacity ?? null, updated_at: at };
        if (existing) await trx.updateTable('cycles').set(values).where('id', '=', feed.id).execute();
        else await trx.insertInto('cycles').values({ id: feed.id, ...values, people: 0, waitlisted: 0, registration_seq: 0, last_registered_at: null }).execute();
        await this.#rebalance(trx, feed, now, NO_CANCELLATION);
        return { created: !existing, changed: true, cycle: { id: feed.id, version, etag, json, feed, source } };
      });
      // Cached once committed: a rolled-back version number may be given to another feed later.
      this.#cycles.set(feed.id, result.cycle);
      return result;
    });
  }

  /** A cycle, from the memory cache when its version is the stored one. */
  async cycle(id: string): Promise<StoredCycle | undefined> {
    return this.#serial(async () => {
      return this.#findCycle(id);
    });
  }

  async #findCycle(id: string): Promise<StoredCycle | undefined> {
    const [row] = (await this.#q.cycleVersion(this.db, { id })).rows;
    return row ? this.#cycleAt(this.db, id, row.version) : undefined;
  }

  /** Every cycle, by id. */
  async cycles(): Promise<StoredCycle[]> {
    return this.#serial(async () => {
      return this.#allCycles();
    });
  }

  async #allCycles(): Promise<StoredCycle[]> {
    const rows = await this.db.selectFrom('cycles').select(['id', 'version']).orderBy('id').execute();
    const cycles: StoredCycle[] = [];
    for (const r of rows) cycles.push(await this.#cycleAt(this.db, r.id, r.version));
    return cycles;
  }

  async #cycleAt(db: Executor, id: string, version: number): Promise<StoredCycle> {
    const cached = this.#cycles.get(id);
    if (cached && cached.version === version) return cached;
    const row = await db.selectFrom('cycles').select(['feed', 'etag', 'version', 'source']).where('id', '=', id).executeTakeFirstOrThrow();
    // Validated when stored; parsed again so that a feed written by an older version gets today's defaults.
    const parsed = safeParseCycle(JSON.parse(row.feed));
    if (!parsed.success) throw new Error(`The stored feed of cycle ${id} no longer validates: ${parsed.error.message}`);
    const stored: StoredCycle = { id, version: row.version, etag: row.etag, json: row.feed, feed: parsed.data, source: row.source };
    this.#cycles.set(id, stored);
    return stored;
  }

  // ---------------------------------------------------------------------------------------------
  // Idempotency
  //
  // A key's row is written by the transaction that decides the request, as its first statement, and
  // holds the answer when that transaction commits: no one ever reads a half-done key. A second
  // request with the key in another process (PostgreSQL) waits on the row's unique index until the
  // first commits, then finds its answer. A process that dies mid-request leaves nothing behind.
  // (Within one process, the server answers 409 in-flight before it gets here.)

  /** The answer a key was given, if it was. */
  async earlierAnswer(ref: IdempotencyRef): Promise<EarlierAnswer | undefined> {
    return this.#serial(async () => {
      return this.#earlier(this.db, ref);
    });
  }

  async #earlier(db: Executor, ref: IdempotencyRef): Promise<EarlierAnswer | undefined> {
    const [row] = (await this.#q.earlier(db, ref)).rows;
    return row ? { bodyHash: row.body_hash, answer: { status: row.status_code, body: JSON.parse(row.response) as unknown } } : undefined;
  }

  /**
   * Takes a key inside the transaction that answers it: `undefined` when it is ours, else the answer
   * the request that took it first was given.
   */
  async #take(trx: Executor, ref: IdempotencyRef, bodyHash: string, now: Date): Promise<EarlierAnswer | undefined> {
    const inserted = await this.#q.take(trx, { ...ref, bodyHash, at: now.toISOString() });
    if (Number(inserted.numAffectedRows ?? 0n) === 1) return undefined;
    return this.#earlier(trx, ref);
  }

  async #keep(trx: Executor, ref: IdempotencyRef, answer: StoredAnswer, registrationId: string | null): Promise<void> {
    await this.#q.keep(trx, { ...ref, status: answer.status, response: JSON.stringify(answer.body), registrationId });
  }

  /** Keeps an answer given without a decision (a robot refused, a closed questionnaire); the earlier one if the key has one. */
  async keepAnswer(ref: IdempotencyRef, bodyHash: string, answer: StoredAnswer, now: Date): Promise<EarlierAnswer | undefined> {
    return this.#serial(async () => {
      return this.db.transaction().execute(async (trx) => {
        const earlier = await this.#take(trx, ref, bodyHash, now);
        if (!earlier) await this.#keep(trx, ref, answer, null);
        return earlier;
      });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Registrations

  /**
   * Decides and stores a registration, atomically: confirmed when the cycle has a seat for this
   * person and each chosen session has one; else waitlisted at the end of the list when the cycle
   * has a waiting list; else refused — as `decideRegistration` says (see the module's comment).
   */
  async register(
    cycleId: string,
    request: RegistrationRequest,
    now: Date,
    answering?: Answering<RegistrationOutcome>,
  ): Promise<RegistrationOutcome> {
    return this.#serial(async () => {
      const nowIso = now.toISOString();
      return this.db.transaction().execute(async (trx): Promise<RegistrationOutcome> => {
        // The key first: a request that lost the race for it does nothing, and takes no cycle lock.
        const earlier = answering && (await this.#take(trx, answering.ref, answering.bodyHash, now));
        if (earlier) return { kind: 'answered-before', earlier };
        const locked = await this.#lockCycle(trx, cycleId);
        // Nothing is kept for a missing cycle: the rollback gives the key back.
        if (!locked) throw new CycleNotFoundError(cycleId);
        const { feed: cycle } = await this.#cycleAt(trx, cycleId, locked.version);
        const outcome = await this.#decide(trx, cycle, locked, request, nowIso, now);
        if (answering) {
          const registrationId = outcome.kind === 'registered' ? outcome.registration.id : null;
          await this.#keep(trx, answering.ref, answering.answer(outcome), registrationId);
        }
        return outcome;
      }).catch((e: unknown) => {
        if (e instanceof CycleNotFoundError) return { kind: 'not-found' } as const;
        throw e;
      });
    });
  }

  async #decide(
    trx: Executor,
    cycle: Cycle,
    locked: LockedCycle,
    request: RegistrationRequest,
    nowIso: string,
    now: Date,
  ): Promise<RegistrationOutcome> {
    const refuse = (refusal: RegistrationRefusal): RegistrationOutcome => ({ kind: 'refused', refusal });
    const state = registrationState(cycle, now);
    if (state !== 'open') return refuse({ reason: state });
    const sessionIds = [...new Set(request.sessionIds)];
    const email = request.participant.email;
    // Only this person's registrations: the eligibility rules look at no one else's.
    const mine = (await this.#q.personRegistrations(trx, { cycleId: cycle.id, emailKey: emailKey(email) })).rows.map(toRegistration);
    const problem = checkEligibility(cycle, sessionIds, email, mine)[0] ?? checkAudience(cycle, sessionIds, request.participant)[0];
    if (problem) return refuse(problem);

    const holdsSeat = mine.some((r) => r.status === 'confirmed');
    const cycleFull = cycle.capacity !== undefined && !holdsSeat && locked.people >= cycle.capacity;
    // When the cycle has no seat for this person, the sessions' seats change nothing: not read.
    const taken = cycleFull
      ? new Map<string, number>()
      : new Map((await this.#q.sessionSeats(trx, { cycleId: cycle.id, sessionIds })).rows.map((s) => [s.session_id, s.confirmed]));
    const fullSession = cycleFull
      ? undefined
      : sessionIds.find((id) => {
          const session = cycle.sessions.find((s) => s.id === id);
          const capacity = session && sessionCapacity(cycle, session);
          return capacity !== undefined && (taken.get(id) ?? 0) >= capacity;
        });
    const confirmed = !cycleFull && fullSession === undefined;
    if (!confirmed && !cycle.registration.waitlist) {
      return refuse(cycleFull || fullSession === undefined ? { reason: 'full' } : { reason: 'full', sessionId: fullSession });
    }

    // Never earlier than the previous registration, and ids that sort by arrival within an instant:
    // the rules' waiting-list order (createdAt, then id) is then the order in which seats were decided.
    const createdAt = locked.last_registered_at !== null && locked.last_registered_at > nowIso ? locked.last_registered_at : nowIso;
    // One statement takes the cycle seat or the next place on the waiting list, and moves the arrival clock.
    const apply = confirmed ? (holdsSeat ? this.#q.keepCycleSeat : this.#q.takeCycleSeat) : this.#q.joinWaitlist;
    const [applied] = (await apply(trx, { id: cycle.id, at: createdAt })).rows;
    if (!applied) throw new SeatCounterError(cycle.id);
    if (confirmed) {
      const sessionSeats = await this.#q.takeSessionSeats(trx, { cycleId: cycle.id, sessionIds });
      if (Number(sessionSeats.numAffectedRows ?? 0n) !== sessionIds.length) throw new SeatCounterError(cycle.id);
    }
    const status: RegistrationStatus = confirmed ? 'confirmed' : 'waitlisted';
    const waitlistPosition = confirmed ? undefined : applied.waitlisted;
    const registration: Registration = {
      id: `r${locked.registration_seq.toString(36).padStart(8, '0')}-${randomBytes(6).toString('base64url')}`,
      cycleId: cycle.id,
      participant: request.participant,
      sessionIds,
      ...(request.accessNeeds === undefined ? {} : { accessNeeds: request.accessNeeds }),
      status,
      ...(waitlistPosition === undefined ? {} : { waitlistPosition }),
      createdAt,
    };
    await this.#q.insertRegistration(trx, toRow(registration));
    return { kind: 'registered', registration };
  }

  /** Locks a cycle for a change of its registrations (see the module's comment). */
  async #lockCycle(trx: Executor, cycleId: string): Promise<LockedCycle | undefined> {
    return (await this.#q.lockCycle(trx, { id: cycleId })).rows[0];
  }

  /** The cycle's registrations, all statuses, by arrival. */
  async registrations(cycleId: string): Promise<Registration[]> {
    return this.#serial(async () => {
      return (await this.db.selectFrom('registrations').selectAll().where('cycle_id', '=', cycleId).orderBy('created_at').orderBy('id').execute()).map(toRegistration);
    });
  }

  async #active(db: Executor, cycleId: string): Promise<Registration[]> {
    const rows = await db.selectFrom('registrations').selectAll().where('cycle_id', '=', cycleId).where('status', '<>', 'cancelled').orderBy('created_at').orderBy('id').execute();
    return rows.map(toRegistration);
  }

  /** Seats of a cycle and its sessions, computed by the rules from the stored registrations. */
  async availability(cycleId: string, now: Date): Promise<Availability | undefined> {
    return this.#serial(async () => {
      const stored = await this.#findCycle(cycleId);
      if (!stored) return undefined;
      return computeAvailability(stored.feed, await this.#active(this.db, cycleId), { now });
    });
  }

  /** The stored seat counters (what the next decision reads), for checks. */
  async counters(cycleId: string): Promise<{ readonly people: number; readonly waitlisted: number; readonly sessions: Record<string, number> } | undefined> {
    return this.#serial(async () => {
      const row = await this.db.selectFrom('cycles').select(['people', 'waitlisted']).where('id', '=', cycleId).executeTakeFirst();
      if (!row) return undefined;
      const seats = await this.db.selectFrom('session_seats').select(['session_id', 'confirmed']).where('cycle_id', '=', cycleId).execute();
      return { people: row.people, waitlisted: row.waitlisted, sessions: Object.fromEntries(seats.map((s) => [s.session_id, s.confirmed])) };
    });
  }

  /**
   * Cancels a registration and, in the same transaction, promotes the first waitlisted people who
   * now fit and renumbers the waiting list (promoteOnCancel). `undefined` when there is no such
   * registration in the cycle.
   */
  async cancel(cycleId: string, registrationId: string, now: Date): Promise<CancelResult | undefined> {
    return this.#serial(async () => {
      return this.db.transaction().execute(async (trx) => {
        const locked = await this.#lockCycle(trx, cycleId);
        if (!locked) return undefined;
        const target = await trx.selectFrom('registrations').select('id').where('id', '=', registrationId).where('cycle_id', '=', cycleId).executeTakeFirst();
        if (!target) return undefined;
        const { feed } = await this.#cycleAt(trx, cycleId, locked.version);
        const promoted = await this.#rebalance(trx, feed, now, registrationId);
        const changed = await trx.selectFrom('registrations').selectAll().where('id', 'in', [registrationId, ...promoted]).execute();
        const byId = new Map(changed.map((r) => [r.id, toRegistration(r)]));
        return { registration: byId.get(registrationId)!, promoted: promoted.map((id) => byId.get(id)!) };
      });
    });
  }

  /**
   * Erases a person (RGPD, article 17): every registration with this email in every cycle, and the
   * stored answers that carried them. Seats they held go to the waiting list, as on a cancellation.
   */
  async erase(email: string, now: Date): Promise<ErasureResult> {
    return this.#serial(async () => {
      const key = emailKey(email);
      return this.db.transaction().execute(async (trx) => {
        const cycles = await trx.selectFrom('registrations').select('cycle_id').distinct().where('email_key', '=', key).orderBy('cycle_id').execute();
        let registrations = 0;
        // Cycles locked in id order, as any transaction over several cycles must: no deadlock.
        for (const { cycle_id: cycleId } of cycles) {
          const locked = await this.#lockCycle(trx, cycleId);
          const ids = (await trx.selectFrom('registrations').select('id').where('cycle_id', '=', cycleId).where('email_key', '=', key).execute()).map((r) => r.id);
          if (ids.length > 0) await trx.deleteFrom('idempotency').where('cycle_id', '=', cycleId).where('registration_id', 'in', ids).execute();
          const deleted = await trx.deleteFrom('registrations').where('cycle_id', '=', cycleId).where('email_key', '=', key).executeTakeFirst();
          registrations += Number(deleted.numDeletedRows);
          if (locked) await this.#rebalance(trx, (await this.#cycleAt(trx, cycleId, locked.version)).feed, now, NO_CANCELLATION);
        }
        return { registrations, cycleIds: cycles.map((c) => c.cycle_id) };
      });
    });
  }

  /**
   * Promotes and renumbers with promoteOnCancel (cancelling `cancelledId` first, unless it is
   * NO_CANCELLATION), then rewrites the counters from the registrations: the people and waiting
   * list of the cycle, the seats of each of the feed's sessions. Returns the promoted ids.
   */
  async #rebalance(trx: Executor, cycle: Cycle, now: Date, cancelledId: string): Promise<string[]> {
    const at = now.toISOString();
    const active = await this.#active(trx, cycle.id);
    const { updates, promoted } = promoteOnCancel(cycle, active, cancelledId);
    const byId = new Map(active.map((r) => [r.id, r]));
    for (const u of updates) {
      await trx
        .updateTable('registrations')
        .set({ status: u.status, waitlist_position: u.waitlistPosition ?? null, updated_at: at })
        .where('id', '=', u.id)
        .execute();
      const r = byId.get(u.id);
      if (r) byId.set(u.id, { ...r, status: u.status, waitlistPosition: u.waitlistPosition });
    }
    const seats = computeAvailability(cycle, [...byId.values()]);
    await trx.updateTable('cycles').set({ people: seats.confirmed, waitlisted: seats.waitlisted, capacity: cycle.capacity ?? null }).where('id', '=', cycle.id).execute();
    await trx.deleteFrom('session_seats').where('cycle_id', '=', cycle.id).execute();
    if (cycle.sessions.length > 0) {
      await trx
        .insertInto('session_seats')
        .values(
          cycle.sessions.map((s, i) => ({
            cycle_id: cycle.id,
            session_id: s.id,
            capacity: sessionCapacity(cycle, s) ?? null,
            confirmed: seats.sessions[i]!.confirmed,
          })),
        )
        .execute();
    }
    return promoted;
  }

  // ---------------------------------------------------------------------------------------------
  // Feedback

  /**
   * Stores one evaluation answer (validated against its form by the caller). With a token (a form
   * with `access: token`), the token must have been issued for this cycle and form, and answers once;
   * the response keeps no trace of it.
   */
  async submitFeedback(
    cycleId: string,
    submission: FeedbackSubmission,
    now: Date,
    tokenHash: string | undefined,
    answering?: Answering<FeedbackOutcome>,
  ): Promise<FeedbackOutcome> {
    return this.#serial(async () => {
      const at = now.toISOString();
      return this.db.transaction().execute(async (trx) => {
        const earlier = answering && (await this.#take(trx, answering.ref, answering.bodyHash, now));
        if (earlier) return { kind: 'answered-before', earlier } as const;
        const outcome = await (async (): Promise<FeedbackOutcome> => {
          if (tokenHash !== undefined) {
            const token = await trx.selectFrom('feedback_tokens').select(['cycle_id', 'form_id']).where('token_hash', '=', tokenHash).executeTakeFirst();
            if (!token || token.cycle_id !== cycleId || token.form_id !== submission.formId) return { kind: 'token-invalid' };
            // Guarded in the statement: of two answers with one token, exactly one finds it unused.
            // The day only: the instant would match the response's `submitted_at`, and so tie the
            // anonymous answer to the token, which the organiser sent to a named person.
            const used = await trx.updateTable('feedback_tokens').set({ used_at: at.slice(0, 10) }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
            if (Number(used.numUpdatedRows) !== 1) return { kind: 'already-answered' };
          }
          const response: FeedbackResponse = {
            id: randomUUID(),
            cycleId,
            formId: submission.formId,
            ...(submission.sessionId === undefined ? {} : { sessionId: submission.sessionId }),
            answers: submission.answers,
            submittedAt: at,
          };
          await trx
            .insertInto('feedback_responses')
            .values({ id: response.id, cycle_id: cycleId, form_id: response.formId, session_id: response.sessionId ?? null, answers: JSON.stringify(response.answers), submitted_at: at })
            .execute();
          return { kind: 'stored', response };
        })();
        if (answering) await this.#keep(trx, answering.ref, answering.answer(outcome), null);
        return outcome;
      });
    });
  }

  /** The responses to a form of a cycle, by arrival. */
  async feedbackResponses(cycleId: string, formId: string): Promise<FeedbackResponse[]> {
    return this.#serial(async () => {
      const rows = await this.db.selectFrom('feedback_responses').selectAll().where('cycle_id', '=', cycleId).where('form_id', '=', formId).orderBy('submitted_at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        cycleId: r.cycle_id,
        formId: r.form_id,
        ...(r.session_id === null ? {} : { sessionId: r.session_id }),
        answers: JSON.parse(r.answers) as FeedbackResponse['answers'],
        submittedAt: r.submitted_at,
      }));
    });
  }

  /** How many tokens were issued for a form: everyone asked to answer it (the response rate's denominator). */
  async feedbackTokenCount(cycleId: string, formId: string): Promise<number> {
    return this.#serial(async () => {
      const row = await this.db
        .selectFrom('feedback_tokens')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('cycle_id', '=', cycleId)
        .where('form_id', '=', formId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    });
  }

  /**
   * Issues `count` new tokens for a form: random, 192 bits each, stored as SHA-256 hashes (a token
   * carries enough entropy that a fast hash suffices). The tokens are returned once, never again.
   */
  async issueFeedbackTokens(cycleId: string, formId: string, count: number, now: Date): Promise<string[]> {
    return this.#serial(async () => {
      const tokens = Array.from({ length: count }, () => randomBytes(24).toString('base64url'));
      const at = now.toISOString();
      await this.db.transaction().execute(async (trx) => {
        // In slices: PostgreSQL allows 65,535 parameters per statement.
        for (let i = 0; i < tokens.length; i += 500) {
          await trx
            .insertInto('feedback_tokens')
            .values(tokens.slice(i, i + 500).map((t) => ({ token_hash: sha256(t), cycle_id: cycleId, form_id: formId, created_at: at, used_at: null })))
            .execute();
        }
      });
      return tokens;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Retention

  /**
   * Deletes the personal data of every cycle whose retention period is over: `privacy.retentionDays`
   * after the end of its last dated session. Registrations, feedback responses and tokens, and the
   * stored answers of its idempotency keys go; the feed stays. A cycle with a session of unknown
   * date is left alone (its last day is not known). Idempotency records older than
   * `idempotencyTtlMs` are deleted too, whatever their cycle.
   */
  async purge(now: Date, options: { readonly idempotencyTtlMs: number }): Promise<PurgeReport> {
    return this.#serial(async () => {
      const purged: PurgeReport['purged'][number][] = [];
      const skipped: PurgeReport['skipped'][number][] = [];
      for (const stored of await this.#allCycles()) {
        const cycle = stored.feed;
        const days = cycle.privacy?.retentionDays;
        if (days === undefined) {
          skipped.push({ cycleId: cycle.id, reason: 'no-retention' });
          continue;
        }
        const span = cycleSpan(cycle);
        if (!span || cycle.sessions.some((s) => s.status !== 'cancelled' && s.date.precision === 'unknown')) {
          skipped.push({ cycleId: cycle.id, reason: 'dates-unknown' });
          continue;
        }
        const until = new Date(span.end.getTime() + days * DAY_MS);
        if (now < until) {
          skipped.push({ cycleId: cycle.id, reason: 'retention-running', until: until.toISOString() });
          continue;
        }
        purged.push(await this.#purgeCycle(stored, now));
      }
      const old = new Date(now.getTime() - options.idempotencyTtlMs).toISOString();
      const records = await this.db.deleteFrom('idempotency').where('created_at', '<', old).executeTakeFirst();
      return { purged, skipped, idempotencyRecords: Number(records.numDeletedRows) };
    });
  }

  async #purgeCycle(stored: StoredCycle, now: Date): Promise<PurgeReport['purged'][number]> {
    return this.db.transaction().execute(async (trx) => {
      const locked = await this.#lockCycle(trx, stored.id);
      const registrations = await trx.deleteFrom('registrations').where('cycle_id', '=', stored.id).executeTakeFirst();
      await trx.deleteFrom('idempotency').where('cycle_id', '=', stored.id).execute();
      const responses = await trx.deleteFrom('feedback_responses').where('cycle_id', '=', stored.id).executeTakeFirst();
      const tokens = await trx.deleteFrom('feedback_tokens').where('cycle_id', '=', stored.id).executeTakeFirst();
      if (locked) await this.#rebalance(trx, (await this.#cycleAt(trx, stored.id, locked.version)).feed, now, NO_CANCELLATION);
      return {
        cycleId: stored.id,
        registrations: Number(registrations.numDeletedRows),
        feedbackResponses: Number(responses.numDeletedRows),
        feedbackTokens: Number(tokens.numDeletedRows),
      };
    });
  }
}

interface LockedCycle {
  readonly version: number;
  readonly people: number;
  readonly waitlisted: number;
  readonly registration_seq: number;
  readonly last_registered_at: string | null;
}

class CycleNotFoundError extends Error {
  constructor(cycleId: string) {
    super(`No cycle ${cycleId}`);
  }
}

/** A guarded seat update refused what the decision granted: the counters are out of step, so nothing is stored. */
export class SeatCounterError extends Error {
  override readonly name = 'SeatCounterError';
  constructor(cycleId: string) {
    super(`Seat counters of cycle ${cycleId} disagree with its registrations; the registration was rolled back`);
  }
}

function toRegistration(row: RegistrationsTable): Registration {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    participant: JSON.parse(row.participant) as Registration['participant'],
    sessionIds: JSON.parse(row.session_ids) as string[],
    ...(row.access_needs === null ? {} : { accessNeeds: row.access_needs }),
    status: row.status as RegistrationStatus,
    ...(row.waitlist_position === null ? {} : { waitlistPosition: row.waitlist_position }),
    createdAt: row.created_at,
    ...(row.updated_at === null ? {} : { updatedAt: row.updated_at }),
  };
}

function toRow(r: Registration): RegistrationRow {
  return {
    id: r.id,
    cycle_id: r.cycleId,
    email_key: emailKey(r.participant.email),
    participant: JSON.stringify(r.participant),
    session_ids: JSON.stringify(r.sessionIds),
    access_needs: r.accessNeeds ?? null,
    status: r.status,
    waitlist_position: r.waitlistPosition ?? null,
    created_at: r.createdAt,
    updated_at: r.updatedAt ?? null,
  };
}
