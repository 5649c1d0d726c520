import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Backend, FeedbackReceipt } from '../../backend/backend.js';
import { BackendError } from '../../backend/errors.js';
import type { Outbox, OutboxUpdate } from '../../backend/outbox.js';
import { DEFAULT_TIME_ZONE } from '../../model/constants.js';
import type { Cycle } from '../../model/cycle.js';
import type { Feed } from '../../model/feed.js';
import type { FeedbackForm, FeedbackQuestion, FeedbackSubmission } from '../../model/feedback.js';
import type { Locale } from '../../model/messages.js';
import { feedbackFormState, formSessionIds, OTHER_ORGANISATION, ratingPoints, validateFeedback } from '../../rules/feedback.js';
import { organisationsWithRole } from '../../rules/lookup.js';
import { timing } from '../../rules/schedule.js';
import { errorSummary, field, fieldErrors, formStyles, SubmissionController, sharedOutbox, type FieldErrors, type IssueLike } from '../form/index.js';
import { tokens } from '../shared/styles.js';
import { FeedSource } from '../shared/feed-source.js';
import { LocaleController } from '../shared/locale-controller.js';
import { renderEnglishUnavailable, renderError, renderLoading } from '../shared/states.js';
import { feedbackStyles } from './feedback.styles.js';
import { feedbackMessages, type FeedbackMessages } from './messages.js';

/** The cycle, questionnaire and (for a session questionnaire) day the element asks about. */
export interface FeedbackTarget {
  readonly cycle: Cycle;
  readonly form: FeedbackForm;
}

/**
 * The evaluation questionnaire of a session or of the whole cycle, as the feed defines it: criteria
 * rated on a labelled scale (each a fieldset of real radio buttons: arrow keys move, labels are
 * read), the 0–10 recommendation, open questions, the communauté de communes for the breakdown.
 * Anonymous: it asks for no personal data. For a questionnaire with participant tokens, the
 * personal link's `?token=` (or the `token` attribute) allows one answer; a second says it was
 * already given. Answers go through the outbox: kept on the device when offline, sent once.
 *
 * @summary The evaluation questionnaire: anonymous, keyboard-friendly, sent once even offline.
 *
 * @slot - Content shown until the questionnaire is ready (and with an error).
 *
 * @csspart state - The loading, closed, queued, thanks, already-answered and error messages.
 * @csspart form - The questionnaire.
 * @csspart question - One question (a fieldset for a scale).
 * @csspart error-summary - The list of questions to complete, after a failed submit.
 * @csspart submit - The send button.
 *
 * @cssproperty [--fc-color-accent=#0b5e8a] - Buttons, the chosen answer.
 * @cssproperty [--fc-color-on-accent=#ffffff] - Text on the accent colour.
 * @cssproperty [--fc-color-text=inherit] - Text colour.
 * @cssproperty [--fc-color-muted=#595959] - Hints and « (obligatoire) ».
 * @cssproperty [--fc-color-border=#767676] - Borders of fields and scale points.
 * @cssproperty [--fc-color-surface-raised=#f6f6f6] - Background of messages.
 * @cssproperty [--fc-color-danger=#b3261e] - Errors.
 * @cssproperty [--fc-color-success=#1b6b2f] - The thanks message's edge.
 * @cssproperty [--fc-color-focus=#0b5e8a] - Focus ring.
 * @cssproperty [--fc-color-input=#ffffff] - Background of fields.
 * @cssproperty [--fc-color-input-text=#1a1a1a] - Text of fields.
 * @cssproperty [--fc-font-family=inherit] - Font (the page's by default).
 * @cssproperty [--fc-font-size=1rem] - Base text size (also --fc-font-size-small=0.875rem).
 * @cssproperty [--fc-space-m=1rem] - Base spacing (also --fc-space-xs, -s, -l).
 *
 * @fires fc-feedback-sent - The answers were stored by the server (`detail: { cycleId, formId, sessionId?, receipt }`).
 */
