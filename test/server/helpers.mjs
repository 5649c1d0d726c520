// Shared by the server tests: test cycles, participants, an HTTP client on loopback, servers in
// this process or in a child process, and fresh PostgreSQL schemas.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createServer, Store } from 'formacoop/server';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const BIN = new URL('../../bin/formacoop.js', import.meta.url).pathname;

/** A cycle open for registration, with the shapes the rules care about. */
export function openCycle(overrides = {}) {
  return {
    formatVersion: 1,
    type: 'cycle',
    id: 'cycle-test',
    title: 'Cycle de test',
    audience: { kinds: ['agents'] },
    capacity: 40,
    organisations: [
      { id: 'cc-a', name: 'Communauté de communes A', kind: 'epci', roles: ['member'] },
      { id: 'cc-b', name: 'Communauté de communes B', kind: 'epci', roles: ['member'] },
    ],
    sessions: [
      { id: 'j1', number: 1, title: 'Journée 1', date: { precision: 'exact', date: '2030-03-10' } },
      { id: 'j2', number: 2, title: 'Journée 2', date: { precision: 'exact', date: '2030-04-10' } },
      {
        id: 'j3',
        number: 3,
        title: 'Journée 3, avec les élu·es',
        date: { precision: 'exact', date: '2030-05-10' },
        audience: { kinds: ['agents', 'elected-officials'] },
      },
      {
        id: 'bonus',
        number: 4,
        title: 'Journée bonus',
        date: { precision: 'month', year: 2030, month: 6, part: 'late' },
        bonus: true,
        optional: true,
        eligibility: 'cycle-participants',
        capacity: 5,
      },
    ],
    registration: { status: 'open', waitlist: true },
    feedback: [
      {
        id: 'eval',
        title: 'Évaluation du cycle',
        scope: 'cycle',
        access: 'anonymous',
        scale: { points: 5, labels: ['1', '2', '3', '4', '5'] },
        minGroupSize: 2,
        results: { public: true, openAnswers: false },
        questions: [
          { id: 'contenus', type: 'rating', label: 'Les contenus' },
          { id: 'reco', type: 'recommendation', label: 'Recommanderiez-vous ?' },
          { id: 'cc', type: 'organisation', label: 'Votre communauté de communes' },
          { id: 'libre', type: 'text', label: 'Remarques' },
        ],
      },
      {
        id: 'eval-jour',
        title: 'Évaluation de la journée',
        scope: 'session',
        access: 'token',
        scale: { points: 5, labels: ['1', '2', '3', '4', '5'] },
        questions: [{ id: 'utile', type: 'rating', label: 'Utile' }],
      },
    ],
    privacy: {
      controller: 'Pôle territorial',
      purpose: 'Organiser le cycle',
      legalBasis: "mission d'intérêt public (article 6-1-e du RGPD)",
      retention: 'un an après la dernière journée',
      retentionDays: 365,
      rights: 'accès, rectification, effacement',
      dpoContact: 'dpo@exemple.fr',
    },
    ...overrides,
  };
}

export function participant(i, extra = {}) {
  return {
    firstName: `Prénom${i}`,
    lastName: `Nom${i}`,
    email: `personne${i}@exemple.fr`,
    function: 'head-of-department',
    organisationId: 'cc-a',
    ...extra,
  };
}

/** A registration body as the form posts it (bot traps passed). */
export function submission(i, sessionIds = ['j1', 'j2'], extra = {}) {
  return { participant: participant(i), sessionIds, antiBot: { website: '', fillMs: 12_000 }, ...extra };
}

export const keepAlive = new Agent({ keepAlive: true, maxSockets: 1024 });

/** One HTTP request on loopback: status, headers, parsed JSON (or text). */
export function request(base, path, { method = 'GET', headers = {}, body, agent = keepAlive } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = httpRequest(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

export function tempDir(prefix = 'formacoop-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The PostgreSQL the tests use: DATABASE_URL is required (`eval "$(bash scripts/ci-postgres.sh)"`). */
export function databaseUrl() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set: the storage tests run on PostgreSQL too. Start one with `eval "$(bash scripts/ci-postgres.sh)"` (as .ci/run does).',
    );
  }
  return url;
}

/** A fresh, empty schema of the test database: its URL (search_path set), and how to drop it. */
export async function freshPostgres() {
  const base = databaseUrl();
  const schema = `fc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** A store of each kind, fresh: `{ name, open(), cleanup() }`; `open` may be called again on the same data. */
export async function storeKinds() {
  const dir = tempDir();
  const pgdb = await freshPostgres();
  return [
    { name: 'sqlite', options: { dataDir: dir }, open: () => Store.open({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) },
    { name: 'postgres', options: { databaseUrl: pgdb.url }, open: () => Store.open({ databaseUrl: pgdb.url }), cleanup: () => pgdb.drop() },
  ];
}

/** A server in this process on a free port. */
export async function startServer(options = {}) {
  const server = await createServer({ adminToken: ADMIN_TOKEN, minFillMs: 3000, log: () => {}, ...options });
  const url = await server.listen(0, '127.0.0.1');
  return { url, server, store: server.store, close: () => server.close() };
}

/** Writes feeds to files in `dir` and returns their paths. */
export function writeFeeds(dir, feeds) {
  return feeds.map((feed, i) => {
    const file = join(dir, `feed-${i}.json`);
    writeFileSync(file, JSON.stringify(feed));
    return file;
  });
}

/**
 * `formacoop serve` in a child process (the real CLI, from bin/), on a free port. Resolves once it
 * listens, with its URL and the child.
 */
export function spawnServer(args, env = {}) {
  return new Promise((resolve, reject) => {
    // DATABASE_URL only when the test gives it: the embedded store is the default.
    const { DATABASE_URL: _, ...inherited } = process.env;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
      env: { ...inherited, FORMACOOP_ADMIN_TOKEN: ADMIN_TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 15 s: ${out} ${err}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, stderr: () => err });
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${err}`));
    });
  });
}

/** Stops a child server: SIGTERM (graceful) unless told to kill it. */
export function stopChild(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
