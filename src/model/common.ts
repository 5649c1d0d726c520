import { trim, z } from './zod.js';
import { keyed } from './messages.js';
import { hasNoControlChars, isResourceUrl } from './refinements.js';

/**
 * A human text. It is plain text: formacoop never interprets it as HTML, it renders it as text, so
 * `<b>` shows as `<b>`. Trimmed; control characters refused.
 */
export const plainText = (max = 2000) =>
  z.string().check(trim, z.minLength(1), z.maxLength(max), z.refine(hasNoControlChars, { params: { fc: 'control_chars' } }));

/** A short, stable identifier (letters, digits, `-`, `_`, `.`), unique within its list. */
export const IdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(80),
  keyed(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/), 'id_format'),
);
export type Id = z.output<typeof IdSchema>;

/** An absolute http(s) URL: no `javascript:`, `data:` or other scheme. */
export const HttpUrlSchema = keyed(z.httpUrl(), 'http_url');

/**
 * A link to a resource (a photo, a feed): an absolute http(s) URL, or a path relative to the feed
 * (`images/j4.jpg`, `/media/j4.jpg`). Any other scheme is refused.
 */
export const ResourceUrlSchema = z.string().check(
  trim,
  z.minLength(1),
  z.maxLength(2000),
  z.refine(isResourceUrl, { params: { fc: 'resource_url' } }),
);

export const EmailSchema = keyed(z.email().check(z.maxLength(254)), 'email');

/** A calendar day, `YYYY-MM-DD`; impossible days (30 February) are refused. */
export const LocalDateSchema = keyed(z.iso.date(), 'local_date');
/** A wall-clock time, `HH:MM`, in the session's time zone. */
export const LocalTimeSchema = keyed(z.iso.time({ precision: -1 }), 'local_time');
/** An instant with its offset, ISO 8601. */
export const InstantSchema = keyed(z.iso.datetime({ offset: true }), 'instant');

/** IANA time zone name; formacoop's cycles are French, so Europe/Paris unless said otherwise. */
export const TimeZoneSchema = z.string().check(
  keyed(z.regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/), 'time_zone'),
);
export { DEFAULT_TIME_ZONE } from './constants.js';

/**
 * Where a piece of data comes from. Sample data states what its source states; what the source
 * is silent about is `unknown`, what was deduced is `inferred`, what was made up for a demo is
 * `example` — so that nothing invented is passed off as fact.
 */
export const ProvenanceSchema = z.object({
  status: z.enum(['stated', 'inferred', 'unknown', 'example']),
  note: z.optional(plainText(1000)),
});
export type Provenance = z.output<typeof ProvenanceSchema>;
