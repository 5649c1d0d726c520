import type { Availability } from '../model/availability.js';
import type { Feed } from '../model/feed.js';
import type { FeedbackSubmission } from '../model/feedback.js';
import type { Registration } from '../model/registration.js';
import type { FeedbackSummary } from '../rules/feedback.js';
import type { RegistrationSubmission } from './protocol.js';

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

export interface SubmitOptions extends RequestOptions {
  /**
   * One key per submission, the same across every retry of it (and across page reloads, for a
   * submission kept in the outbox): the backend stores it once whatever the number of attempts.
   */
  readonly idempotencyKey: string;
}

export interface FeedbackReceipt {
  readonly id: string;
  readonly submittedAt: string;
}

/**
 * Where formacoop's elements read and send data. Elements never call fetch themselves: they get a
 * Backend (a feed URL is the simplest, read-only one) and go through it. Adapters: static feed
 * (read only), memory (tests, Storybook, pages without a server), HTTP (the reference server's REST
 * contract). Failures are `BackendError`s.
 */
export interface Backend {
  /** The feed: one cycle or a catalogue, already validated. */
  loadFeed(options?: RequestOptions): Promise<Feed>;
  /** Seats left per session and for the cycle. */
  availability?(cycleId: string, options?: RequestOptions): Promise<Availability>;
  /** Registers a person: confirmed, or waitlisted with a position; decided atomically by the backend. */
  register?(cycleId: string, submission: RegistrationSubmission, options: SubmitOptions): Promise<Registration>;
  /** Sends one evaluation answer (for a session when `submission.sessionId` is set). */
  sendFeedback?(cycleId: string, submission: FeedbackSubmission, options: SubmitOptions): Promise<FeedbackReceipt>;
  /** The evaluation's statistics, small groups withheld (public results, or with the admin token). */
  feedbackSummary?(cycleId: string, formId: string, options?: RequestOptions & { readonly adminToken?: string }): Promise<FeedbackSummary>;
}
