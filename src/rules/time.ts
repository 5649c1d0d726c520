/**
 * Wall-clock times in a named time zone ↔ instants, with Intl only (no time zone database shipped).
 */

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dtfCache.set(timeZone, f);
  }
  return f;
}

const offsetCache = new Map<string, number>();

/** The offset of a time zone from UTC at an instant, in minutes (Europe/Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(timeZone: string, at: Date): number {
  // Offsets change on quarter-hour boundaries at most: one Intl call per zone and quarter hour,
  // so that an agenda of 10,000 sessions is not 60,000 calls to formatToParts.
  const key = `${timeZone}|${Math.floor(at.getTime() / 900_000)}`;
  let cached = offsetCache.get(key);
  if (cached === undefined) {
    if (offsetCache.size > 50_000) offsetCache.clear();
    cached = computeOffset(timeZone, at);
    offsetCache.set(key, cached);
  }
  return cached;
}

function computeOffset(timeZone: string, at: Date): number {
  const p: Record<string, number> = {};
  for (const { type, value } of partsFormatter(timeZone).formatToParts(at)) {
    if (type !== 'literal') p[type] = Number(value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which a wall clock in `timeZone` shows `date` `time` (`YYYY-MM-DD`, `HH:MM`).
 * A wall time that does not exist (the hour skipped in spring) or exists twice (autumn) resolves
 * to one of the two offsets around the change; training sessions are not scheduled at 2 a.m.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
  // Sessions share days and times: one computation per (day, time, zone).
  const key = `${date}T${time}|${timeZone}`;
  let ms = instantCache.get(key);
  if (ms === undefined) {
    if (instantCache.size > 50_000) instantCache.clear();
    ms = computeInstant(date, time, timeZone);
    instantCache.set(key, ms);
  }
  return new Date(ms);
}

const instantCache = new Map<string, number>();

function computeInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset on either side of a change.
  let guess = naive - offsetMinutes(timeZone, new Date(naive)) * 60000;
  guess = naive - offsetMinutes(timeZone, new Date(guess)) * 60000;
  return guess;
}

/** `+01:00` / `-03:00` for an offset in minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** ISO 8601 local date-time with its offset in that zone: `2026-03-26T09:00:00+01:00`. */
export function zonedISO(date: string, time: string, timeZone: string): string {
  const instant = zonedToInstant(date, time, timeZone);
  return `${date}T${time}:00${formatOffset(offsetMinutes(timeZone, instant))}`;
}

/** The calendar day after `YYYY-MM-DD`. */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The last day of a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const wallCache = new Map<string, string>();

/** The wall clock of a time zone at an instant, to the minute: `2026-03-26T09:00`. */
export function wallClock(at: Date, timeZone: string): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const key = `${timeZone}|${minute}`;
  let local = wallCache.get(key);
  if (local === undefined) {
    if (wallCache.size > 1000) wallCache.clear();
    const shifted = new Date(minute * 60_000 + offsetMinutes(timeZone, at) * 60_000);
    local = shifted.toISOString().slice(0, 16);
    wallCache.set(key, local);
  }
  return local;
}
