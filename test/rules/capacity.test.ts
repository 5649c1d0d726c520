import { expect } from '@open-wc/testing';
import {
  AvailabilitySchema,
  RegistrationSchema,
  checkAudience,
  checkEligibility,
  computeAvailability,
  decideRegistration,
  parseCycle,
  parseWith,
  participantKind,
  promoteOnCancel,
  registrationState,
  safeParseWith,
  sessionCapacity,
  waitlistOrder,
  type CycleFeed,
  type ParticipantFunction,
  type Registration,
  type RegistrationStatus,
} from '../../src/index.js';

/**
 * The seed cycle, 40 seats: days 4 and 5 open to anyone (day 5 to elected officials too), a bonus day
 * for volunteers already in the cycle with 12 seats, and a cancelled day.
 */
function cycle(over: Record<string, unknown> = {}): CycleFeed {
  return parseCycle({
    formatVersion: 1,
    type: 'cycle',
    id: 'management-cooperation',
    title: 'Management par la Coopération',
    audience: { kinds: ['agents'] },
    capacity: 40,
    registration: { status: 'open', waitlist: true },
    sessions: [
      { id: 'j4', number: 4, title: 'Journée 4', date: { precision: 'exact', date: '2026-03-26' } },
      {
        id: 'j5', number: 5, title: 'Journée 5', date: { precision: 'exact', date: '2026-05-14' },
        audience: { kinds: ['agents', 'elected-officials'] },
      },
      {
        id: 'bonus', number: 6, title: 'Journée bonus', bonus: true, optional: true, eligibility: 'cycle-participants', capacity: 12,
        date: { precision: 'month', year: 2026, month: 6, part: 'late' },
      },
      { id: 'annulee', number: 7, title: 'Journée annulée', status: 'cancelled', date: { precision: 'unknown' } },
    ],
    ...over,
  });
}

let seq = 0;
/** A stored registration, parsed through the real schema. Arrival order follows creation order unless `createdAt` is given. */
function reg(
  email: string,
  sessionIds: string[],
  status: RegistrationStatus = 'confirmed',
  extra: Partial<Pick<Registration, 'id' | 'createdAt' | 'waitlistPosition' | 'cycleId'>> = {},
): Registration {
  seq += 1;
  return parseWith(RegistrationSchema, {
    id: `r${String(seq).padStart(3, '0')}`,
    cycleId: 'management-cooperation',
    participant: { firstName: 'Prénom', lastName: 'Nom', email, function: 'head-of-department', organisationId: 'cc-a' },
    sessionIds,
    status,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    ...extra,
  });
}
const request = (email: string, sessionIds: string[], fn: ParticipantFunction = 'head-of-department') => ({
  participant: { firstName: 'Anne', lastName: 'Martin', email, function: fn, organisationId: 'cc-a' },
  sessionIds,
});
/** The cycle with one session's capacity changed. */
const withSessionCapacity = (c: CycleFeed, sessionId: string, capacity: number): CycleFeed => ({
  ...c,
  sessions: c.sessions.map((s) => (s.id === sessionId ? { ...s, capacity } : s)),
});
/** `n` people confirmed to days 4 and 5. */
const crowd = (n: number) => Array.from({ length: n }, (_, i) => reg(`agent${i + 1}@cc-a.fr`, ['j4', 'j5']));

describe('rules/capacity: participants and capacities', () => {
  it('tells an elected official from an agent by their function', () => {
    expect(participantKind({ function: 'elected-official' })).to.equal('elected-official');
    expect(participantKind({ function: 'dgs' })).to.equal('agent');
    expect(participantKind({ function: 'other' })).to.equal('agent');
  });

  it("uses the session's own capacity, else the cycle's, else none", () => {
    const c = cycle();
    expect(sessionCapacity(c, c.sessions[0]!)).to.equal(40);
    expect(sessionCapacity(c, c.sessions[2]!)).to.equal(12);
    const unlimited = cycle({ capacity: undefined });
    expect(sessionCapacity(unlimited, unlimited.sessions[0]!)).to.equal(undefined);
  });

  it('reads the registration state from the status, and from the dates when given a clock', () => {
    const c = cycle({ registration: { status: 'open', opensAt: '2026-01-05T09:00:00+01:00', closesAt: '2026-03-01T00:00:00+01:00' } });
    expect(registrationState(c)).to.equal('open');
    expect(registrationState(c, new Date('2026-01-05T07:59:59Z'))).to.equal('not-open-yet');
    expect(registrationState(c, new Date('2026-01-05T08:00:00Z'))).to.equal('open');
    expect(registrationState(c, new Date('2026-02-28T23:00:00Z'))).to.equal('closed');
    expect(registrationState(cycle({ registration: { status: 'closed' } }), new Date('2026-02-01T00:00:00Z'))).to.equal('closed');
  });
});

