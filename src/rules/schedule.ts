/**
 * When sessions happen: their time span, their order in an agenda, whether they are past, and how
 * they group by month — for the three date precisions (exact day, month, unknown).
 */
import type { Cycle } from '../model/cycle.js';
import { DEFAULT_TIME_ZONE } from '../model/constants.js';
import type { ApproximateDate, Session, SessionDate } from '../model/session.js';
import { daysInMonth, nextDay, wallClock, zonedToInstant } from './time.js';

/** A half-open span of time: `start` included, `end` excluded. */
export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

type Dated = Pick<Session, 'date'>;
type Sortable = Pick<Session, 'date' | 'number' | 'title'>;

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => `${year}-${pad(month)}-01`;
const nextMonthStart = (year: number, month: number) => (month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1));

/** First and last calendar day of a month-precision date: the whole month, or its early (1–10), mid (11–20) or late (21–end) third. */
function monthPartDays(d: ApproximateDate): { first: number; last: number } {
  switch (d.part) {
    case 'early':
      return { first: 1, last: 10 };
    case 'mid':
      return { first: 11, last: 20 };
    case 'late':
      return { first: 21, last: daysInMonth(d.year, d.month) };
    default:
      return { first: 1, last: daysInMonth(d.year, d.month) };
  }
}

/**
 * The span of time a session's date covers, or `undefined` when the date is unknown.
 *
 * - exact, with times: from the start time to the end time, wall clock in the date's own time zone;
 *   with a start time only, until the end of that day (the end is not known, the day is);
 * - exact, without times: the whole day, midnight to midnight in that zone (23 or 25 hours on a
 *   DST change day);
 * - month: the whole month, or its early (1–10), mid (11–20) or late (21–end) third.
 *
 * @param timeZone the zone of month-precision dates, which carry none (exact dates carry their own).
 */
export function sessionInterval(session: Dated, timeZone: string = DEFAULT_TIME_ZONE): Interval | undefined {
  const d = session.date;
  switch (d.precision) {
    case 'exact': {
      const dayEnd = zonedToInstant(nextDay(d.date), '00:00', d.timeZone);
      if (d.startTime === undefined) return { start: zonedToInstant(d.date, '00:00', d.timeZone), end: dayEnd };
      const start = zonedToInstant(d.date, d.startTime, d.timeZone);
      return { start, end: d.endTime === undefined ? dayEnd : zonedToInstant(d.date, d.endTime, d.timeZone) };
    }
    case 'month': {
      const { first, last } = monthPartDays(d);
      const start = zonedToInstant(`${d.year}-${pad(d.month)}-${pad(first)}`, '00:00', timeZone);
      const endDate = last === daysInMonth(d.year, d.month) ? nextMonthStart(d.year, d.month) : `${d.year}-${pad(d.month)}-${pad(last + 1)}`;
      return { start, end: zonedToInstant(endDate, '00:00', timeZone) };
    }
    case 'unknown':
      return undefined;
  }
}

/**
 * The chronological key of a dated session, comparable as a string; `undefined` for an unknown date.
 *
 * An exact date is keyed by its calendar day then its start time (`2026-03-26T09:00`; a whole day,
 * `2026-03-26T`, comes before the timed sessions of that day). A month-precision date is keyed by
 * the last day of its part followed by a character that sorts after any time (`2026-06-30T~` for
 * "fin juin"), so it comes after every exact date of that part and before the next day: people read
 * "fin juin" as "some time by the end of June". Days are compared as wall-clock calendar days,
 * which is how an agenda reads them (formacoop's cycles share one zone).
 */
export function sortKey(session: Dated): string | undefined {
  const d: SessionDate = session.date;
  switch (d.precision) {
    case 'exact':
      return `${d.date}T${d.startTime ?? ''}`;
    case 'month':
      return `${d.year}-${pad(d.month)}-${pad(monthPartDays(d).last)}T~`;
    case 'unknown':
      return undefined;
  }
}

const titleCollator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** Number (numbered first), then title. */
function compareNumberTitle(a: Sortable, b: Sortable): number {
  if (a.number !== b.number) {
    if (a.number === undefined) return 1;
    if (b.number === undefined) return -1;
    return a.number - b.number;
  }
  return titleCollator.compare(a.title, b.title);
}

