import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Backend } from '../../backend/backend.js';
import { BackendError } from '../../backend/errors.js';
import { createDraftStore, type DraftStore, type Outbox, type OutboxUpdate, type QueueReason } from '../../backend/outbox.js';
import type { RegistrationSubmission } from '../../backend/protocol.js';
import type { Availability } from '../../model/availability.js';
import { REGISTRATION_REQUEST } from '../../model/compact/ir.generated.js';
import { safeParseRegistrationRequestCompact } from '../../model/compact/index.js';
import type { Cycle } from '../../model/cycle.js';
import type { Feed } from '../../model/feed.js';
import { message, type Locale } from '../../model/messages.js';
import { checkParticipant } from '../../model/refinements.js';
import type { ParticipantFunction } from '../../model/participant.js';
import type { Registration, RegistrationRequestInput } from '../../model/registration.js';
import type { Session } from '../../model/session.js';
import { formatSessionDate } from '../../i18n/dates.js';
import { registrationState } from '../../rules/capacity.js';
import { audienceOf, organisationsWithRole } from '../../rules/lookup.js';
import { cycleSpan, sortSessions, timing } from '../../rules/schedule.js';
import { choices, errorSummary, field, fieldErrors, formStyles, type IssueLike, SubmissionController, sharedOutbox, type FieldErrors } from '../form/index.js';
import { FeedSource } from '../shared/feed-source.js';
import { LocaleController } from '../shared/locale-controller.js';
import { renderEnglishUnavailable, renderError, renderLoading } from '../shared/states.js';
import { tokens } from '../shared/styles.js';
import type { RegisterEvent } from '../agenda/agenda.js';
import { participantFunctionLabels } from '../../formats/labels.js';
import { fr, registrationWords, type RegistrationWords } from './messages.js';
import { registrationFormStyles } from './registration-form.styles.js';

/** The functions the schema allows, read from the validator's IR: the form restates no list. */
const FUNCTIONS = (REGISTRATION_REQUEST as unknown as [0, { participant: [0, { function: [0, ParticipantFunction[]] }] }])[1].participant[1].function[1];
/** The organisation select's value for « another organisation ». */
const OTHER = '-';

/** What the person types, kept as typed (the draft), turned into a request at submit. */
interface Values {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  function: string;
  functionOther: string;
  organisation: string;
  organisationName: string;
  sessionIds: string[];
  accessNeeds: string;
  website: string;
}

interface Draft {
  readonly values: Values;
  /** One per filled form: a second submit of it joins the first (the outbox's dedupe key). */
  readonly key: string;
}

type Outcome = { readonly kind: 'closed' | 'not-open-yet' | 'full' } | { readonly kind: 'failed'; readonly message: string };

const blank = (): Values => ({
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  function: '',
  functionOther: '',
  organisation: '',
  organisationName: '',
  sessionIds: [],
  accessNeeds: '',
  website: '',
});

