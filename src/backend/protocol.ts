/**
 * The REST contract's shapes that are not the model's own: what a registration form posts, and the
 * error body every failure answers with. The reference server (src/server) and the HTTP backend
 * share them.
 */
import { z } from '../model/zod.js';
import { RegistrationRequestSchema } from '../model/registration.js';

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
  | 'in-flight' // 409: the first request with this Idempotency-Key is still being processed
  | 'refused' // 409: registration refused (closed, full without waitlist, not eligible…); `reason` says why
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
