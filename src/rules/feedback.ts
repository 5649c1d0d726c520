/**
 * Evaluation: checking an answer against its questionnaire, and the statistics an organiser reads —
 * with small groups withheld, so that no one's answers can be singled out.
 */
import type { Cycle } from '../model/cycle.js';
import { formatPath, type ValidationIssue } from '../model/issues.js';
import type { FeedbackForm, FeedbackQuestion, FeedbackResponse, FeedbackSubmission } from '../model/feedback.js';
import { message, type Locale, type MessageKey } from '../model/messages.js';
import { organisationsWithRole } from './lookup.js';
import { sortSessions } from './schedule.js';

/** The answer to an organisation question of someone whose organisation is not in the list. */
export const OTHER_ORGANISATION = 'other';

/** The same rule as the model's plain text: no control characters other than tab and line breaks. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type FormCycle = Pick<Cycle, 'feedback' | 'sessions' | 'organisations'>;

const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The points of a rating question: its own scale's, else the form's. */
export function ratingPoints(form: Pick<FeedbackForm, 'scale'>, question: FeedbackQuestion): number {
  return (question.type === 'rating' ? question.scale?.points : undefined) ?? form.scale.points;
}

/** The sessions a questionnaire evaluates: its `sessionIds`, or every session of the cycle when empty. */
export function formSessionIds(cycle: Pick<Cycle, 'sessions'>, form: Pick<FeedbackForm, 'sessionIds'>): string[] {
  return form.sessionIds.length > 0 ? [...form.sessionIds] : cycle.sessions.map((s) => s.id);
}

/** Whether a questionnaire takes answers at `now`, from its `opensAt` and `closesAt`. */
export function feedbackFormState(form: Pick<FeedbackForm, 'opensAt' | 'closesAt'>, now: Date): 'not-open-yet' | 'open' | 'closed' {
  if (form.opensAt && now.getTime() < Date.parse(form.opensAt)) return 'not-open-yet';
  if (form.closesAt && now.getTime() >= Date.parse(form.closesAt)) return 'closed';
  return 'open';
}

/**
 * The problems of an evaluation answer against its questionnaire, each with its path
 * (`answers.q-organisation`) and a message in `locale`; empty when it can be stored.
 *
 * Checks that the form exists; that a session-scoped form names one of its sessions and a
 * cycle-scoped one names none; that a token-access form carries a token (whether it is valid is the
 * server's business); that every required question is answered (a blank text is no answer); that a
 * rating is an integer from 1 to the points of its scale, a recommendation an integer from 0 to 10,
 * a text at most `maxLength` characters without control characters, an organisation one of the
 * cycle's member organisations or `other`; and that no answer refers to an unknown question.
 * Dates (`opensAt`, `closesAt`) are left to {@link feedbackFormState}, which needs a clock.
 */
export function validateFeedback(cycle: FormCycle, submission: FeedbackSubmission, locale: Locale = 'fr'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (segments: (string | number)[], key: MessageKey, params: Record<string, unknown> = {}) =>
    issues.push({ path: formatPath(segments), segments, code: key, message: message(key, locale, params) });

  const form = cycle.feedback.find((f) => f.id === submission.formId);
  if (!form) {
    add(['formId'], 'unknown_ref', { kind: 'form', ref: submission.formId });
    return issues;
  }

  const sessionId = submission.sessionId;
  if (form.scope === 'session') {
    if (sessionId === undefined) add(['sessionId'], 'feedback_session_missing');
    else if (!cycle.sessions.some((s) => s.id === sessionId)) add(['sessionId'], 'unknown_ref', { kind: 'session', ref: sessionId });
    else if (!formSessionIds(cycle, form).includes(sessionId)) add(['sessionId'], 'feedback_session_not_in_form', { sessionId });
  } else if (sessionId !== undefined) {
    add(['sessionId'], 'feedback_session_unexpected');
  }
  if (form.access === 'token' && !submission.token) add(['token'], 'feedback_token_missing');

  const answers = submission.answers;
  const members = new Set(organisationsWithRole(cycle, 'member').map((o) => o.id));
  for (const q of form.questions) {
    // Own properties only: an answer keyed `constructor` must not find Object's.
    const answer: unknown = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const at = ['answers', q.id];
    if (answer === undefined || (typeof answer === 'string' && answer.trim() === '')) {
      if (q.required) add(at, 'answer_required');
      continue;
    }
    switch (q.type) {
      case 'rating': {
        const points = ratingPoints(form, q);
        if (!isInt(answer, 1, points)) add(at, 'answer_range', { min: 1, max: points });
        break;
      }
      case 'recommendation':
        if (!isInt(answer, 0, 10)) add(at, 'answer_range', { min: 0, max: 10 });
        break;
      case 'text':
        if (typeof answer !== 'string') add(at, 'answer_text');
        else if (CONTROL_CHARS.test(answer)) add(at, 'control_chars');
        else if (answer.trim().length > q.maxLength) add(at, 'too_long', { maximum: q.maxLength });
        break;
      case 'organisation':
        if (typeof answer !== 'string' || (answer !== OTHER_ORGANISATION && !members.has(answer))) add(at, 'answer_organisation');
        break;
    }
  }
  const known = new Set(form.questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) add(['answers', id], 'unknown_ref', { kind: 'question', ref: id });
  }
  return issues;
}

