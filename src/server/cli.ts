/// <reference types="node" />
/**
 * `npx formacoop serve | purge | openapi`. The admin token comes from the environment or a file,
 * never from the command line (it would show in `ps` and in the shell's history).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openApiDocument } from './openapi.js';
import { DEFAULTS, createServer, packageVersion } from './server.js';
import { Store } from './storage/store.js';

const HELP = `formacoop ${packageVersion()} — the reference server of formacoop

Usage:
  formacoop serve [options] [feed.json …]   serve the REST API (feeds may also be given with --cycles)
  formacoop purge [--data DIR]              delete the data of cycles whose retention period is over
  formacoop openapi                         print the OpenAPI 3.1 document
  formacoop help

serve options:
  --port N              port (default ${DEFAULTS.port}; 0 picks a free one)
  --host ADDRESS        address to listen on (default ${DEFAULTS.host}; 0.0.0.0 in a container)
  --data DIR            data folder of the embedded database (default ${DEFAULTS.dataDir})
  --cycles FILE         a cycle or catalogue feed to serve; repeatable; * and ? are expanded
  --allow-origin URL    a site allowed to call the API from its pages (https://www.cc-exemple.fr); repeatable
  --rate-limit N        POST/PUT requests per minute per client (default ${DEFAULTS.rateLimit}; 0: no limit)
  --body-limit BYTES    largest public request body (default ${DEFAULTS.bodyLimit})
  --min-fill-ms MS      minimum time to fill the registration form (default ${DEFAULTS.minFillMs}; 0: no check)
  --trust-proxy         take the client address from X-Forwarded-For (behind a reverse proxy only)
  --admin-token-file F  read the admin token from file F
  --pool-size N         PostgreSQL connections (default 10)

Environment:
  FORMACOOP_ADMIN_TOKEN       the admin token (at least 24 characters), or
  FORMACOOP_ADMIN_TOKEN_FILE  a file holding it
  DATABASE_URL                postgres://user:password@host:5432/db to use PostgreSQL instead of the data folder
`;

class UsageError extends Error {}

/** `examples/*.json` as the shell would expand it (for a quoted pattern, or a shell that does not). */
function expand(pattern: string): string[] {
  const name = basename(pattern);
  if (!/[*?]/.test(name)) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const found = readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f));
  if (found.length === 0) throw new UsageError(`no file matches ${pattern}`);
  return found;
}

function integer(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${option} expects a whole number ≥ 0, not ${value}`);
  return n;
}

function adminToken(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const path = file ?? env.FORMACOOP_ADMIN_TOKEN_FILE;
  if (path !== undefined) return readFileSync(path, 'utf8').trim();
  const token = env.FORMACOOP_ADMIN_TOKEN?.trim();
  return token === '' ? undefined : token;
}

async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (args.some((a) => a === '--admin-token' || a.startsWith('--admin-token='))) {
    throw new UsageError('the admin token is never given on the command line: set FORMACOOP_ADMIN_TOKEN or use --admin-token-file');
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      cycles: { type: 'string', multiple: true },
      'allow-origin': { type: 'string', multiple: true },
      'rate-limit': { type: 'string' },
      'body-limit': { type: 'string' },
      'min-fill-ms': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'admin-token-file': { type: 'string' },
      'pool-size': { type: 'string' },
    },
  });
  const cycleFiles = [...(values.cycles ?? []), ...positionals].flatMap(expand);
  const token = adminToken(values['admin-token-file'], env);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const server = await createServer({
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    dataDir: values.data ?? DEFAULTS.dataDir,
    cycleFiles,
    allowOrigins: values['allow-origin'] ?? [],
    ...(token === undefined ? {} : { adminToken: token }),
    rateLimit: integer(values['rate-limit'], '--rate-limit', DEFAULTS.rateLimit),
    bodyLimit: integer(values['body-limit'], '--body-limit', DEFAULTS.bodyLimit),
    minFillMs: integer(values['min-fill-ms'], '--min-fill-ms', DEFAULTS.minFillMs),
    trustProxy: values['trust-proxy'] ?? false,
    ...(values['pool-size'] === undefined ? {} : { poolSize: integer(values['pool-size'], '--pool-size', 10) }),
  });
  const url = await server.listen(integer(values.port, '--port', DEFAULTS.port), values.host ?? DEFAULTS.host);
  const cycles = (await server.store.cycles()).length;
  const where = server.store.dialect === 'sqlite' ? `SQLite ${server.store.location}` : `PostgreSQL ${server.store.location}`;
  console.log(`formacoop: listening on ${url} (${where}; ${cycles} cycle(s))`);
  if (token === undefined) console.error('formacoop: no admin token (FORMACOOP_ADMIN_TOKEN): the admin API answers 401');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function purge(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' } } });
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const store = await Store.open({ ...(databaseUrl === undefined ? {} : { databaseUrl }), dataDir: values.data ?? DEFAULTS.dataDir });
  try {
    const report = await store.purge(new Date(), { idempotencyTtlMs: DEFAULTS.idempotencyTtlMs });
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await store.close();
  }
}

/** Runs the command line; `bin/formacoop.js` calls it with `process.argv.slice(2)`. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command = 'help', ...args] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(args, env);
      case 'purge':
        return await purge(args, env);
      case 'openapi':
        console.log(JSON.stringify(openApiDocument(packageVersion()), null, 2));
        return;
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    console.error(`formacoop: ${e instanceof Error ? e.message : String(e)}`);
    if (usage) console.error('See: formacoop help');
    process.exitCode = usage ? 2 : 1;
  }
}
