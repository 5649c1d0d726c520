import { expect } from '@open-wc/testing';
import {
  BackendError,
  ValidationError,
  createMemoryBackend,
  type MemoryBackendOptions,
  type Registration,
  type RegistrationSubmission,
} from '../../src/index.js';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const scale5 = { points: 5, labels: ['Pas du tout', 'Peu', 'Moyennement', 'Bien', 'Très bien'] };

/**
 * The seed cycle: 40 seats, a waiting list, days 4 and 5 open to anyone (day 5 to elected officials
 * too), a bonus day for people already in the cycle, and three questionnaires: per day (anonymous,
 * results for organisers), for the cycle (tokens, public results, groups of 2) and one already closed.
 */
const cycleInput = () => ({
  id: 'mpc',
  title: 'Management par la Coopération',
  audience: { kinds: ['agents'] },
  capacity: 40,
  registration: { status: 'open', waitlist: true },
  organisations: [{ id: 'cc-a', name: 'Communauté de communes A', kind: 'epci', roles: ['member'] }],
  sessions: [
    { id: 'j4', number: 4, title: 'Journée 4', date: { precision: 'exact', date: '2026-03-26' } },
    { id: 'j5', number: 5, title: 'Journée 5', date: { precision: 'exact', date: '2026-05-14' }, audience: { kinds: ['agents', 'elected-officials'] } },
    {
      id: 'bonus', number: 6, title: 'Journée bonus', bonus: true, optional: true, eligibility: 'cycle-participants', capacity: 12,
      date: { precision: 'month', year: 2026, month: 6, part: 'late' },
    },
  ],
  feedback: [
    {
      id: 'eval-journee', title: 'Évaluation de la journée', scope: 'session', sessionIds: ['j4', 'j5'], scale: scale5,
      questions: [
        { id: 'q-contenu', type: 'rating', label: 'Contenu' },
        { id: 'q-commentaire', type: 'text', label: 'Un commentaire ?' },
      ],
    },
    {
      id: 'eval-cycle', title: 'Évaluation du cycle', scope: 'cycle', access: 'token', scale: scale5, minGroupSize: 2,
      results: { public: true },
      questions: [{ id: 'q-attentes', type: 'rating', label: 'Le cycle a-t-il répondu à vos attentes ?' }],
    },
    {
      id: 'eval-ancienne', title: 'Ancienne évaluation', scope: 'cycle', scale: scale5, closesAt: '2026-02-01T00:00:00Z',
      questions: [{ id: 'q-note', type: 'rating', label: 'Note' }],
    },
  ],
});
const feedInput = () => ({ formatVersion: 1, type: 'cycle', ...cycleInput() });

const backendOf = (options: MemoryBackendOptions = {}) => createMemoryBackend(feedInput(), { now: () => NOW, ...options });

/** A person's registration to days 4 and 5, filled in 8 seconds with the honeypot left empty. */
const person = (n: number | string, over: Partial<RegistrationSubmission> = {}): RegistrationSubmission => ({
  participant: { firstName: 'Anne', lastName: `Martin ${n}`, email: `personne.${n}@cc-a.fr`, function: 'head-of-department', organisationId: 'cc-a' },
  sessionIds: ['j4', 'j5'],
  antiBot: { website: '', fillMs: 8000 },
  ...over,
});

let keySeq = 0;
const key = () => `cle-${++keySeq}`;

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, got a value');
}
const issuesOf = (error: BackendError) => error.body?.error.issues ?? [];
async function backendError(promise: Promise<unknown>): Promise<BackendError> {
  const e = await rejection(promise);
  expect(e).to.be.instanceOf(BackendError);
  return e as BackendError;
}