describe('rules/capacity: availability', () => {
  it('counts confirmed seats per person and per session, waitlisted apart, cancelled and other cycles ignored', () => {
    const registrations = [
      ...crowd(3),
      reg('agent1@cc-a.fr', ['bonus']), // a second registration of a person already counted
      reg('agent4@cc-a.fr', ['j4'], 'waitlisted'),
      reg('agent5@cc-a.fr', ['j4', 'j5'], 'cancelled'),
      reg('agent6@cc-a.fr', ['bonus'], 'waitlisted'),
      reg('ailleurs@cc-b.fr', ['j4'], 'confirmed', { cycleId: 'autre-cycle' }),
    ];
    const availability = computeAvailability(cycle(), registrations, { now: new Date('2026-02-01T10:00:00Z') });
    expect(availability).to.deep.equal({
      cycleId: 'management-cooperation',
      confirmed: 3,
      waitlisted: 2,
      capacity: 40,
      seatsLeft: 37,
      full: false,
      computedAt: '2026-02-01T10:00:00.000Z',
      sessions: [
        { sessionId: 'j4', confirmed: 3, waitlisted: 1, capacity: 40, seatsLeft: 37, full: false },
        { sessionId: 'j5', confirmed: 3, waitlisted: 0, capacity: 40, seatsLeft: 37, full: false },
        { sessionId: 'bonus', confirmed: 1, waitlisted: 1, capacity: 12, seatsLeft: 11, full: false },
        { sessionId: 'annulee', confirmed: 0, waitlisted: 0, capacity: 40, seatsLeft: 40, full: false },
      ],
    });
    expect(safeParseWith(AvailabilitySchema, availability).success).to.equal(true);
  });

  it('says full at capacity, never goes below zero seats, and leaves capacity out when unlimited', () => {
    const full = computeAvailability(cycle({ capacity: 2 }), crowd(3));
    expect([full.confirmed, full.seatsLeft, full.full]).to.deep.equal([3, 0, true]);
    expect(full.sessions[0]).to.deep.equal({ sessionId: 'j4', confirmed: 3, waitlisted: 0, capacity: 2, seatsLeft: 0, full: true });
    expect('computedAt' in full).to.equal(false);

    const open = computeAvailability(cycle({ capacity: undefined }), crowd(2));
    expect(open.full).to.equal(false);
    expect('capacity' in open || 'seatsLeft' in open).to.equal(false);
    expect(open.sessions.map((s) => [s.sessionId, s.capacity, s.seatsLeft, s.full])).to.deep.equal([
      ['j4', undefined, undefined, false],
      ['j5', undefined, undefined, false],
      ['bonus', 12, 12, false],
      ['annulee', undefined, undefined, false],
    ]);
    expect(safeParseWith(AvailabilitySchema, open).success).to.equal(true);
  });

  it('is a schema that refuses a negative count', () => {
    const bad = { cycleId: 'c', confirmed: -1, waitlisted: 0, full: false, sessions: [] };
    const r = safeParseWith(AvailabilitySchema, bad);
    expect(r.success).to.equal(false);
    expect(r.error!.issues[0]!.path).to.equal('confirmed');
  });
});

