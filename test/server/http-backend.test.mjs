// createHttpBackend: against the real server (feed with ETag, availability, registration, feedback,
// summary, typed errors), and against a scripted fetch for what is retried, how long it waits, and
// that one submission keeps one Idempotency-Key and one body.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { BackendError, createHttpBackend } from 'formacoop';
import { ADMIN_TOKEN, openCycle, startServer, submission, tempDir, writeFeeds } from './helpers.mjs';

describe('against the reference server', () => {
  let dir;
  let srv;
  before(async () => {
    dir = tempDir();
    srv = await startServer({ dataDir: dir, cycleFiles: writeFeeds(dir, [openCycle({ capacity: 1 })]), rateLimit: 0 });
  });
  after(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads the feed (then revalidates it with its ETag), availability, registers, sends feedback, reads results', async () => {
    const seen = [];
    const recording = (url, init) => {
      seen.push({ url: String(url), headers: init.headers });
      return fetch(url, init);
    };
    const backend = createHttpBackend({ baseUrl: `${srv.url}/`, cycleId: 'cycle-test', fetch: recording });
    const feed = await backend.loadFeed();
    assert.equal(feed.id, 'cycle-test');
    assert.equal(await backend.loadFeed(), feed, 'a 304 gives the feed already held');
    assert.ok(seen[1].headers['If-None-Match']);
    const first = await backend.register('cycle-test', submission(1, ['j1']), { idempotencyKey: 'http-1' });
    assert.equal(first.status, 'confirmed');
    const second = await backend.register('cycle-test', submission(2, ['j1']), { idempotencyKey: 'http-2' });
    assert.deepEqual([second.status, second.waitlistPosition], ['waitlisted', 1]);
    const seats = await backend.availability('cycle-test');
    assert.deepEqual([seats.confirmed, seats.waitlisted, seats.full], [1, 1, true]);
    const receipt = await backend.sendFeedback('cycle-test', { formId: 'eval', answers: { contenus: 5, reco: 10 } }, { idempotencyKey: 'fb-1' });
    assert.ok(receipt.id && receipt.submittedAt);
    const summary = await backend.feedbackSummary('cycle-test', 'eval');
    assert.equal(summary.count, 1);
    assert.equal(summary.withheld, true);
    const catalogue = await createHttpBackend({ baseUrl: srv.url }).loadFeed();
    assert.equal(catalogue.type, 'catalogue');
  });

  test('failures are typed BackendErrors carrying the contract’s body, not retried when final', async () => {
    let calls = 0;
    const counting = (url, init) => {
      calls += 1;
      return fetch(url, init);
    };
    const backend = createHttpBackend({ baseUrl: srv.url, fetch: counting, locale: 'en', backoffMs: 1 });
    const body = submission(3, ['j1']);
    body.participant.email = 'nope';
    const invalid = await backend.register('cycle-test', body, { idempotencyKey: 'http-3' }).catch((e) => e);
    assert.ok(invalid instanceof BackendError);
    assert.deepEqual([invalid.kind, invalid.status, invalid.code, invalid.retryable], ['http', 400, 'invalid', false]);
    assert.deepEqual(invalid.body.error.issues.map((i) => i.path), ['participant.email']);
    assert.equal(invalid.body.error.issues[0].message, 'invalid email address (example: first.last@example.org)');
    const refused = await backend.register('cycle-test', submission(4, ['bonus']), { idempotencyKey: 'http-4' }).catch((e) => e);
    assert.deepEqual([refused.code, refused.body.error.reason.reason], ['refused', 'not-eligible']);
    const locked = await backend.feedbackSummary('cycle-test', 'eval-jour').catch((e) => e);
    assert.equal(locked.code, 'unauthorized');
    const unlocked = await backend.feedbackSummary('cycle-test', 'eval-jour', { adminToken: ADMIN_TOKEN });
    assert.equal(unlocked.formId, 'eval-jour');
    assert.equal(calls, 4, 'nothing was retried');
  });

  test('a server that does not answer is a network error', async () => {
    const backend = createHttpBackend({ baseUrl: 'http://127.0.0.1:1', retries: 1, backoffMs: 1 });
    const e = await backend.availability('cycle-test').catch((x) => x);
    assert.deepEqual([e.kind, e.retryable], ['network', true]);
    assert.match(e.message, /injoignable/);
  });
});