describe('backend/memory: the feed', () => {
  it('validates the feed once at creation and answers a fresh copy of it, defaults applied', async () => {
    const backend = backendOf();
    const feed = await backend.loadFeed();
    expect(feed.type).to.equal('cycle');
    expect(feed.type === 'cycle' && feed.sessions.map((s) => [s.id, s.status])).to.deep.equal([
      ['j4', 'scheduled'],
      ['j5', 'scheduled'],
      ['bonus', 'scheduled'],
    ]);
    if (feed.type === 'cycle') feed.sessions.length = 0;
    const again = await backend.loadFeed();
    expect(again.type === 'cycle' && again.sessions.length).to.equal(3);
  });

  it('throws a ValidationError naming the path at creation, in the backend’s language', () => {
    const input = feedInput();
    input.sessions[0]!.date = { precision: 'exact', date: '2026-02-30' };
    const fr = (() => {
      try {
        createMemoryBackend(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(fr).to.be.instanceOf(ValidationError);
    expect((fr as ValidationError).issues.map((i) => [i.path, i.message])).to.deep.equal([
      ['sessions[0].date.date', 'date invalide : une date réelle au format AAAA-MM-JJ est attendue'],
    ]);
    expect(() => createMemoryBackend(input, { locale: 'en' })).to.throw(ValidationError, /sessions\[0\]\.date\.date: invalid date/);
  });

  it('validates seeded registrations too', () => {
    expect(() => backendOf({ registrations: [{ id: 'r1', cycleId: 'mpc', status: 'confirmed' }] })).to.throw(ValidationError, /participant/);
  });

  it('serves every cycle of a catalogue, and answers 404 for an unknown cycle', async () => {
    const backend = createMemoryBackend(
      {
        formatVersion: 1,
        type: 'catalogue',
        cycles: [cycleInput(), { ...cycleInput(), id: 'autre', capacity: 1, registration: { status: 'open', waitlist: false } }],
      },
      { now: () => NOW },
    );
    // A key belongs to one cycle: the same key registers in each.
    const shared = key();
    await backend.register('autre', person(1), { idempotencyKey: shared });
    expect((await backend.register('mpc', person(2), { idempotencyKey: shared })).cycleId).to.equal('mpc');
    const full = await backendError(backend.register('autre', person(2), { idempotencyKey: key() }));
    expect([full.status, full.code, full.body?.error.reason]).to.deep.equal([409, 'refused', { reason: 'full' }]);
    expect(full.message).to.equal("ce cycle est complet et n'a pas de liste d'attente");
    expect((await backend.availability('mpc')).confirmed).to.equal(1);
    expect((await backend.availability('autre')).confirmed).to.equal(1);
    const missing = await backendError(backend.availability('inconnu'));
    expect([missing.kind, missing.status, missing.code, missing.retryable]).to.deep.equal(['http', 404, 'not-found', false]);
    expect(missing.body?.error.message).to.equal("aucun cycle n'a l'identifiant « inconnu »");
  });
});

describe('backend/memory: registration', () => {
  it('confirms a registration with an id, a creation date from the clock and the seats it takes', async () => {
    const backend = backendOf();
    const registration = await backend.register('mpc', person(1, { accessNeeds: 'Accès fauteuil' }), { idempotencyKey: key() });
    // As the server's: a sequence that sorts by arrival, then an unguessable part.
    expect(registration.id).to.match(/^r0{7}1-[A-Za-z0-9_-]{8}$/);
    expect(registration).to.deep.include({ cycleId: 'mpc', status: 'confirmed', sessionIds: ['j4', 'j5'], accessNeeds: 'Accès fauteuil', createdAt: NOW.toISOString() });
    expect(registration).not.to.have.property('waitlistPosition');
    expect(registration).not.to.have.property('antiBot');
    expect(backend.registrations('mpc')).to.deep.equal([registration]);
    const availability = await backend.availability('mpc');
    expect([availability.confirmed, availability.seatsLeft, availability.computedAt]).to.deep.equal([1, 39, NOW.toISOString()]);
  });

  it('never dates a registration before the previous one, even when the clock goes back', async () => {
    const times = ['2026-03-01T09:00:05.000Z', '2026-03-01T09:00:01.000Z', '2026-03-01T09:00:09.000Z'];
    let call = 0;
    // One clock reading per decision; availability is not asked here.
    const backend = backendOf({ now: () => new Date(times[Math.min(call++, times.length - 1)]!) });
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await backend.register('mpc', person(i), { idempotencyKey: key() })).createdAt);
    expect(created).to.deep.equal(['2026-03-01T09:00:05.000Z', '2026-03-01T09:00:05.000Z', '2026-03-01T09:00:09.000Z']);
  });

  it('puts the 41st registrant of a 40-seat cycle on the waiting list, in position 1', async () => {
    const backend = backendOf();
    for (let i = 1; i <= 40; i++) expect((await backend.register('mpc', person(i), { idempotencyKey: key() })).status).to.equal('confirmed');
    const forty_first = await backend.register('mpc', person(41), { idempotencyKey: key() });
    expect([forty_first.status, forty_first.waitlistPosition]).to.deep.equal(['waitlisted', 1]);
    const availability = await backend.availability('mpc');
    expect([availability.confirmed, availability.waitlisted, availability.seatsLeft, availability.full]).to.deep.equal([40, 1, 0, true]);
  });

  it('decides 100 concurrent registrations to 40 seats as 40 confirmed and 60 waiting, in arrival order', async () => {
    const backend = backendOf({ latencyMs: 5 });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => backend.register('mpc', person(i), { idempotencyKey: key() })));
    expect(results.filter((r) => r.status === 'confirmed')).to.have.length(40);
    expect(results.slice(0, 40).every((r) => r.status === 'confirmed')).to.equal(true);
    expect(results.slice(40).map((r) => [r.status, r.waitlistPosition])).to.deep.equal(
      Array.from({ length: 60 }, (_, i) => ['waitlisted', i + 1]),
    );
    const stored = backend.registrations('mpc');
    expect(stored).to.have.length(100);
    // Same instant for all: the ids alone keep the order of arrival.
    expect(stored.every((r) => r.createdAt === NOW.toISOString())).to.equal(true);
    expect(stored.map((r) => r.id)).to.deep.equal(results.map((r) => r.id));
    expect([...stored.map((r) => r.id)].sort()).to.deep.equal(results.map((r) => r.id));
    const availability = await backend.availability('mpc');
    expect([availability.confirmed, availability.waitlisted]).to.deep.equal([40, 60]);
  });

  it('promotes the first person waiting when a confirmed registration is cancelled, and renumbers the list', async () => {
    const backend = backendOf({ latencyMs: 1 });
    // Concurrent on purpose: they share the clock's millisecond, and arrival must still decide.
    const results = await Promise.all(Array.from({ length: 43 }, (_, i) => backend.register('mpc', person(i), { idempotencyKey: key() })));
    const [first, waiting1, waiting2, waiting3] = [results[0]!, results[40]!, results[41]!, results[42]!];
    const result = backend.cancelRegistration('mpc', first.id);
    expect(result.promoted).to.deep.equal([waiting1.id]);
    const byId = new Map(backend.registrations('mpc').map((r) => [r.id, r]));
    expect(byId.get(first.id)).to.deep.include({ status: 'cancelled', updatedAt: NOW.toISOString() });
    expect(byId.get(waiting1.id)?.status).to.equal('confirmed');
    expect(byId.get(waiting1.id)).not.to.have.property('waitlistPosition');
    expect([byId.get(waiting2.id)?.waitlistPosition, byId.get(waiting3.id)?.waitlistPosition]).to.deep.equal([1, 2]);
    const availability = await backend.availability('mpc');
    expect([availability.confirmed, availability.waitlisted]).to.deep.equal([40, 2]);
    const unknown = (() => {
      try {
        backend.cancelRegistration('mpc', 'no-such-registration');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(unknown).to.be.instanceOf(BackendError);
    expect((unknown as BackendError).status).to.equal(404);
  });

  it('refuses the bonus day to someone not in the cycle yet, and accepts it once they hold a core day', async () => {
    const backend = backendOf();
    const bonusKey = key();
    const bonus = person('volontaire', { sessionIds: ['bonus'] });
    const refused = await backendError(backend.register('mpc', bonus, { idempotencyKey: bonusKey }));
    expect([refused.status, refused.code, refused.retryable]).to.deep.equal([409, 'refused', false]);
    expect(refused.body?.error.reason).to.deep.equal({ reason: 'not-eligible', sessionId: 'bonus' });
    expect(refused.message).to.equal('la journée « Journée bonus » est réservée aux personnes déjà inscrites au cycle');
    expect(backend.registrations('mpc')).to.deep.equal([]);

    await backend.register('mpc', person('volontaire', { sessionIds: ['j4'] }), { idempotencyKey: key() });
    // The refusal is the answer kept for its key: a retry of that submission gets it again…
    const replayed = await backendError(backend.register('mpc', bonus, { idempotencyKey: bonusKey }));
    expect([replayed.code, replayed.body]).to.deep.equal([refused.code, refused.body]);
    // …while a new submission is decided anew.
    const accepted = await backend.register('mpc', bonus, { idempotencyKey: key() });
    expect([accepted.status, accepted.sessionIds]).to.deep.equal(['confirmed', ['bonus']]);
    const availability = await backend.availability('mpc');
    expect(availability.confirmed).to.equal(1);
    expect(availability.sessions.find((s) => s.sessionId === 'bonus')).to.deep.include({ confirmed: 1, seatsLeft: 11 });
  });

  it('refuses when registration has closed by the clock', async () => {
    const input = feedInput();
    input.registration = { status: 'open', waitlist: true, closesAt: '2026-02-15T00:00:00Z' } as typeof input.registration;
    const backend = createMemoryBackend(input, { now: () => NOW, locale: 'en' });
    const error = await backendError(backend.register('mpc', person(1), { idempotencyKey: key() }));
    expect([error.code, error.body?.error.reason, error.message]).to.deep.equal(['refused', { reason: 'closed' }, 'registration to this cycle is closed']);
  });

  for (const [locale, emailMessage, head] of [
    ['fr', 'adresse e-mail invalide (exemple : prenom.nom@exemple.fr)', 'la demande contient 2 erreur(s) : '],
    ['en', 'invalid email address (example: first.last@example.org)', 'the request has 2 error(s): '],
  ] as const) {
    it(`answers 400 invalid with each field’s path and message (${locale})`, async () => {
      const backend = backendOf({ locale });
      const submission = person(1);
      const error = await backendError(
        backend.register('mpc', { ...submission, participant: { ...submission.participant, email: 'anne.martin' }, sessionIds: [] }, { idempotencyKey: key() }),
      );
      expect([error.kind, error.status, error.code, error.retryable]).to.deep.equal(['http', 400, 'invalid', false]);
      expect(error.message).to.equal(`${head}participant.email : ${emailMessage} ; sessionIds : ${issuesOf(error)[1]?.message}`);
      expect(error.body?.error.code).to.equal('invalid');
      const issues = issuesOf(error);
      expect(issues.find((i) => i.path === 'participant.email')?.message).to.equal(emailMessage);
      expect(issues.map((i) => i.path)).to.include('sessionIds');
      expect(backend.registrations('mpc')).to.deep.equal([]);
    });
  }

  it('frees the key of an invalid submission: corrected, it is registered under the same key', async () => {
    const backend = backendOf();
    const k = key();
    const error = await backendError(backend.register('mpc', person(1, { sessionIds: [] }), { idempotencyKey: k }));
    expect(error.code).to.equal('invalid');
    expect((await backend.register('mpc', person(1), { idempotencyKey: k })).status).to.equal('confirmed');
  });

  it('answers 400 when the idempotency key is missing or not 1 to 200 visible characters', async () => {
    const backend = backendOf();
    for (const idempotencyKey of ['', 'avec espace', 'é', 'k'.repeat(201)]) {
      const error = await backendError(backend.register('mpc', person(1), { idempotencyKey }));
      expect([error.status, error.code]).to.deep.equal([400, 'idempotency-key-missing']);
    }
    expect((await backend.register('mpc', person(1), { idempotencyKey: 'k'.repeat(200) })).status).to.equal('confirmed');
  });

  describe('anti-bot', () => {
    it('refuses a filled honeypot: 409 refused, reason anti-bot, nothing stored', async () => {
      const backend = backendOf();
      const error = await backendError(backend.register('mpc', person(1, { antiBot: { website: 'https://spam.example', fillMs: 9000 } }), { idempotencyKey: key() }));
      expect([error.status, error.code, error.retryable]).to.deep.equal([409, 'refused', false]);
      expect(error.body?.error.reason).to.deep.equal({ reason: 'anti-bot' });
      expect(error.message).to.match(/^votre envoi ressemble à celui d’un robot/);
      expect(backend.registrations('mpc')).to.deep.equal([]);
    });

    it('refuses a form filled faster than the minimum (3 s by default, configurable, 0 disables)', async () => {
      const fast = person(1, { antiBot: { website: '', fillMs: 1200 } });
      const error = await backendError(backendOf().register('mpc', fast, { idempotencyKey: key() }));
      expect(error.body?.error.reason).to.deep.equal({ reason: 'anti-bot' });
      expect((await backendOf({ minFillMs: 1000 }).register('mpc', fast, { idempotencyKey: key() })).status).to.equal('confirmed');
      expect((await backendOf({ minFillMs: 0 }).register('mpc', person(1, { antiBot: { fillMs: 0 } }), { idempotencyKey: key() })).status).to.equal('confirmed');
      const slower = await backendError(backendOf({ minFillMs: 10_000 }).register('mpc', person(1), { idempotencyKey: key() }));
      expect(slower.body?.error.reason).to.deep.equal({ reason: 'anti-bot' });
    });

    it('does not time a submission that carries no fill time', async () => {
      const { antiBot: _, ...noAntiBot } = person(1);
      expect((await backendOf().register('mpc', noAntiBot, { idempotencyKey: key() })).status).to.equal('confirmed');
    });
  });

  describe('idempotency', () => {
    it('replays the stored registration for the same key and body, even with keys in another order', async () => {
      const backend = backendOf();
      const k = key();
      const first = await backend.register('mpc', person(1), { idempotencyKey: k });
      const { participant, sessionIds, antiBot } = person(1);
      const reordered = { antiBot, sessionIds, participant: { organisationId: 'cc-a', ...participant } };
      const replay = await backend.register('mpc', reordered, { idempotencyKey: k });
      expect(replay).to.deep.equal(first);
      expect(replay).not.to.equal(first);
      expect(backend.registrations('mpc')).to.have.length(1);
    });

    it('replays the first answer as it was given, even after the registration changed', async () => {
      const backend = backendOf({ registrations: [] });
      for (let i = 0; i < 40; i++) await backend.register('mpc', person(i), { idempotencyKey: key() });
      const k = key();
      const waiting = await backend.register('mpc', person('attente'), { idempotencyKey: k });
      backend.cancelRegistration('mpc', backend.registrations('mpc')[0]!.id);
      expect(backend.registrations('mpc').find((r) => r.id === waiting.id)?.status).to.equal('confirmed');
      expect(await backend.register('mpc', person('attente'), { idempotencyKey: k })).to.deep.equal(waiting);
    });

    it('answers 422 for the same key with another body, and stores nothing more', async () => {
      const backend = backendOf();
      const k = key();
      await backend.register('mpc', person(1), { idempotencyKey: k });
      const error = await backendError(backend.register('mpc', person(2), { idempotencyKey: k }));
      expect([error.status, error.code, error.retryable]).to.deep.equal([422, 'idempotency-key-reused', false]);
      expect(error.body?.error.message).to.equal('cette clé Idempotency-Key a déjà servi pour une autre demande');
      expect(backend.registrations('mpc')).to.have.length(1);
    });

    it('answers 409 in-flight to a second call with the key while the first is processed, then replays', async () => {
      const backend = backendOf({ latencyMs: 30 });
      const k = key();
      const first = backend.register('mpc', person(1), { idempotencyKey: k });
      const second = await backendError(backend.register('mpc', person(1), { idempotencyKey: k }));
      expect([second.status, second.code, second.retryable]).to.deep.equal([409, 'in-flight', true]);
      // While the first is processed its answer is not known, whatever the body: in-flight too.
      const other = await backendError(backend.register('mpc', person(2), { idempotencyKey: k }));
      expect(other.code).to.equal('in-flight');
      const registration = await first;
      expect(await backend.register('mpc', person(1), { idempotencyKey: k })).to.deep.equal(registration);
      expect((await backendError(backend.register('mpc', person(2), { idempotencyKey: k }))).code).to.equal('idempotency-key-reused');
      expect(backend.registrations('mpc')).to.have.length(1);
    });
  });
});

describe('backend/memory: feedback', () => {
  const daily = (contenu: number, sessionId = 'j4') => ({ formId: 'eval-journee', sessionId, answers: { 'q-contenu': contenu } });

  it('validates an answer against its questionnaire: 400 with paths', async () => {
    const backend = backendOf({ locale: 'en' });
    const error = await backendError(
      backend.sendFeedback('mpc', { formId: 'eval-journee', sessionId: 'j4', answers: { 'q-commentaire': 'Bien' } }, { idempotencyKey: key() }),
    );
    expect([error.status, error.code]).to.deep.equal([400, 'invalid']);
    expect(error.body?.error.issues).to.deep.equal([{ path: 'answers.q-contenu', message: 'an answer is required' }]);
    const shape = await backendError(backend.sendFeedback('mpc', { formId: 'eval-journee', answers: [] } as never, { idempotencyKey: key() }));
    expect(shape.body?.error.issues?.map((i) => i.path)).to.deep.equal(['answers']);
    expect(backend.feedbackResponses('mpc')).to.deep.equal([]);
  });

  it('stores an anonymous answer with no personal data, and replays its receipt for the same key', async () => {
    const backend = backendOf();
    const k = key();
    const receipt = await backend.sendFeedback('mpc', { ...daily(4), answers: { 'q-contenu': 4, 'q-commentaire': 'Très riche' } }, { idempotencyKey: k });
    expect(receipt.submittedAt).to.equal(NOW.toISOString());
    const stored = backend.feedbackResponses('mpc');
    expect(stored).to.deep.equal([
      { id: receipt.id, cycleId: 'mpc', formId: 'eval-journee', sessionId: 'j4', answers: { 'q-contenu': 4, 'q-commentaire': 'Très riche' }, submittedAt: NOW.toISOString() },
    ]);
    expect(await backend.sendFeedback('mpc', { ...daily(4), answers: { 'q-contenu': 4, 'q-commentaire': 'Très riche' } }, { idempotencyKey: k })).to.deep.equal(receipt);
    expect(backend.feedbackResponses('mpc')).to.have.length(1);
  });

  it('takes one answer per token: unknown → 403, used → 409, and keeps no token', async () => {
    const backend = backendOf();
    const [token, other] = backend.issueFeedbackTokens('mpc', 'eval-cycle', 2);
    expect(token).to.be.a('string').and.not.equal(other);
    const answer = (t: string | undefined, note = 4) => ({ formId: 'eval-cycle', answers: { 'q-attentes': note }, ...(t ? { token: t } : {}) });

    const missing = await backendError(backend.sendFeedback('mpc', answer(undefined), { idempotencyKey: key() }));
    expect(missing.body?.error.issues?.map((i) => i.path)).to.deep.equal(['token']);
    const unknownKey = key();
    const unknown = await backendError(backend.sendFeedback('mpc', answer('jeton-inconnu-000'), { idempotencyKey: unknownKey }));
    expect([unknown.status, unknown.code]).to.deep.equal([403, 'token-invalid']);
    expect((await backendError(backend.sendFeedback('mpc', answer('jeton-inconnu-000'), { idempotencyKey: unknownKey }))).code).to.equal('token-invalid');

    await backend.sendFeedback('mpc', answer(token), { idempotencyKey: key() });
    const again = await backendError(backend.sendFeedback('mpc', answer(token, 2), { idempotencyKey: key() }));
    expect([again.status, again.code, again.retryable]).to.deep.equal([409, 'already-answered', false]);
    await backend.sendFeedback('mpc', answer(other, 5), { idempotencyKey: key() });

    const stored = backend.feedbackResponses('mpc');
    expect(stored.map((r) => r.answers['q-attentes'])).to.deep.equal([4, 5]);
    const json = JSON.stringify(stored);
    expect(json).not.to.include(token);
    expect(json).not.to.include(other);
    expect(stored.every((r) => !('token' in r))).to.equal(true);
  });

  it('refuses a token issued for another questionnaire, and tokens for an anonymous one', async () => {
    const backend = createMemoryBackend(
      {
        ...feedInput(),
        feedback: [...feedInput().feedback, { id: 'eval-bis', title: 'Bis', scope: 'cycle', access: 'token', scale: scale5, questions: [{ id: 'q', type: 'rating', label: 'Note' }] }],
      },
      { now: () => NOW },
    );
    const [bis] = backend.issueFeedbackTokens('mpc', 'eval-bis', 1);
    const error = await backendError(backend.sendFeedback('mpc', { formId: 'eval-cycle', answers: { 'q-attentes': 3 }, token: bis! }, { idempotencyKey: key() }));
    expect(error.code).to.equal('token-invalid');
    expect(() => backend.issueFeedbackTokens('mpc', 'eval-journee', 1)).to.throw(/ce questionnaire est anonyme/);
  });

  it('answers 409 closed once the questionnaire has closed', async () => {
    const backend = backendOf({ locale: 'en' });
    const error = await backendError(backend.sendFeedback('mpc', { formId: 'eval-ancienne', answers: { 'q-note': 3 } }, { idempotencyKey: key() }));
    expect([error.status, error.code, error.message]).to.deep.equal([409, 'closed', 'this questionnaire no longer accepts answers']);
    // Closed comes first: no one should correct answers that cannot be sent.
    const wrong = await backendError(backend.sendFeedback('mpc', { formId: 'eval-ancienne', answers: { 'q-note': 9 } }, { idempotencyKey: key() }));
    expect(wrong.code).to.equal('closed');
    expect(backend.feedbackResponses('mpc')).to.deep.equal([]);

    const input = feedInput();
    Object.assign(input.feedback[2]!, { opensAt: '2026-04-01T00:00:00Z', closesAt: undefined });
    const early = await backendError(createMemoryBackend(input, { now: () => NOW }).sendFeedback('mpc', { formId: 'eval-ancienne', answers: { 'q-note': 3 } }, { idempotencyKey: key() }));
    expect([early.code, early.message]).to.deep.equal(['closed', "ce questionnaire n'est pas encore ouvert"]);
  });

  it('keeps results that are not public behind the admin token: 401 without it or with a wrong one', async () => {
    const backend = backendOf({ adminToken: 'secret-admin' });
    for (const note of [4, 4, 5]) await backend.sendFeedback('mpc', daily(note), { idempotencyKey: key() });
    for (const adminToken of [undefined, 'pas-le-bon']) {
      const error = await backendError(backend.feedbackSummary('mpc', 'eval-journee', adminToken === undefined ? {} : { adminToken }));
      expect([error.status, error.code, error.retryable]).to.deep.equal([401, 'unauthorized', false]);
    }
    const noToken = await backendError(backendOf().feedbackSummary('mpc', 'eval-journee', { adminToken: 'secret-admin' }));
    expect(noToken.code).to.equal('unauthorized');

    // Three answers for a group minimum of 5: only the count is told.
    const small = await backend.feedbackSummary('mpc', 'eval-journee', { adminToken: 'secret-admin' });
    expect([small.count, small.withheld, small.criteria]).to.deep.equal([3, true, undefined]);
    expect(small.bySession.map((g) => [g.key, g.count, g.withheld])).to.deep.equal([['j4', 3, true]]);

    await backend.sendFeedback('mpc', daily(3), { idempotencyKey: key() });
    await backend.sendFeedback('mpc', { ...daily(4), answers: { 'q-contenu': 4, 'q-commentaire': '  Très concret ' } }, { idempotencyKey: key() });
    const five = await backend.feedbackSummary('mpc', 'eval-journee', { adminToken: 'secret-admin' });
    expect([five.count, five.withheld, five.criteria?.[0]?.mean, five.criteria?.[0]?.distribution]).to.deep.equal([5, false, 4, [0, 0, 1, 3, 1]]);
    // Organisers read the open answers, whatever the form publishes.
    expect(five.openAnswers).to.deep.equal([{ questionId: 'q-commentaire', label: 'Un commentaire ?', answers: ['Très concret'] }]);
  });

  it('publishes public results without a token, with the response rate of the tokens issued', async () => {
    const backend = backendOf();
    const tokens = backend.issueFeedbackTokens('mpc', 'eval-cycle', 4);
    await backend.sendFeedback('mpc', { formId: 'eval-cycle', answers: { 'q-attentes': 5 }, token: tokens[0]! }, { idempotencyKey: key() });
    const one = await backend.feedbackSummary('mpc', 'eval-cycle');
    expect([one.count, one.withheld, one.responseRate]).to.deep.equal([1, true, 0.25]);
    await backend.sendFeedback('mpc', { formId: 'eval-cycle', answers: { 'q-attentes': 3 }, token: tokens[1]! }, { idempotencyKey: key() });
    const two = await backend.feedbackSummary('mpc', 'eval-cycle');
    expect([two.count, two.withheld, two.responseRate, two.criteria?.[0]?.mean]).to.deep.equal([2, false, 0.5, 4]);
    expect(two).not.to.have.property('openAnswers');
    // A wrong admin token is told, not quietly read as the public view.
    const wrong = await backendError(backend.feedbackSummary('mpc', 'eval-cycle', { adminToken: 'pas-le-bon' }));
    expect(wrong.code).to.equal('unauthorized');
  });

  it('answers 404 for an unknown questionnaire', async () => {
    const error = await backendError(backendOf({ adminToken: 'a' }).feedbackSummary('mpc', 'eval-inconnue', { adminToken: 'a' }));
    expect([error.status, error.code]).to.deep.equal([404, 'not-found']);
  });
});

describe('backend/memory: failures', () => {
  it('fails every request as a retryable network failure while offline, and stores nothing', async () => {
    const backend = backendOf({ offline: true });
    expect(backend.offline).to.equal(true);
    for (const call of [backend.loadFeed(), backend.availability('mpc'), backend.register('mpc', person(1), { idempotencyKey: key() })]) {
      const error = await backendError(call);
      expect([error.kind, error.code, error.status, error.retryable]).to.deep.equal(['network', undefined, undefined, true]);
      expect(error.message).to.equal('le serveur ne répond pas ou la connexion est coupée');
    }
    expect(backend.registrations('mpc')).to.deep.equal([]);
    backend.setOffline(false);
    expect((await backend.register('mpc', person(1), { idempotencyKey: key() })).status).to.equal('confirmed');
  });

  it('fails the next requests as told, then answers again', async () => {
    const backend = backendOf();
    backend.failNext(2, 503);
    backend.failNext(1, 429);
    backend.failNext(1, 'timeout');
    const k = key();
    const first = await backendError(backend.register('mpc', person(1), { idempotencyKey: k }));
    expect([first.kind, first.status, first.code, first.retryable]).to.deep.equal(['http', 503, 'server-error', true]);
    expect(first.body?.error.code).to.equal('server-error');
    const second = await backendError(backend.loadFeed());
    expect(second.status).to.equal(503);
    const third = await backendError(backend.register('mpc', person(1), { idempotencyKey: k }));
    expect([third.status, third.code, third.retryAfter, third.retryable]).to.deep.equal([429, 'rate-limited', 1, true]);
    const fourth = await backendError(backend.availability('mpc'));
    expect([fourth.kind, fourth.retryable]).to.deep.equal(['timeout', true]);
    expect(backend.registrations('mpc')).to.deep.equal([]);
    expect((await backend.register('mpc', person(1), { idempotencyKey: k })).status).to.equal('confirmed');
  });

  it('can lose the answer of a processed request: the retry with the same key gets the stored one', async () => {
    const backend = backendOf();
    backend.failNext(1, 'network', { afterProcessing: true });
    const k = key();
    const lost = await backendError(backend.register('mpc', person(1), { idempotencyKey: k }));
    expect([lost.kind, lost.retryable]).to.deep.equal(['network', true]);
    const [stored] = backend.registrations('mpc');
    expect(stored?.status).to.equal('confirmed');
    const retried = await backend.register('mpc', person(1), { idempotencyKey: k });
    expect(retried).to.deep.equal(stored);
    expect(backend.registrations('mpc')).to.have.length(1);
  });
});

describe('backend/memory: abort', () => {
  it('rejects with the signal’s reason when already aborted, and stores nothing', async () => {
    const backend = backendOf();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(backend.register('mpc', person(1), { idempotencyKey: key(), signal: controller.signal }));
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(backend.registrations('mpc')).to.deep.equal([]);
    // An aborted request is not sent at all: neither offline nor an injected failure is reported.
    backend.setOffline(true);
    expect(((await rejection(backend.loadFeed({ signal: controller.signal }))) as DOMException).name).to.equal('AbortError');
    backend.setOffline(false);
    backend.failNext(1, 503);
    expect(((await rejection(backend.loadFeed({ signal: controller.signal }))) as DOMException).name).to.equal('AbortError');
    // The injected failure was not spent on the aborted request: it is the next one's.
    expect((await backendError(backend.loadFeed())).status).to.equal(503);
    expect((await backend.loadFeed()).type).to.equal('cycle');
  });

  it('rejects while the request waits, releases the key, and a retry with it registers once', async () => {
    const backend = backendOf({ latencyMs: 50 });
    const controller = new AbortController();
    const reason = new Error('la personne a fermé le formulaire');
    const k = key();
    const pending = backend.register('mpc', person(1), { idempotencyKey: k, signal: controller.signal });
    controller.abort(reason);
    expect(await rejection(pending)).to.equal(reason);
    expect(backend.registrations('mpc')).to.deep.equal([]);
    const registration: Registration = await backend.register('mpc', person(1), { idempotencyKey: k });
    expect(registration.status).to.equal('confirmed');
    expect(backend.registrations('mpc')).to.have.length(1);
  });

  it('aborts a feed load too', async () => {
    const controller = new AbortController();
    const load = backendOf({ latencyMs: 50 }).loadFeed({ signal: controller.signal });
    controller.abort();
    expect(((await rejection(load)) as DOMException).name).to.equal('AbortError');
  });
});
