// The REST contract over HTTP, on the embedded store: feeds and ETags, registration (validation,
// idempotency, bots, eligibility), admin (401, lists, CSV, cancel with promotion, erasure, purge,
// feeds), CORS, limits, headers, evaluation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { rmSync } from 'node:fs';
import { ADMIN_TOKEN, admin, openCycle, request, startServer, submission, tempDir, writeFeeds } from './helpers.mjs';

const post = (base, path, body, key, headers = {}) =>
  request(base, path, { method: 'POST', body, headers: { ...(key === undefined ? {} : { 'Idempotency-Key': key }), ...headers } });

let dir;
let srv;
let base;
let keys = 0;
const key = () => `cle-${process.pid}-${++keys}`;
const register = (i, sessionIds, extra, headers) => post(base, '/api/cycles/cycle-test/registrations', submission(i, sessionIds, extra), key(), headers);

before(async () => {
  dir = tempDir();
  srv = await startServer({
    dataDir: dir,
    cycleFiles: writeFeeds(dir, [openCycle(), openCycle({ id: 'petit', capacity: 2 })]),
    allowOrigins: ['https://www.cc-exemple.fr'],
    rateLimit: 0,
  });
  base = srv.url;
});
after(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feeds', () => {
  test('the cycle feed has an ETag and answers 304 when it is already held', async () => {
    const first = await request(base, '/api/cycles/cycle-test');
    assert.equal(first.status, 200);
    assert.equal(first.json.id, 'cycle-test');
    assert.equal(first.json.type, 'cycle');
    assert.match(first.headers.etag, /^"[\w-]+"$/);
    const again = await request(base, '/api/cycles/cycle-test', { headers: { 'If-None-Match': first.headers.etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const catalogue = await request(base, '/api/cycles');
    assert.deepEqual(
      catalogue.json.cycles.map((c) => c.id),
      ['cycle-test', 'petit'],
    );
    assert.equal((await request(base, '/api/cycles', { headers: { 'If-None-Match': catalogue.headers.etag } })).status, 304);
  });

  test('an unknown cycle is 404, in French and in English', async () => {
    const fr = await request(base, '/api/cycles/nulle-part');
    assert.equal(fr.status, 404);
    assert.deepEqual(fr.json, { error: { code: 'not-found', message: "aucun cycle n'a l'identifiant « nulle-part »" } });
    const en = await request(base, '/api/cycles/nulle-part', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    assert.equal(en.json.error.message, 'no cycle has the identifier "nulle-part"');
  });

  test('the calendar is iCalendar with one event per exactly dated session', async () => {
    const r = await request(base, '/api/cycles/cycle-test/calendar.ics');
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/calendar/);
    assert.equal(r.text.match(/BEGIN:VEVENT/g).length, 3);
  });

  test('/openapi.json is OpenAPI 3.1 generated from the schemas', async () => {
    const r = await request(base, '/openapi.json');
    assert.equal(r.json.openapi, '3.1.0');
    const submission = r.json.components.schemas.RegistrationSubmission;
    assert.ok(submission.properties.participant.properties.email, 'participant.email is described');
    assert.ok(r.json.paths['/api/cycles/{cycleId}/registrations'].post.parameters.some((p) => p.name === 'Idempotency-Key' && p.required));
  });

  test('/healthz answers, with the security headers and no cookie', async () => {
    const r = await request(base, '/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'ok');
    assert.equal(r.json.store, 'sqlite');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(r.headers['content-security-policy'], /default-src 'none'/);
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.equal(r.headers['set-cookie'], undefined);
  });

  test('an unknown route is 404 and a wrong method 405', async () => {
    assert.equal((await request(base, '/api/nothing')).status, 404);
    const r = await request(base, '/api/cycles/cycle-test', { method: 'DELETE' });
    assert.equal(r.status, 405);
    assert.equal(r.json.error.code, 'method-not-allowed');
  });
});

describe('registration', () => {
  test('a person is confirmed (201), and availability counts them', async () => {
    const r = await register(1);
    assert.equal(r.status, 201);
    assert.equal(r.json.status, 'confirmed');
    assert.equal(r.json.participant.email, 'personne1@exemple.fr');
    assert.equal(r.json.waitlistPosition, undefined);
    const a = await request(base, '/api/cycles/cycle-test/availability');
    assert.equal(a.json.confirmed, 1);
    assert.equal(a.json.seatsLeft, 39);
  });

  test('an invalid body is 400 with the path of each bad field, in the request language', async () => {
    const body = submission(2, ['j1']);
    body.participant.email = 'pas-un-courriel';
    delete body.participant.lastName;
    const r = await post(base, '/api/cycles/cycle-test/registrations', body, key());
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'invalid');
    assert.deepEqual(r.json.error.issues.map((i) => i.path).sort(), ['participant.email', 'participant.lastName']);
    assert.equal(r.json.error.issues.find((i) => i.path === 'participant.email').message, 'adresse e-mail invalide (exemple : prenom.nom@exemple.fr)');
    const en = await post(base, '/api/cycles/cycle-test/registrations', body, key(), { 'Accept-Language': 'en' });
    assert.equal(en.json.error.issues.find((i) => i.path === 'participant.email').message, 'invalid email address (example: first.last@example.org)');
    const notJson = await post(base, '/api/cycles/cycle-test/registrations', '{"participant":', key());
    assert.equal(notJson.status, 400);
  });

  test('Idempotency-Key: required; same key and body replays; another body is 422', async () => {
    const missing = await post(base, '/api/cycles/cycle-test/registrations', submission(3), undefined);
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.code, 'idempotency-key-missing');
    const k = key();
    const first = await post(base, '/api/cycles/cycle-test/registrations', submission(3), k);
    assert.equal(first.status, 201);
    // Keys in another order: the same body.
    const { sessionIds, participant: p, antiBot } = submission(3);
    const replay = await post(base, '/api/cycles/cycle-test/registrations', { antiBot, sessionIds, participant: p }, k);
    assert.equal(replay.status, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replay.json, first.json);
    const other = await post(base, '/api/cycles/cycle-test/registrations', submission(4), k);
    assert.equal(other.status, 422);
    assert.equal(other.json.error.code, 'idempotency-key-reused');
    const regs = await request(base, '/api/admin/cycles/cycle-test/registrations', { headers: admin });
    assert.equal(regs.json.registrations.filter((r) => r.participant.email === 'personne3@exemple.fr').length, 1);
    assert.equal(regs.json.registrations.filter((r) => r.participant.email === 'personne4@exemple.fr').length, 0);
  });

  test('Idempotency-Key: while the first request is in flight, the second is 409 in-flight', async () => {
    const k = key();
    const payload = JSON.stringify(submission(5));
    const url = new URL(`${base}/api/cycles/cycle-test/registrations`);
    // The first request sends its headers and half its body, then waits.
    let answerFirst;
    const firstDone = new Promise((resolve) => (answerFirst = resolve));
    const first = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), 'Idempotency-Key': k } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => answerFirst({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    first.write(payload.slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await post(base, '/api/cycles/cycle-test/registrations', submission(5), k);
    assert.equal(second.status, 409);
    assert.equal(second.json.error.code, 'in-flight');
    assert.equal(second.headers['retry-after'], '1');
    first.end(payload.slice(40));
    const done = await firstDone;
    assert.equal(done.status, 201);
    const third = await post(base, '/api/cycles/cycle-test/registrations', submission(5), k);
    assert.equal(third.status, 201);
    assert.equal(third.json.id, done.json.id);
  });

  test('bots are refused: a filled honeypot, a form filled too fast', async () => {
    const honeypot = await register(6, ['j1'], { antiBot: { website: 'http://spam.example', fillMs: 9000 } });
    assert.equal(honeypot.status, 409);
    assert.deepEqual(honeypot.json.error.reason, { reason: 'anti-bot' });
    const fast = await register(6, ['j1'], { antiBot: { fillMs: 400 } });
    assert.equal(fast.status, 409);
    assert.equal(fast.json.error.code, 'refused');
    assert.equal((await register(6, ['j1'])).status, 201);
  });

  test('the bonus day is only for people already registered to the cycle', async () => {
    const stranger = await register(7, ['bonus']);
    assert.equal(stranger.status, 409);
    assert.deepEqual(stranger.json.error.reason, { reason: 'not-eligible', sessionId: 'bonus' });
    assert.equal(stranger.json.error.message, 'la journée « Journée 4 » est réservée aux personnes déjà inscrites au cycle');
    assert.equal((await register(7, ['j1', 'j2'])).status, 201);
    const volunteer = await register(7, ['bonus']);
    assert.equal(volunteer.status, 201);
    assert.equal(volunteer.json.status, 'confirmed');
    const twice = await register(7, ['j1']);
    assert.deepEqual(twice.json.error.reason, { reason: 'already-registered', sessionId: 'j1' });
  });

  test('a full cycle waitlists with positions; cancelling promotes the first in line', async () => {
    const reg = (i) => post(base, '/api/cycles/petit/registrations', submission(100 + i, ['j1']), key());
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await reg(i)).json);
    assert.deepEqual(
      answers.map((r) => [r.status, r.waitlistPosition]),
      [['confirmed', undefined], ['confirmed', undefined], ['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3]],
    );
    const cancel = await request(base, `/api/admin/cycles/petit/registrations/${answers[0].id}/cancel`, { method: 'POST', headers: admin });
    assert.equal(cancel.status, 200);
    assert.equal(cancel.json.registration.status, 'cancelled');
    assert.deepEqual(
      cancel.json.promoted.map((r) => [r.id, r.status]),
      [[answers[2].id, 'confirmed']],
    );
    const list = (await request(base, '/api/admin/cycles/petit/registrations', { headers: admin })).json.registrations;
    assert.deepEqual(
      list.map((r) => [r.id, r.status, r.waitlistPosition]),
      [
        [answers[0].id, 'cancelled', undefined],
        [answers[1].id, 'confirmed', undefined],
        [answers[2].id, 'confirmed', undefined],
        [answers[3].id, 'waitlisted', 1],
        [answers[4].id, 'waitlisted', 2],
      ],
    );
    const a = (await request(base, '/api/cycles/petit/availability')).json;
    assert.deepEqual([a.confirmed, a.waitlisted, a.full], [2, 2, true]);
    assert.equal((await reg(5)).json.waitlistPosition, 3);
    const unknown = await request(base, '/api/admin/cycles/petit/registrations/r-inconnue/cancel', { method: 'POST', headers: admin });
    assert.equal(unknown.status, 404);
  });
});

describe('admin', () => {
  test('every admin route is 401 without the token or with a wrong one', async () => {
    const routes = [
      ['GET', '/api/admin/cycles/cycle-test/registrations'],
      ['GET', '/api/admin/cycles/cycle-test/registrations.csv'],
      ['POST', '/api/admin/cycles/cycle-test/registrations/x/cancel'],
      ['POST', '/api/admin/erasure'],
      ['GET', '/api/admin/cycles/cycle-test/feedback.csv?formId=eval'],
      ['POST', '/api/admin/cycles/cycle-test/feedback/eval-jour/tokens'],
      ['POST', '/api/admin/purge'],
      ['PUT', '/api/admin/cycles/cycle-test'],
    ];
    for (const [method, path] of routes) {
      for (const headers of [{}, { Authorization: `Bearer ${ADMIN_TOKEN}x` }, { Authorization: ADMIN_TOKEN }]) {
        const r = await request(base, path, { method, headers });
        assert.equal(r.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
        assert.equal(r.json.error.code, 'unauthorized');
        assert.match(r.headers['www-authenticate'], /^Bearer/);
      }
    }
  });

  test('registrations as CSV for French Excel (BOM, `;`), with the SDK’s columns', async () => {
    const r = await request(base, '/api/admin/cycles/cycle-test/registrations.csv', { headers: admin });
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/csv/);
    assert.ok(r.text.startsWith('\uFEFFIdentifiant;Statut;'));
    assert.ok(r.text.includes(';personne1@exemple.fr;'));
    const viaAccept = await request(base, '/api/admin/cycles/cycle-test/registrations', { headers: { ...admin, Accept: 'text/csv' } });
    assert.equal(viaAccept.text, r.text);
  });

  test('PUT validates a feed (400 with paths), creates (201), replaces (200)', async () => {
    const bad = openCycle({ id: 'nouveau', sessions: [{ id: 's1', title: 'J', date: { precision: 'exact', date: '2030-02-30' } }] });
    const r400 = await request(base, '/api/admin/cycles/nouveau', { method: 'PUT', headers: admin, body: bad });
    assert.equal(r400.status, 400);
    assert.deepEqual(r400.json.error.issues.map((i) => i.path), ['sessions[0].date.date']);
    const mismatch = await request(base, '/api/admin/cycles/autre', { method: 'PUT', headers: admin, body: openCycle({ id: 'nouveau' }) });
    assert.deepEqual(mismatch.json.error.issues.map((i) => i.path), ['id']);
    const created = await request(base, '/api/admin/cycles/nouveau', { method: 'PUT', headers: admin, body: openCycle({ id: 'nouveau' }) });
    assert.equal(created.status, 201);
    const replaced = await request(base, '/api/admin/cycles/nouveau', { method: 'PUT', headers: admin, body: openCycle({ id: 'nouveau', title: 'Nouveau titre' }) });
    assert.equal(replaced.status, 200);
    assert.equal((await request(base, '/api/cycles/nouveau')).json.title, 'Nouveau titre');
  });

  test('erasure deletes every registration of a person, by email', async () => {
    assert.equal((await register(8, ['j1'])).status, 201);
    const r = await request(base, '/api/admin/erasure', { method: 'POST', headers: admin, body: { email: 'Personne8@Exemple.fr' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { registrations: 1, cycleIds: ['cycle-test'] });
    const list = (await request(base, '/api/admin/cycles/cycle-test/registrations', { headers: admin })).json.registrations;
    assert.ok(!list.some((x) => x.participant.email === 'personne8@exemple.fr'));
    const invalid = await request(base, '/api/admin/erasure', { method: 'POST', headers: admin, body: { email: 'non' } });
    assert.deepEqual(invalid.json.error.issues.map((i) => i.path), ['email']);
  });

  test('purge through the API reports what it kept and why', async () => {
    const r = await request(base, '/api/admin/purge', { method: 'POST', headers: admin });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.purged, []);
    assert.equal(r.json.skipped.find((s) => s.cycleId === 'cycle-test').reason, 'retention-running');
  });
});

describe('evaluation', () => {
  const answers = (n, cc = 'cc-a') => ({ formId: 'eval', answers: { contenus: n, reco: 9, cc, libre: `remarque ${n}` } });

  test('an anonymous answer is stored (201); a bad one is 400 with its path', async () => {
    const ok = await post(base, '/api/cycles/cycle-test/feedback', answers(4), key());
    assert.equal(ok.status, 201);
    assert.ok(ok.json.id && ok.json.submittedAt);
    const bad = await post(base, '/api/cycles/cycle-test/feedback', { formId: 'eval', answers: { contenus: 9 } }, key());
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.error.issues.map((i) => i.path), ['answers.contenus']);
  });

  test('the summary is public when the form says so; its open answers only with the token', async () => {
    await post(base, '/api/cycles/cycle-test/feedback', answers(5, 'cc-b'), key());
    const pub = await request(base, '/api/cycles/cycle-test/feedback/summary?formId=eval');
    assert.equal(pub.status, 200);
    assert.equal(pub.json.count, 2);
    assert.equal(pub.json.withheld, false);
    assert.equal(pub.json.criteria[0].mean, 4.5);
    assert.equal(pub.json.openAnswers, undefined);
    // Each organisation has one answer: below the minimum group size of 2, withheld.
    assert.ok(pub.json.byOrganisation.every((g) => g.withheld));
    const withToken = await request(base, '/api/cycles/cycle-test/feedback/summary?formId=eval', { headers: admin });
    assert.deepEqual(withToken.json.openAnswers[0].answers, ['remarque 4', 'remarque 5']);
    const closed = await request(base, '/api/cycles/cycle-test/feedback/summary?formId=eval-jour');
    assert.equal(closed.status, 401);
    const csv = await request(base, '/api/admin/cycles/cycle-test/feedback.csv?formId=eval', { headers: admin });
    assert.ok(csv.text.startsWith('\uFEFFIdentifiant;Journée;Envoyé le (UTC);Les contenus;'));
    assert.ok(csv.text.includes('Communauté de communes B'));
  });

  test('token questionnaires: tokens issued once, one answer per token, unknown tokens refused', async () => {
    const issued = await request(base, '/api/admin/cycles/cycle-test/feedback/eval-jour/tokens', { method: 'POST', headers: admin, body: { count: 3 } });
    assert.equal(issued.status, 201);
    assert.equal(issued.json.tokens.length, 3);
    const [token] = issued.json.tokens;
    const send = (t, k = key()) => post(base, '/api/cycles/cycle-test/sessions/j1/feedback', { formId: 'eval-jour', answers: { utile: 5 }, token: t }, k);
    assert.equal((await send(token)).status, 201);
    const again = await send(token);
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'already-answered');
    const unknown = await send('jeton-inconnu-0000');
    assert.equal(unknown.status, 403);
    assert.equal(unknown.json.error.code, 'token-invalid');
    const missing = await post(base, '/api/cycles/cycle-test/sessions/j1/feedback', { formId: 'eval-jour', answers: { utile: 5 } }, key());
    assert.deepEqual(missing.json.error.issues.map((i) => i.path), ['token']);
    const anonymous = await request(base, '/api/admin/cycles/cycle-test/feedback/eval/tokens', { method: 'POST', headers: admin, body: { count: 1 } });
    assert.equal(anonymous.status, 400);
  });
});

describe('protections', () => {
  test('CORS: a listed site gets its origin back; an unlisted one gets no CORS header and its preflight is refused', async () => {
    const listed = await request(base, '/api/cycles/cycle-test', { headers: { Origin: 'https://www.cc-exemple.fr' } });
    assert.equal(listed.headers['access-control-allow-origin'], 'https://www.cc-exemple.fr');
    assert.match(listed.headers['access-control-expose-headers'], /ETag/);
    assert.equal(listed.headers['access-control-allow-credentials'], undefined);
    const preflight = await request(base, '/api/cycles/cycle-test/registrations', {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.cc-exemple.fr', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers['access-control-allow-headers'], /Idempotency-Key/);
    const unlisted = await request(base, '/api/cycles/cycle-test', { headers: { Origin: 'https://evil.example' } });
    assert.equal(unlisted.status, 200);
    assert.equal(unlisted.headers['access-control-allow-origin'], undefined);
    const refused = await request(base, '/api/cycles/cycle-test/registrations', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
    assert.equal(refused.json.error.code, 'origin-not-allowed');
  });

  test('a body that is not JSON is 415; a body over the limit is 413', async () => {
    const text = await post(base, '/api/cycles/cycle-test/registrations', 'participant=x', key(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(text.status, 415);
    const big = submission(9, ['j1'], { accessNeeds: 'x'.repeat(70 * 1024) });
    const r = await post(base, '/api/cycles/cycle-test/registrations', big, key());
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'payload-too-large');
  });

  test('a body over the limit without Content-Length is 413 too (chunked)', async () => {
    const url = new URL(`${base}/api/cycles/cycle-test/registrations`);
    const status = await new Promise((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key() } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      for (let i = 0; i < 80; i++) req.write('x'.repeat(1024));
      req.end();
    });
    assert.equal(status, 413);
  });
});

test('the rate limit answers 429 with Retry-After past its budget of writes per client', async () => {
  const own = tempDir();
  const limited = await startServer({ dataDir: own, cycleFiles: writeFeeds(own, [openCycle()]), rateLimit: 3 });
  try {
    const codes = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await post(limited.url, '/api/cycles/cycle-test/registrations', submission(200 + i, ['j1']), key());
      codes.push(last.status);
    }
    assert.deepEqual(codes, [201, 201, 201, 429, 429]);
    assert.equal(last.json.error.code, 'rate-limited');
    assert.ok(Number(last.headers['retry-after']) >= 1);
    // Reads are not limited.
    assert.equal((await request(limited.url, '/api/cycles/cycle-test')).status, 200);
  } finally {
    await limited.close();
    rmSync(own, { recursive: true, force: true });
  }
});
