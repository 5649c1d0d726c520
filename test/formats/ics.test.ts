import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { toICS } from '../../src/index.js';
import { cycleWith, journee4, journee5, seedCycle } from './fixtures.js';

type ICALEvent = InstanceType<typeof ICAL.Event>;

function parse(ics: string): { calendar: InstanceType<typeof ICAL.Component>; events: ICALEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

const utc = (t: InstanceType<typeof ICAL.Time>) => t.toJSDate().toISOString();
const physicalLines = (ics: string) => ics.split('\r\n').slice(0, -1);
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const octets = (s: string) => new TextEncoder().encode(s).length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const allDay = {
  id: 'j3',
  number: 3,
  title: 'Coopérer entre collectivités',
  date: { precision: 'exact', date: '2026-02-12' },
  venueId: 'cnfpt-albi',
};

describe('formats: iCalendar', () => {
  const now = new Date('2026-03-01T10:20:30.456Z');

  it('writes the calendar header and one event per exactly dated session, reporting the others', () => {
    const { ics, events, skipped } = toICS(seedCycle(), { now });
    expect(events).to.equal(2);
    expect(skipped).to.deep.equal([
      { sessionId: 'j6', reason: 'date-not-exact' },
      { sessionId: 'eval', reason: 'date-not-exact' },
    ]);
    const lines = physicalLines(unfold(ics));
    expect(lines.slice(0, 7)).to.deep.equal([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//formacoop//formacoop 0.1//FR',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'NAME:Management par la Coopération',
      'X-WR-CALNAME:Management par la Coopération',
    ]);
    expect(lines.at(-1)).to.equal('END:VCALENDAR');
    expect(ics.endsWith('END:VCALENDAR\r\n')).to.equal(true);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).to.have.length(2);
    expect(lines).to.include('DTSTAMP:20260301T102030Z');
  });

  it('gives every event its summary, start, end and location, as ical.js reads them', () => {
    const cycle = cycleWith({ sessions: [allDay, journee4, journee5] });
    const { ics } = toICS(cycle, { now });
    const { events } = parse(ics);
    expect(events.map((e) => e.summary)).to.deep.equal([
      'Journée 3 — Coopérer entre collectivités',
      'Journée 4 — Manager les projets dans la transversalité et la coopération',
      'Journée 5 — Piloter et faire évoluer collectivement nos collectivités',
    ]);
    expect(events.map((e) => e.location)).to.deep.equal([
      'Locaux du CNFPT, Albi',
      "La Halle d'Alban, 1 place de l'Exemple, 81250 Alban",
      "Cap'Découverte, 81450 Le Garric",
    ]);

    const [day3, day4, day5] = events as [ICALEvent, ICALEvent, ICALEvent];
    // All-day: a DATE start and the next day as the (exclusive) end.
    expect(day3.startDate.isDate).to.equal(true);
    expect(day3.startDate.toString()).to.equal('2026-02-12');
    expect(day3.endDate.toString()).to.equal('2026-02-13');
    expect(unfold(ics)).to.contain('DTSTART;VALUE=DATE:20260212\r\nDTEND;VALUE=DATE:20260213\r\n');

    // Timed: local Paris time with TZID, resolved through the file's own VTIMEZONE.
    expect(day4.startDate.zone.tzid).to.equal('Europe/Paris');
    expect(utc(day4.startDate)).to.equal('2026-03-26T08:00:00.000Z'); // winter, +01:00
    expect(utc(day4.endDate)).to.equal('2026-03-26T15:30:00.000Z');
    expect(utc(day5.startDate)).to.equal('2026-05-14T07:00:00.000Z'); // summer, +02:00
    expect(utc(day5.endDate)).to.equal('2026-05-14T15:00:00.000Z');
    expect(unfold(ics)).to.contain('DTSTART;TZID=Europe/Paris:20260514T090000\r\nDTEND;TZID=Europe/Paris:20260514T170000\r\n');
    expect(unfold(ics).match(/BEGIN:VTIMEZONE/g)).to.have.length(1);
  });

  it('applies both Paris offsets of the VTIMEZONE around the March and October changes', () => {
    const at = (id: string, date: string) => ({ id, title: id, date: { precision: 'exact', date, startTime: '09:00' } });
    // 2026: summer time from Sunday 29 March to Sunday 25 October.
    const cycle = cycleWith({ sessions: [at('a', '2026-03-28'), at('b', '2026-03-30'), at('c', '2026-10-24'), at('d', '2026-10-26')] });
    const { events } = parse(toICS(cycle, { now }).ics);
    expect(events.map((e) => utc(e.startDate))).to.deep.equal([
      '2026-03-28T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-10-24T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('adds the geo point, URL, status and the programme as description', () => {
    const { ics } = toICS(seedCycle(), { now, categories: ['Formation', 'Management'] });
    const { events } = parse(ics);
    const day4 = events[0]!;
    expect(day4.component.getFirstPropertyValue('geo')).to.deep.equal([43.8906, 2.4626]);
    expect(day4.component.getFirstPropertyValue('url')).to.equal('https://example.org/formations/management-cooperation');
    expect(day4.component.getFirstPropertyValue('status')).to.equal('CONFIRMED');
    expect(day4.component.getFirstProperty('categories')!.getValues()).to.deep.equal(['Formation', 'Management']);
    expect(day4.description).to.equal(
      [
        'Management par la Coopération',
        '',
        'Programme :',
        "• 09:00–10:30 Travaux sur le schéma de gouvernance d'un projet",
        '• Apports théoriques pour faire émerger les conditions de la coopération',
        '• Retour d’expérience sur le Design de Services',
        '',
        'Accès : Parking sur la place',
      ].join('\n'),
    );
  });

  it('folds lines at 75 octets without splitting a character, and unfolds to the original text', () => {
    const title = 'Élu·es & agent·es : « coopérer » 🌱🤝🏽 '.repeat(6).trim();
    const cycle = cycleWith({ title: 'Cycle « coopération » 🌍', sessions: [{ ...journee5, title }] });
    const { ics } = toICS(cycle, { now });
    const lines = physicalLines(ics);
    expect(lines.some((l) => l.startsWith(' ')), 'some line is folded').to.equal(true);
    lines.forEach((line, i) => {
      expect(line, 'no bare CR or LF').not.to.match(/[\r\n]/);
      expect(octets(line), line).to.be.at.most(75);
      expect(LONE_SURROGATE.test(line), `line ${i} splits a character`).to.equal(false);
      // A fold happens only when the next character would not fit: the line is as full as it can be.
      if (lines[i + 1]?.startsWith(' ')) expect(octets(line), line).to.be.at.least(72);
    });
    const { calendar, events } = parse(ics);
    expect(events[0]!.summary).to.equal(`Journée 5 — ${title}`);
    expect(events[0]!.description).to.contain(journee5.description);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).to.equal('Cycle « coopération » 🌍');
  });

  it('escapes backslashes, semicolons, commas and line breaks so they round-trip', () => {
    const title = 'Outils; méthodes, et C:\\partage\\outils';
    const description = 'Première ligne;\nseconde, avec \\n littéral\r\ntroisième';
    const cycle = cycleWith({ sessions: [{ ...journee4, title, description, programme: [] }] });
    const { ics } = toICS(cycle, { now });
    expect(unfold(ics)).to.contain('SUMMARY:Journée 4 — Outils\\; méthodes\\, et C:\\\\partage\\\\outils\r\n');
    const event = parse(ics).events[0]!;
    expect(event.summary).to.equal(`Journée 4 — ${title}`);
    expect(event.description).to.equal(
      `Management par la Coopération\n\n${description.replace('\r\n', '\n')}\n\nAccès : Parking sur la place`,
    );
  });

  it('gives stable UIDs across exports, and a new DTSTAMP', () => {
    const first = toICS(seedCycle(), { now });
    const second = toICS(seedCycle(), { now: new Date('2026-04-02T08:00:00Z') });
    const uids = (ics: string) => parse(ics).events.map((e) => e.uid);
    expect(uids(first.ics)).to.deep.equal(['j4+mpc-2026@formacoop.invalid', 'j5+mpc-2026@formacoop.invalid']);
    expect(uids(second.ics)).to.deep.equal(uids(first.ics));
    expect(second.ics).to.contain('DTSTAMP:20260402T080000Z');
    expect(uids(toICS(seedCycle(), { now, uidDomain: 'cc-exemple.fr' }).ics)[0]).to.equal('j4+mpc-2026@cc-exemple.fr');
  });

  it('keeps cancelled sessions as CANCELLED and postponed ones as TENTATIVE', () => {
    const cycle = cycleWith({
      sessions: [
        { ...journee4, status: 'cancelled' },
        { ...journee5, status: 'postponed' },
      ],
    });
    const { events, skipped, ics } = toICS(cycle, { now });
    expect(events).to.equal(2);
    expect(skipped).to.deep.equal([]);
    expect(parse(ics).events.map((e) => e.component.getFirstPropertyValue('status'))).to.deep.equal(['CANCELLED', 'TENTATIVE']);
  });

  it('exports only the requested sessions and reports an unknown id', () => {
    const { ics, events, skipped } = toICS(seedCycle(), { now, sessionIds: ['j5', 'nope', 'j6'] });
    expect(events).to.equal(1);
    expect(parse(ics).events.map((e) => e.uid)).to.deep.equal(['j5+mpc-2026@formacoop.invalid']);
    expect(skipped).to.deep.equal([
      { sessionId: 'nope', reason: 'unknown-session' },
      { sessionId: 'j6', reason: 'date-not-exact' },
    ]);
  });

  it('writes another zone in UTC, a start without end as a point in time, and no VTIMEZONE when unused', () => {
    const cycle = cycleWith({
      sessions: [
        {
          id: 'guyane',
          title: 'Retour d’expérience depuis Cayenne',
          date: { precision: 'exact', date: '2026-04-02', startTime: '14:00', endTime: '15:30', timeZone: 'America/Cayenne' },
          attendanceMode: 'online',
          onlineUrl: 'https://visio.example.org/mpc',
        },
        allDay,
      ],
    });
    const { ics } = toICS(cycle, { now });
    const text = unfold(ics);
    expect(text).to.contain('DTSTART:20260402T170000Z\r\nDTEND:20260402T183000Z\r\n');
    expect(text).not.to.contain('VTIMEZONE');
    const [online] = parse(ics).events;
    expect(utc(online!.startDate)).to.equal('2026-04-02T17:00:00.000Z');
    expect(online!.location).to.equal('https://visio.example.org/mpc');
    expect(online!.description).to.contain('En ligne : https://visio.example.org/mpc');

    const startOnly = cycleWith({ sessions: [{ ...journee5, date: { precision: 'exact', date: '2026-05-14', startTime: '14:00' } }] });
    const point = toICS(startOnly, { now }).ics;
    expect(unfold(point)).to.contain('DTSTART;TZID=Europe/Paris:20260514T140000\r\nSUMMARY:');
    expect(point).not.to.contain('DTEND');
    const event = parse(point).events[0]!;
    expect(utc(event.endDate)).to.equal('2026-05-14T12:00:00.000Z');
  });

  it('writes a Paris time in UTC when the VTIMEZONE rules do not apply to it (1995: summer time ended in September)', () => {
    const cycle = cycleWith({ sessions: [{ id: 'old', title: 'Archive', date: { precision: 'exact', date: '1995-10-01', startTime: '09:00' } }] });
    const { ics } = toICS(cycle, { now });
    expect(unfold(ics)).to.contain('DTSTART:19951001T080000Z\r\n');
    expect(ics).not.to.contain('VTIMEZONE');
  });

  it('uses English words for an English cycle', () => {
    const cycle = cycleWith({ lang: 'en', sessions: [journee4] });
    const event = parse(toICS(cycle, { now }).ics).events[0]!;
    expect(event.summary).to.equal('Day 4 — Manager les projets dans la transversalité et la coopération');
    expect(event.description).to.contain('\nProgramme:\n');
    expect(event.description).to.contain('Getting there: Parking sur la place');
  });
});