describe('retries', () => {
  const json = (status, body, headers = {}) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  const registration = {
    id: 'r1',
    cycleId: 'c',
    participant: { firstName: 'A', lastName: 'B', email: 'a@b.fr', function: 'dgs', organisationName: 'CC' },
    sessionIds: ['j1'],
    status: 'confirmed',
    createdAt: '2030-01-01T00:00:00.000Z',
  };
  const scripted = (answers) => {
    const calls = [];
    const fetch = async (url, init) => {
      calls.push({ url, init, at: performance.now() });
      const next = answers.shift();
      if (next instanceof Error) throw next;
      if (next === 'hang') {
        return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      return next;
    };
    return { fetch, calls };
  };
  const body = { participant: registration.participant, sessionIds: ['j1'] };

  test('network errors, 5xx and 429 are retried with the same key and body; 429 waits Retry-After', async () => {
    const { fetch, calls } = scripted([
      new TypeError('fetch failed'),
      json(503, { error: { code: 'server-error', message: 'x' } }),
      json(429, { error: { code: 'rate-limited', message: 'x' } }, { 'Retry-After': '1' }),
      json(201, registration),
    ]);
    const backend = createHttpBackend({ baseUrl: 'http://x.invalid', fetch, backoffMs: 5, maxBackoffMs: 20, random: () => 0.5 });
    const r = await backend.register('c', body, { idempotencyKey: 'same-key' });
    assert.equal(r.id, 'r1');
    assert.equal(calls.length, 4);
    assert.deepEqual(new Set(calls.map((c) => c.init.headers['Idempotency-Key'])), new Set(['same-key']));
    assert.equal(new Set(calls.map((c) => c.init.body)).size, 1);
    assert.equal(calls[0].init.credentials, 'omit');
    assert.ok(calls[3].at - calls[2].at >= 990, 'waited the Retry-After second');
    assert.ok(calls[1].at - calls[0].at < 500, 'backoff is short, not Retry-After');
  });

  test('backoff grows exponentially, capped, with jitter; gives up after `retries`', async () => {
    const { fetch, calls } = scripted(Array.from({ length: 6 }, () => json(500, { error: { code: 'server-error', message: 'x' } })));
    const draws = [];
    const backend = createHttpBackend({
      baseUrl: 'http://x.invalid',
      fetch,
      retries: 4,
      backoffMs: 10,
      maxBackoffMs: 40,
      random: () => {
        draws.push(1);
        return 0.999;
      },
    });
    const e = await backend.availability('c').catch((x) => x);
    assert.deepEqual([e.status, e.code], [500, 'server-error']);
    assert.equal(calls.length, 5);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i].at);
    // Ceilings 10, 20, 40, 40 (capped); full jitter at 0.999 of each.
    for (const [gap, ceiling] of gaps.map((g, i) => [g, [10, 20, 40, 40][i]])) assert.ok(gap >= ceiling * 0.9 && gap < ceiling + 40, `${gap} vs ${ceiling}`);
    assert.equal(draws.length, 4);
  });

  test('a 409 in-flight is retried until the first request’s answer is replayed; a 400 is not retried', async () => {
    const { fetch, calls } = scripted([json(409, { error: { code: 'in-flight', message: 'x' } }, { 'Retry-After': '0' }), json(201, registration)]);
    const backend = createHttpBackend({ baseUrl: 'http://x.invalid', fetch, backoffMs: 1 });
    assert.equal((await backend.register('c', body, { idempotencyKey: 'k' })).id, 'r1');
    assert.equal(calls.length, 2);
    const bad = scripted([json(400, { error: { code: 'invalid', message: 'x', issues: [] } }), json(201, registration)]);
    const e = await createHttpBackend({ baseUrl: 'http://x.invalid', fetch: bad.fetch, backoffMs: 1 }).register('c', body, { idempotencyKey: 'k' }).catch((x) => x);
    assert.equal(e.code, 'invalid');
    assert.equal(bad.calls.length, 1);
  });

  test('a request that does not answer in time is a timeout, retried; the caller’s abort stops everything', async () => {
    const { fetch, calls } = scripted(['hang', json(201, registration)]);
    const backend = createHttpBackend({ baseUrl: 'http://x.invalid', fetch, timeoutMs: 50, backoffMs: 1 });
    assert.equal((await backend.register('c', body, { idempotencyKey: 'k' })).id, 'r1');
    assert.equal(calls.length, 2);
    const slow = scripted(['hang', 'hang', 'hang']);
    const e = await createHttpBackend({ baseUrl: 'http://x.invalid', fetch: slow.fetch, timeoutMs: 30, retries: 1, backoffMs: 1 })
      .availability('c')
      .catch((x) => x);
    assert.deepEqual([e.kind, e.retryable], ['timeout', true]);
    const controller = new AbortController();
    const aborted = createHttpBackend({ baseUrl: 'http://x.invalid', fetch: scripted(['hang']).fetch }).availability('c', { signal: controller.signal });
    controller.abort();
    await assert.rejects(aborted, (x) => x.name === 'AbortError');
  });

  test('a Retry-After beyond the limit is not waited for: thrown with retryAfter, for the outbox', async () => {
    const { fetch, calls } = scripted([json(429, { error: { code: 'rate-limited', message: 'x' } }, { 'Retry-After': '120' })]);
    const e = await createHttpBackend({ baseUrl: 'http://x.invalid', fetch }).register('c', body, { idempotencyKey: 'k' }).catch((x) => x);
    assert.deepEqual([e.status, e.retryAfter, e.retryable], [429, 120, true]);
    assert.equal(calls.length, 1);
  });

  test('an answer that does not match the schema is the server’s error', async () => {
    const { fetch } = scripted([json(201, { id: 'r1' })]);
    const e = await createHttpBackend({ baseUrl: 'http://x.invalid', fetch }).register('c', body, { idempotencyKey: 'k' }).catch((x) => x);
    assert.deepEqual([e.kind, e.code], ['http', 'server-error']);
  });
});
