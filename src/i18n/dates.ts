/**
 * Dates of sessions in words, through Intl: « jeudi 14 mai 2026, 9 h 00 – 17 h 00 »,
 * « fin juin 2026 — date à confirmer ».
 */
import type { SessionDate } from '../model/session.js';
import type { Locale } from '../model/messages.js';
import { zonedISO } from '../rules/time.js';

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC', ...options });
    cache.set(key, f);
  }
  return f;
}

/** A calendar day as a UTC instant, so formatting never shifts it by a time zone. */
function day(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** « jeudi 14 mai 2026 » / « Thursday 14 May 2026 ». */
export function formatDay(date: string, locale: Locale): string {
  return dtf(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(day(date));
}

/** « 9 h 00 » (French typography) / « 9:00 ». */
export function formatTime(time: string, locale: Locale): string {
  const [h, m] = time.split(':') as [string, string];
  return locale === 'fr' ? `${Number(h)} h ${m}` : `${Number(h)}:${m}`;
}

/** « juin 2026 » / « June 2026 ». */
export function formatMonth(year: number, month: number, locale: Locale): string {
  return dtf(locale, { month: 'long', year: 'numeric' }).format(new Date(Date.UTC(year, month - 1, 1)));
}

const PARTS: Record<Locale, Record<'early' | 'mid' | 'late', (month: string) => string>> = {
  fr: {
    early: (m) => `début ${m}`,
    mid: (m) => `mi-${m}`,
    late: (m) => `fin ${m}`,
  },
  en: {
    early: (m) => `early ${m}`,
    mid: (m) => `mid-${m}`,
    late: (m) => `late ${m}`,
  },
};

const TO_CONFIRM: Record<Locale, string> = { fr: 'date à confirmer', en: 'date to be confirmed' };

/** A session's date in words, whatever its precision. */
export function formatSessionDate(date: SessionDate, locale: Locale): string {
  switch (date.precision) {
    case 'exact': {
      const d = formatDay(date.date, locale);
      if (date.startTime && date.endTime) return `${d}, ${formatTime(date.startTime, locale)} – ${formatTime(date.endTime, locale)}`;
      if (date.startTime) return `${d}, ${locale === 'fr' ? 'à partir de' : 'from'} ${formatTime(date.startTime, locale)}`;
      return d;
    }
    case 'month': {
      const m = formatMonth(date.year, date.month, locale);
      return `${date.part ? PARTS[locale][date.part](m) : m} — ${TO_CONFIRM[locale]}`;
    }
    case 'unknown':
      return date.label ?? TO_CONFIRM[locale];
  }
}

/** The machine-readable value for `<time datetime>`, when the date has one. */
export function datetimeAttribute(date: SessionDate): string | undefined {
  switch (date.precision) {
    case 'exact':
      if (!date.startTime) return date.date;
      // 2026-05-14T09:00:00+02:00 → 2026-05-14T09:00+02:00
      const iso = zonedISO(date.date, date.startTime, date.timeZone);
      return iso.slice(0, 16) + iso.slice(19);
    case 'month':
      return `${date.year}-${String(date.month).padStart(2, '0')}`;
    case 'unknown':
      return undefined;
  }
}