/** Statistics of one rating question (a criterion). */
export interface RatingSummary {
  readonly questionId: string;
  readonly label: string;
  /** Points of the scale. */
  readonly points: number;
  /** Responses that rated it. */
  readonly count: number;
  /** Raw mean of the points given (1…points); the UI rounds it. Absent when no one rated it. */
  readonly mean?: number;
  /** How many gave each point: index 0 is point 1. */
  readonly distribution: number[];
}

/** Statistics of the recommendation question (0–10). */
export interface RecommendationSummary {
  readonly questionId: string;
  readonly label: string;
  readonly count: number;
  /** Raw mean score. Absent when no one answered. */
  readonly mean?: number;
  /** How many gave each score: index 0 is score 0, index 10 is score 10. */
  readonly distribution: number[];
  /**
   * Net Promoter Score: the share of promoters (9–10) minus the share of detractors (0–6), in
   * percent of `count`, from −100 to 100; raw. Absent when no one answered.
   */
  readonly nps?: number;
}

export interface FeedbackStatistics {
  /** One per rating question, in the form's order. */
  readonly criteria: RatingSummary[];
  /** The form's recommendation question (a form asks it once; the first one counts). */
  readonly recommendation?: RecommendationSummary;
}

/** Why a group's statistics are withheld. */
export type WithheldReason =
  /** Fewer responses than the minimum group size. */
  | 'small-group'
  /**
   * Large enough, but showing it would let a reader subtract it from the overall figures and read
   * the answers of a withheld small group.
   */
  | 'complement';

/** The responses of one session or one organisation. */
export interface FeedbackGroup {
  /** Session id, organisation id or `other`. */
  readonly key: string;
  /** The session's title or the organisation's short name, when the cycle is given. */
  readonly label?: string;
  readonly count: number;
  /** When true, there are no statistics: only the count. */
  readonly withheld: boolean;
  readonly withheldReason?: WithheldReason;
  readonly criteria?: RatingSummary[];
  readonly recommendation?: RecommendationSummary;
}

export interface OpenAnswers {
  readonly questionId: string;
  readonly label: string;
  /** Non-blank answers, trimmed, in alphabetical order: the order of arrival would hint at who wrote what. */
  readonly answers: string[];
}

export interface FeedbackSummary {
  readonly formId: string;
  /** Responses to this form. */
  readonly count: number;
  /** `count / expected` (0–1, raw) when `expected` is given and not 0. */
  readonly responseRate?: number;
  /** The minimum group size applied. */
  readonly minGroupSize: number;
  /** True when `count < minGroupSize`: nothing but the count and rate is given, groups included. */
  readonly withheld: boolean;
  /** Absent when withheld. */
  readonly criteria?: RatingSummary[];
  readonly recommendation?: RecommendationSummary;
  /** Only with `includeOpenAnswers`, and not when withheld. */
  readonly openAnswers?: OpenAnswers[];
  /** One group per evaluated session (responses without a session are in none); empty for a cycle-scoped form. */
  readonly bySession: FeedbackGroup[];
  /** One group per answer to the organisation question; empty when the form has none. */
  readonly byOrganisation: FeedbackGroup[];
}

