/**
 * formacoop/server — the reference server (Node only): the REST contract over SQLite (embedded,
 * default) or PostgreSQL. Imports nothing from the elements.
 */
export { createServer, loadCycleFiles, packageVersion, DEFAULTS, type FormacoopServer, type ServerOptions } from './server.js';
export {
  Store,
  SeatCounterError,
  emailKey,
  type CancelResult,
  type EarlierAnswer,
  type ErasureResult,
  type FeedbackOutcome,
  type IdempotencyRef,
  type PurgeReport,
  type PurgeSkipReason,
  type RegistrationOutcome,
  type StoreOptions,
  type StoredAnswer,
  type StoredCycle,
} from './storage/store.js';
export { SQLITE_FILE, type DialectName } from './storage/database.js';
export { migrations } from './storage/migrations.js';
export { openApiDocument } from './openapi.js';
export { main } from './cli.js';
