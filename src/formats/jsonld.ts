/**
 * A cycle as schema.org JSON-LD: a `Course` whose sessions are `CourseInstance`s, for search
 * engines and anything else that reads structured data from the page that embeds the agenda.
 *
 * Dates: a timed session has ISO date-times with their offset (`2026-05-14T09:00:00+02:00`); a day
 * without times has the date alone, as both start and end (schema.org's end date is inclusive); a
 * month-only session has `YYYY-MM` (ISO 8601 reduced precision) as start date and no end; a
 * session without a date has neither. Cancelled and postponed sessions stay, with their status.
 */
import type {
  Audience,
  Course,
  CourseInstance,
  EventAttendanceModeEnumeration,
  EventStatusType,
  Organization,
  Place,
  PostalAddress,
  VirtualLocation,
  WithContext,
} from 'schema-dts';
import type { Cycle } from '../model/cycle.js';
import { toLocale, type Locale } from '../model/messages.js';
import type { Organisation, OrganisationKind } from '../model/organisation.js';
import type { Audience as ModelAudience, Session, SessionDate } from '../model/session.js';
import type { Venue } from '../model/venue.js';
import { audienceOf, organisationsWithRole, venueOf } from '../rules/lookup.js';
import { zonedISO } from '../rules/time.js';
import { audienceKindLabels, sessionHeading } from './labels.js';

export interface JSONLDOptions {
  /** The page of the cycle. Default: the cycle's `url`. */
  readonly url?: string;
  /** Language of the words formacoop adds ("Journée 4", audience kinds). Default: from the cycle's `lang`. */
  readonly locale?: Locale;
}

/** A cycle as a schema.org `Course` with one `CourseInstance` per session. */
export function toJSONLD(cycle: Cycle, options: JSONLDOptions = {}): WithContext<Course> {
  const locale = options.locale ?? toLocale(cycle.lang);
  const url = options.url ?? cycle.url;
  const description = cycle.description ?? cycle.subtitle;
  const organisers = organisersOf(cycle);
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: cycle.title,
    ...(description && { description }),
    ...(url && { url }),
    ...(organisers.length && { provider: organisers }),
    inLanguage: cycle.lang,
    audience: audience(cycle.audience, locale),
    hasCourseInstance: cycle.sessions.map((s) => courseInstance(cycle, s, organisers, locale)),
  };
}

/**
 * The JSON-LD of a cycle as text to put inside `<script type="application/ld+json">`. `<`, `>`
 * and `&` are written as `\u003c`, `\u003e`, `\u0026` (the same JSON once parsed), so a title
 * containing `</script>` or `<!--` cannot end the script element or change how it is parsed.
 */
export function jsonLDScript(cycle: Cycle, options?: JSONLDOptions): string {
  return JSON.stringify(toJSONLD(cycle, options)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const EVENT_STATUS: Record<Session['status'], EventStatusType> = {
  scheduled: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
  postponed: 'https://schema.org/EventPostponed',
};

const ATTENDANCE: Record<Session['attendanceMode'], { mode: EventAttendanceModeEnumeration; course: string }> = {
  'in-person': { mode: 'https://schema.org/OfflineEventAttendanceMode', course: 'onsite' },
  online: { mode: 'https://schema.org/OnlineEventAttendanceMode', course: 'online' },
  mixed: { mode: 'https://schema.org/MixedEventAttendanceMode', course: 'blended' },
};

function courseInstance(cycle: Cycle, session: Session, organisers: Organization[], locale: Locale): CourseInstance {
  const attendance = ATTENDANCE[session.attendanceMode];
  const locations = locationsOf(cycle, session);
  const capacity = session.capacity ?? cycle.capacity;
  return {
    '@type': 'CourseInstance',
    name: sessionHeading(session, locale),
    ...(session.description && { description: session.description }),
    ...datesOf(session.date),
    eventStatus: EVENT_STATUS[session.status],
    eventAttendanceMode: attendance.mode,
    courseMode: attendance.course,
    ...(locations.length && { location: locations.length === 1 ? locations[0]! : locations }),
    ...(organisers.length && { organizer: organisers }),
    ...(session.audience && { audience: audience(audienceOf(cycle, session), locale) }),
    ...(capacity !== undefined && { maximumAttendeeCapacity: capacity }),
  };
}

function datesOf(d: SessionDate): { startDate?: string; endDate?: string } {
  switch (d.precision) {
    case 'exact':
      if (d.startTime === undefined) return { startDate: d.date, endDate: d.date };
      return {
        startDate: zonedISO(d.date, d.startTime, d.timeZone),
        ...(d.endTime !== undefined && { endDate: zonedISO(d.date, d.endTime, d.timeZone) }),
      };
    case 'month':
      return { startDate: `${d.year}-${String(d.month).padStart(2, '0')}` };
    case 'unknown':
      return {};
  }
}

function locationsOf(cycle: Cycle, session: Session): (Place | VirtualLocation)[] {
  const out: (Place | VirtualLocation)[] = [];
  const venue = venueOf(cycle, session);
  if (venue && session.attendanceMode !== 'online') out.push(place(venue));
  if (session.onlineUrl && session.attendanceMode !== 'in-person') out.push({ '@type': 'VirtualLocation', url: session.onlineUrl });
  return out;
}

function place(venue: Venue): Place {
  const a = venue.address;
  let address: PostalAddress | undefined;
  if (a) {
    address = { '@type': 'PostalAddress', addressCountry: a.country };
    if (a.street) address.streetAddress = a.street;
    if (a.postalCode) address.postalCode = a.postalCode;
    if (a.commune) address.addressLocality = a.commune;
  }
  return {
    '@type': 'Place',
    name: venue.name,
    ...(address && { address }),
    ...(venue.geo && { geo: { '@type': 'GeoCoordinates', latitude: venue.geo.lat, longitude: venue.geo.lon } }),
  };
}

/** Public bodies are `GovernmentOrganization`s; networks and others plain `Organization`s. */
const PUBLIC_BODIES: ReadonlySet<OrganisationKind> = new Set(['epci', 'territorial-pole', 'cnfpt', 'commune', 'state']);

/** Organisers then co-organisers, each once (an organisation may hold both roles). */
function organisersOf(cycle: Cycle): Organization[] {
  const unique = new Map<string, Organisation>();
  for (const o of [...organisationsWithRole(cycle, 'organiser'), ...organisationsWithRole(cycle, 'co-organiser')]) {
    if (!unique.has(o.id)) unique.set(o.id, o);
  }
  return [...unique.values()].map(organization);
}

function organization(o: Organisation): Organization {
  return {
    '@type': PUBLIC_BODIES.has(o.kind) ? 'GovernmentOrganization' : 'Organization',
    name: o.name,
    ...(o.shortName && { alternateName: o.shortName }),
    ...(o.url && { url: o.url }),
  };
}

/** The audience in words: its description when the source gives one, else its kinds. */
function audience(a: ModelAudience, locale: Locale): Audience {
  return {
    '@type': 'Audience',
    audienceType: a.description ?? a.kinds.map((k) => audienceKindLabels[locale][k]).join(', '),
  };
}