/**
 * The registration form of a training cycle: the cycle's title, dates and seats left, the fields of
 * the RegistrationRequest schema, the RGPD notice of the feed, then the outcome — confirmed (with
 * « Ajouter à mon agenda »), waitlisted with its position, closed, full. A submission is kept in the
 * page's outbox until the server answers: retried on network errors, timeouts, 5xx and 429, queued
 * while offline and sent once when the connection returns, also after a reload.
 *
 * @summary Registration to a training cycle, that never loses a registration.
 *
 * @slot - Content shown until the form is ready (and with its error): a contact address, a PDF form…
 *
 * @csspart state - The loading, empty and error messages.
 * @csspart header - The cycle's title, dates and seats.
 * @csspart form - The form.
 * @csspart error-summary - The list of errors after a failed submit.
 * @csspart privacy - The RGPD information notice.
 * @csspart submit - The submit button.
 * @csspart status - The sending / retrying / queued message.
 * @csspart outcome - The confirmed, waitlisted, closed, full or failed screen.
 *
 * @cssproperty [--fc-color-text=inherit] - Text colour.
 * @cssproperty [--fc-color-muted=#595959] - Hints and notes.
 * @cssproperty [--fc-color-accent=#0b5e8a] - Links and buttons.
 * @cssproperty [--fc-color-on-accent=#ffffff] - Text on the accent colour.
 * @cssproperty [--fc-color-surface-raised=#f6f6f6] - Background of the notice and messages.
 * @cssproperty [--fc-color-border=#767676] - Borders of fields.
 * @cssproperty [--fc-color-danger=#b3261e] - Errors.
 * @cssproperty [--fc-color-success=#1b6b2f] - The confirmation.
 * @cssproperty [--fc-color-focus=#0b5e8a] - Focus ring.
 * @cssproperty [--fc-color-input=#ffffff] - Background of fields.
 * @cssproperty [--fc-color-input-text=#1a1a1a] - Text of fields.
 * @cssproperty [--fc-font-family=inherit] - Font (the page's by default).
 * @cssproperty [--fc-font-size=1rem] - Base text size (also --fc-font-size-small=0.875rem).
 * @cssproperty [--fc-space-m=1rem] - Base spacing (also --fc-space-xs, -s, -l).
 * @cssproperty [--fc-radius-m=0.375rem] - Corner radius (also --fc-radius-s).
 *
 * @fires fc-registered - The server recorded the registration (`detail.registration`: confirmed, or waitlisted with `waitlistPosition`).
 * @fires fc-registration-queued - The registration waits in the page's outbox (`detail: { id, reason }`, reason `offline`, `retries-exhausted`…); it is sent when the connection returns.
 * @fires fc-registration-failed - The server refused the registration for good (`detail.error`, a `BackendError`: invalid fields, closed, full…).
 */
export class FcRegistrationForm extends LitElement {
  static override styles = [tokens, formStyles, registrationFormStyles];
  // Reactive properties declared here rather than with decorators: no decorator code in the bundle.
  static override properties = {
    src: {},
    api: {},
    cycle: {},
    data: { attribute: false },
    backend: { attribute: false },
    outbox: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    email: {},
    firstName: { attribute: 'first-name' },
    lastName: { attribute: 'last-name' },
    organisation: {},
    sessions: {},
    now: { attribute: false },
    values: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    showSummary: { state: true, attribute: false },
    outcome: { state: true, attribute: false },
    seats: { state: true, attribute: false },
  };

  /** URL of a feed of its own (read only: a form needs `api` to send). */
  declare src?: string;
  /** Address of the formacoop server: the feed, seats and registrations go through it. */
  declare api?: string;
  /** The cycle to register for (required when the feed has several). */
  declare cycle?: string;
  /** An already-parsed feed. */
  declare data?: Feed;
  /** A backend (memory backend in tests and Storybook). */
  declare backend?: Backend;
  /** Where submissions wait for an answer; the page's shared one (localStorage) by default. */
  declare outbox?: Outbox;
  /** Level of the form's top heading (2 by default). */
  headingLevel = 2;
  /** Prefills the email (also `?email=` in the page's URL). */
  declare email?: string;
  /** Prefills the first name (also `?first-name=`). */
  declare firstName?: string;
  /** Prefills the last name (also `?last-name=`). */
  declare lastName?: string;
  /** Prefills the organisation: the id of one of the cycle's organisations. */
  declare organisation?: string;
  /** Prefills the chosen days: session ids separated by spaces (also `?fc-session=`, as the agenda links). */
  declare sessions?: string;
  /** The present moment (past days are not offered; registration dates); now by default. */
  declare now?: Date;

  private values: Values = blank();
  private errors: FieldErrors = {};
  private showSummary = false;
  private declare outcome?: Outcome;
  private declare seats?: Availability;