describe('rules/capacity: decideRegistration', () => {
  it('confirms the 40th person and puts the 41st on the waiting list at position 1, the 42nd at 2', () => {
    const c = cycle();
    const existing = crowd(39);
    expect(decideRegistration(c, existing, request('p40@cc-b.fr', ['j4', 'j5']))).to.deep.equal({ status: 'confirmed' });
    existing.push(reg('p40@cc-b.fr', ['j4', 'j5']));
    expect(decideRegistration(c, existing, request('p41@cc-b.fr', ['j4', 'j5']))).to.deep.equal({ status: 'waitlisted', waitlistPosition: 1 });
    existing.push(reg('p41@cc-b.fr', ['j4', 'j5'], 'waitlisted'));
    expect(decideRegistration(c, existing, request('p42@cc-b.fr', ['j4']))).to.deep.equal({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('refuses as full without a waiting list, naming the full session when the cycle itself is not', () => {
    const noList = cycle({ registration: { status: 'open', waitlist: false } });
    expect(decideRegistration(noList, crowd(40), request('p41@cc-b.fr', ['j4']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'full' },
    });
    const j5Capped = withSessionCapacity(cycle({ registration: { status: 'open', waitlist: false }, capacity: undefined }), 'j5', 2);
    expect(decideRegistration(j5Capped, crowd(2), request('p3@cc-b.fr', ['j4', 'j5']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'full', sessionId: 'j5' },
    });
    expect(decideRegistration(j5Capped, crowd(2), request('p3@cc-b.fr', ['j4']))).to.deep.equal({ status: 'confirmed' });
  });

  it('needs no new cycle seat for someone already in the cycle: a full cycle still takes them on the bonus day', () => {
    const existing = crowd(40);
    expect(decideRegistration(cycle(), existing, request('AGENT7@cc-a.fr', ['bonus']))).to.deep.equal({ status: 'confirmed' });
  });

  it('refuses when registration is closed or not open yet, by status or by date', () => {
    expect(decideRegistration(cycle({ registration: { status: 'closed' } }), [], request('a@b.fr', ['j4']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'closed' },
    });
    expect(decideRegistration(cycle({ registration: { status: 'not-open-yet' } }), [], request('a@b.fr', ['j4']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'not-open-yet' },
    });
    const dated = cycle({ registration: { status: 'open', closesAt: '2026-03-01T00:00:00+01:00' } });
    expect(decideRegistration(dated, [], request('a@b.fr', ['j4']), { now: new Date('2026-03-02T00:00:00Z') })).to.deep.equal({
      status: 'refused',
      refused: { reason: 'closed' },
    });
    expect(decideRegistration(dated, [], request('a@b.fr', ['j4']), { now: new Date('2026-02-01T00:00:00Z') }).status).to.equal('confirmed');
  });

  it('refuses unknown and cancelled sessions, and a session the same person (any case) already holds', () => {
    const c = cycle();
    expect(decideRegistration(c, [], request('a@b.fr', ['j4', 'j99']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'unknown-session', sessionId: 'j99' },
    });
    expect(decideRegistration(c, [], request('a@b.fr', ['annulee']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'session-cancelled', sessionId: 'annulee' },
    });
    const existing = [reg('anne.martin@cc-a.fr', ['j5'], 'waitlisted')];
    expect(decideRegistration(c, existing, request(' Anne.Martin@CC-A.fr', ['j4', 'j5']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'already-registered', sessionId: 'j5' },
    });
    const cancelled = [reg('anne.martin@cc-a.fr', ['j5'], 'cancelled')];
    expect(decideRegistration(c, cancelled, request('anne.martin@cc-a.fr', ['j5'])).status).to.equal('confirmed');
  });

  it("refuses a day outside the person's audience: an elected official on an agents' day, not on day 5", () => {
    const c = cycle();
    expect(decideRegistration(c, [], request('elu@mairie.fr', ['j4'], 'elected-official'))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'audience', sessionId: 'j4' },
    });
    expect(decideRegistration(c, [], request('elu@mairie.fr', ['j5'], 'elected-official'))).to.deep.equal({ status: 'confirmed' });
    expect(checkAudience(c, ['j4', 'j5', 'j99'], { function: 'elected-official' })).to.deep.equal([{ reason: 'audience', sessionId: 'j4' }]);
    expect(checkAudience(c, ['j4', 'j5'], { function: 'dgs' })).to.deep.equal([]);
  });
});

describe('rules/capacity: bonus-day eligibility', () => {
  const c = cycle();

  it('refuses the bonus day to someone not yet in the cycle', () => {
    expect(decideRegistration(c, crowd(3), request('nouvelle@cc-b.fr', ['bonus']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'not-eligible', sessionId: 'bonus' },
    });
  });

  it('does not count core days chosen in the same request', () => {
    expect(decideRegistration(c, [], request('nouvelle@cc-b.fr', ['j4', 'j5', 'bonus']))).to.deep.equal({
      status: 'refused',
      refused: { reason: 'not-eligible', sessionId: 'bonus' },
    });
  });

  it('admits a participant already registered (confirmed or waitlisted) to a core day, whatever the case of the email', () => {
    expect(decideRegistration(c, [reg('Claire.Durand@cc-b.fr', ['j4'])], request('claire.durand@CC-B.FR', ['bonus']))).to.deep.equal({
      status: 'confirmed',
    });
    expect(decideRegistration(c, [reg('claire@cc-b.fr', ['j5'], 'waitlisted')], request('claire@cc-b.fr', ['bonus'])).status).to.equal(
      'confirmed',
    );
  });

  it('does not admit on a cancelled registration, another cycle, or a registration to a restricted day only', () => {
    const other = reg('claire@cc-b.fr', ['j4'], 'confirmed', { cycleId: 'autre-cycle' });
    const cancelled = reg('claire@cc-b.fr', ['j4'], 'cancelled');
    const restrictedOnly = reg('claire@cc-b.fr', ['bonus']);
    const twoBonusDays = { ...c, sessions: [...c.sessions, { ...c.sessions[2]!, id: 'bonus-2', number: 8 }] };
    for (const existing of [other, cancelled, restrictedOnly]) {
      expect(checkEligibility(twoBonusDays, ['bonus-2'], 'claire@cc-b.fr', [existing])).to.deep.equal([
        { reason: 'not-eligible', sessionId: 'bonus-2' },
      ]);
    }
  });

  it('lists every problem, session by session, once per session', () => {
    const existing = [reg('claire@cc-b.fr', ['j5'])];
    const withCancelledBonus = { ...c, sessions: c.sessions.map((s) => (s.id === 'bonus' ? { ...s, status: 'cancelled' as const } : s)) };
    expect(checkEligibility(withCancelledBonus, ['j4', 'j5', 'x', 'bonus', 'j4'], 'nobody@cc-b.fr', existing)).to.deep.equal([
      { reason: 'unknown-session', sessionId: 'x' },
      { reason: 'session-cancelled', sessionId: 'bonus' },
      { reason: 'not-eligible', sessionId: 'bonus' },
    ]);
    expect(checkEligibility(c, ['j5', 'bonus'], 'claire@cc-b.fr', existing)).to.deep.equal([{ reason: 'already-registered', sessionId: 'j5' }]);
  });
});

describe('rules/capacity: waiting list', () => {
  it('orders by arrival instant whatever the offset, then by id, and numbers from 1', () => {
    const a = reg('a@x.fr', ['j4'], 'waitlisted', { id: 'b-later-id', createdAt: '2026-02-01T10:00:00+01:00' }); // 09:00Z
    const b = reg('b@x.fr', ['j4'], 'waitlisted', { id: 'z-first', createdAt: '2026-02-01T08:30:00Z' });
    const c = reg('c@x.fr', ['j4'], 'waitlisted', { id: 'a-same-instant', createdAt: '2026-02-01T09:00:00Z' });
    const confirmed = reg('d@x.fr', ['j4'], 'confirmed', { createdAt: '2026-01-01T00:00:00Z' });
    expect(waitlistOrder([a, confirmed, b, c]).map((e) => [e.registration.id, e.position])).to.deep.equal([
      ['z-first', 1],
      ['a-same-instant', 2],
      ['b-later-id', 3],
    ]);
  });
});

describe('rules/capacity: promoteOnCancel', () => {
  it('confirms the first person waiting when a seat frees, and renumbers the rest', () => {
    const c = cycle({ capacity: 2 });
    const regs = [
      reg('a@x.fr', ['j4'], 'confirmed', { id: 'A' }),
      reg('b@x.fr', ['j4'], 'confirmed', { id: 'B' }),
      reg('c@x.fr', ['j4'], 'waitlisted', { id: 'C', waitlistPosition: 1 }),
      reg('d@x.fr', ['j4', 'j5'], 'waitlisted', { id: 'D', waitlistPosition: 2 }),
    ];
    expect(promoteOnCancel(c, regs, 'A')).to.deep.equal({
      updates: [
        { id: 'A', status: 'cancelled' },
        { id: 'C', status: 'confirmed' },
        { id: 'D', status: 'waitlisted', waitlistPosition: 1 },
      ],
      promoted: ['C'],
    });
  });

  it('passes over someone waiting for a still-full session to confirm the next person', () => {
    const small = withSessionCapacity(cycle({ capacity: 3 }), 'bonus', 1);
    const regs = [
      reg('a@x.fr', ['j4'], 'confirmed', { id: 'A' }),
      reg('b@x.fr', ['j4'], 'confirmed', { id: 'B' }),
      reg('e@x.fr', ['j4'], 'confirmed', { id: 'E' }),
      reg('a@x.fr', ['bonus'], 'confirmed', { id: 'A-bonus' }),
      reg('b@x.fr', ['bonus'], 'waitlisted', { id: 'B-bonus', waitlistPosition: 1 }),
      reg('c@x.fr', ['j4'], 'waitlisted', { id: 'C', waitlistPosition: 2 }),
    ];
    // E leaves: a cycle seat frees, the bonus day stays full, so B waits on and C comes in.
    expect(promoteOnCancel(small, regs, 'E')).to.deep.equal({
      updates: [
        { id: 'E', status: 'cancelled' },
        { id: 'C', status: 'confirmed' },
      ],
      promoted: ['C'],
    });
    // A gives up the bonus day: B, still in the cycle, takes it.
    expect(promoteOnCancel(small, regs, 'A-bonus').promoted).to.deep.equal(['B-bonus']);
  });

  it('does not promote to a bonus day someone who just left the cycle', () => {
    const regs = [
      reg('b@x.fr', ['j4'], 'confirmed', { id: 'B' }),
      reg('b@x.fr', ['bonus'], 'waitlisted', { id: 'B-bonus', waitlistPosition: 1 }),
    ];
    // The bonus day has seats (it was full when B asked), but B's core registration is the one cancelled.
    expect(promoteOnCancel(cycle(), regs, 'B')).to.deep.equal({
      updates: [{ id: 'B', status: 'cancelled' }],
      promoted: [],
    });
  });

  it('promotes whole a waitlisted registration an organiser entered with core and bonus days together', () => {
    const c = cycle({ capacity: 1 });
    const regs = [
      reg('a@x.fr', ['j4'], 'confirmed', { id: 'A' }),
      reg('b@x.fr', ['j4', 'bonus'], 'waitlisted', { id: 'B', waitlistPosition: 1 }),
    ];
    expect(promoteOnCancel(c, regs, 'A').promoted).to.deep.equal(['B']);
  });

  it('promotes several people when one cancellation frees seats in several sessions', () => {
    const c = withSessionCapacity(cycle({ capacity: 2 }), 'bonus', 1);
    const regs = [
      reg('a@x.fr', ['j4', 'bonus'], 'confirmed', { id: 'A' }), // entered by the organiser, core and bonus at once
      reg('b@x.fr', ['j4'], 'confirmed', { id: 'B' }),
      reg('b@x.fr', ['bonus'], 'waitlisted', { id: 'B-bonus', waitlistPosition: 1 }),
      reg('c@x.fr', ['j4'], 'waitlisted', { id: 'C', waitlistPosition: 2 }),
      reg('d@x.fr', ['j4'], 'waitlisted', { id: 'D', waitlistPosition: 3 }),
    ];
    expect(promoteOnCancel(c, regs, 'A')).to.deep.equal({
      updates: [
        { id: 'A', status: 'cancelled' },
        { id: 'B-bonus', status: 'confirmed' },
        { id: 'C', status: 'confirmed' },
        { id: 'D', status: 'waitlisted', waitlistPosition: 1 },
      ],
      promoted: ['B-bonus', 'C'],
    });
  });

  it('renumbers the list when a waitlisted registration is cancelled, and changes nothing for an unknown id', () => {
    const c = cycle({ capacity: 1 });
    const regs = [
      reg('a@x.fr', ['j4'], 'confirmed', { id: 'A' }),
      reg('b@x.fr', ['j4'], 'waitlisted', { id: 'B', waitlistPosition: 1 }),
      reg('c@x.fr', ['j4'], 'waitlisted', { id: 'C', waitlistPosition: 2 }),
    ];
    expect(promoteOnCancel(c, regs, 'B')).to.deep.equal({
      updates: [
        { id: 'B', status: 'cancelled' },
        { id: 'C', status: 'waitlisted', waitlistPosition: 1 },
      ],
      promoted: [],
    });
    expect(promoteOnCancel(c, regs, 'nobody')).to.deep.equal({ updates: [], promoted: [] });
  });
});
