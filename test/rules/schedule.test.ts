import { expect } from '@open-wc/testing';
import {
  compareSessions,
  cycleSpan,
  groupByMonth,
  isPast,
  isUpcoming,
  nextSession,
  parseCycle,
  pastSessions,
  sessionInterval,
  sortKey,
  sortSessions,
  timing,
  upcomingSessions,
  type Session,
} from '../../src/index.js';

const base = { formatVersion: 1, type: 'cycle', id: 'management-cooperation', title: 'Management par la Coopération', audience: { kinds: ['agents'] } };

/** Sessions parsed through the real schema, in the order given. */
function sessions(input: unknown[]): Session[] {
  return parseCycle({ ...base, sessions: input }).sessions;
}
const ids = (list: readonly Pick<Session, 'id'>[]) => list.map((s) => s.id);
const unknown = { precision: 'unknown' };
const exact = (date: string, startTime?: string, endTime?: string) => ({ precision: 'exact', date, startTime, endTime });

/** The seed cycle: days 1–3 not dated by the source, day 4 on 26 March, day 5 on 14 May, a bonus day "fin juin". */
const seed = () =>
  sessions([
    { id: 'j6-bonus', number: 6, title: 'Journée bonus', bonus: true, date: { precision: 'month', year: 2026, month: 6, part: 'late', label: 'fin juin' } },
    { id: 'j4', number: 4, title: 'Journée 4 — La Halle d’Alban', date: exact('2026-03-26', '09:00', '17:00') },
    { id: 'j2', number: 2, title: 'Journée 2', date: unknown },
    { id: 'j5', number: 5, title: 'Journée 5 — Cap’Découverte', date: exact('2026-05-14', '09:00', '17:00') },
    { id: 'j1', number: 1, title: 'Journée 1', date: unknown },
    { id: 'j3', number: 3, title: 'Journée 3', date: unknown },
  ]);

