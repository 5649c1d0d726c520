/// <reference types="node" />
/** The organiser's routes, behind the admin token. */
import { safeParseWith } from '../../model/errors.js';
import { safeParseCycle } from '../../model/feed.js';
import type { FeedbackResponse } from '../../model/feedback.js';
import type { Locale } from '../../model/messages.js';
import { organisationById } from '../../rules/lookup.js';
import { registrationColumns, toCSV, type CSVColumn } from '../../formats/csv.js';
import { sessionShortName } from '../../formats/labels.js';
import { ErasureRequestSchema, FeedbackTokensRequestSchema } from '../../backend/protocol.js';
import type { App } from '../app.js';
import { route } from '../app.js';
import { readJson } from '../http/body.js';
import { HttpError, invalid, sendJson, sendText, type Context } from '../http/respond.js';
import { cycleOr404, requireAdmin } from './shared.js';

const admin =
  (handler: (ctx: Context, app: App) => Promise<void>) =>
  async (ctx: Context, app: App): Promise<void> => {
    requireAdmin(ctx, app);
    await handler(ctx, app);
  };

async function putCycle(ctx: Context, app: App): Promise<void> {
  const id = ctx.params.cycleId!;
  const { value } = await readJson(ctx, app.settings.adminBodyLimit);
  const parsed = safeParseCycle(value, { locale: ctx.locale });
  if (!parsed.success) throw invalid(ctx, parsed.error.issues);
  if (parsed.data.id !== id) throw invalid(ctx, [{ path: 'id', message: ctx.say('cycle-id-mismatch', { id: parsed.data.id, expected: id }) }]);
  const { created, cycle } = await app.store.putCycle(parsed.data, 'admin', ctx.now);
  sendText(ctx.res, created ? 201 : 200, cycle.json, 'application/json; charset=utf-8', { ETag: cycle.etag });
}

const wantsCsv = (ctx: Context) => /\btext\/csv\b/.test(ctx.req.headers.accept ?? '');

async function sendRegistrationsCsv(ctx: Context, app: App): Promise<void> {
  const stored = await cycleOr404(ctx, app);
  const registrations = await app.store.registrations(stored.id);
  const csv = toCSV(registrations, registrationColumns(stored.feed, ctx.locale));
  const name = ctx.locale === 'en' ? 'registrations' : 'inscriptions';
  sendText(ctx.res, 200, csv, 'text/csv; charset=utf-8', { 'Content-Disposition': `attachment; filename="${name}-${stored.id}.csv"` });
}

async function listRegistrations(ctx: Context, app: App): Promise<void> {
  if (wantsCsv(ctx)) return sendRegistrationsCsv(ctx, app);
  const stored = await cycleOr404(ctx, app);
  sendJson(ctx.res, 200, { cycleId: stored.id, registrations: await app.store.registrations(stored.id) });
}

async function cancelRegistration(ctx: Context, app: App): Promise<void> {
  const stored = await cycleOr404(ctx, app);
  const id = ctx.params.registrationId!;
  const result = await app.store.cancel(stored.id, id, ctx.now);
  if (!result) throw new HttpError(404, 'not-found', ctx.say('registration-not-found', { id }));
  sendJson(ctx.res, 200, result);
}

async function erase(ctx: Context, app: App): Promise<void> {
  const { value } = await readJson(ctx, app.settings.bodyLimit);
  const parsed = safeParseWith(ErasureRequestSchema, value, { locale: ctx.locale });
  if (!parsed.success) throw invalid(ctx, parsed.error.issues);
  sendJson(ctx.res, 200, await app.store.erase(parsed.data.email, ctx.now));
}

const FEEDBACK_HEADERS: Record<Locale, { id: string; session: string; submittedAt: string }> = {
  fr: { id: 'Identifiant', session: 'Journée', submittedAt: 'Envoyé le (UTC)' },
  en: { id: 'ID', session: 'Session', submittedAt: 'Sent at (UTC)' },
};

async function feedbackCsv(ctx: Context, app: App): Promise<void> {
  const stored = await cycleOr404(ctx, app);
  const cycle = stored.feed;
  const formId = ctx.url.searchParams.get('formId') ?? '';
  const form = cycle.feedback.find((f) => f.id === formId);
  if (!form) throw new HttpError(404, 'not-found', ctx.say('form-not-found', { id: formId }));
  const h = FEEDBACK_HEADERS[ctx.locale];
  const answer = (r: FeedbackResponse, id: string): unknown => (Object.hasOwn(r.answers, id) ? r.answers[id] : undefined);
  const columns: CSVColumn<FeedbackResponse>[] = [
    { header: h.id, value: (r) => r.id },
    {
      header: h.session,
      value: (r) => {
        const session = cycle.sessions.find((s) => s.id === r.sessionId);
        return session ? sessionShortName(session, ctx.locale) : r.sessionId;
      },
    },
    { header: h.submittedAt, value: (r) => new Date(r.submittedAt) },
    ...form.questions.map(
      (q): CSVColumn<FeedbackResponse> => ({
        header: q.label,
        value: (r) => {
          const a = answer(r, q.id);
          // An organisation is named as in the cycle; `other` and unknown ids stay as they are.
          return q.type === 'organisation' && typeof a === 'string' ? (organisationById(cycle, a)?.name ?? a) : a;
        },
      }),
    ),
  ];
  const csv = toCSV(await app.store.feedbackResponses(stored.id, form.id), columns);
  sendText(ctx.res, 200, csv, 'text/csv; charset=utf-8', { 'Content-Disposition': `attachment; filename="evaluation-${stored.id}-${form.id}.csv"` });
}

async function issueTokens(ctx: Context, app: App): Promise<void> {
  const stored = await cycleOr404(ctx, app);
  const formId = ctx.params.formId!;
  const form = stored.feed.feedback.find((f) => f.id === formId);
  if (!form) throw new HttpError(404, 'not-found', ctx.say('form-not-found', { id: formId }));
  const { value } = await readJson(ctx, app.settings.bodyLimit);
  const parsed = safeParseWith(FeedbackTokensRequestSchema, value, { locale: ctx.locale });
  if (!parsed.success) throw invalid(ctx, parsed.error.issues);
  if (form.access !== 'token') throw invalid(ctx, [{ path: 'formId', message: ctx.say('form-without-tokens') }]);
  const tokens = await app.store.issueFeedbackTokens(stored.id, form.id, parsed.data.count, ctx.now);
  sendJson(ctx.res, 201, { cycleId: stored.id, formId: form.id, tokens });
}

async function purge(ctx: Context, app: App): Promise<void> {
  sendJson(ctx.res, 200, await app.store.purge(ctx.now, { idempotencyTtlMs: app.settings.idempotencyTtlMs }));
}

export const adminRoutes = [
  route('PUT', '/api/admin/cycles/:cycleId', admin(putCycle)),
  route('GET', '/api/admin/cycles/:cycleId/registrations', admin(listRegistrations)),
  route('GET', '/api/admin/cycles/:cycleId/registrations.csv', admin(sendRegistrationsCsv)),
  route('POST', '/api/admin/cycles/:cycleId/registrations/:registrationId/cancel', admin(cancelRegistration)),
  route('POST', '/api/admin/erasure', admin(erase)),
  route('GET', '/api/admin/cycles/:cycleId/feedback.csv', admin(feedbackCsv)),
  route('POST', '/api/admin/cycles/:cycleId/feedback/:formId/tokens', admin(issueTokens)),
  route('POST', '/api/admin/purge', admin(purge)),
];
