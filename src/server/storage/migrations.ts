/**
 * Versioned migrations, run at start on both stores by Kysely's Migrator (which records them in
 * `formacoop_migration` and, on PostgreSQL, holds an advisory lock so that two instances starting
 * together do not both migrate). Never edit a released migration: add the next one.
 */
import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cycles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('feed', 'text', (c) => c.notNull())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer')
      .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('waitlisted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('registration_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_registered_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('session_seats')
      .addColumn('cycle_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer')
      .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('session_seats_pk', ['cycle_id', 'session_id'])
      .execute();

    await db.schema
      .createTable('registrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cycle_id', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull())
      .addColumn('participant', 'text', (c) => c.notNull())
      .addColumn('session_ids', 'text', (c) => c.notNull())
      .addColumn('access_needs', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('waitlist_position', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text')
      .execute();
    // Few indexes: each costs every registration a write. A person's registrations (eligibility,
    // erasure), and a cycle's in arrival order (lists, promotion).
    await db.schema.createIndex('registrations_person').on('registrations').columns(['email_key', 'cycle_id']).execute();
    await db.schema.createIndex('registrations_arrival').on('registrations').columns(['cycle_id', 'created_at', 'id']).execute();

    await db.schema
      .createTable('idempotency')
      .addColumn('cycle_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('registration_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_pk', ['cycle_id', 'kind', 'key'])
      .execute();
    // No other index: erasure finds a registration's answer within its cycle (the key's prefix), and
    // the purge of old answers is a rare scan.

    await db.schema
      .createTable('feedback_responses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cycle_id', 'text', (c) => c.notNull())
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text')
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('feedback_responses_form').on('feedback_responses').columns(['cycle_id', 'form_id']).execute();

    await db.schema
      .createTable('feedback_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('cycle_id', 'text', (c) => c.notNull())
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('feedback_tokens_form').on('feedback_tokens').columns(['cycle_id', 'form_id']).execute();
  },
};

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