/**
 * A total order on sessions taken one pair at a time: by {@link sortKey} (unknown dates last), then
 * number (numbered first), then title.
 *
 * It does not place unknown-date sessions among the dated ones, because that place depends on the
 * other sessions of the list; use {@link sortSessions} for anything a person reads.
 */
export function compareSessions(a: Sortable, b: Sortable): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka !== kb) {
    if (ka === undefined) return 1;
    if (kb === undefined) return -1;
    return ka < kb ? -1 : 1;
  }
  return compareNumberTitle(a, b);
}

/**
 * The sessions in agenda order (a new array; the input is not changed). The sort is stable.
 *
 * 1. Dated sessions (exact or month precision) in {@link compareSessions} order: by day, then start
 *    time; a month-precision date after the exact dates of its month, or of its part of the month
 *    ("fin juin" after 14 June and 30 June, before 1 July); ties by number, then title.
 * 2. A session whose date is unknown but which has a number goes right after the last dated session
 *    (in the order of step 1) whose number is smaller, and before the dated session that follows it;
 *    before every dated session when none has a smaller number. So days 1–3 not yet dated come before
 *    day 4 on 26 March, and a day 5 not yet dated between day 4 and day 6. Several unknown-date
 *    sessions at the same place are ordered by number, then title.
 * 3. Sessions with neither a date nor a number go last, by title.
 */
export function sortSessions<S extends Sortable>(sessions: readonly S[]): S[] {
  const dated = sessions.filter((s) => s.date.precision !== 'unknown').sort(compareSessions);
  const unknown = sessions.filter((s) => s.date.precision === 'unknown').sort(compareNumberTitle);
  // slots[i]: the unknown-date sessions that go before dated[i]; slots[dated.length]: after all of them.
  const slots: S[][] = Array.from({ length: dated.length + 1 }, () => []);
  const unnumbered: S[] = [];
  for (const s of unknown) {
    const n = s.number;
    if (n === undefined) {
      unnumbered.push(s);
      continue;
    }
    let after = -1;
    dated.forEach((d, i) => {
      if (d.number !== undefined && d.number < n) after = i;
    });
    slots[after + 1]!.push(s);
  }
  const out: S[] = [];
  dated.forEach((d, i) => out.push(...slots[i]!, d));
  out.push(...slots[dated.length]!, ...unnumbered);
  return out;
}

/** Where a session stands in time: `unknown` when its date is. */
export type Timing = 'past' | 'ongoing' | 'upcoming' | 'unknown';

/**
 * Whether a session is past, ongoing or upcoming at `now`. The span is {@link sessionInterval}'s:
 * a session is ongoing from its start (included) to its end (excluded), so a whole-day session is
 * ongoing all that day, and a "fin juin" session from 21 June to the end of 30 June.
 */
