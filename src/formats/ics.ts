/**
 * A cycle's sessions as an iCalendar file (RFC 5545), for "add to my calendar" and for calendar
 * subscriptions.
 *
 * - One VEVENT per session whose date is exact. A session known only by its month, or not at all,
 *   cannot be placed in a calendar: it is left out and reported in `skipped`.
 * - Cancelled sessions are kept, with STATUS:CANCELLED, so that a calendar which imported or
 *   subscribed to them earlier learns of the cancellation instead of silently keeping the day.
 *   Postponed sessions are STATUS:TENTATIVE.
 * - A day without times is an all-day event (DTEND is the next day, exclusive).
 * - A start time without an end time gives no DTEND: RFC 5545 (3.6.1) then reads the event as
 *   starting at that time, and formacoop does not invent an end the source does not state.
 * - Times in Europe/Paris are written as local times with TZID and the file carries the Paris
 *   VTIMEZONE. Times in any other zone are written in UTC (`…Z`), computed with the runtime's
 *   time-zone data: no VTIMEZONE to get wrong. A Paris time on which the VTIMEZONE's rules and the
 *   runtime disagree (before 1996, or if the EU rules change) is written in UTC as well.
 * - UIDs are `<sessionId>+<cycleId>@<uidDomain>`: stable across exports, so a new export updates
 *   the events instead of duplicating them. `+` cannot occur in an id, whereas `.` can, so two
 *   different pairs never give the same UID.
 */
import type { Cycle } from '../model/cycle.js';
import { toLocale, type Locale } from '../model/messages.js';
import type { ExactDate, Session } from '../model/session.js';
import type { Venue } from '../model/venue.js';
import { venueOf } from '../rules/lookup.js';
import { daysInMonth, nextDay, offsetMinutes, zonedToInstant } from '../rules/time.js';
import { sessionHeading } from './labels.js';

export interface ICSOptions {
  /** When the file is written (DTSTAMP). Default: now. */
  readonly now?: Date;
  /** The right-hand side of the UIDs: the publisher's domain. Default `formacoop.invalid`. */
  readonly uidDomain?: string;
  /** The page of the cycle (URL of each event), absolute http(s) or a `RangeError`/`TypeError`. Default: the cycle's `url`. */
  readonly url?: string;
  /** Export only these sessions (an agenda's "add this session to my calendar"). */
  readonly sessionIds?: readonly string[];
  /** Language of the words formacoop adds ("Journée 4", "Programme :"). Default: from the cycle's `lang`. */
  readonly locale?: Locale;
  /** CATEGORIES of every event, e.g. `['Formation']`. */
  readonly categories?: readonly string[];
}

export type ICSSkipReason =
  /** The session has only a month or no date: no calendar can place it. */
  | 'date-not-exact'
  /** An id of `options.sessionIds` that is not one of the cycle's sessions. */
  | 'unknown-session';

export interface ICSSkippedSession {
  readonly sessionId: string;
  readonly reason: ICSSkipReason;
}

export interface ICSResult {
  /** The iCalendar text, CRLF line endings, lines folded at 75 octets. */
  readonly ics: string;
  /**
   * How many VEVENTs it holds. With 0 the text is still written, but RFC 5545 wants at least one
   * component in a calendar: do not offer such a file for download.
   */
  readonly events: number;
  readonly skipped: readonly ICSSkippedSession[];
}

export const ICS_PRODID = '-//formacoop//formacoop 0.1//FR';
export const DEFAULT_UID_DOMAIN = 'formacoop.invalid';

const CRLF = '\r\n';
const PARIS = 'Europe/Paris';

const WORDS: Record<Locale, { programme: string; online: string; access: string }> = {
  fr: { programme: 'Programme :', online: 'En ligne :', access: 'Accès :' },
  en: { programme: 'Programme:', online: 'Online:', access: 'Getting there:' },
};

/** Europe/Paris as the EU has defined summer time since 1996. */
const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${PARIS}`,
  `X-LIC-LOCATION:${PARIS}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** Writes a cycle's exactly dated sessions as an iCalendar file. */
export function toICS(cycle: Cycle, options: ICSOptions = {}): ICSResult {
  const locale = options.locale ?? toLocale(cycle.lang);
  const uidDomain = options.uidDomain ?? DEFAULT_UID_DOMAIN;
  const dtstamp = utcDateTime(options.now ?? new Date());
  const url = options.url ?? cycle.url;
  const href = url === undefined ? undefined : absoluteHttpUrl(url);

  const skipped: ICSSkippedSession[] = [];
  let sessions = cycle.sessions;
  if (options.sessionIds) {
    const wanted = new Set(options.sessionIds);
    const known = new Set(sessions.map((s) => s.id));
    for (const id of wanted) if (!known.has(id)) skipped.push({ sessionId: id, reason: 'unknown-session' });
    sessions = sessions.filter((s) => wanted.has(s.id));
  }

  const events: string[][] = [];
  let usesParis = false;
  for (const session of sessions) {
    if (session.date.precision !== 'exact') {
      skipped.push({ sessionId: session.id, reason: 'date-not-exact' });
      continue;
    }
    const times = eventTimes(session.date);
    usesParis ||= times.usesParis;
    const lines = [
      'BEGIN:VEVENT',
      `UID:${escapeText(`${session.id}+${cycle.id}@${uidDomain}`)}`,
      `DTSTAMP:${dtstamp}`,
      ...times.lines,
      `SUMMARY:${escapeText(sessionHeading(session, locale))}`,
    ];
    const description = describe(cycle, session, locale);
    if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
    const venue = venueOf(cycle, session);
    const location = venue ? venueText(venue) : session.attendanceMode !== 'in-person' ? session.onlineUrl : undefined;
    if (location) lines.push(`LOCATION:${escapeText(location)}`);
    if (venue?.geo) lines.push(`GEO:${decimal(venue.geo.lat)};${decimal(venue.geo.lon)}`);
    if (href) lines.push(`URL:${href}`);
    lines.push(`STATUS:${STATUS[session.status]}`);
    if (options.categories?.length) lines.push(`CATEGORIES:${options.categories.map(escapeText).join(',')}`);
    lines.push('END:VEVENT');
    events.push(lines);
  }

  const calendar = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    // NAME is RFC 7986; X-WR-CALNAME is what Apple, Google and Outlook read.
    `NAME:${escapeText(cycle.title)}`,
    `X-WR-CALNAME:${escapeText(cycle.title)}`,
    ...(usesParis ? PARIS_VTIMEZONE : []),
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return { ics: calendar.map(foldLine).join(CRLF) + CRLF, events: events.length, skipped };
}

