// `npx formacoop …`: zero-setup serve (data folder made, feeds loaded), the admin token never on the
// command line, from the environment or a file, `purge`, `openapi`, `help`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_TOKEN, BIN, admin, openCycle, request, spawnServer, stopChild, submission, tempDir, writeFeeds } from './helpers.mjs';

const run = promisify(execFile);
const formacoop = (args, options = {}) => {
  const { DATABASE_URL: _, FORMACOOP_ADMIN_TOKEN: __, ...env } = process.env;
  return run(process.execPath, [BIN, ...args], { env: { ...env, ...options.env }, cwd: options.cwd }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
};

test('serve with no setup: the data folder ./formacoop-data is made, feeds given by a pattern are served', async () => {
  const cwd = tempDir();
  writeFeeds(cwd, [openCycle({ id: 'un' }), openCycle({ id: 'deux' })]);
  const { DATABASE_URL: _, ...env } = process.env;
  const server = await new Promise((resolve, reject) => {
    // Run from the folder, as `npx formacoop serve` is, with the pattern left for the CLI to expand.
    import('node:child_process').then(({ spawn }) => {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--cycles', 'feed-*.json'], { cwd, env: { ...env, FORMACOOP_ADMIN_TOKEN: ADMIN_TOKEN } });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+) \(SQLite (\S+); 2 cycle\(s\)\)/.exec(out);
        if (m) resolve({ child, url: m[1], file: m[2] });
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
  });
  try {
    assert.equal(server.file, join(cwd, 'formacoop-data', 'formacoop.sqlite'));
    assert.ok(existsSync(server.file));
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const catalogue = await request(server.url, '/api/cycles');
    assert.deepEqual(
      catalogue.json.cycles.map((c) => c.id),
      ['deux', 'un'],
    );
    assert.equal((await request(server.url, '/api/admin/cycles/un/registrations', { headers: admin })).status, 200);
  } finally {
    await stopChild(server.child);
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('the admin token is refused on the command line, read from a file, and must be long enough', async () => {
  const refused = await formacoop(['serve', '--admin-token', ADMIN_TOKEN]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /never given on the command line/);
  const dir = tempDir();
  const file = join(dir, 'token');
  writeFileSync(file, `${ADMIN_TOKEN}\n`, { mode: 0o600 });
  const s = await spawnServer(['--data', dir, '--admin-token-file', file], { FORMACOOP_ADMIN_TOKEN: '' });
  try {
    assert.equal((await request(s.url, '/api/admin/purge', { method: 'POST', headers: admin })).status, 200);
  } finally {
    await stopChild(s.child);
  }
  const short = await formacoop(['serve', '--data', dir, '--port', '0'], { env: { FORMACOOP_ADMIN_TOKEN: 'court' } });
  assert.equal(short.code, 1);
  assert.match(short.stderr, /at least 24 characters/);
  const badOption = await formacoop(['serve', '--port', 'abc']);
  assert.equal(badOption.code, 2);
  rmSync(dir, { recursive: true, force: true });
});

test('`formacoop purge` deletes the data of cycles past their retention, on the data folder', async () => {
  const dir = tempDir();
  const [feed] = writeFeeds(dir, [
    openCycle({ id: 'ancien', registration: { status: 'open', waitlist: true }, sessions: [{ id: 'j1', title: 'J1', date: { precision: 'exact', date: '2030-03-10' } }], feedback: [] }),
  ]);
  const s = await spawnServer(['--data', dir, '--cycles', feed, '--rate-limit', '0']);
  const r = await request(s.url, '/api/cycles/ancien/registrations', { method: 'POST', body: submission(1, ['j1']), headers: { 'Idempotency-Key': 'p-1' } });
  assert.equal(r.status, 201);
  await stopChild(s.child);
  // Before the end of retention (2030-03-11 + 365 days): nothing goes.
  const kept = await formacoop(['purge', '--data', dir]);
  assert.equal(kept.code, 0, kept.stderr);
  const report = JSON.parse(kept.stdout);
  assert.deepEqual(report.purged, []);
  assert.equal(report.skipped[0].reason, 'retention-running');
  // Past it (the feed now says the day was in 2020), the registration goes.
  writeFileSync(feed, JSON.stringify(openCycle({ id: 'ancien', sessions: [{ id: 'j1', title: 'J1', date: { precision: 'exact', date: '2020-03-10' } }], feedback: [] })));
  const s2 = await spawnServer(['--data', dir, '--cycles', feed]);
  await stopChild(s2.child);
  const purged = JSON.parse((await formacoop(['purge', '--data', dir])).stdout);
  assert.deepEqual(purged.purged, [{ cycleId: 'ancien', registrations: 1, feedbackResponses: 0, feedbackTokens: 0 }]);
  rmSync(dir, { recursive: true, force: true });
});

test('`formacoop openapi` prints the document; `help` lists the options; an unknown command is an error', async () => {
  const doc = JSON.parse((await formacoop(['openapi'])).stdout);
  assert.equal(doc.openapi, '3.1.0');
  const help = await formacoop(['help']);
  for (const option of ['--port', '--data', '--cycles', '--allow-origin', '--rate-limit', 'FORMACOOP_ADMIN_TOKEN', 'DATABASE_URL']) assert.ok(help.stdout.includes(option), option);
  const unknown = await formacoop(['nope']);
  assert.equal(unknown.code, 2);
});
