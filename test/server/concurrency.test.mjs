// Seats stay exact under load: 1,000 registrations fired at once over HTTP at a 40-seat cycle, on the
// embedded store and on PostgreSQL, the server in its own process (`formacoop serve`, as deployed).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { admin, freshPostgres, openCycle, request, spawnServer, stopChild, submission, tempDir, writeFeeds } from './helpers.mjs';

const COUNT = 1000;
const CAPACITY = 40;

const stores = [
  { name: 'SQLite', setup: async (dir) => ({ args: ['--data', dir], env: {}, cleanup: async () => {} }) },
  {
    name: 'PostgreSQL',
    setup: async () => {
      const pg = await freshPostgres();
      return { args: ['--pool-size', '20'], env: { DATABASE_URL: pg.url }, cleanup: () => pg.drop() };
    },
  },
];

for (const kind of stores) {
  describe(`1,000 concurrent registrations on ${kind.name}`, () => {
    const dir = tempDir();
    let server;
    let cleanup = async () => {};
    after(async () => {
      if (server) await stopChild(server.child);
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test(`exactly ${CAPACITY} confirmed, ${COUNT - CAPACITY} waitlisted at positions 1–${COUNT - CAPACITY}, none lost, none twice`, async (t) => {
      const store = await kind.setup(dir);
      cleanup = store.cleanup;
      const feeds = writeFeeds(dir, [openCycle({ id: 'quarante', capacity: CAPACITY })]);
      server = await spawnServer(['--rate-limit', '0', '--cycles', feeds[0], ...store.args], store.env);
      // One socket per request: all 1,000 are in flight together.
      const agent = new Agent({ keepAlive: false, maxSockets: COUNT });
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: COUNT }, (_, i) =>
          request(server.url, '/api/cycles/quarante/registrations', {
            method: 'POST',
            agent,
            body: submission(i, ['j1', 'j2']),
            headers: { 'Idempotency-Key': `charge-${i}` },
          }),
        ),
      );
      t.diagnostic(`${COUNT} registrations answered in ${Math.round(performance.now() - started)} ms`);
      assert.deepEqual(
        [...new Set(answers.map((a) => a.status))],
        [201],
        'every request answered 201',
      );
      const confirmed = answers.filter((a) => a.json.status === 'confirmed');
      const waitlisted = answers.filter((a) => a.json.status === 'waitlisted');
      assert.equal(confirmed.length, CAPACITY);
      assert.equal(waitlisted.length, COUNT - CAPACITY);
      assert.deepEqual(
        waitlisted.map((a) => a.json.waitlistPosition).sort((a, b) => a - b),
        Array.from({ length: COUNT - CAPACITY }, (_, i) => i + 1),
      );
      assert.equal(new Set(answers.map((a) => a.json.id)).size, COUNT, 'no id given twice');

      // What is stored is what was answered, and the waiting list is in arrival order.
      const stored = (await request(server.url, '/api/admin/cycles/quarante/registrations', { headers: admin })).json.registrations;
      assert.equal(stored.length, COUNT);
      assert.equal(new Set(stored.map((r) => r.participant.email)).size, COUNT, 'each person stored once');
      const byId = new Map(answers.map((a) => [a.json.id, a.json]));
      for (const r of stored) assert.deepEqual([r.status, r.waitlistPosition], [byId.get(r.id).status, byId.get(r.id).waitlistPosition]);
      const queue = stored.filter((r) => r.status === 'waitlisted');
      assert.deepEqual(
        queue.map((r) => r.waitlistPosition),
        Array.from({ length: COUNT - CAPACITY }, (_, i) => i + 1),
      );
      const seats = (await request(server.url, '/api/cycles/quarante/availability')).json;
      assert.deepEqual([seats.confirmed, seats.waitlisted, seats.seatsLeft, seats.full], [CAPACITY, COUNT - CAPACITY, 0, true]);
      assert.deepEqual(
        seats.sessions.filter((s) => ['j1', 'j2'].includes(s.sessionId)).map((s) => s.confirmed),
        [CAPACITY, CAPACITY],
      );
    });
  });
}
