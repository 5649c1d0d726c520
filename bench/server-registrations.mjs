// Registrations per second through the reference server's HTTP API, and their latency (p50, p99),
// with 50 and 200 clients sending at once, on the embedded store and on PostgreSQL.
//
//   npm run build
//   node bench/server-registrations.mjs                       # SQLite (a temporary data folder)
//   DATABASE_URL=postgres://… node bench/server-registrations.mjs --store postgres
//   options: --clients 50,200  --count 6000  --capacity 1000
//
// The server runs in its own process (`formacoop serve`, as deployed), on 127.0.0.1; this process is
// the clients, on the same machine: both share its cores. Each run registers `count` distinct people
// to a fresh cycle of `capacity` seats (so decisions confirm, then waitlist), after 500 warm-up
// registrations, with each client's connection opened beforehand. Bounded: it stops after the last run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    clients: { type: 'string', default: '50,200' },
    count: { type: 'string', default: '6000' },
    capacity: { type: 'string', default: '1000' },
  },
});
const TOKEN = 'bench-admin-token-0123456789abcdef';
const count = Number(values.count);
const capacity = Number(values.capacity);
const dir = mkdtempSync(join(tmpdir(), 'formacoop-bench-'));

const { DATABASE_URL, ...env } = process.env;
if (values.store === 'postgres' && !DATABASE_URL) throw new Error('--store postgres needs DATABASE_URL');
// On PostgreSQL, a schema of its own, dropped at the end: the database is left as it was.
const schema = `formacoop_bench_${process.pid}`;
const admin = async (statement) => {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(statement);
  await client.end();
};
let databaseUrl;
if (values.store === 'postgres') {
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  databaseUrl = url.toString();
}
const child = spawn(
  process.execPath,
  [new URL('../bin/formacoop.js', import.meta.url).pathname, 'serve', '--port', '0', '--data', dir, '--rate-limit', '0', '--pool-size', '20'],
  { env: { ...env, FORMACOOP_ADMIN_TOKEN: TOKEN, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, stdio: ['ignore', 'pipe', 'inherit'] },
);
const base = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});

/**
 * CPU seconds the server process has used (Linux /proc, 100 ticks a second): the server's own cost
 * per registration, which other load on the machine does not inflate as it does wall time.
 */
function serverCpuSeconds() {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function send(agent, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const json = body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) };
    const req = httpRequest(`${base}${path}`, { method, agent, headers: { ...json, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const cycle = (id) => ({
  formatVersion: 1,
  type: 'cycle',
  id,
  title: 'Cycle de mesure',
  audience: { kinds: ['agents'] },
  capacity,
  sessions: [
    { id: 'j1', title: 'Journée 1', date: { precision: 'exact', date: '2030-03-10' } },
    { id: 'j2', title: 'Journée 2', date: { precision: 'exact', date: '2030-04-10' } },
  ],
  registration: { status: 'open', waitlist: true },
});

const person = (run, i) => ({
  participant: { firstName: 'Camille', lastName: `Martin ${i}`, email: `camille.martin.${run}.${i}@exemple.fr`, function: 'head-of-department', organisationName: 'CC du Bench' },
  sessionIds: ['j1', 'j2'],
  antiBot: { website: '', fillMs: 15_000 },
});

async function run(name, clients, total) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const status = await send(agent, 'PUT', `/api/admin/cycles/${name}`, cycle(name), { Authorization: `Bearer ${TOKEN}` });
  if (status !== 201) throw new Error(`PUT cycle: ${status}`);
  // Connections opened first: a burst of connects on loopback waits for SYN retransmissions (1 s, 3 s),
  // which would measure the kernel's accept queue, not the server.
  await Promise.all(Array.from({ length: clients }, () => send(agent, 'GET', '/healthz', undefined)));
  const latencies = [];
  const errors = new Map();
  let next = 0;
  const started = performance.now();
  const cpuBefore = serverCpuSeconds();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const code = await send(agent, 'POST', `/api/cycles/${name}/registrations`, person(name, i), { 'Idempotency-Key': `${name}-${i}` });
        latencies.push(performance.now() - t);
        if (code !== 201) errors.set(code, (errors.get(code) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = ((serverCpuSeconds() - cpuBefore) * 1000) / total;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: total / seconds, p50: at(0.5), p99: at(0.99), cpuMs, errors: Object.fromEntries(errors) };
}

const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  await run('warmup', 50, 500);
  const rows = [];
  for (const clients of values.clients.split(',').map(Number)) {
    const r = await run(`bench-${clients}`, clients, count);
    rows.push(`| ${values.store === 'postgres' ? 'PostgreSQL' : 'SQLite (WAL)'} | ${clients} | ${count} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.cpuMs.toFixed(2)} ms | ${Object.keys(r.errors).length ? JSON.stringify(r.errors) : 'none'} |`);
  }
  console.log(`Node ${process.version}, ${cpus().length} cores (${cpus()[0].model}); capacity ${capacity}`);
  console.log(`load average before: ${loadBefore}`);
  console.log('| store | clients | registrations | per second | p50 | p99 | server CPU per registration | non-201 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
  if (databaseUrl) await admin(`DROP SCHEMA ${schema} CASCADE`);
}
