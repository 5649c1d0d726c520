/// <reference types="node" />
/**
 * Opening the database: SQLite in a data folder (the default, zero setup) or PostgreSQL from a
 * `postgres://` URL. Both behind the same Kysely instance type, so every query is written once.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Database } from './tables.js';
import { migrationProvider } from './migrations.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** `postgres://…`: PostgreSQL. Absent: SQLite in `dataDir`. */
  readonly databaseUrl?: string;
  /** The data folder of the embedded store. Default `./formacoop-data`. */
  readonly dataDir?: string;
  /** PostgreSQL connections. Default 10. */
  readonly poolSize?: number;
}

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data is, for people (`formacoop-data/formacoop.sqlite`, `postgres://…@host/db` without the password). */
  readonly location: string;
}

/** The SQLite file inside a data folder. */
export const SQLITE_FILE = 'formacoop.sqlite';

/**
 * Kysely's SQLite driver opens transactions with a plain BEGIN, which takes the write lock only at
 * the first write: two processes on one file (the server and `formacoop purge`) could then both
 * read and fail to upgrade. BEGIN IMMEDIATE takes it first, so a transaction that reads counters
 * and then writes them is serialised with every other writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;
  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: cachedStatements(this.#database) });
  }
}

/**
 * better-sqlite3 compiles a statement at each `prepare`, and Kysely prepares at each query. The
 * server runs a handful of distinct statements over and over: compiled once here, they are reused
 * (a statement is used synchronously, so reuse is safe). Bounded, for queries built with `IN (…)`.
 */
function cachedStatements(database: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= 500) cache.clear();
        statement = database.prepare(sql);
        cache.set(sql, statement);
      }
      return statement as BetterSqlite3.Statement<unknown[]>;
    },
  };
}

/** Opens the store and brings its tables to the latest migration. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<OpenDatabase> {
  const opened = options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openSqlite(options.dataDir ?? './formacoop-data');
  try {
    await migrate(opened.db, opened.dialect);
  } catch (e) {
    await opened.db.destroy();
    throw e;
  }
  return opened;
}

function openSqlite(dataDir: string): OpenDatabase {
  const dir = resolve(dataDir);
  // The folder holds personal data: readable by the server's user only.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, SQLITE_FILE);
  const database = new BetterSqlite3(file);
  // WAL: readers do not block the writer, and a commit survives the process being killed.
  // synchronous=NORMAL in WAL mode loses no committed transaction when the process dies; only an
  // operating-system crash or power cut may lose the last ones (see docs/server.md).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) }), dialect: 'sqlite', location: file };
}

function openPostgres(url: string, max: number): OpenDatabase {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection dropped by the server must not crash the process.
  pool.on('error', (e) => console.error(`formacoop: PostgreSQL connection error: ${e.message}`));
  let location = url;
  try {
    const u = new URL(url);
    u.password = '';
    location = u.toString();
  } catch {
    location = 'postgres';
  }
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', location };
}

async function migrate(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  // Kysely looks for its tables in every schema unless told which: another formacoop's schema in the
  // same database would pass for ours. On PostgreSQL, ours is the first of the search_path.
  const schema =
    dialect === 'postgres' ? (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined : undefined;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'formacoop_migration',
    migrationLockTableName: 'formacoop_migration_lock',
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
