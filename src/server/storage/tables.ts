/**
 * The tables, as Kysely sees them. Portable types only (text and integer), so that one set of queries
 * runs on SQLite and PostgreSQL: instants are ISO 8601 UTC text (`toISOString()`, which sorts as it
 * reads), JSON is text, statuses are words.
 */

/** One cycle: its feed, and the seat counters that registrations update atomically. */
export interface CyclesTable {
  id: string;
  /** The cycle feed as served (the validated document, defaults filled). */
  feed: string;
  etag: string;
  /** Incremented at each change of the feed, so that every process knows its cached copy is stale. */
  version: number;
  /** `file` (loaded from --cycles) or `admin` (PUT through the admin API). */
  source: string;
  /** The cycle's capacity, copied from the feed: the guard of the seat counter. Null when unlimited. */
  capacity: number | null;
  /** People holding a confirmed seat in the cycle (a person counts once). */
  people: number;
  /** Registrations on the waiting list; the next one waits at `waitlisted + 1`. */
  waitlisted: number;
  /** Incremented by every transaction that changes the cycle's registrations: it is their lock, and orders their ids. */
  registration_seq: number;
  /** createdAt of the last registration: the next one is never earlier, so arrival order is creation order. */
  last_registered_at: string | null;
  updated_at: string;
}

/** Seats taken in each session of a cycle. */
export interface SessionSeatsTable {
  cycle_id: string;
  session_id: string;
  /** The session's capacity, else the cycle's; null when unlimited. */
  capacity: number | null;
  confirmed: number;
}

export interface RegistrationsTable {
  id: string;
  cycle_id: string;
  /** The participant's email, lower-cased and trimmed: how the rules recognise a person. */
  email_key: string;
  /** The participant as validated (JSON). */
  participant: string;
  /** The chosen sessions (JSON array, no duplicates). */
  session_ids: string;
  access_needs: string | null;
  status: string;
  waitlist_position: number | null;
  created_at: string;
  updated_at: string | null;
}

/**
 * One row per Idempotency-Key of a cycle and kind: written by the transaction that decides the
 * request, so it is seen only with its answer.
 */
export interface IdempotencyTable {
  cycle_id: string;
  /** `registration` or `feedback`: the same key may be used once for each. */
  kind: string;
  key: string;
  /** SHA-256 of the canonical JSON of the body the answer was given for. */
  body_hash: string;
  status_code: number;
  response: string;
  /** The registration the answer carries, so that erasing a person erases the stored answer too. */
  registration_id: string | null;
  created_at: string;
}

export interface FeedbackResponsesTable {
  id: string;
  cycle_id: string;
  form_id: string;
  session_id: string | null;
  answers: string;
  submitted_at: string;
}

/**
 * Feedback tokens, stored as SHA-256 hashes: the tokens themselves are shown once and never kept.
 * A token answers once; nothing links it to the response it gave.
 */
export interface FeedbackTokensTable {
  token_hash: string;
  cycle_id: string;
  form_id: string;
  created_at: string;
  used_at: string | null;
}

export interface Database {
  cycles: CyclesTable;
  session_seats: SessionSeatsTable;
  registrations: RegistrationsTable;
  idempotency: IdempotencyTable;
  feedback_responses: FeedbackResponsesTable;
  feedback_tokens: FeedbackTokensTable;
}
