/// <reference types="node" />
/** The public routes: feeds, calendar, availability, registration, evaluation, results. */
import { safeParseWith } from '../../model/errors.js';
import { FORMAT_VERSION } from '../../model/feed.js';
import { FeedbackSubmissionSchema, type FeedbackSubmission } from '../../model/feedback.js';
import type { Cycle } from '../../model/cycle.js';
import { message, type Locale } from '../../model/messages.js';
import { feedbackFormState, summariseFeedback, validateFeedback } from '../../rules/feedback.js';
import type { RegistrationRefusal } from '../../rules/capacity.js';
import { sessionShortName } from '../../formats/labels.js';
import { toICS } from '../../formats/ics.js';
import { RegistrationSubmissionSchema } from '../../backend/protocol.js';
import type { App } from '../app.js';
import { route } from '../app.js';
import { HttpError, errorBody, invalid, sendJson, sendText, type Context } from '../http/respond.js';
import { etagOf, sha256, type FeedbackOutcome, type RegistrationOutcome, type StoredAnswer } from '../storage/store.js';
import { say, type ServerMessageKey } from '../messages.js';
import { cycleOr404, idempotent } from './shared.js';

/** Whether an If-None-Match header names this ETag (or `*`); weak comparison, as RFC 9110 wants for GET. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** A JSON document that readers cache and revalidate: 304 when they already hold it. */
function sendCached(ctx: Context, json: string, etag: string): void {
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (matches(ctx.req.headers['if-none-match'], etag)) {
    ctx.res.writeHead(304, headers);
    ctx.res.end();
    return;
  }
  sendText(ctx.res, 200, json, 'application/json; charset=utf-8', headers);
}

async function catalogue(ctx: Context, app: App): Promise<void> {
  const cycles = await app.store.cycles();
  // The catalogue's bytes are those of its cycles' feeds, so its ETag follows from theirs.
  const etag = etagOf(cycles.map((c) => c.etag).join(','));
  const json = `{"formatVersion":${FORMAT_VERSION},"type":"catalogue","cycles":[${cycles.map((c) => {
    const { $schema: _, formatVersion: _v, type: _t, ...cycle } = c.feed;
    return JSON.stringify(cycle);
  }).join(',')}]}`;
  sendCached(ctx, json, etag);
}

async function cycleFeed(ctx: Context, app: App): Promise<void> {
  const cycle = await cycleOr404(ctx, app);
  sendCached(ctx, cycle.json, cycle.etag);
}

async function calendar(ctx: Context, app: App): Promise<void> {
  const { feed } = await cycleOr404(ctx, app);
  const { ics, events } = toICS(feed, { now: ctx.now });
  // A calendar without events is not a valid iCalendar file to offer (RFC 5545 wants one component).
  if (events === 0) throw new HttpError(404, 'not-found', ctx.say('no-calendar'));
  sendText(ctx.res, 200, ics, 'text/calendar; charset=utf-8', {
    'Cache-Control': 'no-cache',
    'Content-Disposition': `inline; filename="${feed.id}.ics"`,
  });
}

async function availability(ctx: Context, app: App): Promise<void> {
  const result = await app.store.availability(ctx.params.cycleId!, ctx.now);
  if (!result) throw new HttpError(404, 'not-found', ctx.say('cycle-not-found', { id: ctx.params.cycleId }));
  sendJson(ctx.res, 200, result);
}

const REFUSAL_KEYS: Record<RegistrationRefusal['reason'], ServerMessageKey> = {
  closed: 'refused-closed',
  'not-open-yet': 'refused-not-open-yet',
  full: 'refused-full',
  'unknown-session': 'refused-unknown-session',
  'session-cancelled': 'refused-session-cancelled',
  'already-registered': 'refused-already-registered',
  'not-eligible': 'refused-not-eligible',
  audience: 'refused-audience',
};

/** The refusal told to the person, naming the session as the agenda does ("Journée 6"). */
export function refusalMessage(cycle: Pick<Cycle, 'sessions'>, refusal: RegistrationRefusal, locale: Locale): string {
  const sessionId = 'sessionId' in refusal ? refusal.sessionId : undefined;
  const session = sessionId === undefined ? undefined : cycle.sessions.find((s) => s.id === sessionId);
  const name = session ? sessionShortName(session, locale) : sessionId;
  const key = refusal.reason === 'full' && sessionId !== undefined ? 'refused-full-session' : REFUSAL_KEYS[refusal.reason];
  return say(key, locale, { session: name });
}

async function register(ctx: Context, app: App): Promise<void> {
  const stored = await cycleOr404(ctx, app);
  await idempotent(ctx, app, 'registration', stored.id, async ({ ref, value, bodyHash }) => {
    const parsed = safeParseWith(RegistrationSubmissionSchema, value, { locale: ctx.locale });
    if (!parsed.success) throw invalid(ctx, parsed.error.issues);
    const { antiBot, ...request } = parsed.data;
    // The honeypot is a field people never see; the fill time, what a person cannot go below. An
    // absent fillMs is not checked (protocol.ts): clients other than the form need not make one up.
    const min = app.settings.minFillMs;
    const bot = (antiBot?.website ?? '') !== '' || (min > 0 && antiBot?.fillMs !== undefined && antiBot.fillMs < min);
    if (bot) {
      const answer: StoredAnswer = {
        status: 409,
        body: errorBody('refused', ctx.say('refused-anti-bot'), { reason: { reason: 'anti-bot' } }),
      };
      const earlier = await app.store.keepAnswer(ref, bodyHash, answer, ctx.now);
      return earlier ? { earlier } : answer;
    }
    const outcome = await app.store.register(stored.id, request, ctx.now, {
      ref,
      bodyHash,
      answer: (o) => registrationAnswer(ctx, stored.feed, o),
    });
    return outcome.kind === 'answered-before' ? { earlier: outcome.earlier } : registrationAnswer(ctx, stored.feed, outcome);
  });
}

