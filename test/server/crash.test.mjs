// What was answered 201 is stored: the server process is killed (SIGKILL, no chance to flush
// anything) in the middle of a stream of registrations, started again on the same data, and every
// registration it had confirmed or waitlisted is there, with the same status and position; the
// counters agree with the rows, so the next person is placed right after them.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { admin, freshPostgres, openCycle, request, spawnServer, stopChild, submission, tempDir, writeFeeds } from './helpers.mjs';

const CAPACITY = 40;
const WORKERS = 16;

const stores = [
  { name: 'SQLite', setup: async (dir) => ({ args: ['--data', dir], env: {}, cleanup: async () => {} }) },
  {
    name: 'PostgreSQL',
    setup: async () => {
      const pg = await freshPostgres();
      return { args: [], env: { DATABASE_URL: pg.url }, cleanup: () => pg.drop() };
    },
  },
];

for (const kind of stores) {
  describe(`SIGKILL during registrations on ${kind.name}`, () => {
    const dir = tempDir();
    const children = [];
    let cleanup = async () => {};
    after(async () => {
      for (const c of children) await stopChild(c, 'SIGKILL');
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test('every registration answered 201 before the kill is stored after the restart', async (t) => {
      const store = await kind.setup(dir);
      cleanup = store.cleanup;
      const [feed] = writeFeeds(dir, [openCycle({ id: 'crash', capacity: CAPACITY })]);
      const args = ['--rate-limit', '0', '--cycles', feed, ...store.args];
      const first = await spawnServer(args, store.env);
      children.push(first.child);

      const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
      const answered = [];
      let failures = 0;
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (!killed && next < 5000) {
          const i = next++;
          try {
            const r = await request(first.url, '/api/cycles/crash/registrations', {
              method: 'POST',
              agent,
              body: submission(i, ['j1']),
              headers: { 'Idempotency-Key': `crash-${i}` },
            });
            if (r.status === 201) answered.push(r.json);
          } catch {
            // The connection died with the process: no answer, nothing promised.
            failures += 1;
            return;
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      // Kill once well past the capacity, so both confirmations and waitlist places were promised.
      while (answered.length < 150) await new Promise((resolve) => setTimeout(resolve, 5));
      first.child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      agent.destroy();
      assert.ok(answered.length >= 150);

      const second = await spawnServer(args, store.env);
      children.push(second.child);
      const stored = (await request(second.url, '/api/admin/cycles/crash/registrations', { headers: admin })).json.registrations;
      const byId = new Map(stored.map((r) => [r.id, r]));
      const missing = answered.filter((a) => !byId.has(a.id));
      t.diagnostic(`${answered.length} answered 201 before the kill, ${failures} requests cut by it, ${stored.length} stored after the restart`);
      assert.deepEqual(missing, [], `${missing.length} of ${answered.length} answered registrations lost`);
      for (const a of answered) {
        const s = byId.get(a.id);
        assert.deepEqual([s.status, s.waitlistPosition, s.participant.email], [a.status, a.waitlistPosition, a.participant.email]);
      }
      // Stored, whether answered or not (a request may have committed just before the kill): consistent.
      const confirmed = stored.filter((r) => r.status === 'confirmed').length;
      const waiting = stored.filter((r) => r.status === 'waitlisted');
      assert.equal(confirmed, CAPACITY);
      assert.deepEqual(
        waiting.map((r) => r.waitlistPosition),
        Array.from({ length: waiting.length }, (_, i) => i + 1),
      );
      const next1 = await request(second.url, '/api/cycles/crash/registrations', {
        method: 'POST',
        body: submission(9999, ['j1']),
        headers: { 'Idempotency-Key': 'after-restart' },
      });
      assert.equal(next1.status, 201);
      assert.deepEqual([next1.json.status, next1.json.waitlistPosition], ['waitlisted', waiting.length + 1]);
      const seats = (await request(second.url, '/api/cycles/crash/availability')).json;
      assert.deepEqual([seats.confirmed, seats.waitlisted], [CAPACITY, waiting.length + 1]);
      // An answered request retried after the restart is replayed, not stored twice.
      const retried = await request(second.url, '/api/cycles/crash/registrations', {
        method: 'POST',
        body: submission(0, ['j1']),
        headers: { 'Idempotency-Key': 'crash-0' },
      });
      assert.equal(retried.headers['idempotent-replayed'], 'true');
      assert.equal(retried.json.id, answered.find((a) => a.participant.email === 'personne0@exemple.fr').id);
      await stopChild(second.child);
    });
  });
}
