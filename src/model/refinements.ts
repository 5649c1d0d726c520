/**
 * The rules of the model that a schema cannot say by its shape: plain functions, shared by the zod
 * schemas (through `z.refine` / `rule()` in zod.ts) and by the compact validator of the embed bundle
 * (its generated IR names them). One definition, so both validators refuse the same documents.
 *
 * Imports nothing of zod. Each rule sees the value as the schema has parsed it so far (defaults
 * applied, strings trimmed), and only when nothing that aborts was found inside it.
 */
import type { MessageKey } from './messages.js';

/**
 * An issue raised by a rule, in zod's raw form: its path is relative to the value checked. (A type
 * alias, not an interface, so that it fits zod's issue type and its index signature.)
 */
export type RuleIssue = {
  readonly code: 'custom';
  readonly input: unknown;
  readonly path: (string | number)[];
  readonly params: { readonly fc: MessageKey; readonly [param: string]: unknown };
};

/** What a rule may do with the validation under way: add issues (zod's refinement context is one). */
export interface RuleContext {
  readonly issues: { push(issue: RuleIssue): unknown };
}

/** Control characters other than tab and line breaks have no place in plain text. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Plain text: no control character other than tab and line breaks. */
export function hasNoControlChars(s: string): boolean {
  return !CONTROL_CHARS.test(s);
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** A link to a resource: an absolute http(s) URL with a host, or a relative path; no other scheme. */
export function isResourceUrl(s: string): boolean {
  if (/\s/.test(s) || s.startsWith('//')) return false;
  if (!SCHEME.test(s)) return true;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** An exact date's times: no end without a start, and the end after the start. */
export function checkExactDateTimes(d: { readonly startTime?: string; readonly endTime?: string }, ctx: RuleContext): void {
  if (d.endTime !== undefined && d.startTime === undefined) {
    ctx.issues.push({ code: 'custom', input: d.endTime, path: ['startTime'], params: { fc: 'start_time_missing' } });
  }
  if (d.startTime !== undefined && d.endTime !== undefined && d.endTime <= d.startTime) {
    ctx.issues.push({ code: 'custom', input: d.endTime, path: ['endTime'], params: { fc: 'end_before_start' } });
  }
}

/** A participant states their function when it is `other`, and their organisation one way or the other. */
export function checkParticipant(
  p: {
    readonly function: string;
    readonly functionOther?: string;
    readonly organisationId?: string;
    readonly organisationName?: string;
  },
  ctx: RuleContext,
): void {
  if (p.function === 'other' && !p.functionOther) {
    ctx.issues.push({ code: 'custom', input: p.functionOther, path: ['functionOther'], params: { fc: 'function_other_missing' } });
  }
  if (!p.organisationId && !p.organisationName) {
    ctx.issues.push({ code: 'custom', input: p.organisationName, path: ['organisationName'], params: { fc: 'organisation_missing' } });
  }
}

/** A rating scale has one label per point. */
export function checkRatingScale(s: { readonly points: number; readonly labels: readonly string[] }, ctx: RuleContext): void {
  if (s.labels.length !== s.points) {
    ctx.issues.push({ code: 'custom', input: s.labels, path: ['labels'], params: { fc: 'scale_labels', points: s.points } });
  }
}

/** A questionnaire's question ids are unique, and it closes after it opens. */
export function checkFeedbackForm(
  f: { readonly questions: readonly { readonly id: string }[]; readonly opensAt?: string; readonly closesAt?: string },
  ctx: RuleContext,
): void {
  const seen = new Set<string>();
  f.questions.forEach((q, i) => {
    if (seen.has(q.id)) ctx.issues.push({ code: 'custom', input: q.id, path: ['questions', i, 'id'], params: { fc: 'duplicate_id', id: q.id } });
    seen.add(q.id);
  });
  if (f.opensAt && f.closesAt && Date.parse(f.closesAt) <= Date.parse(f.opensAt)) {
    ctx.issues.push({ code: 'custom', input: f.closesAt, path: ['closesAt'], params: { fc: 'closes_before_opens' } });
  }
}

interface Identified {
  readonly id: string;
}

/** What of a cycle its references are made of. */
export interface CycleReferences {
  readonly organisations: readonly Identified[];
  readonly venues: readonly (Identified & { readonly hostOrganisationId?: string })[];
  readonly sessions: readonly (Identified & {
    readonly venueId?: string;
    readonly hostOrganisationId?: string;
    readonly programme: readonly { readonly speakers: readonly { readonly organisationId?: string }[] }[];
  })[];
  readonly feedback: readonly (Identified & { readonly sessionIds: readonly string[] })[];
  readonly registration: { readonly opensAt?: string; readonly closesAt?: string };
}

function unique(ctx: RuleContext, items: readonly Identified[], path: string) {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.issues.push({ code: 'custom', input: it.id, path: [path, i, 'id'], params: { fc: 'duplicate_id', id: it.id } });
    seen.add(it.id);
  });
  return seen;
}

/**
 * Every reference inside a cycle must resolve: a session's venue and host, a venue's host, a
 * speaker's organisation, a questionnaire's sessions. A dangling id is an issue at its path.
 */
export function checkCycleReferences(c: CycleReferences, ctx: RuleContext): void {
  const orgs = unique(ctx, c.organisations, 'organisations');
  const venues = unique(ctx, c.venues, 'venues');
  const sessions = unique(ctx, c.sessions, 'sessions');
  unique(ctx, c.feedback, 'feedback');
  const check = (ids: Set<string>, ref: string | undefined, kind: string, path: (string | number)[]) => {
    if (ref !== undefined && !ids.has(ref)) ctx.issues.push({ code: 'custom', input: ref, path, params: { fc: 'unknown_ref', kind, ref } });
  };
  c.venues.forEach((v, i) => check(orgs, v.hostOrganisationId, 'organisation', ['venues', i, 'hostOrganisationId']));
  c.sessions.forEach((s, i) => {
    check(venues, s.venueId, 'venue', ['sessions', i, 'venueId']);
    check(orgs, s.hostOrganisationId, 'organisation', ['sessions', i, 'hostOrganisationId']);
    s.programme.forEach((item, j) =>
      item.speakers.forEach((sp, k) =>
        check(orgs, sp.organisationId, 'organisation', ['sessions', i, 'programme', j, 'speakers', k, 'organisationId']),
      ),
    );
  });
  c.feedback.forEach((f, i) => f.sessionIds.forEach((id, j) => check(sessions, id, 'session', ['feedback', i, 'sessionIds', j])));
  const r = c.registration;
  if (r.opensAt && r.closesAt && Date.parse(r.closesAt) <= Date.parse(r.opensAt)) {
    ctx.issues.push({ code: 'custom', input: r.closesAt, path: ['registration', 'closesAt'], params: { fc: 'closes_before_opens' } });
  }
}