  readonly #localeController = new LocaleController(this);
  readonly #source = new FeedSource(this, () => this.#localeController.locale);
  readonly #submission = new SubmissionController<RegistrationSubmission, Registration>(this, {
    kind: 'registration',
    outbox: () => this.outbox ?? sharedOutbox(),
    cycleId: () => this.#current?.id,
    onUpdate: (u) => this.#onSubmissionUpdate(u),
  });
  #draft?: DraftStore<Draft>;
  #key = '';
  #preparedFor?: Cycle;
  #attachedTo?: Backend;
  #startedAt = performance.now();
  /** What to focus after the next render: `title`, `summary` or `outcome` (their `data-focus`). */
  #pendingFocus?: string;

  get #locale(): Locale {
    return this.#localeController.locale;
  }
  /** The form's words; French stands in for the moment English is being fetched (render shows loading then). */
  get #w(): RegistrationWords {
    return registrationWords(this.#locale, () => this.requestUpdate()) ?? fr;
  }

  /** The cycle this form registers for, once the feed is ready (else undefined). */
  get #current(): Cycle | undefined {
    const s = this.#source.state;
    if (s.status !== 'ready') return undefined;
    return this.cycle ? s.cycles.find((c) => c.id === this.cycle) : s.cycles.length === 1 ? s.cycles[0] : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fc-register', this.#onAgendaRegister);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fc-register', this.#onAgendaRegister);
    this.#draft?.flush();
  }

  /** « S'inscrire » in an agenda of the same cycle: the form, with that day chosen, instead of a page change. */
  readonly #onAgendaRegister = (e: RegisterEvent) => {
    const cycle = this.#current;
    if (!cycle || e.detail.cycleId !== cycle.id) return;
    e.preventDefault();
    // A day not offered to this person (their function's) is not chosen: the list says which are.
    if (!this.#submission.busy && this.#submission.status !== 'sent' && !this.outcome && this.#offered(cycle).some((s) => s.id === e.detail.sessionId))
      this.#chooseSession(cycle, e.detail.sessionId);
    this.#pendingFocus = 'title';
    this.requestUpdate();
  };

  #chooseSession(cycle: Cycle, id: string): void {
    const restricted = (sid: string) => cycle.sessions.find((s) => s.id === sid)?.eligibility === 'cycle-participants';
    // A day for registered people goes alone; a core day joins the others.
    const ids = restricted(id) ? [id] : [...this.values.sessionIds.filter((s) => !restricted(s)), id];
    this.#setValues({ sessionIds: [...new Set(ids)] });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const cycle = this.#current;
    if (cycle && cycle !== this.#preparedFor) this.#prepare(cycle);
    const s = this.#source.state;
    const backend = s.status === 'ready' ? s.backend : undefined;
    if (cycle && backend && backend !== this.#attachedTo) {
      this.#attachedTo = backend;
      if (backend.register) this.#submission.attach((id, payload, options) => backend.register!(id, payload, options));
      this.#loadSeats(cycle);
    }
    if (changed.has('outbox') && changed.get('outbox') !== undefined) this.#attachedTo = undefined;
  }

  /** Seats left, read again after each registration. */
  #loadSeats(cycle: Cycle): void {
    this.#attachedTo?.availability?.(cycle.id).then(
      (a) => (this.seats = a),
      () => undefined, // Seats are extra information: the form works without them.
    );
  }

  /** Prefill, in order: defaults, attributes, the page's URL, then the draft of this tab (what the person typed). */
  #prepare(cycle: Cycle): void {
    this.#preparedFor = cycle;
    this.#draft = createDraftStore<Draft>({ key: `registration:${cycle.id}` });
    const saved = this.#draft.load();
    const url = new URL(location.href).searchParams;
    const core = this.#offered(cycle)
      .filter((s) => s.eligibility !== 'cycle-participants' && !s.optional)
      .map((s) => s.id);
    const asked = url.get('fc-session') ?? this.sessions;
    this.#key = saved?.key ?? crypto.randomUUID();
    const v: Values = {
      ...blank(),
      firstName: url.get('first-name') ?? this.firstName ?? '',
      lastName: url.get('last-name') ?? this.lastName ?? '',
      email: url.get('email') ?? this.email ?? '',
      organisation: this.organisation && cycle.organisations.some((o) => o.id === this.organisation) ? this.organisation : '',
      sessionIds: core,
    };
    this.values = v;
    if (asked) for (const id of asked.split(/[\s,]+/)) if (this.#offered(cycle).some((s) => s.id === id)) this.#chooseSession(cycle, id);
    if (saved?.values) this.values = { ...this.values, ...saved.values };
    this.errors = {};
    this.showSummary = false;
    this.outcome = undefined;
  }

  #setValues(patch: Partial<Values>): void {
    this.values = { ...this.values, ...patch };
    this.#draft?.save({ values: { ...this.values, website: '' }, key: this.#key });
  }

  /** Days a person may choose: not cancelled, not past, open to their kind (agent or elected official). */
  #offered(cycle: Cycle, fn = this.values.function): Session[] {
    const now = this.now ?? new Date();
    const kind = fn === 'elected-official' ? 'elected-officials' : 'agents';
    return sortSessions(cycle.sessions).filter(
      (s) => s.status !== 'cancelled' && timing(s, now) !== 'past' && (!fn || audienceOf(cycle, s).kinds.includes(kind)),
    );
  }

  /** The request as the schema defines it: optional fields left out when empty. */
  #request(cycle: Cycle): RegistrationRequestInput {
    const v = this.values;
    const offered = new Set(this.#offered(cycle).map((s) => s.id));
    const p: Record<string, string> = { firstName: v.firstName, lastName: v.lastName, email: v.email.trim(), function: v.function };
    if (v.phone.trim()) p.phone = v.phone;
    if (v.function === 'other') p.functionOther = v.functionOther;
    if (v.organisation === OTHER) p.organisationName = v.organisationName;
    else if (v.organisation) p.organisationId = v.organisation;
    return {
      participant: p as unknown as RegistrationRequestInput['participant'],
      sessionIds: v.sessionIds.filter((id) => offered.has(id)),
      ...(v.accessNeeds.trim() ? { accessNeeds: v.accessNeeds } : {}),
    };
  }

  /** Field messages from the schema (through the kit's adapter), plus the form's one rule of its own. */
  #validate(cycle: Cycle): FieldErrors {
    const w = this.#w;
    const request = this.#request(cycle);
    const result = safeParseRegistrationRequestCompact(request, { locale: this.#locale });
    const issues: IssueLike[] = result.success ? [] : [...result.error.issues];
    // The schema's participant rule runs only once every field of the participant parses (as in
    // zod); a person must see all the errors at once, so the same rule is asked directly too.
    checkParticipant(request.participant as Parameters<typeof checkParticipant>[0], {
      issues: { push: (i) => issues.push({ path: `participant.${i.path.join('.')}`, message: message(i.params.fc, this.#locale, i.params) }) },
    });
    const errors: Record<string, string> = {
      ...fieldErrors(issues, { sessionIds: w.sessionsMissing, 'participant.function': w.functionMissing }),
    };
    const restricted = request.sessionIds.filter((id) => cycle.sessions.find((s) => s.id === id)?.eligibility === 'cycle-participants');
    if (restricted.length && restricted.length < request.sessionIds.length) errors.sessionIds ??= w.mixedParticipantsOnly;
    return this.#placed(errors);
  }

  /** An issue on a field the person does not see goes to the one they do (the organisation select). */
  #placed(errors: Record<string, string>): FieldErrors {
    const name = 'participant.organisationName';
    if (errors[name] && this.values.organisation !== OTHER) {
      errors['participant.organisationId'] ??= errors[name]!;
      delete errors[name];
    }
    return errors;
  }

  #onInput(e: Event): void {
    const t = e.target as HTMLInputElement;
    const name = t.name.replace('participant.', '').replace('organisationId', 'organisation') as keyof Values;
    if (name === 'sessionIds') {
      const boxes = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name="sessionIds"]')];
      this.#setValues({ sessionIds: boxes.filter((b) => b.checked).map((b) => b.value) });
    } else if (name in this.values) this.#setValues({ [name]: t.value });
    // A field in error is checked again as it is corrected.
    if (this.errors[t.name] !== undefined) this.#checkField(t.name);
  }

  /** Validation on blur: only the field left, so that nothing is reported before it was filled. */
  #checkField(name: string): void {
    const cycle = this.#current;
    if (!cycle || !name) return;
    const message = this.#validate(cycle)[name];
    const { [name]: _, ...rest } = this.errors;
    this.errors = message ? { ...rest, [name]: message } : rest;
  }

  #onBlur(e: FocusEvent): void {
    const t = e.target as HTMLInputElement;
    // Leaving one checkbox for the next is not leaving the list.
    if (t.name === 'sessionIds' && (e.relatedTarget as HTMLInputElement | null)?.name === 'sessionIds') return;
    if (t.name && t.name !== 'website') this.#checkField(t.name);
  }

  #onSubmit(e: Event): void {
    e.preventDefault();
    const cycle = this.#current;
    const backend = this.#attachedTo;
    if (!cycle || !backend?.register || this.#submission.busy) return;
    const errors = this.#validate(cycle);
    this.errors = errors;
    this.showSummary = Object.keys(errors).length > 0;
    if (this.showSummary) {
      this.#pendingFocus = 'summary';
      return;
    }
    this.#draft?.flush();
    this.#send(cycle, backend, {
      ...(this.#request(cycle) as RegistrationSubmission),
      antiBot: { website: this.values.website, fillMs: Math.round(performance.now() - this.#startedAt) },
    });
  }

  #send(cycle: Cycle, backend: Backend, payload: RegistrationSubmission, key = this.#key): void {
    this.#submission.submit(cycle.id, payload, key, (id, p, o) => backend.register!(id, p, o));
  }

  /** Events for the page, and what a definite answer changes on screen. */
  #onSubmissionUpdate(u: OutboxUpdate): void {
    if (u.status === 'queued') this.dispatchEvent(new RegistrationQueuedEvent(u.id, u.reason));
    if (u.status === 'sent') {
      this.#draft?.clear();
      this.#key = crypto.randomUUID();
      this.#pendingFocus = 'outcome';
      if (this.#current) this.#loadSeats(this.#current);
      this.dispatchEvent(new RegisteredEvent(u.answer as Registration));
    }
    if (u.status !== 'failed') return;
    this.dispatchEvent(new RegistrationFailedEvent(u.error));
    const error = u.error;
    const code = error instanceof BackendError ? error.code : undefined;
    const reason = error instanceof BackendError ? error.body?.error.reason : undefined;
    this.#submission.reset();
    // Refused: a new key, since the same body with the old one would be refused again.
    this.#key = crypto.randomUUID();
    if (code === 'invalid' && error instanceof BackendError) {
      this.errors = this.#placed({ ...fieldErrors(error.body?.error.issues ?? [], { sessionIds: this.#w.sessionsMissing }) });
    } else if (code === 'refused' && reason?.sessionId) {
      this.errors = { sessionIds: (error as BackendError).message };
    } else if (code === 'refused' && (reason?.reason === 'closed' || reason?.reason === 'not-open-yet' || reason?.reason === 'full')) {
      this.outcome = { kind: reason.reason };
    } else {
      const message = reason?.reason === 'anti-bot' ? this.#w.bot : error instanceof Error ? error.message : String(error);
      this.outcome = { kind: 'failed', message };
    }
    this.showSummary = !this.outcome;
    this.#pendingFocus = this.outcome ? 'outcome' : 'summary';
  }

  protected override updated(): void {
    const target = this.#pendingFocus;
    if (!target) return;
    const el = this.renderRoot.querySelector<HTMLElement>(`[data-focus="${target}"]`);
    if (el) {
      this.#pendingFocus = undefined;
      el.scrollIntoView?.({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  }

  protected override render(): TemplateResult {
    // English asked for, English words missing: shown in French, and said why.
    const t = this.#localeController.t;
    return html`${this.#localeController.failed ? renderEnglishUnavailable(t) : nothing}${this.#renderState()}`;
  }

  #renderState(): TemplateResult {
    const s = this.#source.state;
    const t = this.#localeController.t;
    // English words are fetched on demand: loading until they are here.
    if (s.status === 'loading' || !this.#localeController.ready || !registrationWords(this.#locale, () => this.requestUpdate())) return renderLoading(t);
    if (s.status === 'error') return renderError(t, s.error, s.retry);
    const w = this.#w;
    const cycle = this.#current;
    if (!cycle) return renderError(t, new Error(w.whichCycle(s.cycles.map((c) => c.id).join(', '))));
    if (!cycle.sessions.length) return html`${this.#header(cycle)}<p class="state empty" part="state empty" role="status">${w.noSessions}</p>`;
    const reg = registrationState(cycle, this.now ?? new Date());
    const full = this.seats?.full === true;
    const status = this.#submission.status;
    let screen: TemplateResult | undefined;
    if (status === 'sent' && this.#submission.answer) screen = this.#registered(cycle, this.#submission.answer);
    else if (this.outcome) screen = this.#refused(cycle, this.outcome);
    else if (reg !== 'open' && !this.#submission.busy) screen = this.#refused(cycle, { kind: reg });
    else if (full && !cycle.registration.waitlist && !this.#submission.busy) screen = this.#refused(cycle, { kind: 'full' });
    else if (!s.backend?.register) return renderError(t, new Error(w.readOnly));
    return html`${this.#header(cycle)} ${screen ?? this.#form(cycle, full)}`;
  }

  #heading(level: number, content: unknown, focus?: string, id?: string): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, Math.max(1, level))} class="title" id=${id ?? nothing} data-focus=${focus ?? nothing} tabindex=${focus ? '-1' : nothing}>${content}</div>`;
  }

  #header(cycle: Cycle): TemplateResult {
    const span = cycleSpan(cycle);
    const a = this.seats;
    const date = (x: Session) => formatSessionDate(x.date, this.#locale);
    return html`<div class="header" part="header">
      ${this.#heading(this.headingLevel, html`<span lang=${cycle.lang.slice(0, 2) === this.#locale ? nothing : cycle.lang}>${cycle.title}</span>`, 'title', 'title')}
      ${span ? html`<p class="dates">${span.first === span.last ? date(span.first) : `${date(span.first)} → ${date(span.last)}`}</p>` : nothing}
      ${a?.seatsLeft !== undefined && a.capacity !== undefined && !a.full ? html`<p class="seats">${this.#w.seatsLeft(a.seatsLeft, a.capacity)}</p>` : nothing}
    </div>`;
  }

  #form(cycle: Cycle, full: boolean): TemplateResult {
    const w = this.#w;
    const v = this.values;
    const e = this.errors;
    const busy = this.#submission.busy;
    const offered = this.#offered(cycle);
    const members = organisationsWithRole(cycle, 'member');
    const n = (s: Session) => (s.number === undefined ? s.title : `${this.#localeController.t.sessionNumber(s.number)} — ${s.title}`);
    const summary = this.showSummary
      ? Object.entries(e).map(([name, message]) => [name, `${this.#label(name)} : ${message}`] as const)
      : [];
    return html`<form class="fc-form" part="form" novalidate aria-labelledby="title" @submit=${this.#onSubmit} @input=${this.#onInput} @change=${this.#onInput} @focusout=${this.#onBlur}>
      ${summary.length
        ? html`<div data-focus="summary" tabindex="-1">${errorSummary(w.summaryTitle(summary.length), summary, () => this.renderRoot as ShadowRoot)}</div>`
        : nothing}
      ${full ? html`<p class="banner">${w.fullWaitlist}</p>` : nothing}
      <p class="hint">${w.requiredNote}</p>
      <fieldset class="plain" ?disabled=${busy}>
        ${field({ name: 'participant.firstName', label: w.firstName, value: v.firstName, required: true, autocomplete: 'given-name' }, e, w)}
        ${field({ name: 'participant.lastName', label: w.lastName, value: v.lastName, required: true, autocomplete: 'family-name' }, e, w)}
        ${field({ name: 'participant.email', label: w.email, value: v.email, type: 'email', required: true, autocomplete: 'work email', hint: w.emailHint }, e, w)}
        ${field({ name: 'participant.phone', label: w.phone, value: v.phone, type: 'tel', autocomplete: 'work tel', hint: w.phoneHint }, e, w)}
        ${field(
          {
            name: 'participant.function',
            label: w.functionLabel,
            value: v.function,
            type: 'select',
            required: true,
            autocomplete: 'organization-title',
            options: [['', w.choose], ...FUNCTIONS.map((f) => [f, participantFunctionLabels[this.#locale][f]] as const)],
          },
          e,
          w,
        )}
        ${v.function === 'other'
          ? field({ name: 'participant.functionOther', label: w.functionOther, value: v.functionOther, required: true, autocomplete: 'organization-title' }, e, w)
          : nothing}
        ${members.length
          ? field(
              {
                name: 'participant.organisationId',
                label: w.organisation,
                value: v.organisation,
                type: 'select',
                required: true,
                options: [['', w.choose], ...members.map((o) => [o.id, o.name] as const), [OTHER, w.otherOrganisation]],
              },
              e,
              w,
            )
          : nothing}
        ${v.organisation === OTHER || !members.length
          ? field({ name: 'participant.organisationName', label: w.organisationName, value: v.organisationName, required: true, autocomplete: 'organization' }, e, w)
          : nothing}
        ${offered.length
          ? choices(
              {
                name: 'sessionIds',
                legend: w.sessions,
                required: true,
                hint: [w.sessionsHint, v.function === 'elected-official' ? w.electedOnly(offered.length) : ''].join(' ').trim(),
                selected: v.sessionIds,
                options: offered.map((s) => [s.id, n(s), [formatSessionDate(s.date, this.#locale), s.eligibility === 'cycle-participants' ? w.participantsOnly : ''].filter(Boolean).join(' — ')] as const),
              },
              e,
              w,
            )
          : html`<p class="field-error">${w.noSessionOffered}</p>`}
        ${field({ name: 'accessNeeds', label: w.accessNeeds, value: v.accessNeeds, type: 'textarea', hint: w.accessNeedsHint }, e, w)}
        <div class="trap" aria-hidden="true">
          <label for="f-website">${w.website}</label>
          <input id="f-website" name="website" tabindex="-1" autocomplete="off" .value=${v.website} />
        </div>
      </fieldset>
      ${this.#privacy(cycle)}
      <button type="submit" class="primary" part="submit" aria-disabled=${busy ? 'true' : 'false'}>${full ? w.submitWaitlist : w.submit}</button>
      <div class="status" part="status" role="status">${this.#statusText()}</div>
    </form>`;
  }

  /** A field's label, for the error summary. */
  #label(name: string): string {
    const w = this.#w;
    const labels: Record<string, string> = {
      'participant.firstName': w.firstName,
      'participant.lastName': w.lastName,
      'participant.email': w.email,
      'participant.phone': w.phone,
      'participant.function': w.functionLabel,
      'participant.functionOther': w.functionOther,
      'participant.organisationId': w.organisation,
      'participant.organisationName': w.organisationName,
      sessionIds: w.sessions,
      accessNeeds: w.accessNeeds,
    };
    return labels[name] ?? name;
  }

  #statusText(): TemplateResult | string | typeof nothing {
    const c = this.#submission;
    const w = this.#w;
    switch (c.status) {
      case 'sending':
        return html`<span class="spinner" aria-hidden="true"></span>${w.sending}`;
      case 'retrying':
        return w.retrying(Math.max(1, Math.ceil(((c.nextAttemptAt ?? Date.now()) - Date.now()) / 1000)));
      case 'queued':
        return html`<p class="queued">
          ${queuedOffline(c.reason) ? w.queued : w.queuedRetry} ${c.persisted ? nothing : w.notPersisted}
          <button type="button" @click=${() => void (this.outbox ?? sharedOutbox()).flush()}>${w.sendNow}</button>
        </p>`;
      default:
        return nothing;
    }
  }

  #privacy(cycle: Cycle): TemplateResult {
    const w = this.#w;
    const p = cycle.privacy;
    if (!p) return html`<p class="privacy" part="privacy">${w.noPrivacy}</p>`;
    const row = (label: string, value: string | undefined) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing);
    return html`<section class="privacy" part="privacy" aria-labelledby="privacy-title">
      ${this.#heading(this.headingLevel + 1, w.privacyTitle, undefined, 'privacy-title')}
      <dl>
        ${row(w.controller, p.controller)} ${row(w.purpose, p.purpose)} ${row(w.legalBasis, p.legalBasis)} ${row(w.recipients, p.recipients)}
        ${row(w.retention, p.retention)} ${row(w.rights, p.rights)} ${row(w.dpo, p.dpoContact)}
      </dl>
      <p><a href=${p.cnilUrl} rel="noopener noreferrer">${w.cnil}</a></p>
    </section>`;
  }

  #registered(cycle: Cycle, r: Registration): TemplateResult {
    const w = this.#w;
    const p = r.participant;
    const chosen = sortSessions(cycle.sessions.filter((s) => r.sessionIds.includes(s.id)));
    const bonus = this.#offered(cycle, p.function).find((s) => s.eligibility === 'cycle-participants' && !r.sessionIds.includes(s.id));
    const backend = this.#attachedTo;
    const addBonus = () => {
      if (!bonus || !backend) return;
      this.#send(cycle, backend, { participant: p, sessionIds: [bonus.id], antiBot: { website: '', fillMs: Math.round(performance.now() - this.#startedAt) } }, crypto.randomUUID());
    };
    const waitlisted = r.status === 'waitlisted';
    return html`<div class="outcome ${waitlisted ? 'waitlisted' : 'confirmed'}" part="outcome" role="status">
      ${this.#heading(this.headingLevel + 1, waitlisted ? w.waitlistedTitle : w.confirmedTitle, 'outcome')}
      <p>${waitlisted ? w.waitlisted(r.waitlistPosition ?? 1) : w.confirmed(`${p.firstName} ${p.lastName}`, p.email)}</p>
      <p>${w.yourSessions}</p>
      <ul>
        ${chosen.map((s) => html`<li>${s.title} — ${formatSessionDate(s.date, this.#locale)}</li>`)}
      </ul>
      <div class="actions">
        ${chosen.some((s) => s.date.precision === 'exact')
          ? html`<button type="button" @click=${() => this.#downloadICS(cycle, chosen.map((s) => s.id))}>${w.addToCalendar}</button>`
          : nothing}
        ${bonus && !waitlisted ? html`<button type="button" @click=${addBonus}>${w.addBonus(bonus.title)}</button>` : nothing}
        <button type="button" @click=${() => this.#restart(cycle)}>${w.another}</button>
      </div>
    </div>`;
  }

  #refused(cycle: Cycle, o: Outcome): TemplateResult {
    const w = this.#w;
    const opens = cycle.registration.opensAt;
    const [title, text] =
      o.kind === 'failed'
        ? [w.failed, o.message]
        : o.kind === 'full'
          ? [w.fullTitle, w.full]
          : o.kind === 'not-open-yet'
            ? [w.closedTitle, `${w.notOpenYet} ${opens ? w.opensAt(new Date(opens).toLocaleDateString(this.#locale, { dateStyle: 'long' })) : ''}`]
            : [w.closedTitle, w.closed];
    const contact = cycle.contact?.email;
    return html`<div class="outcome ${o.kind}" part="outcome" role=${o.kind === 'failed' ? 'alert' : 'status'}>
      ${this.#heading(this.headingLevel + 1, title, 'outcome')}
      <p>${text}</p>
      ${contact ? html`<p>${w.contact} <a href="mailto:${contact}">${contact}</a></p>` : nothing}
      ${o.kind === 'failed' ? html`<button type="button" @click=${() => ((this.outcome = undefined), (this.#pendingFocus = 'title'))}>${w.tryAgain}</button>` : nothing}
    </div>`;
  }

  /** A new, empty form (the draft was cleared on success). */
  #restart(cycle: Cycle): void {
    this.#submission.reset();
    this.#preparedFor = undefined;
    this.#startedAt = performance.now();
    this.#prepare(cycle);
    this.#pendingFocus = 'title';
  }

  /** The .ics of the chosen days, built on demand (its code is loaded only when asked for). */
  async #downloadICS(cycle: Cycle, sessionIds: string[]): Promise<void> {
    const { toICS } = await import('../../formats/ics.js');
    const { ics } = toICS(cycle, { sessionIds, locale: this.#locale });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    a.download = `${cycle.id}.ics`;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  }
}

const queuedOffline = (reason: QueueReason | undefined) => reason === 'offline';

/** The server recorded the registration: confirmed, or waitlisted with its position. */
export class RegisteredEvent extends Event {
  static readonly type = 'fc-registered';
  readonly detail: { readonly registration: Registration };
  constructor(registration: Registration) {
    super(RegisteredEvent.type, { bubbles: true, composed: true });
    this.detail = { registration };
  }
}

/** The registration waits in the outbox; it will be sent when the connection returns. */
export class RegistrationQueuedEvent extends Event {
  static readonly type = 'fc-registration-queued';
  readonly detail: { readonly id: string; readonly reason?: QueueReason };
  constructor(id: string, reason?: QueueReason) {
    super(RegistrationQueuedEvent.type, { bubbles: true, composed: true });
    this.detail = { id, ...(reason ? { reason } : {}) };
  }
}

/** The server refused the registration for good (`detail.error`). */
export class RegistrationFailedEvent extends Event {
  static readonly type = 'fc-registration-failed';
  readonly detail: { readonly error: unknown };
  constructor(error: unknown) {
    super(RegistrationFailedEvent.type, { bubbles: true, composed: true });
    this.detail = { error };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fc-registered': RegisteredEvent;
    'fc-registration-queued': RegistrationQueuedEvent;
    'fc-registration-failed': RegistrationFailedEvent;
  }
}