export class FcFeedback extends LitElement {
  static override styles = [tokens, formStyles, feedbackStyles];
  // Reactive properties declared here rather than with decorators: no decorator code in the bundle.
  static override properties = {
    src: {},
    api: {},
    cycle: {},
    formId: { attribute: 'form-id' },
    session: {},
    token: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    data: { attribute: false },
    backend: { attribute: false },
    now: { attribute: false },
    outbox: { attribute: false },
    answers: { state: true, attribute: false },
    chosenSession: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    summaryFields: { state: true, attribute: false },
  };

  /** URL of a feed of its own (else the `<fc-cycle>` around it). Sending needs a server: prefer `api`. */
  declare src?: string;
  /** Address of a formacoop server: the questionnaire comes from it and the answers go to it. */
  declare api?: string;
  /** The cycle's id (with `api`, or to choose in a catalogue); the feed's only cycle by default. */
  declare cycle?: string;
  /** The questionnaire's id; by default the first one for `session` (or the cycle's first). */
  declare formId?: string;
  /** The day evaluated, for a session questionnaire; without it the person chooses. */
  declare session?: string;
  /** The participant token of a questionnaire with tokens; else read from the page's `?token=`. */
  declare token?: string;
  /** Level of the element's top heading, to fit the page's outline (2 by default). */
  headingLevel = 2;
  /** An already-parsed feed (answers still go to `backend`). */
  declare data?: Feed;
  /** The backend to read the feed from and send the answers to. */
  declare backend?: Backend;
  /** The present moment (opening and closing dates); now by default. */
  declare now?: Date;
  /** The outbox that keeps the answers until they are stored; the page's by default. */
  declare outbox?: Outbox;

  private answers: Readonly<Record<string, number | string>> = {};
  private declare chosenSession?: string;
  private errors: FieldErrors = {};
  /** The fields listed by the last failed submit (the summary keeps those still wrong). */
  private summaryFields: readonly string[] = [];