export interface SummariseOptions {
  /** Groups of fewer responses are withheld; the form's `minGroupSize` by default. */
  readonly minGroupSize?: number;
  /** How many people were asked (e.g. confirmed participants), for the response rate. */
  readonly expected?: number;
  /** For labels, the order of groups, and to keep only this cycle's responses. */
  readonly cycle?: Pick<Cycle, 'id' | 'sessions' | 'organisations'>;
  /** List the answers to open questions (published only when the form's `results.openAnswers` allows). */
  readonly includeOpenAnswers?: boolean;
}

function statistics(form: FeedbackForm, responses: readonly FeedbackResponse[]): FeedbackStatistics {
  const value = (r: FeedbackResponse, id: string): unknown => (Object.hasOwn(r.answers, id) ? r.answers[id] : undefined);
  const criteria: RatingSummary[] = form.questions.flatMap((q) => {
    if (q.type !== 'rating') return [];
    const points = ratingPoints(form, q);
    const distribution = new Array<number>(points).fill(0);
    let sum = 0;
    let count = 0;
    for (const r of responses) {
      const v = value(r, q.id);
      // A stored answer out of the scale (the form changed since) is not counted.
      if (!isInt(v, 1, points)) continue;
      distribution[v - 1]! += 1;
      sum += v;
      count += 1;
    }
    return [{ questionId: q.id, label: q.label, points, count, ...(count > 0 ? { mean: sum / count } : {}), distribution }];
  });
  const rq = form.questions.find((q) => q.type === 'recommendation');
  if (!rq) return { criteria };
  const distribution = new Array<number>(11).fill(0);
  let sum = 0;
  let count = 0;
  for (const r of responses) {
    const v = value(r, rq.id);
    if (!isInt(v, 0, 10)) continue;
    distribution[v]! += 1;
    sum += v;
    count += 1;
  }
  const promoters = distribution[9]! + distribution[10]!;
  const detractors = distribution.slice(0, 7).reduce((a, b) => a + b, 0);
  const recommendation: RecommendationSummary = {
    questionId: rq.id,
    label: rq.label,
    count,
    ...(count > 0 ? { mean: sum / count, nps: ((promoters - detractors) / count) * 100 } : {}),
    distribution,
  };
  return { criteria, recommendation };
}

/**
 * Groups responses by a key and withholds what could single someone out: a group of fewer than
 * `min` responses (`small-group`); then, while the withheld responses (small groups plus responses
 * in no group) number from 1 to `min − 1`, the smallest shown group too (`complement`) — otherwise
 * the overall figures minus the shown groups would give away the small group's answers.
 */
