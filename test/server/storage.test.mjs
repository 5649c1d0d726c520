// The storage suite, run on both stores (SQLite in a temporary folder, PostgreSQL in a fresh schema):
// migrations, decisions identical to the rules', cancellation with promotion, erasure, purge,
// idempotency keys, feedback tokens.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { computeAvailability, decideRegistration, parseCycle, promoteOnCancel } from 'formacoop';
import { SQLITE_FILE } from 'formacoop/server';
import { openCycle, participant, storeKinds } from './helpers.mjs';

const NOW = new Date('2030-01-15T09:00:00.000Z');

/** A small, seeded random generator: the same sequence on every run and on both stores. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const small = () =>
  openCycle({
    id: 'petit-cycle',
    capacity: 10,
    sessions: openCycle().sessions.map((s) => (s.id === 'j2' ? { ...s, capacity: 6 } : s.id === 'bonus' ? { ...s, capacity: 3 } : s)),
  });

const comparable = (r) => ({ id: r.id, status: r.status, waitlistPosition: r.waitlistPosition });

const kinds = await storeKinds();

for (const kind of kinds) {
  describe(`storage on ${kind.name}`, () => {
    let store;
    before(async () => {
      store = await kind.open();
    });
    after(async () => {
      await store?.close();
      await kind.cleanup();
    });

    test('migrations run at start and again without change', async () => {
      await store.close();
      store = await kind.open();
      const rows = await store.db.selectFrom('formacoop_migration').select('name').execute();
      assert.deepEqual(
        rows.map((r) => r.name),
        ['0001-initial'],
      );
      if (kind.name === 'sqlite') assert.match(store.location, new RegExp(`${SQLITE_FILE}$`));
    });

    test('every decision is the one decideRegistration makes, and cancellations promote as promoteOnCancel says', async () => {
      const feed = parseCycle(small());
      await store.putCycle(feed, 'admin', NOW);
      const rand = random(42);
      const pick = (list) => list[Math.floor(rand() * list.length)];
      const memory = [];
      let decisions = 0;
      let cancellations = 0;
      for (let step = 0; step < 160; step++) {
        if (step % 16 === 15) {
          const active = memory.filter((r) => r.status !== 'cancelled');
          const target = pick(active);
          const expected = promoteOnCancel(feed, memory, target.id);
          const result = await store.cancel(feed.id, target.id, NOW);
          assert.deepEqual(
            result.promoted.map((r) => r.id),
            expected.promoted,
          );
          for (const u of expected.updates) {
            const i = memory.findIndex((r) => r.id === u.id);
            const { waitlistPosition: _, ...rest } = memory[i];
            memory[i] = { ...rest, status: u.status, ...(u.waitlistPosition === undefined ? {} : { waitlistPosition: u.waitlistPosition }) };
          }
          assert.deepEqual((await store.registrations(feed.id)).map(comparable), memory.map(comparable), `after cancellation ${cancellations}`);
          cancellations += 1;
          continue;
        }
        const person = Math.floor(rand() * 30);
        const sessionIds = ['j1', 'j2', 'j3', 'bonus'].filter(() => rand() < 0.45);
        if (sessionIds.length === 0) sessionIds.push(pick(['j1', 'j2', 'bonus']));
        const elected = rand() < 0.15;
        const p = participant(person, elected ? { function: 'elected-official' } : {});
        // The same person written differently is still the same person.
        if (rand() < 0.2) p.email = ` ${p.email.toUpperCase()} `;
        const request = { participant: p, sessionIds };
        const expected = decideRegistration(feed, memory, request, { now: NOW });
        const outcome = await store.register(feed.id, request, NOW);
        if (expected.status === 'refused') {
          assert.equal(outcome.kind, 'refused', `step ${step}`);
          assert.deepEqual(outcome.refusal, expected.refused, `step ${step}`);
        } else {
          assert.equal(outcome.kind, 'registered', `step ${step}: ${JSON.stringify(outcome)}`);
          assert.equal(outcome.registration.status, expected.status, `step ${step}`);
          assert.equal(outcome.registration.waitlistPosition, expected.waitlistPosition, `step ${step}`);
          memory.push(outcome.registration);
        }
        decisions += 1;
      }
      assert.ok(memory.filter((r) => r.status === 'confirmed').length >= 8, 'the sequence fills the cycle');
      assert.ok(memory.some((r) => r.status === 'waitlisted'), 'the sequence reaches the waiting list');
      assert.equal(decisions + cancellations, 160);
      const seats = computeAvailability(feed, memory);
      const counters = await store.counters(feed.id);
      assert.equal(counters.people, seats.confirmed);
      assert.equal(counters.waitlisted, seats.waitlisted);
      assert.deepEqual(counters.sessions, Object.fromEntries(seats.sessions.map((s) => [s.sessionId, s.confirmed])));
      assert.deepEqual(await store.availability(feed.id, NOW), computeAvailability(feed, memory, { now: NOW }));
    });

    test('a feed with more seats promotes the waiting list', async () => {
      const feed = parseCycle(openCycle({ id: 'agrandi', capacity: 2 }));
      await store.putCycle(feed, 'admin', NOW);
      for (let i = 0; i < 5; i++) await store.register(feed.id, { participant: participant(i), sessionIds: ['j1'] }, NOW);
      assert.deepEqual(
        (await store.registrations(feed.id)).map((r) => [r.status, r.waitlistPosition]),
        [['confirmed', undefined], ['confirmed', undefined], ['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3]],
      );
      const unchanged = await store.putCycle(feed, 'admin', NOW);
      assert.equal(unchanged.changed, false);
      const bigger = await store.putCycle(parseCycle(openCycle({ id: 'agrandi', capacity: 4 })), 'admin', NOW);
      assert.equal(bigger.changed, true);
      assert.equal(bigger.cycle.version, 2);
      assert.deepEqual(
        (await store.registrations(feed.id)).map((r) => [r.status, r.waitlistPosition]),
        [['confirmed', undefined], ['confirmed', undefined], ['confirmed', undefined], ['confirmed', undefined], ['waitlisted', 1]],
      );
      assert.equal((await store.counters(feed.id)).people, 4);
    });

    test('erasing a person deletes their registrations everywhere and gives their seat to the waiting list', async () => {
      const a = parseCycle(openCycle({ id: 'efface-a', capacity: 1 }));
      const b = parseCycle(openCycle({ id: 'efface-b' }));
      await store.putCycle(a, 'admin', NOW);
      await store.putCycle(b, 'admin', NOW);
      await store.register(a.id, { participant: participant(901), sessionIds: ['j1'] }, NOW);
      await store.register(a.id, { participant: participant(902), sessionIds: ['j1'] }, NOW);
      await store.register(b.id, { participant: participant(901), sessionIds: ['j2'] }, NOW);
      const result = await store.erase('PERSONNE901@exemple.fr', NOW);
      assert.deepEqual(result, { registrations: 2, cycleIds: ['efface-a', 'efface-b'] });
      const left = await store.registrations(a.id);
      assert.deepEqual(
        left.map((r) => [r.participant.email, r.status]),
        [['personne902@exemple.fr', 'confirmed']],
      );
      assert.deepEqual(await store.registrations(b.id), []);
      assert.equal((await store.counters(a.id)).people, 1);
    });

    test('purge deletes what is past retention, and leaves cycles whose end is unknown or not yet past', async () => {
      const past = parseCycle(
        openCycle({
          id: 'passe',
          sessions: [{ id: 'j1', title: 'J1', date: { precision: 'exact', date: '2020-01-10' } }],
          feedback: [],
        }),
      );
      const unknown = parseCycle(openCycle({ id: 'date-inconnue', sessions: [{ id: 'j1', title: 'J1', date: { precision: 'unknown' } }], feedback: [] }));
      const running = parseCycle(openCycle({ id: 'en-cours' }));
      for (const c of [past, unknown, running]) await store.putCycle(c, 'admin', NOW);
      // Registered back when registration was open: the rules' clock is given, the purge's is NOW.
      const then = new Date('2019-12-01T00:00:00Z');
      await store.register(past.id, { participant: participant(1), sessionIds: ['j1'] }, then);
      await store.register(unknown.id, { participant: participant(1), sessionIds: ['j1'] }, then);
      await store.register(running.id, { participant: participant(1), sessionIds: ['j1'] }, then);
      const report = await store.purge(NOW, { idempotencyTtlMs: 86_400_000 });
      assert.deepEqual(report.purged.find((p) => p.cycleId === 'passe'), { cycleId: 'passe', registrations: 1, feedbackResponses: 0, feedbackTokens: 0 });
      assert.equal(report.skipped.find((s) => s.cycleId === 'date-inconnue').reason, 'dates-unknown');
      const runningSkip = report.skipped.find((s) => s.cycleId === 'en-cours');
      assert.equal(runningSkip.reason, 'retention-running');
      assert.equal(runningSkip.until, '2031-06-30T22:00:00.000Z');
      assert.equal((await store.registrations('passe')).length, 0);
      assert.equal((await store.registrations('date-inconnue')).length, 1);
      assert.equal((await store.registrations('en-cours')).length, 1);
      assert.equal((await store.counters('passe')).people, 0);
    });

    test('an Idempotency-Key keeps the answer of the transaction that took it, and nothing when it rolled back', async () => {
      const feed = parseCycle(openCycle({ id: 'cles' }));
      await store.putCycle(feed, 'admin', NOW);
      const ref = { cycleId: feed.id, kind: 'registration', key: 'cle-1' };
      const answering = (bodyHash) => ({ ref, bodyHash, answer: (o) => ({ status: 201, body: o.registration }) });
      assert.equal(await store.earlierAnswer(ref), undefined);
      const first = await store.register(feed.id, { participant: participant(501), sessionIds: ['j1'] }, NOW, answering('h1'));
      assert.equal(first.kind, 'registered');
      const again = await store.register(feed.id, { participant: participant(502), sessionIds: ['j1'] }, NOW, answering('h2'));
      assert.deepEqual(again, { kind: 'answered-before', earlier: { bodyHash: 'h1', answer: { status: 201, body: first.registration } } });
      assert.equal((await store.registrations(feed.id)).length, 1, 'the second request did nothing');
      assert.deepEqual(await store.earlierAnswer({ ...ref, kind: 'feedback' }), undefined, 'kinds are apart');
      const gone = { cycleId: 'nulle-part', kind: 'registration', key: 'cle-2' };
      const missing = await store.register('nulle-part', { participant: participant(503), sessionIds: ['j1'] }, NOW, { ...answering('h3'), ref: gone });
      assert.equal(missing.kind, 'not-found');
      assert.equal(await store.earlierAnswer(gone), undefined, 'rolled back with the decision');
      const kept = await store.keepAnswer({ ...ref, key: 'cle-3' }, 'h4', { status: 409, body: { error: 'x' } }, NOW);
      assert.equal(kept, undefined);
      assert.deepEqual(await store.keepAnswer({ ...ref, key: 'cle-3' }, 'h5', { status: 409, body: { error: 'y' } }, NOW), { bodyHash: 'h4', answer: { status: 409, body: { error: 'x' } } });
    });

    test('a feedback token answers once, for its own form only; the response keeps no trace of it', async () => {
      const feed = parseCycle(openCycle({ id: 'jetons' }));
      await store.putCycle(feed, 'admin', NOW);
      const [token, other] = await store.issueFeedbackTokens(feed.id, 'eval-jour', 2, NOW);
      assert.equal(token.length, 32);
      const answer = { formId: 'eval-jour', sessionId: 'j1', answers: { utile: 4 } };
      const hash = (t) => createHash('sha256').update(t).digest('hex');
      assert.equal((await store.submitFeedback(feed.id, answer, NOW, hash(token))).kind, 'stored');
      assert.equal((await store.submitFeedback(feed.id, answer, NOW, hash(token))).kind, 'already-answered');
      assert.equal((await store.submitFeedback(feed.id, { ...answer, formId: 'eval' }, NOW, hash(other))).kind, 'token-invalid');
      assert.equal((await store.submitFeedback(feed.id, answer, NOW, hash('inconnu-inconnu'))).kind, 'token-invalid');
      const stored = await store.feedbackResponses(feed.id, 'eval-jour');
      assert.equal(stored.length, 1);
      assert.ok(!JSON.stringify(stored).includes(token));
      const rows = await store.db.selectFrom('feedback_tokens').selectAll().execute();
      assert.ok(rows.every((r) => r.token_hash.length === 64 && !JSON.stringify(r).includes(token)), 'only hashes are stored');
    });
  });
}