describe('rules/schedule: sessionInterval', () => {
  it('turns Paris wall-clock times into instants on both sides of the DST change', () => {
    const [j4, j5] = sessions([
      { id: 'j4', title: 'J4', date: exact('2026-03-26', '09:00', '17:00') },
      { id: 'j5', title: 'J5', date: exact('2026-05-14', '09:00', '17:30') },
    ]);
    const i4 = sessionInterval(j4!)!;
    expect(i4.start.toISOString()).to.equal('2026-03-26T08:00:00.000Z');
    expect(i4.end.toISOString()).to.equal('2026-03-26T16:00:00.000Z');
    const i5 = sessionInterval(j5!)!;
    expect(i5.start.toISOString()).to.equal('2026-05-14T07:00:00.000Z');
    expect(i5.end.toISOString()).to.equal('2026-05-14T15:30:00.000Z');
  });

  it('covers the whole day without times (23 hours on the spring-forward day), and the rest of the day with a start only', () => {
    const [day, dst, startOnly, montreal] = sessions([
      { id: 'a', title: 'A', date: exact('2026-03-26') },
      { id: 'b', title: 'B', date: exact('2026-03-29') },
      { id: 'c', title: 'C', date: exact('2026-03-26', '14:00') },
      { id: 'd', title: 'D', date: { precision: 'exact', date: '2026-03-26', startTime: '09:00', timeZone: 'America/Montreal' } },
    ]);
    const a = sessionInterval(day!)!;
    expect([a.start.toISOString(), a.end.toISOString()]).to.deep.equal(['2026-03-25T23:00:00.000Z', '2026-03-26T23:00:00.000Z']);
    const b = sessionInterval(dst!)!;
    expect(b.start.toISOString()).to.equal('2026-03-28T23:00:00.000Z');
    expect(b.end.toISOString()).to.equal('2026-03-29T22:00:00.000Z');
    expect((b.end.getTime() - b.start.getTime()) / 3_600_000).to.equal(23);
    const c = sessionInterval(startOnly!)!;
    expect([c.start.toISOString(), c.end.toISOString()]).to.deep.equal(['2026-03-26T13:00:00.000Z', '2026-03-26T23:00:00.000Z']);
    // A date carries its own zone: 09:00 in Montreal (EDT, UTC−4) that day.
    expect(sessionInterval(montreal!)!.start.toISOString()).to.equal('2026-03-26T13:00:00.000Z');
  });

  it('spans a month, or its early / mid / late part, and nothing for an unknown date', () => {
    const [june, early, mid, late, feb, dec, none] = sessions([
      { id: 'june', title: 'juin', date: { precision: 'month', year: 2026, month: 6 } },
      { id: 'early', title: 'début juin', date: { precision: 'month', year: 2026, month: 6, part: 'early' } },
      { id: 'mid', title: 'mi-juin', date: { precision: 'month', year: 2026, month: 6, part: 'mid' } },
      { id: 'late', title: 'fin juin', date: { precision: 'month', year: 2026, month: 6, part: 'late' } },
      { id: 'feb', title: 'fin février', date: { precision: 'month', year: 2028, month: 2, part: 'late' } },
      { id: 'dec', title: 'décembre', date: { precision: 'month', year: 2026, month: 12 } },
      { id: 'none', title: 'à définir', date: unknown },
    ]);
    const iso = (s: Session | undefined) => {
      const i = sessionInterval(s!)!;
      return [i.start.toISOString(), i.end.toISOString()];
    };
    expect(iso(june)).to.deep.equal(['2026-05-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z']);
    expect(iso(early)).to.deep.equal(['2026-05-31T22:00:00.000Z', '2026-06-10T22:00:00.000Z']);
    expect(iso(mid)).to.deep.equal(['2026-06-10T22:00:00.000Z', '2026-06-20T22:00:00.000Z']);
    expect(iso(late)).to.deep.equal(['2026-06-20T22:00:00.000Z', '2026-06-30T22:00:00.000Z']);
    // 2028 is a leap year: "fin février" runs to the 29th; winter time, UTC+1.
    expect(iso(feb)).to.deep.equal(['2028-02-20T23:00:00.000Z', '2028-02-29T23:00:00.000Z']);
    expect(iso(dec)).to.deep.equal(['2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(sessionInterval(none!)).to.equal(undefined);
    // Month dates carry no zone; the caller may give one.
    expect(sessionInterval(june!, 'UTC')!.start.toISOString()).to.equal('2026-06-01T00:00:00.000Z');
  });
});

describe('rules/schedule: sorting', () => {
  it('orders the seed cycle: undated days 1–3, then 26 March, 14 May, and "fin juin"', () => {
    expect(ids(sortSessions(seed()))).to.deep.equal(['j1', 'j2', 'j3', 'j4', 'j5', 'j6-bonus']);
  });

  it('puts "fin juin" after 14 June and 30 June but before 1 July; "mi-juin" between the 20th and the 21st', () => {
    const list = sessions([
      { id: 'jul-1', title: 'x', date: exact('2026-07-01', '09:00') },
      { id: 'fin-juin', title: 'x', date: { precision: 'month', year: 2026, month: 6, part: 'late' } },
      { id: 'jun-30', title: 'x', date: exact('2026-06-30', '18:00') },
      { id: 'mi-juin', title: 'x', date: { precision: 'month', year: 2026, month: 6, part: 'mid' } },
      { id: 'jun-21', title: 'x', date: exact('2026-06-21') },
      { id: 'jun-20', title: 'x', date: exact('2026-06-20', '23:30') },
      { id: 'debut-juin', title: 'x', date: { precision: 'month', year: 2026, month: 6, part: 'early' } },
      { id: 'jun-14', title: 'x', date: exact('2026-06-14', '09:00') },
      { id: 'jun-10', title: 'x', date: exact('2026-06-10', '09:00') },
      { id: 'jun-11', title: 'x', date: exact('2026-06-11', '09:00') },
    ]);
    expect(ids(sortSessions(list))).to.deep.equal([
      'jun-10', 'debut-juin', 'jun-11', 'jun-14', 'jun-20', 'mi-juin', 'jun-21', 'jun-30', 'fin-juin', 'jul-1',
    ]);
  });

  it('orders one day by start time, a whole day first, and equal times by number then title', () => {
    const list = sessions([
      { id: 'pm', title: 'Après-midi', date: exact('2026-03-26', '14:00', '17:00') },
      { id: 'b', number: 2, title: 'B', date: exact('2026-03-26', '09:00') },
      { id: 'whole', title: 'Toute la journée', date: exact('2026-03-26') },
      { id: 'z', title: 'Zèbre', date: exact('2026-03-26', '09:00') },
      { id: 'a', title: 'Atelier', date: exact('2026-03-26', '09:00') },
      { id: 'a1', number: 1, title: 'Zorro', date: exact('2026-03-26', '09:00') },
      { id: 'before', title: 'Veille', date: exact('2026-03-25', '18:00') },
    ]);
    expect(ids(sortSessions(list))).to.deep.equal(['before', 'whole', 'a1', 'b', 'a', 'z', 'pm']);
  });

  it('places an undated numbered day after the last dated day with a smaller number, unnumbered ones last', () => {
    const list = sessions([
      { id: 'extra', title: 'Rencontre à programmer', date: unknown },
      { id: 'j7', number: 7, title: 'Journée 7', date: unknown },
      { id: 'j6', number: 6, title: 'Journée 6', date: exact('2026-09-10') },
      { id: 'j5', number: 5, title: 'Journée 5', date: unknown },
      { id: 'j4', number: 4, title: 'Journée 4', date: exact('2026-03-26') },
      { id: 'j0', number: 0, title: 'Réunion de lancement', date: unknown },
      { id: 'autre', title: 'Atelier à programmer', date: unknown },
    ]);
    expect(ids(sortSessions(list))).to.deep.equal(['j0', 'j4', 'j5', 'j6', 'j7', 'autre', 'extra']);
  });

  it('follows agenda order, not numbers, when numbers and dates disagree: day 3 goes after every smaller number', () => {
    // Day 2 was moved after day 1's date; undated day 3 must come after both.
    const list = sessions([
      { id: 'j3', number: 3, title: 'J3', date: unknown },
      { id: 'j1', number: 1, title: 'J1', date: exact('2026-05-01') },
      { id: 'j2', number: 2, title: 'J2', date: exact('2026-04-01') },
      { id: 'j9', number: 9, title: 'J9', date: exact('2026-04-15') },
    ]);
    expect(ids(sortSessions(list))).to.deep.equal(['j2', 'j9', 'j1', 'j3']);
  });

  it('is stable and leaves its input alone', () => {
    const list = sessions([
      { id: 'first', title: 'Même titre', date: exact('2026-03-26') },
      { id: 'second', title: 'Même titre', date: exact('2026-03-26') },
      { id: 'u1', title: 'À venir', date: unknown },
      { id: 'u2', title: 'À venir', date: unknown },
      { id: 'early', title: 'Avant', date: exact('2026-01-05') },
    ]);
    expect(ids(sortSessions(list))).to.deep.equal(['early', 'first', 'second', 'u1', 'u2']);
    expect(ids(list)).to.deep.equal(['first', 'second', 'u1', 'u2', 'early']);
  });

  it('gives comparable keys and a pairwise order with unknown dates last', () => {
    const [j6, j4, j2] = seed();
    expect(sortKey(j4!)).to.equal('2026-03-26T09:00');
    expect(sortKey(j6!)).to.equal('2026-06-30T~');
    expect(sortKey(j2!)).to.equal(undefined);
    expect(compareSessions(j4!, j6!)).to.be.lessThan(0);
    expect(compareSessions(j6!, j4!)).to.be.greaterThan(0);
    expect(compareSessions(j2!, j4!)).to.be.greaterThan(0);
    expect(compareSessions(j4!, j4!)).to.equal(0);
  });
});

describe('rules/schedule: timing', () => {
  const [j4] = sessions([{ id: 'j4', title: 'J4', date: exact('2026-03-26', '09:00', '17:00') }]);
  const [late] = sessions([{ id: 'late', title: 'fin juin', date: { precision: 'month', year: 2026, month: 6, part: 'late' } }]);
  const [none] = sessions([{ id: 'none', title: '?', date: unknown }]);
  const at = (iso: string) => new Date(iso);

  it('is upcoming before the start, ongoing from the start to just before the end, past from the end', () => {
    expect(timing(j4!, at('2026-03-26T07:59:59.999Z'))).to.equal('upcoming');
    expect(timing(j4!, at('2026-03-26T08:00:00.000Z'))).to.equal('ongoing');
    expect(timing(j4!, at('2026-03-26T15:59:59.999Z'))).to.equal('ongoing');
    expect(timing(j4!, at('2026-03-26T16:00:00.000Z'))).to.equal('past');
    expect(isUpcoming(j4!, at('2026-03-01T00:00:00Z'))).to.equal(true);
    expect(isUpcoming(j4!, at('2026-03-26T10:00:00Z'))).to.equal(false);
    expect(isPast(j4!, at('2026-03-26T10:00:00Z'))).to.equal(false);
    expect(isPast(j4!, at('2026-03-27T00:00:00Z'))).to.equal(true);
  });

  it('treats "fin juin" as ongoing from 21 June to the end of 30 June, Paris time', () => {
    expect(timing(late!, at('2026-06-20T21:59:59.999Z'))).to.equal('upcoming');
    expect(timing(late!, at('2026-06-20T22:00:00.000Z'))).to.equal('ongoing');
    expect(timing(late!, at('2026-06-30T21:59:59.999Z'))).to.equal('ongoing');
    expect(timing(late!, at('2026-06-30T22:00:00.000Z'))).to.equal('past');
  });

  it('never calls an unknown date past or upcoming', () => {
    expect(timing(none!, at('2030-01-01T00:00:00Z'))).to.equal('unknown');
    expect(isPast(none!, at('2030-01-01T00:00:00Z'))).to.equal(false);
    expect(isUpcoming(none!, at('2000-01-01T00:00:00Z'))).to.equal(false);
  });
});

describe('rules/schedule: groups and lists', () => {
  it('groups by month with a leading "unknown" group when undated days open the cycle', () => {
    const groups = groupByMonth(seed());
    expect(groups.map((g) => [g.key, g.year, g.month, ids(g.sessions)])).to.deep.equal([
      ['unknown', undefined, undefined, ['j1', 'j2', 'j3']],
      ['2026-03', 2026, 3, ['j4']],
      ['2026-05', 2026, 5, ['j5']],
      ['2026-06', 2026, 6, ['j6-bonus']],
    ]);
  });

  it('puts month-precision dates in their month and the undated sessions in one trailing group otherwise', () => {
    const groups = groupByMonth(
      sessions([
        { id: 'fin-juin', number: 3, title: 'x', date: { precision: 'month', year: 2026, month: 6, part: 'late' } },
        { id: 'j2', number: 2, title: 'x', date: exact('2026-06-14') },
        { id: 'j1', number: 1, title: 'x', date: exact('2025-12-04') },
        { id: 'later', title: 'x', date: unknown },
        { id: 'j4', number: 4, title: 'x', date: unknown },
      ]),
    );
    expect(groups.map((g) => [g.key, ids(g.sessions)])).to.deep.equal([
      ['2025-12', ['j1']],
      ['2026-06', ['j2', 'fin-juin']],
      ['unknown', ['j4', 'later']],
    ]);
    expect(groupByMonth([])).to.deep.equal([]);
  });

  it('keeps group keys unique when an undated day falls between two days of one month', () => {
    const groups = groupByMonth(
      sessions([
        { id: 'j1', number: 1, title: 'x', date: exact('2026-03-02') },
        { id: 'j2', number: 2, title: 'x', date: unknown },
        { id: 'j3', number: 3, title: 'x', date: exact('2026-03-30') },
      ]),
    );
    expect(groups.map((g) => [g.key, ids(g.sessions)])).to.deep.equal([
      ['2026-03', ['j1', 'j3']],
      ['unknown', ['j2']],
    ]);
  });

  it('finds the next session, ongoing included, cancelled and undated ones skipped', () => {
    const list = seed();
    expect(nextSession(list, new Date('2026-01-01T00:00:00Z'))?.id).to.equal('j4');
    expect(nextSession(list, new Date('2026-03-26T12:00:00Z'))?.id).to.equal('j4');
    expect(nextSession(list, new Date('2026-03-26T16:00:00Z'))?.id).to.equal('j5');
    expect(nextSession(list, new Date('2026-06-25T12:00:00Z'))?.id).to.equal('j6-bonus');
    expect(nextSession(list, new Date('2026-07-01T00:00:00Z'))).to.equal(undefined);
    const cancelled = list.map((s) => (s.id === 'j5' ? { ...s, status: 'cancelled' as const } : s));
    expect(nextSession(cancelled, new Date('2026-04-01T00:00:00Z'))?.id).to.equal('j6-bonus');
  });

  it('lists upcoming (with ongoing) and past sessions in agenda order, undated in neither', () => {
    const list = seed();
    const now = new Date('2026-05-14T10:00:00Z');
    expect(ids(upcomingSessions(list, now))).to.deep.equal(['j5', 'j6-bonus']);
    expect(ids(pastSessions(list, now))).to.deep.equal(['j4']);
    expect(ids(pastSessions(list, new Date('2026-07-01T00:00:00Z')))).to.deep.equal(['j4', 'j5', 'j6-bonus']);
  });

  it('spans a cycle from its first to its last known date, cancelled days left out', () => {
    const cycle = parseCycle({ ...base, sessions: seed() });
    const span = cycleSpan(cycle)!;
    expect(span.first.id).to.equal('j4');
    expect(span.last.id).to.equal('j6-bonus');
    expect(span.start.toISOString()).to.equal('2026-03-26T08:00:00.000Z');
    expect(span.end.toISOString()).to.equal('2026-06-30T22:00:00.000Z');

    const withoutBonus = { sessions: cycle.sessions.map((s) => (s.bonus ? { ...s, status: 'cancelled' as const } : s)) };
    expect(cycleSpan(withoutBonus)!.last.id).to.equal('j5');
    expect(cycleSpan(withoutBonus)!.end.toISOString()).to.equal('2026-05-14T15:00:00.000Z');
    expect(cycleSpan({ sessions: cycle.sessions.filter((s) => s.date.precision === 'unknown') })).to.equal(undefined);
  });
});
