/**
 * Validation for the elements, without zod: the same contract as the SDK's `safeParseFeed`
 * (a `SafeParseResult` whose issues name their paths), the same verdicts and the same output,
 * from an IR generated from the zod schemas (ir.generated.ts) and a small interpreter
 * (interpret.ts). The SDK keeps zod and its locales; this is what the embed bundle ships.
 *
 * The functions here put issues in words on the spot (they bring the message catalogue with them);
 * the agenda's feed loader uses `parseFeedCompact` (feed.ts), which fetches it only for an invalid feed.
 */
import type { Feed } from '../feed.js';
import type { FeedbackSubmission } from '../feedback.js';
import { ValidationError, type ParseOptions, type SafeParseResult } from '../issues.js';
import type { RegistrationRequest } from '../registration.js';
import { FEED, FEEDBACK_SUBMISSION, REGISTRATION_REQUEST } from './ir.generated.js';
import type { Node } from './ir.js';
import { validate } from './validate.js';

export { validate, type CompactResult } from './validate.js';
export { interpret, describe, type RawIssue, type RawResult } from './interpret.js';
export { parseFeedCompact } from './feed.js';

function safeParse<T>(ir: Node, input: unknown, options: ParseOptions, what: string): SafeParseResult<T> {
  const r = validate<T>(ir, input, options.locale);
  return r.success ? { success: true, data: r.data } : { success: false, error: new ValidationError(r.issues, what) };
}

/** Validates either kind of feed, as `safeParseFeed` does. */
export const safeParseFeedCompact = (input: unknown, options: ParseOptions = {}): SafeParseResult<Feed> =>
  safeParse(FEED, input, options, 'feed');

/** Validates what the registration form sends, as `RegistrationRequestSchema` does. */
export const safeParseRegistrationRequestCompact = (input: unknown, options: ParseOptions = {}): SafeParseResult<RegistrationRequest> =>
  safeParse(REGISTRATION_REQUEST, input, options, 'registration request');

/** Validates what the evaluation widget sends, as `FeedbackSubmissionSchema` does. */
export const safeParseFeedbackSubmissionCompact = (input: unknown, options: ParseOptions = {}): SafeParseResult<FeedbackSubmission> =>
  safeParse(FEEDBACK_SUBMISSION, input, options, 'feedback submission');