const STATUS: Record<Session['status'], string> = {
  scheduled: 'CONFIRMED',
  cancelled: 'CANCELLED',
  postponed: 'TENTATIVE',
};

function eventTimes(d: ExactDate): { lines: string[]; usesParis: boolean } {
  if (d.startTime === undefined) {
    return {
      lines: [`DTSTART;VALUE=DATE:${basicDate(d.date)}`, `DTEND;VALUE=DATE:${basicDate(nextDay(d.date))}`],
      usesParis: false,
    };
  }
  const wallTimes = d.endTime === undefined ? [d.startTime] : [d.startTime, d.endTime];
  const asParis = d.timeZone === PARIS && wallTimes.every((t) => parisRulesAgree(d.date, t));
  const write = (time: string) =>
    asParis
      ? `;TZID=${PARIS}:${basicDate(d.date)}T${time.replace(':', '')}00`
      : `:${utcDateTime(zonedToInstant(d.date, time, d.timeZone))}`;
  const lines = [`DTSTART${write(d.startTime)}`];
  if (d.endTime !== undefined) lines.push(`DTEND${write(d.endTime)}`);
  return { lines, usesParis: asParis };
}

/**
 * Whether the VTIMEZONE above gives a Paris wall time the offset the runtime gives it. They differ
 * before 1996, in the hour skipped or repeated at a change, and if the rules ever change.
 */
function parisRulesAgree(date: string, time: string): boolean {
  const year = Number(date.slice(0, 4));
  const lastSunday = (month: number) => {
    const last = daysInMonth(year, month);
    return last - new Date(Date.UTC(year, month - 1, last)).getUTCDay();
  };
  // Same-width `YYYY-MM-DDTHH:MM` strings compare as the times they name.
  const at = `${date}T${time}`;
  const summer = at >= `${year}-03-${lastSunday(3)}T02:00` && at < `${year}-10-${lastSunday(10)}T03:00`;
  return (summer ? 120 : 60) === offsetMinutes(PARIS, zonedToInstant(date, time, PARIS));
}

function describe(cycle: Cycle, session: Session, locale: Locale): string {
  const words = WORDS[locale];
  const blocks: string[] = [cycle.title];
  if (session.description) blocks.push(session.description);
  if (session.programme.length) {
    const items = session.programme.map((item) => {
      const time = item.startTime === undefined ? '' : `${item.startTime}${item.endTime ? `–${item.endTime}` : ''} `;
      return `• ${time}${item.title}`;
    });
    blocks.push([words.programme, ...items].join('\n'));
  }
  if (session.onlineUrl && session.attendanceMode !== 'in-person') blocks.push(`${words.online} ${session.onlineUrl}`);
  const access = venueOf(cycle, session)?.access;
  if (access) blocks.push(`${words.access} ${access}`);
  return blocks.join('\n\n');
}

/** "La Halle, 2 place du Foirail, 81250 Alban" (the country only when it is not France). */
function venueText(venue: Venue): string {
  const a = venue.address;
  const locality = [a?.postalCode, a?.commune].filter(Boolean).join(' ');
  const country = a && a.country !== 'FR' ? a.country : undefined;
  return [venue.name, a?.street, locality, country].filter(Boolean).join(', ');
}

/** TEXT escaping (RFC 5545 3.3.11): `\`, `;`, `,` and line breaks; other controls are not allowed. */
function escapeText(text: string): string {
  return text
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');
}

/**
 * Folds a content line at 75 octets of UTF-8 (RFC 5545 3.1): continuation lines start with a
 * space. Cuts fall between code points, never inside one, so no character is ever split.
 */
function foldLine(line: string): string {
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Size(ch.codePointAt(0)!);
    if (octets + size > 75) {
      out += `${CRLF} `;
      octets = 1;
    }
    out += ch;
    octets += size;
  }
  return out;
}

function utf8Size(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** `2026-03-26` → `20260326`. */
function basicDate(date: string): string {
  return date.replaceAll('-', '');
}

/** An instant as `20260514T070000Z`. */
function utcDateTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** GEO wants plain decimals; `String(1e-7)` would be `1e-7`. */
function decimal(n: number): string {
  return String(Number(n.toFixed(6)));
}

/** URL is a URI, not TEXT: it is not escaped, so it must be a well-formed absolute URL. */
function absoluteHttpUrl(url: string): string {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new RangeError(`toICS: url must be http(s), got ${u.protocol}`);
  return u.href;
}
