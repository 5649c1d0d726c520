/**
 * The form kit shared by formacoop's forms (registration, evaluation). Small on purpose: every
 * byte ships in the embed bundle.
 *
 * - `fieldErrors(issues, overrides?)`: THE validation adapter. Turns the issues of the compact
 *   validator (or of a server's 400 `invalid` body — same `{ path, message }` shape) into one
 *   message per field, keyed by field path (`participant.email`; item paths such as
 *   `sessionIds[0]` go to their list, `sessionIds`). Messages come in the language the validator
 *   was asked for; `overrides` replaces the schema's wording for a path where it would be too
 *   generic for a person (« choisissez au moins une journée » rather than « liste trop courte »).
 * - `field(spec)`, `choices(spec)`: a labelled input / select / textarea, or a fieldset of
 *   checkboxes, with hint, visible required marker, `aria-invalid` and `aria-describedby` pointing
 *   at the hint and the error — all in the caller's shadow root. The control's `name` is the field's
 *   path and its id `f-<path>`, so that a form reads input through one `@input` / `@focusout`
 *   listener, and `focusField(root, path)` (used by the error summary) finds it.
 * - `errorSummary(title, entries, root)`: `role="alert"` list of links, each moving focus to its field.
 * - `SubmissionController`: submits through the outbox (src/backend/outbox.ts) and reports
 *   `status` — idle | sending | retrying | queued | sent | failed — plus `answer` / `error` /
 *   `reason` / `nextAttemptAt`. One Idempotency-Key per submission (the outbox's, kept in storage
 *   across reloads); `submit` does nothing while a submission is under way, and the outbox's dedupe
 *   key joins a double click to the first request. `attach(send)` gives the sender once the
 *   backend is known: entries left queued by an earlier page (same cycle, same kind) are adopted
 *   and sent; the outbox itself sends the queue again on `online`. `sharedOutbox()` is the page's one
 *   outbox (localStorage); an element takes another through a property (tests, Storybook).
 * - `formStyles`: the CSS of the above (add after `tokens`).
 */
export { fieldErrors, type FieldErrors, type IssueLike } from './validation.js';
export { field, choices, errorSummary, focusField, formStyles, type FieldSpec, type ChoicesSpec, type FormWords } from './fields.js';
export { SubmissionController, sharedOutbox, type SubmissionStatus, type SubmissionHost } from './submission.js';
