/**
 * The REST contract's shapes that are not the model's own: what a registration form posts, and the
 * error body every failure answers with. The reference server (src/server) and the HTTP backend
 * share them.
 */
import { z } from '../model/zod.js';
import { RegistrationRequestSchema } from '../model/registration.js';
import { EmailSchema, IdSchema, InstantSchema } from '../model/common.js';
import type { RegistrationRefusal } from '../rules/capacity.js';

/**
 * A registration as the form posts it: the request, plus what refuses bots without any third-party
 * service — a field people never see (`website`: any content means a bot) and the time spent
 * filling the form (`fillMs`: a person takes more than a few seconds).
 */
export const RegistrationSubmissionSchema = z.extend(RegistrationRequestSchema, {
  antiBot: z.optional(
    z.object({
      website: z.optional(z.string().check(z.maxLength(500))),
      fillMs: z.optional(z.int().check(z.gte(0))),
    }),
  ),
});
export type RegistrationSubmission = z.input<typeof RegistrationSubmissionSchema>;

/** Why a request failed, as the `error.code` of an error body. */
export type ErrorCode =
  | 'invalid' // 400: the body does not match the schema; `issues` say where
  | 'unauthorized' // 401: admin token missing or wrong
  | 'token-invalid' // 403: feedback token unknown
  | 'not-found' // 404
  | 'origin-not-allowed' // 403: a CORS preflight from a site not listed with --allow-origin
  | 'method-not-allowed' // 405
  | 'in-flight' // 409: the first request with this Idempotency-Key is still being processed
  | 'refused' // 409: registration refused (closed, full without waitlist, not eligible…); `reason` says why
  //             — the rules' `RegistrationRefusal`, or `{ reason: 'anti-bot' }` when the anti-bot checks refuse
  //             (`antiBot.website` not empty, or `antiBot.fillMs` below the minimum fill time; an absent
  //             `fillMs` is not checked). Not retryable: the same body would be refused again.
  | 'already-answered' // 409: this feedback token has already been used
  | 'closed' // 409: the questionnaire is not open
  | 'payload-too-large' // 413
  | 'unsupported-media-type' // 415
  | 'idempotency-key-reused' // 422: same Idempotency-Key, different body
  | 'idempotency-key-missing' // 400
  | 'rate-limited' // 429, with Retry-After
  | 'server-error'; // 5xx

/** The body of every error answer: `{ "error": { "code", "message", "issues"?, "reason"? } }`. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    /** For people, in the request's language (Accept-Language: fr by default, en). */
    readonly message: string;
    /** For `invalid`: each bad field's path (`participant.email`) and what is wrong. */
    readonly issues?: readonly { readonly path: string; readonly message: string }[];
    /** For `refused`: the rule that refused (see `RegistrationRefusal` in the rules). */
    readonly reason?: { readonly reason: string; readonly sessionId?: string };
  };
}

/**
 * Idempotency, as every adapter answers it (the reference server's store, the memory backend). A key
 * belongs to one cycle and one kind of request (registration, feedback); it must be 1 to 200 visible
 * ASCII characters, else 400 `idempotency-key-missing`. The first request with a key claims it:
 * - a second request while the first is processed gets 409 `in-flight`, whatever its body;
 * - once the first is answered, a request with the same body gets that answer again, as it was given
 *   (a registration's status then, not now), and one with another body gets 422 `idempotency-key-reused`;
 * - every answer of the decision is kept — success or refusal (`refused`, `closed`, `token-invalid`,
 *   `already-answered`); an `invalid` body, a missing cycle or a failure keeps nothing, so the key
 *   is free again.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,200}$/;

/** The refusal reasons a `refused` error can carry: the rules' `RegistrationRefusal`s, and the anti-bot checks'. */
export type RefusalReason = RegistrationRefusal['reason'] | 'anti-bot';

/** The error body as a schema, for the OpenAPI document (the type above is what code reads). */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    reason: z.optional(z.object({ reason: z.string(), sessionId: z.optional(z.string()) })),
  }),
});

/** What `POST …/feedback` answers (201). */
export { FeedbackReceiptSchema } from '../model/feedback.js';

/** Admin: erase a person's registrations (RGPD), identified by their email. */
export const ErasureRequestSchema = z.object({ email: EmailSchema });
export type ErasureRequest = z.output<typeof ErasureRequestSchema>;

/** Admin: issue feedback tokens for a questionnaire with `access: token`. */
export const FeedbackTokensRequestSchema = z.object({ count: z.int().check(z.gte(1), z.lte(5000)) });
export type FeedbackTokensRequest = z.output<typeof FeedbackTokensRequestSchema>;
