/// <reference types="node" />
/** createServer: the reference server as a library (the CLI is a thin layer over it). */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { FORMAT_VERSION, safeParseFeed, type CycleFeed } from '../model/feed.js';
import { cyclesOf } from '../rules/lookup.js';
import { createHandler, route, type App, type AppSettings } from './app.js';
import { AdminAuth } from './http/auth.js';
import { Cors } from './http/cors.js';
import { RateLimiter } from './http/rate-limit.js';
import { sendJson, sendText } from './http/respond.js';
import { openApiDocument } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { publicRoutes } from './routes/public.js';
import { Store } from './storage/store.js';

export interface ServerOptions {
  /** An open store; else one is opened from `databaseUrl` or `dataDir` (and closed with the server). */
  readonly store?: Store;
  /** `postgres://…` to use PostgreSQL. Default: SQLite in `dataDir`. */
  readonly databaseUrl?: string;
  /** The embedded store's folder. Default `./formacoop-data`. */
  readonly dataDir?: string;
  /** PostgreSQL pool size. Default 10. */
  readonly poolSize?: number;
  /** Feed files (a cycle or a catalogue each) stored at start; their cycles are replaced when the file changed. */
  readonly cycleFiles?: readonly string[];
  /** Sites (origins) allowed to call the API from a browser. Default: none. */
  readonly allowOrigins?: readonly string[];
  /** The admin token (at least 24 characters). Without it, every admin route answers 401. */
  readonly adminToken?: string;
  /** Write requests per minute per client. Default 60; 0 turns the limit off. */
  readonly rateLimit?: number;
  /** Largest public request body, bytes. Default 64 KiB. */
  readonly bodyLimit?: number;
  /** Largest admin request body (a cycle feed), bytes. Default 2 MiB. */
  readonly adminBodyLimit?: number;
  /** Minimum time to fill the registration form, ms; faster is a robot. Default 3000; 0 turns it off. */
  readonly minFillMs?: number;
  /** Read the client address from X-Forwarded-For (set it behind a reverse proxy only). Default false. */
  readonly trustProxy?: boolean;
  /** Answers kept for replay; purge deletes older ones. Default 7 days. */
  readonly idempotencyTtlMs?: number;
  /** The clock (tests of dates and retention). Default: the system's. */
  readonly clock?: () => Date;
  /** Where operational messages go. Default: stderr. */
  readonly log?: (line: string) => void;
}

export interface FormacoopServer {
  readonly server: Server;
  readonly store: Store;
  /** Listens (port 8787 and 127.0.0.1 by default; port 0 picks a free one); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting connections, ends idle ones, closes the store if this server opened it. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  dataDir: './formacoop-data',
  rateLimit: 60,
  bodyLimit: 64 * 1024,
  adminBodyLimit: 2 * 1024 * 1024,
  minFillMs: 3000,
  idempotencyTtlMs: 7 * 86_400_000,
} as const;

/** This package's version, for /openapi.json and /healthz. */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * Reads feed files and stores their cycles (a catalogue's cycles one by one). Fails on the first
 * invalid file, naming it and each issue's path: a server must not start on a broken feed.
 */
export async function loadCycleFiles(store: Store, files: readonly string[], now: Date): Promise<{ readonly file: string; readonly cycleId: string; readonly changed: boolean }[]> {
  const loaded: { file: string; cycleId: string; changed: boolean }[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = safeParseFeed(json);
    if (!parsed.success) {
      throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path || '(document)'}: ${i.message}`).join('; ')}`);
    }
    for (const cycle of cyclesOf(parsed.data)) {
      const feed: CycleFeed = parsed.data.type === 'cycle' ? parsed.data : { formatVersion: FORMAT_VERSION, type: 'cycle', ...cycle };
      const { changed } = await store.putCycle(feed, 'file', now);
      loaded.push({ file, cycleId: cycle.id, changed });
    }
  }
  return loaded;
}

export async function createServer(options: ServerOptions = {}): Promise<FormacoopServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const clock = options.clock ?? (() => new Date());
  // Checked before the store is opened: a bad option must not leave a database half set up.
  const auth = new AdminAuth(options.adminToken);
  const cors = new Cors(options.allowOrigins ?? []);
  const ownStore = options.store === undefined;
  const store =
    options.store ??
    (await Store.open({
      ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
      dataDir: options.dataDir ?? DEFAULTS.dataDir,
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    }));
  try {
    await loadCycleFiles(store, options.cycleFiles ?? [], clock());
  } catch (e) {
    if (ownStore) await store.close();
    throw e;
  }

  const settings: AppSettings = {
    rateLimit: options.rateLimit ?? DEFAULTS.rateLimit,
    bodyLimit: options.bodyLimit ?? DEFAULTS.bodyLimit,
    adminBodyLimit: options.adminBodyLimit ?? DEFAULTS.adminBodyLimit,
    minFillMs: options.minFillMs ?? DEFAULTS.minFillMs,
    idempotencyTtlMs: options.idempotencyTtlMs ?? DEFAULTS.idempotencyTtlMs,
    trustProxy: options.trustProxy ?? false,
    version: packageVersion(),
  };
  const app: App = { store, settings, auth, limiter: new RateLimiter(settings.rateLimit), cors, clock, log, inFlight: new Set() };

  let openApi: string | undefined;
  const routes = [
    route('GET', '/healthz', async (ctx) => {
      try {
        await sql`select 1`.execute(store.db);
        sendJson(ctx.res, 200, { status: 'ok', version: settings.version, store: store.dialect });
      } catch {
        sendJson(ctx.res, 503, { status: 'unavailable', version: settings.version, store: store.dialect });
      }
    }),
    route('GET', '/openapi.json', async (ctx) => {
      openApi ??= JSON.stringify(openApiDocument(settings.version));
      sendText(ctx.res, 200, openApi, 'application/json; charset=utf-8', { 'Cache-Control': 'no-cache' });
    }),
    ...publicRoutes,
    ...adminRoutes,
  ];

  const server = createHttpServer(
    // Slow clients cannot hold a connection forever; the limits leave room for a slow mobile upload.
    { requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 },
    createHandler(app, routes),
  );

  return {
    server,
    store,
    listen(port = DEFAULTS.port, host = DEFAULTS.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        // A deep accept queue: a burst of registrations when a cycle opens must not be dropped at the door.
        server.listen({ port, host, backlog: 2048 }, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown}:${address.port}`);
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      if (ownStore) await store.close();
    },
  };
}