function registrationAnswer(ctx: Context, cycle: Cycle, outcome: RegistrationOutcome): StoredAnswer {
  switch (outcome.kind) {
    case 'registered':
      return { status: 201, body: outcome.registration };
    case 'refused':
      return { status: 409, body: errorBody('refused', refusalMessage(cycle, outcome.refusal, ctx.locale), { reason: outcome.refusal }) };
    case 'not-found':
      return { status: 404, body: errorBody('not-found', ctx.say('cycle-not-found', { id: cycle.id })) };
    case 'answered-before':
      return outcome.earlier.answer;
  }
}

async function feedback(ctx: Context, app: App): Promise<void> {
  const stored = await cycleOr404(ctx, app);
  const cycle = stored.feed;
  const pathSession = ctx.params.sessionId;
  await idempotent(ctx, app, 'feedback', stored.id, async ({ ref, value, bodyHash }) => {
    const parsed = safeParseWith(FeedbackSubmissionSchema, value, { locale: ctx.locale });
    if (!parsed.success) throw invalid(ctx, parsed.error.issues);
    let submission: FeedbackSubmission = parsed.data;
    if (pathSession !== undefined) {
      if (submission.sessionId !== undefined && submission.sessionId !== pathSession) {
        throw invalid(ctx, [{ path: 'sessionId', message: ctx.say('session-id-mismatch', { expected: pathSession }) }]);
      }
      submission = { ...submission, sessionId: pathSession };
    }
    const issues = validateFeedback(cycle, submission, ctx.locale);
    if (issues.length > 0) throw invalid(ctx, issues);
    const form = cycle.feedback.find((f) => f.id === submission.formId)!;
    const state = feedbackFormState(form, ctx.now);
    if (state !== 'open') {
      const answer: StoredAnswer = {
        status: 409,
        body: errorBody('closed', ctx.say(state === 'closed' ? 'feedback-closed' : 'feedback-not-open-yet')),
      };
      const earlier = await app.store.keepAnswer(ref, bodyHash, answer, ctx.now);
      return earlier ? { earlier } : answer;
    }
    // Only token forms look at a token; anonymous forms keep none.
    const tokenHash = form.access === 'token' ? sha256(submission.token!) : undefined;
    const { token: _, ...anonymous } = submission;
    const outcome = await app.store.submitFeedback(stored.id, anonymous, ctx.now, tokenHash, {
      ref,
      bodyHash,
      answer: (o) => feedbackAnswer(ctx, o),
    });
    return outcome.kind === 'answered-before' ? { earlier: outcome.earlier } : feedbackAnswer(ctx, outcome);
  });
}

function feedbackAnswer(ctx: Context, outcome: FeedbackOutcome): StoredAnswer {
  switch (outcome.kind) {
    case 'stored':
      return { status: 201, body: { id: outcome.response.id, submittedAt: outcome.response.submittedAt } };
    case 'token-invalid':
      return { status: 403, body: errorBody('token-invalid', ctx.say('token-invalid')) };
    case 'already-answered':
      return { status: 409, body: errorBody('already-answered', ctx.say('already-answered')) };
    case 'not-found':
      return { status: 404, body: errorBody('not-found', ctx.say('not-found')) };
    case 'answered-before':
      return outcome.earlier.answer;
  }
}

async function feedbackSummary(ctx: Context, app: App): Promise<void> {
  const stored = await cycleOr404(ctx, app);
  const formId = ctx.url.searchParams.get('formId');
  if (!formId) throw invalid(ctx, [{ path: 'formId', message: message('required', ctx.locale) }]);
  const form = stored.feed.feedback.find((f) => f.id === formId);
  if (!form) throw new HttpError(404, 'not-found', ctx.say('form-not-found', { id: formId }));
  const isAdmin = app.auth.check(ctx.req);
  if (!form.results.public && !isAdmin) {
    throw new HttpError(401, 'unauthorized', ctx.say('unauthorized'), {}, { 'WWW-Authenticate': 'Bearer realm="formacoop"' });
  }
  const responses = await app.store.feedbackResponses(stored.id, form.id);
  const people = (await app.store.counters(stored.id))?.people ?? 0;
  const issued = form.access === 'token' ? await app.store.feedbackTokenCount(stored.id, form.id) : 0;
  // The response rate: among the people asked (one token each), else, for a cycle questionnaire,
  // among the people who hold a seat. The memory backend counts the same way.
  const expected = issued > 0 ? issued : form.scope === 'cycle' && people > 0 ? people : 0;
  const summary = summariseFeedback(form, responses, {
    cycle: stored.feed,
    ...(expected > 0 ? { expected } : {}),
    includeOpenAnswers: isAdmin || form.results.openAnswers,
  });
  sendJson(ctx.res, 200, summary);
}

export const publicRoutes = [
  route('GET', '/api/cycles', catalogue),
  route('GET', '/api/cycles/:cycleId', cycleFeed),
  route('GET', '/api/cycles/:cycleId/calendar.ics', calendar),
  route('GET', '/api/cycles/:cycleId/availability', availability),
  route('POST', '/api/cycles/:cycleId/registrations', register),
  route('POST', '/api/cycles/:cycleId/feedback', feedback),
  route('POST', '/api/cycles/:cycleId/sessions/:sessionId/feedback', feedback),
  route('GET', '/api/cycles/:cycleId/feedback/summary', feedbackSummary),
];