function breakdown(
  form: FeedbackForm,
  responses: readonly FeedbackResponse[],
  keyOf: (r: FeedbackResponse) => string | undefined,
  rank: (key: string) => number,
  labelOf: (key: string) => string | undefined,
  min: number,
): FeedbackGroup[] {
  const byKey = new Map<string, FeedbackResponse[]>();
  let ungrouped = 0;
  for (const r of responses) {
    const key = keyOf(r);
    if (key === undefined) ungrouped += 1;
    else byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const keys = [...byKey.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const reason = new Map<string, WithheldReason>();
  let hidden = ungrouped;
  for (const k of keys) {
    if (byKey.get(k)!.length < min) {
      reason.set(k, 'small-group');
      hidden += byKey.get(k)!.length;
    }
  }
  while (hidden > 0 && hidden < min) {
    const shown = keys.filter((k) => !reason.has(k));
    if (shown.length === 0) break;
    // The smallest group costs the least information; the last in order among equals.
    const smallest = shown.reduce((a, b) => (byKey.get(b)!.length <= byKey.get(a)!.length ? b : a));
    reason.set(smallest, 'complement');
    hidden += byKey.get(smallest)!.length;
  }
  return keys.map((key) => {
    const group = byKey.get(key)!;
    const label = labelOf(key);
    const head = { key, ...(label === undefined ? {} : { label }), count: group.length };
    const withheldReason = reason.get(key);
    if (withheldReason) return { ...head, withheld: true, withheldReason };
    return { ...head, withheld: false, ...statistics(form, group) };
  });
}

/**
 * The statistics of a questionnaire's responses (only those to `form`, and to `options.cycle` when
 * given): overall figures per criterion and for the recommendation, optionally the open answers, and
 * breakdowns by session and by organisation (the answer to the form's organisation question).
 *
 * Anonymity: a group of fewer than `minGroupSize` responses (the form's by default) is withheld — its
 * count is given, its statistics are not — and so is any group that would let a reader deduce a
 * withheld group by subtraction (see {@link WithheldReason}). The overall figures follow the same
 * rule: with fewer responses than `minGroupSize`, `withheld` is true and only the count and the
 * response rate are given: anonymity among three or four people who are known to have attended is
 * no anonymity. A breakdown with a single group equal to the whole is kept.
 */
export function summariseFeedback(
  form: FeedbackForm,
  responses: readonly FeedbackResponse[],
  options: SummariseOptions = {},
): FeedbackSummary {
  const { cycle } = options;
  const mine = responses.filter((r) => r.formId === form.id && (cycle === undefined || r.cycleId === cycle.id));
  const min = options.minGroupSize ?? form.minGroupSize;
  const count = mine.length;
  const head = {
    formId: form.id,
    count,
    ...(options.expected ? { responseRate: count / options.expected } : {}),
    minGroupSize: min,
  };
  // Below the minimum every group is smaller still, so `breakdowns` withholds them all and only counts remain.
  if (count < min) return { ...head, withheld: true, ...breakdowns(form, mine, cycle, min) };
  const openAnswers = options.includeOpenAnswers
    ? form.questions
        .filter((q) => q.type === 'text')
        .map((q) => ({
          questionId: q.id,
          label: q.label,
          answers: mine
            .map((r) => (Object.hasOwn(r.answers, q.id) ? r.answers[q.id] : undefined))
            .filter((a): a is string => typeof a === 'string' && a.trim() !== '')
            .map((a) => a.trim())
            .sort(collator.compare),
        }))
    : undefined;
  return {
    ...head,
    withheld: false,
    ...statistics(form, mine),
    ...(openAnswers ? { openAnswers } : {}),
    ...breakdowns(form, mine, cycle, min),
  };
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

function breakdowns(
  form: FeedbackForm,
  responses: readonly FeedbackResponse[],
  cycle: SummariseOptions['cycle'],
  min: number,
): Pick<FeedbackSummary, 'bySession' | 'byOrganisation'> {
  // Known keys in the cycle's (or form's) order, then unknown ones by key.
  const rankIn = (ids: readonly string[]) => (key: string) => {
    const i = ids.indexOf(key);
    return i === -1 ? ids.length : i;
  };
  const sessionOrder = cycle ? sortSessions(cycle.sessions).map((s) => s.id) : form.sessionIds;
  const bySession = breakdown(
    form,
    responses,
    (r) => r.sessionId,
    rankIn(sessionOrder),
    (key) => cycle?.sessions.find((s) => s.id === key)?.title,
    min,
  );
  const oq = form.questions.find((q) => q.type === 'organisation');
  const orgOrder = cycle?.organisations.map((o) => o.id) ?? [];
  const byOrganisation = oq
    ? breakdown(
        form,
        responses,
        (r) => {
          const a = Object.hasOwn(r.answers, oq.id) ? r.answers[oq.id] : undefined;
          return typeof a === 'string' && a.trim() !== '' ? a : undefined;
        },
        // `other` closes the list.
        (key) => (key === OTHER_ORGANISATION ? Number.MAX_SAFE_INTEGER : rankIn(orgOrder)(key)),
        (key) => {
          const o = cycle?.organisations.find((x) => x.id === key);
          return o && (o.shortName ?? o.name);
        },
        min,
      )
    : [];
  return { bySession, byOrganisation };
}