export function timing(session: Dated, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Timing {
  // Compared as wall-clock strings in the session's zone (`2026-03-26T09:00`): the same answer as
  // comparing instants, without converting every session — an agenda of 10,000 sessions asks this
  // of each of them.
  const d = session.date;
  let start: string;
  let end: string;
  switch (d.precision) {
    case 'unknown':
      return 'unknown';
    case 'exact':
      start = `${d.date}T${d.startTime ?? '00:00'}`;
      end = d.startTime !== undefined && d.endTime !== undefined ? `${d.date}T${d.endTime}` : `${nextDay(d.date)}T00:00`;
      break;
    case 'month': {
      const { first, last } = monthPartDays(d);
      start = `${d.year}-${pad(d.month)}-${pad(first)}T00:00`;
      end = `${nextDay(`${d.year}-${pad(d.month)}-${pad(last)}`)}T00:00`;
      break;
    }
  }
  const local = wallClock(now, d.precision === 'exact' ? d.timeZone : timeZone);
  if (local < start) return 'upcoming';
  if (local >= end) return 'past';
  return 'ongoing';
}

/** Over at `now` (an unknown date is never past). */
export const isPast = (session: Dated, now: Date, timeZone?: string): boolean => timing(session, now, timeZone) === 'past';

/** Not started at `now` (an unknown date is never upcoming; an ongoing session is not upcoming). */
export const isUpcoming = (session: Dated, now: Date, timeZone?: string): boolean => timing(session, now, timeZone) === 'upcoming';

/** Sessions of one month, or the sessions whose date is unknown. */
export interface SessionGroup<S> {
  /** `YYYY-MM`, or `unknown`. Unique within the groups. */
  readonly key: string;
  readonly year?: number;
  /** 1–12. */
  readonly month?: number;
  readonly sessions: S[];
}

/**
 * Sessions grouped by month, in {@link sortSessions} order, one group per month (exact and
 * month-precision dates alike).
 *
 * Sessions whose date is unknown make one group, key `unknown`, so that keys stay unique (a list
 * renders one heading per key). It comes first when the first session in agenda order has an unknown
 * date — days 1–3 not yet dated open the cycle — and last otherwise. Within it, sessions keep their
 * agenda order.
 */
export function groupByMonth<S extends Sortable>(sessions: readonly S[]): SessionGroup<S>[] {
  const sorted = sortSessions(sessions);
  const months: SessionGroup<S>[] = [];
  const unknown: S[] = [];
  for (const s of sorted) {
    const d = s.date;
    if (d.precision === 'unknown') {
      unknown.push(s);
      continue;
    }
    const [year, month] = d.precision === 'exact' ? (d.date.split('-').map(Number) as [number, number]) : [d.year, d.month];
    const key = `${year}-${pad(month)}`;
    const last = months[months.length - 1];
    if (last?.key === key) last.sessions.push(s);
    else months.push({ key, year, month, sessions: [s] });
  }
  if (unknown.length === 0) return months;
  const group: SessionGroup<S> = { key: 'unknown', sessions: unknown };
  return sorted[0]!.date.precision === 'unknown' ? [group, ...months] : [...months, group];
}

/**
 * The next session to attend at `now`: the first, in agenda order, that is ongoing or upcoming and
 * not cancelled. Unknown dates are skipped (one cannot say they are next).
 */
export function nextSession<S extends Sortable & Pick<Session, 'status'>>(
  sessions: readonly S[],
  now: Date,
  timeZone?: string,
): S | undefined {
  return sortSessions(sessions).find((s) => {
    if (s.status === 'cancelled') return false;
    const t = timing(s, now, timeZone);
    return t === 'ongoing' || t === 'upcoming';
  });
}

/**
 * Sessions not over yet at `now` (ongoing or upcoming), in agenda order. Cancelled sessions stay,
 * so that an agenda can show them as cancelled; unknown dates are in neither this list nor
 * {@link pastSessions}.
 */
export function upcomingSessions<S extends Sortable>(sessions: readonly S[], now: Date, timeZone?: string): S[] {
  return sortSessions(sessions).filter((s) => {
    const t = timing(s, now, timeZone);
    return t === 'ongoing' || t === 'upcoming';
  });
}

/** Sessions over at `now`, in agenda order (oldest first). */
export function pastSessions<S extends Sortable>(sessions: readonly S[], now: Date, timeZone?: string): S[] {
  return sortSessions(sessions).filter((s) => timing(s, now, timeZone) === 'past');
}

/** From the first to the last known date of a cycle. */
export interface CycleSpan {
  /** The first dated session in agenda order. */
  readonly first: Session;
  /** The last dated session in agenda order. */
  readonly last: Session;
  /** The earliest start of a dated session. */
  readonly start: Date;
  /** The latest end of a dated session. */
  readonly end: Date;
}

/**
 * The span of a cycle's known dates: its first and last dated sessions (exact or month precision),
 * cancelled sessions left out. `undefined` when no session has a known date.
 */
export function cycleSpan(cycle: Pick<Cycle, 'sessions'>, timeZone?: string): CycleSpan | undefined {
  const dated = sortSessions(cycle.sessions).filter((s) => s.status !== 'cancelled' && s.date.precision !== 'unknown');
  if (dated.length === 0) return undefined;
  const spans = dated.map((s) => sessionInterval(s, timeZone)!);
  return {
    first: dated[0]!,
    last: dated[dated.length - 1]!,
    start: new Date(Math.min(...spans.map((i) => i.start.getTime()))),
    end: new Date(Math.max(...spans.map((i) => i.end.getTime()))),
  };
}