  readonly #localeController = new LocaleController(this);
  readonly #source = new FeedSource(this, () => this.#localeController.locale);
  /** One per filled questionnaire: a double click joins the first request. */
  readonly #dedupeKey = `feedback-${crypto.randomUUID()}`;
  readonly #submission = new SubmissionController<FeedbackSubmission, FeedbackReceipt>(this, {
    kind: 'feedback',
    outbox: () => this.outbox ?? sharedOutbox(),
    cycleId: () => this.target?.cycle.id,
    onUpdate: (u) => this.#onSubmissionUpdate(u),
  });
  #attachedTo?: Backend;
  #focusAfterUpdate?: string;

  get #locale(): Locale {
    return this.#localeController.locale;
  }

  /** The words of the element's language, as of the last render (see `render`). */
  #m!: FeedbackMessages;

  /** The cycle and questionnaire asked about, once the feed is ready (undefined when it has none). */
  get target(): FeedbackTarget | undefined {
    const s = this.#source.state;
    if (s.status !== 'ready') return undefined;
    const cycle = s.cycles.find((c) => c.id === this.cycle) ?? s.cycles[0];
    const forms = cycle?.feedback ?? [];
    const form =
      forms.find((f) => f.id === this.formId) ??
      (this.formId === undefined
        ? (this.session && cycle && forms.find((f) => f.scope === 'session' && formSessionIds(cycle, f).includes(this.session!))) || forms[0]
        : undefined);
    return cycle && form ? { cycle, form } : undefined;
  }

  /** Where the submission stands: idle, sending, retrying, queued, sent or failed. */
  get status(): SubmissionController<FeedbackSubmission, FeedbackReceipt>['status'] {
    return this.#submission.status;
  }

  get #participantToken(): string | undefined {
    return this.token || new URLSearchParams(location.search).get('token') || undefined;
  }

  get #sessionId(): string | undefined {
    const target = this.target;
    if (target?.form.scope !== 'session') return undefined;
    const ids = formSessionIds(target.cycle, target.form);
    return this.session && ids.includes(this.session) ? this.session : this.chosenSession;
  }

  protected override updated(): void {
    const s = this.#source.state;
    const backend = s.status === 'ready' ? s.backend : undefined;
    if (backend?.sendFeedback && this.target && backend !== this.#attachedTo) {
      this.#attachedTo = backend;
      this.#submission.attach((cycleId, payload, options) => backend.sendFeedback!(cycleId, payload, options));
    }
    if (this.#focusAfterUpdate) {
      const el = this.renderRoot.querySelector<HTMLElement>(this.#focusAfterUpdate);
      this.#focusAfterUpdate = undefined;
      el?.focus();
    }
  }

  #onSubmissionUpdate(u: OutboxUpdate): void {
    const target = this.target;
    if (u.status === 'sent') {
      this.dispatchEvent(new FeedbackSentEvent({ cycleId: u.cycleId, formId: target?.form.id ?? '', sessionId: this.#sessionId, receipt: u.answer as FeedbackReceipt }));
      this.#focusAfterUpdate = '.state';
    } else if (u.status === 'failed') {
      const e = u.error;
      if (e instanceof BackendError && e.code === 'invalid' && e.body?.error.issues?.length) {
        // The server found what the page did not (a questionnaire changed since it loaded): shown on the fields.
        queueMicrotask(() => {
          this.#submission.reset();
          this.#showErrors(fieldErrors(e.body!.error.issues as IssueLike[]));
        });
      } else {
        this.#focusAfterUpdate = '.state';
      }
    } else if (u.status === 'queued') {
      this.#focusAfterUpdate = '.state';
    }
  }

  #heading(level: number, content: unknown): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, Math.max(1, level))} class="title">${content}</div>`;
  }

  #stateMessage(kind: string, text: unknown, role: 'status' | 'alert' = 'status', extra: unknown = nothing): TemplateResult {
    return html`<div class="state ${kind}" part="state ${kind}" role=${role} tabindex="-1">
      <p>${text}</p>
      ${extra}
    </div>`;
  }

  protected override render(): TemplateResult {
    // English asked for, English words missing: shown in French, and said why.
    const t = this.#localeController.t;
    return html`${this.#localeController.failed ? renderEnglishUnavailable(t) : nothing}${this.#renderState()}`;
  }

  #renderState(): TemplateResult {
    const s = this.#source.state;
    const t = this.#localeController.t;
    const m = feedbackMessages(this.#locale, () => this.requestUpdate());
    // English words arrive in two fetches (the shared ones, the questionnaire's): until both are
    // here, the loading state, so that an English page never shows French words beside English ones.
    if (s.status === 'loading' || !m || !this.#localeController.ready) return renderLoading(t);
    this.#m = m;
    if (s.status === 'error') return renderError(t, s.error, s.retry);
    const target = this.target;
    if (!target) return html`<p class="state empty" part="state empty" role="status">${this.formId ? m.unknownForm(this.formId) : m.noForm}</p>`;
    const { cycle, form } = target;
    return html`${this.#heading(this.headingLevel, form.title)}${this.#renderBody(cycle, form, s.backend)}`;
  }

  #renderBody(cycle: Cycle, form: FeedbackForm, backend: Backend | undefined): TemplateResult {
    const m = this.#m;
    const sub = this.#submission;
    switch (sub.status) {
      case 'sent':
        return this.#stateMessage('done', m.thanks);
      case 'queued':
        return this.#stateMessage(
          'queued',
          html`${m.queued}${sub.persisted ? nothing : html` ${m.queuedMemory}`}`,
          'status',
          html`<button type="button" @click=${() => void (this.outbox ?? sharedOutbox()).flush()}>${m.tryNow}</button>`,
        );
      case 'failed': {
        const e = sub.error;
        const code = e instanceof BackendError ? e.code : undefined;
        if (code === 'already-answered') return this.#stateMessage('already', m.alreadyAnswered);
        if (code === 'token-invalid') return this.#stateMessage('error', m.tokenInvalid, 'alert');
        if (code === 'closed') return this.#stateMessage('closed', e instanceof Error ? e.message : m.closedNow);
        if (code !== 'invalid') {
          const detail = e instanceof Error ? e.message : String(e);
          const back = html`<button type="button" @click=${() => this.#submission.reset()}>${m.back}</button>`;
          return this.#stateMessage('error', m.failed(detail), 'alert', back);
        }
      }
    }
    if (sub.status === 'idle') {
      const closed = this.#closedMessage(cycle, form);
      if (closed) return this.#stateMessage('closed', closed);
      if (!backend?.sendFeedback) return this.#stateMessage('error', m.noServer, 'alert');
      const token = this.#participantToken;
      if (form.access === 'token' && !token) return this.#stateMessage('error', m.tokenMissing, 'alert');
      if (form.access === 'token' && (token!.length < 8 || token!.length > 200)) return this.#stateMessage('error', m.tokenInvalid, 'alert');
    }
    return this.#renderForm(cycle, form);
  }

  #closedMessage(cycle: Cycle, form: FeedbackForm): string | undefined {
    const m = this.#m;
    const now = this.now ?? new Date();
    // In the cycle's time zone, not the reader's: « clos depuis le 15 juin à 18:00 » means Paris time.
    let timeZone = DEFAULT_TIME_ZONE;
    for (const { date: d } of cycle.sessions) if (d.precision === 'exact') timeZone = d.timeZone;
    const date = (iso: string) => new Intl.DateTimeFormat(this.#locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
    const state = feedbackFormState(form, now);
    if (state === 'not-open-yet') return m.notOpenYet(date(form.opensAt!));
    if (state === 'closed') return m.closed(date(form.closesAt!));
    const session = this.session ? cycle.sessions.find((x) => x.id === this.#sessionId) : undefined;
    // A day is evaluated once it has taken place: the form opens at its end.
    if (session && ['upcoming', 'ongoing'].includes(timing(session, now))) return m.beforeSession(session.title);
    return undefined;
  }

  #renderForm(cycle: Cycle, form: FeedbackForm): TemplateResult {
    const m = this.#m;
    const busy = this.#submission.busy;
    const w = { required: m.required, error: m.error };
    const labelOf = (name: string) =>
      name === 'sessionId' ? m.session : (form.questions.find((q) => `answers.${q.id}` === name)?.label ?? name);
    const summary = this.summaryFields.filter((f) => this.errors[f]).map((f) => [f, `${labelOf(f)} : ${this.errors[f]}`] as const);
    const sessions = form.scope === 'session' && !(this.session && this.#sessionId === this.session) ? formSessionIds(cycle, form) : [];
    return html`<form part="form" novalidate @submit=${this.#onSubmit} @change=${this.#onInput} @input=${this.#onInput}>
      ${form.intro ? html`<p class="intro">${form.intro}</p>` : nothing}
      <p class="note">${m.requiredNote}</p>
      ${errorSummary(m.summaryTitle(summary.length), summary, () => this.renderRoot as ShadowRoot)}
      ${sessions.length
        ? field(
            {
              name: 'sessionId',
              label: m.session,
              type: 'select',
              required: true,
              value: this.chosenSession ?? '',
              options: [['', m.choose], ...sessions.map((id) => [id, cycle.sessions.find((x) => x.id === id)?.title ?? id] as const)],
            },
            this.errors,
            w,
          )
        : nothing}
      ${form.questions.map((q) => this.#renderQuestion(cycle, form, q, w))}
      <p class="note">${m.anonymous}${form.access === 'token' ? html` ${m.tokenNotice}` : nothing}</p>
      <p class="sending" role="status">${this.#submission.status === 'retrying' ? m.retrying : busy ? m.sending : ''}</p>
      <button class="primary" part="submit" aria-disabled=${busy ? 'true' : 'false'}>${m.send}</button>
    </form>`;
  }

  #renderQuestion(cycle: Cycle, form: FeedbackForm, q: FeedbackQuestion, w: { required: string; error: string }): TemplateResult {
    const m = this.#m;
    const name = `answers.${q.id}`;
    const value = this.answers[q.id];
    switch (q.type) {
      case 'rating': {
        const labels = q.scale?.labels ?? form.scale.labels;
        const points = Array.from({ length: ratingPoints(form, q) }, (_, i) => [i + 1, `${i + 1} — ${labels[i] ?? ''}`] as const);
        return this.#scale(name, q, points, value, 'rating');
      }
      case 'recommendation':
        return this.#scale(name, q, Array.from({ length: 11 }, (_, i) => [i, String(i)] as const), value, 'recommendation');
      case 'organisation': {
        const options = [['', m.choose], ...organisationsWithRole(cycle, 'member').map((o) => [o.id, o.name] as const), [OTHER_ORGANISATION, m.otherOrganisation]] as const;
        return field({ name, label: q.label, type: 'select', required: q.required, hint: q.help, value: typeof value === 'string' ? value : '', options }, this.errors, w);
      }
      case 'text':
        return field({ name, label: q.label, type: 'textarea', required: q.required, hint: q.help, value: typeof value === 'string' ? value : '' }, this.errors, w);
    }
  }

  /** A scale: a fieldset whose legend is the question, and one real radio button per point. */
  #scale(name: string, q: FeedbackQuestion, points: readonly (readonly [number, string])[], value: unknown, kind: string): TemplateResult {
    const m = this.#m;
    const error = this.errors[name];
    const id = `f-${name}`;
    const described = [q.help ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<fieldset class="field scale ${kind} ${error ? 'invalid' : ''}" part="question" id=${id} aria-describedby=${described || nothing}>
      <legend>${q.label}${q.required ? html` <span class="required">${m.required}</span>` : nothing}</legend>
      ${q.help ? html`<p class="hint" id="${id}-hint">${q.help}</p>` : nothing}
      ${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${m.error}</span>${error}</p>` : nothing}
      <div class="points">
        ${points.map(
          ([v, label]) => html`<label class="point"
            ><input type="radio" name=${name} value=${v} .checked=${live(value === v)} ?required=${q.required} /><span>${label}</span></label
          >`,
        )}
      </div>
    </fieldset>`;
  }

  #onInput(e: Event): void {
    const el = e.target as HTMLInputElement;
    if (el.name === 'sessionId') this.chosenSession = el.value || undefined;
    else if (el.name.startsWith('answers.')) this.answers = { ...this.answers, [el.name.slice(8)]: el.type === 'radio' ? Number(el.value) : el.value };
    else return;
    // After a failed submit, a corrected answer loses its error at once.
    if (this.summaryFields.length) this.errors = this.#validate(this.#submissionOf(this.target!));
  }

  /** What is sent: answered questions only, texts trimmed; the token only where the questionnaire uses one. */
  #submissionOf({ form }: FeedbackTarget): FeedbackSubmission {
    const answers: Record<string, number | string> = {};
    for (const q of form.questions) {
      const v = this.answers[q.id];
      const kept = typeof v === 'string' ? v.trim() : v;
      if (kept !== undefined && kept !== '') answers[q.id] = kept;
    }
    const sessionId = this.#sessionId;
    const token = form.access === 'token' ? this.#participantToken : undefined;
    return { formId: form.id, ...(sessionId ? { sessionId } : {}), answers, ...(token ? { token } : {}) };
  }

  /**
   * The questionnaire's rules (required answers, ranges, lengths, the day, the communauté), in the
   * page's language — the SDK's `validateFeedback`, which the server applies too. The submission's
   * shape needs no schema check here: the element builds it from the questionnaire itself.
   */
  #validate(submission: FeedbackSubmission): FieldErrors {
    return fieldErrors(validateFeedback(this.target!.cycle, submission, this.#locale));
  }

  #showErrors(errors: FieldErrors): void {
    this.errors = errors;
    this.summaryFields = Object.keys(errors);
    this.#focusAfterUpdate = '.error-summary a';
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const target = this.target;
    const s = this.#source.state;
    const backend = s.status === 'ready' ? s.backend : undefined;
    if (!target || !backend?.sendFeedback || this.#submission.busy) return;
    const submission = this.#submissionOf(target);
    const errors = this.#validate(submission);
    if (Object.keys(errors).length) return this.#showErrors(errors);
    this.errors = {};
    this.summaryFields = [];
    this.#submission.submit(target.cycle.id, submission, this.#dedupeKey, (cycleId, payload, options) => backend.sendFeedback!(cycleId, payload, options));
  }
}

export interface FeedbackSentDetail {
  readonly cycleId: string;
  readonly formId: string;
  readonly sessionId?: string | undefined;
  readonly receipt: FeedbackReceipt;
}

/** The answers were stored: `detail.receipt` is the server's `{ id, submittedAt }`. */
export class FeedbackSentEvent extends Event {
  static readonly type = 'fc-feedback-sent';
  constructor(readonly detail: FeedbackSentDetail) {
    super(FeedbackSentEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fc-feedback-sent': FeedbackSentEvent;
  }
}
