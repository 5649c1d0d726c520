import { LitElement, adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Backend } from '../../backend/backend.js';
import type { Cycle } from '../../model/cycle.js';
import type { Feed } from '../../model/feed.js';
import type { Availability } from '../../model/availability.js';
import type { Messages } from '../../i18n/ui.js';
import { datetimeAttribute, formatMonth, formatSessionDate } from '../../i18n/dates.js';
import { programmeItemKindLabels } from '../../formats/labels.js';
import { organisationsWithRole } from '../../rules/lookup.js';
import type { Locale } from '../../model/locale.js';
import { tokens } from '../shared/styles.js';
import { FeedSource } from '../shared/feed-source.js';
import { LocaleController } from '../shared/locale-controller.js';
import { renderEnglishUnavailable, renderError, renderLoading } from '../shared/states.js';
import { agendaStyles } from './agenda.styles.js';
import {
  buildRows,
  defaultWhen,
  filterOptions,
  filterRows,
  NO_FILTERS,
  RowFilter,
  type AgendaFilters,
  type AgendaRow,
  type When,
} from './agenda-rows.js';
import { AgendaUrlController, type AgendaView } from './url-state.js';

type CalendarModule = typeof import('./agenda-calendar.js');

/**
 * The agenda of a training cycle (or of a catalogue of cycles): its sessions by month or on a month
 * calendar, with filters kept in the page's URL, a link to each session, « Ajouter à mon agenda »
 * (.ics) and the registration action.
 *
 * @summary The sessions of a training cycle, filterable, in a list or a month calendar.
 *
 * @slot - Content shown until the agenda is ready (and with its error): a link to the programme, a PDF…
 *
 * @csspart state - The loading, empty and error messages.
 * @csspart filters - The filter form.
 * @csspart session - One session.
 * @csspart register - The registration link of a session.
 * @csspart calendar - The month calendar.
 *
 * @cssproperty [--fc-color-text=inherit] - Text colour.
 * @cssproperty [--fc-color-muted=#595959] - Secondary text (dates of past sessions, captions).
 * @cssproperty [--fc-color-accent=#0b5e8a] - Links, buttons, the edge of upcoming sessions.
 * @cssproperty [--fc-color-on-accent=#ffffff] - Text on the accent colour.
 * @cssproperty [--fc-color-surface=transparent] - Background of a session.
 * @cssproperty [--fc-color-surface-raised=#f6f6f6] - Background of the filters and messages.
 * @cssproperty [--fc-color-border=#767676] - Borders.
 * @cssproperty [--fc-color-badge=#e8eef3] - Background of badges.
 * @cssproperty [--fc-color-badge-text=#1d3b52] - Text of badges.
 * @cssproperty [--fc-color-danger=#b3261e] - Errors, « Complet ».
 * @cssproperty [--fc-color-focus=#0b5e8a] - Focus ring.
 * @cssproperty [--fc-color-input=#ffffff] - Background of the search field and the selects.
 * @cssproperty [--fc-color-input-text=#1a1a1a] - Text of the search field and the selects.
 * @cssproperty [--fc-font-size=1rem] - Base text size (also --fc-font-size-small=0.875rem).
 * @cssproperty [--fc-font-family=inherit] - Font (the page's by default).
 * @cssproperty [--fc-space-m=1rem] - Base spacing (also --fc-space-xs, -s, -l).
 * @cssproperty [--fc-radius-m=0.375rem] - Corner radius (also --fc-radius-s).
 * @cssproperty [--fc-agenda-title-size=1.5em] - Size of the cycle title.
 * @cssproperty [--fc-agenda-scroll-margin=1rem] - Space kept above a session reached by its link (a sticky site header).
 *
 * @fires fc-register - A person chose to register to a session (`detail: { cycleId, sessionId }`); cancelable: call `preventDefault()` to handle it in the page instead of following the link.
 */
export class FcAgenda extends LitElement {
  static override styles = [tokens, agendaStyles];
  // Reactive properties declared here rather than with decorators: no decorator code in the bundle.
  // `state: true` ones are internal; `attribute: false` keeps them out of custom-elements.json.
  static override properties = {
    src: {},
    api: {},
    cycle: {},
    data: { attribute: false },
    backend: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    registrationUrl: { attribute: 'registration-url' },
    jsonld: { type: Boolean },
    pageSize: { type: Number, attribute: 'page-size' },
    urlPrefix: { attribute: 'url-prefix' },
    availability: { attribute: false },
    now: { attribute: false },
    filters: { state: true, attribute: false },
    view: { state: true, attribute: false },
    month: { state: true, attribute: false },
    limit: { state: true, attribute: false },
    openAnchor: { state: true, attribute: false },
    calendar: { state: true, attribute: false },
    liveAvailability: { state: true, attribute: false },
  };

  /** URL of a feed of its own (else the `<fc-cycle>` around it). */
  declare src?: string;
  /** Address of a formacoop server, instead of `src`: the feed and live seats come from it. */
  declare api?: string;
  /** With `api`: the id of the cycle to show. */
  declare cycle?: string;
  /** An already-parsed feed. */
  declare data?: Feed;
  /** A backend to read the feed from. */
  declare backend?: Backend;
  /** Level of the agenda's top heading, to fit the page's outline (2 by default). */
  headingLevel = 2;
  /**
   * Registration page; « S'inscrire » links there with `?fc-session=<id>`. Default: the cycle's
   * `registration.url`, else this page when it has an `<fc-registration-form>` of the cycle (which then
   * takes the click).
   */
  declare registrationUrl?: string;
  /** Adds the cycle's schema.org JSON-LD to the page, for search engines. */
  jsonld = false;
  /** How many sessions are shown before « Afficher plus ». */
  pageSize = 20;
  /** Prefix of the agenda's parameters in the page URL, when a page has two agendas. */
  urlPrefix = 'fc-';
  /** Seats per session, when known (from the server, or set by the page). */
  declare availability?: readonly Availability[];
  /** The present moment (for past / upcoming); now by default. */
  declare now?: Date;

  private filters: AgendaFilters = NO_FILTERS;
  private view: AgendaView = 'list';
  private month = '';
  private limit = 0;
  private declare openAnchor?: string;
  /** The month calendar's code once fetched, or why it could not be. */
  private declare calendar?: CalendarModule | { failed: unknown };

  readonly #localeController = new LocaleController(this);
  readonly #source = new FeedSource(this, () => this.#localeController.locale);
  readonly #url = new AgendaUrlController(this, () => this.urlPrefix, () => this.#readUrl());
  #rowsFor?: readonly Cycle[];
  /** Seats read from the backend, when the page did not set `availability`. */
  private declare liveAvailability?: readonly Availability[];
  #availabilityFor?: readonly Cycle[];
  #rows: AgendaRow[] = [];
  readonly #rowFilter = new RowFilter();
  #options: ReturnType<typeof filterOptions> = filterOptions([]);
  #pendingFocus?: string;
  #jsonLdFor?: readonly Cycle[];
  #formCycles: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    // A deep link (`#fc-<cycle>-<session>`) opens, shows and focuses its session on load too: the
    // browser cannot scroll to an id inside a shadow root.
    this.#readUrl();
    document.addEventListener('fc-registered', this.#seatsChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fc-registered', this.#seatsChanged);
    this.querySelectorAll(':scope > script[data-fc-jsonld]').forEach((s) => s.remove());
    this.#jsonLdFor = undefined;
  }

  get #t(): Messages {
    return this.#localeController.t;
  }

  get #locale(): Locale {
    return this.#localeController.locale;
  }

  /**
   * The feed's language on its texts when the interface speaks another one (RGAA 8.7): French
   * titles in an English agenda are read with French pronunciation.
   */
  #feedLang(cycle: Pick<Cycle, 'lang'>): string | typeof nothing {
    return cycle.lang.slice(0, 2) === this.#locale ? nothing : cycle.lang;
  }

  #readUrl(): void {
    const s = this.#url.read();
    this.filters = s.filters;
    this.view = s.view;
    this.month = s.month;
    const anchor = this.#url.hashAnchor();
    if (anchor) this.#openSession(anchor);
  }

  /** Shows a session reached by its anchor: in the list, even if the filters hid it, expanded, focused. */
  #openSession(anchor: string): void {
    this.openAnchor = anchor;
    this.view = 'list';
    this.#pendingFocus = anchor;
  }

  #writeUrl(): void {
    this.#url.write({ filters: this.filters, view: this.view, month: this.month });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.view === 'calendar' && !this.calendar) this.#loadCalendar();
    const state = this.#source.state;
    if (state.status === 'ready' && (state.cycles !== this.#rowsFor || changed.has('now'))) {
      this.#rowsFor = state.cycles;
      this.#rows = buildRows(state.cycles, this.now ?? new Date());
      // Computed once per feed: a keystroke must not sort the communes again.
      this.#options = filterOptions(this.#rows);
    }
    if (state.status === 'ready' && state.backend?.availability && state.cycles !== this.#availabilityFor) {
      this.#availabilityFor = state.cycles;
      void this.#loadAvailability(state.backend as Required<Pick<Backend, 'availability'>>, state.cycles);
    }
  }

  protected override updated(): void {
    void this.#syncJsonLd();
    if (this.#pendingFocus) {
      const target = this.renderRoot.querySelector<HTMLElement>(`[id="${this.#pendingFocus}-title"]`);
      if (target) {
        this.#pendingFocus = undefined;
        target.scrollIntoView({ block: 'start' });
        target.focus({ preventScroll: true });
      }
    }
  }

  /**
   * JSON-LD goes into the page's light DOM, where search engines read it. Its code is loaded only
   * by pages that ask for it.
   */
  async #syncJsonLd(): Promise<void> {
    const state = this.#source.state;
    const cycles = this.jsonld && state.status === 'ready' ? state.cycles : undefined;
    if (cycles === this.#jsonLdFor) return;
    this.#jsonLdFor = cycles;
    this.querySelectorAll(':scope > script[data-fc-jsonld]').forEach((s) => s.remove());
    if (!cycles) return;
    const { jsonLDScript } = await import('../../formats/jsonld.js');
    if (cycles !== this.#jsonLdFor) return;
    for (const cycle of cycles) {
      const script = document.createElement('script');
      script.type = 'application/ld+json';
      script.dataset.fcJsonld = cycle.id;
      script.textContent = jsonLDScript(cycle);
      this.append(script);
    }
  }

  protected override render(): TemplateResult {
    const state = this.#source.state;
    // In English, the agenda waits for its English words (fetched once for the page).
    if (state.status === 'loading' || !this.#localeController.ready) return renderLoading(this.#t);
    if (state.status === 'error') return renderError(this.#t, state.error, state.retry);
    const t = this.#t;
    const englishFailed = this.#localeController.failed ? renderEnglishUnavailable(t) : nothing;
    if (this.#rows.length === 0) {
      return html`${englishFailed}${this.#renderHeader(state.cycles)}
        <p class="state empty" part="state empty" role="status">${t.noSessionsAtAll}</p>`;
    }
    const when: When = this.filters.when || defaultWhen(this.#rows);
    let shown: readonly AgendaRow[] = this.#rowFilter.filter(this.#rows, this.filters, when);
    // A session reached by its link is shown whatever the filters.
    const opened = this.openAnchor ? this.#rows.find((r) => r.anchor === this.openAnchor) : undefined;
    if (opened && !shown.includes(opened)) shown = filterRows(this.#rows, NO_FILTERS, 'all');
    return html`${englishFailed}${this.#renderHeader(state.cycles)} ${this.#renderFilters(when, state.cycles)}
      <div class="toolbar">
        <div class="views" role="group" aria-label=${t.view}>
          <button type="button" aria-pressed=${this.view === 'list'} @click=${() => this.#setView('list')}>${t.listView}</button>
          <button type="button" aria-pressed=${this.view === 'calendar'} @click=${() => this.#setView('calendar')}>${t.calendarView}</button>
        </div>
        <p class="count" role="status">${t.results(shown.length)}</p>
      </div>
      ${shown.length === 0 ? this.#renderNoMatch(when) : this.view === 'calendar' ? this.#renderCalendar(shown) : this.#renderList(shown, opened)}`;
  }

  /** Fetches the month calendar's code, and gives its styles to this agenda. */
  #loadCalendar(): void {
    if (this.#calendarLoad) return;
    this.#calendarLoad = import('./agenda-calendar.js').then(
      (m) => {
        if (this.shadowRoot) adoptStyles(this.shadowRoot, [...FcAgenda.elementStyles, m.calendarStyles]);
        this.calendar = m;
      },
      (failed: unknown) => {
        this.calendar = { failed };
        this.#calendarLoad = undefined;
      },
    );
  }

  #calendarLoad?: Promise<void>;

  /** The month calendar; until its code has arrived, a loading line; if it cannot, why, and the way back to the list. */
  #renderCalendar(rows: readonly AgendaRow[]): TemplateResult {
    const t = this.#t;
    const calendar = this.calendar;
    if (calendar && 'renderCalendar' in calendar) {
      return calendar.renderCalendar(
        {
          t,
          locale: this.#locale,
          month: this.month,
          monthLabel: (month) => this.#monthLabel(month),
          heading: (cls, content, id) => this.#heading(this.headingLevel + 1, cls, content, id),
          setMonth: (month) => {
            this.month = month;
            this.#writeUrl();
          },
        },
        rows,
      );
    }
    if (calendar) {
      return html`<p class="state error" part="state error" role="alert">${t.calendarFailed}</p>`;
    }
    return html`<p class="state loading" part="state loading" role="status"><span class="spinner" aria-hidden="true"></span>${t.calendarLoading}</p>`;
  }

  #heading(level: number, cls: string, content: unknown, id?: string, focusable = false): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, Math.max(1, level))} class=${cls} id=${id ?? nothing} tabindex=${focusable ? '-1' : nothing}>${content}</div>`;
  }

  #renderHeader(cycles: readonly Cycle[]): TemplateResult | typeof nothing {
    if (cycles.length !== 1) return nothing;
    const cycle = cycles[0]!;
    const organisers = [...organisationsWithRole(cycle, 'organiser'), ...organisationsWithRole(cycle, 'co-organiser')];
    return html`<div class="header">
      ${this.#heading(this.headingLevel, 'cycle-title', html`<span lang=${this.#feedLang(cycle)}>${cycle.title}</span>`)}
      ${cycle.subtitle ? html`<p class="subtitle" lang=${this.#feedLang(cycle)}>${cycle.subtitle}</p>` : nothing}
      ${organisers.length ? html`<p class="organisers">${organisers.map((o) => o.name).join(' · ')}</p>` : nothing}
      ${cycle.sessions.some((s) => s.date.precision === 'exact')
        ? html`<button type="button" @click=${() => this.#downloadICS(cycle)}>${this.#t.addCycleToCalendar}</button>`
        : nothing}
    </div>`;
  }

  #renderFilters(when: When, cycles: readonly Cycle[]): TemplateResult {
    const t = this.#t;
    const o = this.#options;
    const f = this.filters;
    const select = (name: keyof AgendaFilters, label: string, all: string, options: readonly (readonly [string, string])[]) =>
      html`<div class="field">
        <label for="f-${name}">${label}</label>
        <select id="f-${name}" name=${name} .value=${f[name]} @change=${this.#onFilter}>
          <option value="" ?selected=${!f[name]}>${all}</option>
          ${
            // Hundreds of hosts and communes: a keystroke in the search must not go through them again.
            guard([options, f[name]], () => options.map(([v, l]) => html`<option value=${v} ?selected=${f[name] === v}>${l}</option>`))
          }
        </select>
      </div>`;
    // Named after its cycle: two agendas on a page must not offer two identical search landmarks.
    const label = cycles.length === 1 ? `${t.filters} — ${cycles[0]!.title}` : t.filters;
    return html`<form class="filters" part="filters" role="search" aria-label=${label} @submit=${(e: Event) => e.preventDefault()}>
      <div class="field">
        <label for="f-q">${t.search}</label>
        <input id="f-q" name="q" type="search" .value=${f.q} placeholder=${t.searchPlaceholder} autocomplete="off" @input=${this.#onFilter} />
      </div>
      ${o.cycles.length > 1 ? select('cycle', t.cycle, t.all, o.cycles) : nothing}
      ${o.hosts.length > 1 ? select('host', t.host, t.allFeminine, o.hosts) : nothing}
      ${o.communes.length > 1 ? select('commune', t.commune, t.allFeminine, o.communeOptions) : nothing}
      ${o.elected ? select('audience', t.audience, t.all, this.#audienceOptions(t)) : nothing}
      <div class="field">
        <label for="f-when">${t.when}</label>
        <select id="f-when" name="when" .value=${when} @change=${this.#onFilter}>
          <option value="upcoming" ?selected=${when === 'upcoming'}>${t.upcoming}</option>
          <option value="past" ?selected=${when === 'past'}>${t.past}</option>
          <option value="all" ?selected=${when === 'all'}>${t.allFeminine}</option>
        </select>
      </div>
    </form>`;
  }

  #audienceChoices?: { t: Messages; options: readonly (readonly [string, string])[] };

  /** The audience filter's choices, the same array as long as the language is the same. */
  #audienceOptions(t: Messages): readonly (readonly [string, string])[] {
    if (this.#audienceChoices?.t !== t) {
      this.#audienceChoices = {
        t,
        options: [
          ['agents', t.agents],
          ['elected', t.electedInvited],
        ],
      };
    }
    return this.#audienceChoices.options;
  }

  #onFilter(e: Event): void {
    const target = e.target as HTMLInputElement | HTMLSelectElement;
    this.filters = { ...this.filters, [target.name]: target.value };
    this.limit = 0;
    this.openAnchor = undefined;
    this.#writeUrl();
  }

  #resetFilters(): void {
    this.filters = NO_FILTERS;
    this.limit = 0;
    this.#writeUrl();
  }

  #setView(view: AgendaView): void {
    // Asked again after its code could not be fetched, the calendar tries again.
    if (view === 'calendar' && this.calendar && 'failed' in this.calendar) this.calendar = undefined;
    this.view = view;
    this.openAnchor = undefined;
    this.#writeUrl();
  }

  #renderNoMatch(when: When): TemplateResult {
    const t = this.#t;
    const unfiltered = this.filters.q === '' && !this.filters.cycle && !this.filters.host && !this.filters.commune && !this.filters.audience;
    return html`<div class="state empty" part="state empty">
      <p>${unfiltered && when === 'upcoming' ? t.noSessions : t.noMatch}</p>
      <button type="button" @click=${unfiltered ? () => this.#setWhen('all') : this.#resetFilters}>
        ${unfiltered ? t.allFeminine : t.resetFilters}
      </button>
    </div>`;
  }

  #setWhen(when: When): void {
    this.filters = { ...this.filters, when };
    this.#writeUrl();
  }

  #renderList(rows: readonly AgendaRow[], opened?: AgendaRow): TemplateResult {
    const t = this.#t;
    let limit = this.limit || this.pageSize;
    if (opened) limit = Math.max(limit, rows.indexOf(opened) + 1);
    const visible = rows.slice(0, limit);
    const groups: { month: string; rows: AgendaRow[] }[] = [];
    for (const r of visible) {
      const last = groups[groups.length - 1];
      if (last?.month === r.month) last.rows.push(r);
      else groups.push({ month: r.month, rows: [r] });
    }
    const rest = rows.length - visible.length;
    // A session that stays in its place while one types is not rendered again, unless something it
    // shows changed (its row, the language, the seats, its details opened by an anchor, the feed).
    const state = this.#source.state;
    // The cycles of the registration forms on the page (`*`: a form for the feed's one cycle).
    const forms = (this.#formCycles = [...document.querySelectorAll('fc-registration-form')].map((f) => f.getAttribute('cycle') || '*')).join();
    return html`${groups.map(
        // A month is a heading, not a landmark: dozens of « region » landmarks would drown the page's
        // own, and two agendas on a page would repeat the same names.
        (g) => html`<section class="month">
          ${this.#heading(this.headingLevel + 1, 'month-title', this.#monthLabel(g.month))}
          <ol class="sessions">
            ${g.rows.map((r) =>
              guard(
                [r, t, this.#locale, this.headingLevel, this.registrationUrl, this.availability, this.liveAvailability, this.openAnchor === r.anchor, state, document.baseURI, forms],
                () => this.#renderSession(r),
              ),
            )}
          </ol>
        </section>`,
      )}
      ${rest > 0
        ? html`<button type="button" class="more" @click=${() => (this.limit = limit + this.pageSize)}>${t.showMore(Math.min(rest, this.pageSize))}</button>`
        : nothing}`;
  }

  #monthLabel(month: string): string {
    if (month === 'unknown') return this.#t.dateUnknown;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const label = formatMonth(y, m, this.#locale);
    return label.charAt(0).toUpperCase() + label.slice(1);
  }

  #renderSession(r: AgendaRow): TemplateResult {
    const t = this.#t;
    const { session: s, cycle } = r;
    const level = this.headingLevel + 2;
    const address = r.venue?.address;
    const place = [r.venue?.name, address?.street, [address?.postalCode, address?.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    const seats = r.timing === 'past' ? undefined : this.#seatsOf(cycle.id, s.id);
    const canRegister = cycle.registration.status === 'open' && r.timing !== 'past' && s.status === 'scheduled';
    // Without a link, a registration form of the cycle on this page takes « S'inscrire » (it handles
    // `fc-register`); the link to this page with `?fc-session=` is the fallback it also reads.
    const registerUrl = this.registrationUrl ?? cycle.registration.url ?? (this.#formCycles.some((c) => c === '*' || c === cycle.id) ? location.href : undefined);
    const datetime = datetimeAttribute(s.date);
    const dateText = formatSessionDate(s.date, this.#locale);
    return html`<li class="session ${r.timing}" id=${r.anchor} part="session">
      ${this.#heading(
        level,
        'session-title',
        html`${s.number !== undefined ? html`<span class="number">${t.sessionNumber(s.number)}</span>` : nothing}<span lang=${this.#feedLang(cycle)}>${s.title}</span>`,
        `${r.anchor}-title`,
        true,
      )}
      <p class="when">${datetime ? html`<time datetime=${datetime}>${dateText}</time>` : dateText}</p>
      ${this.#renderBadges(r)}
      ${place
        ? html`<p class="venue">
            <span class="visually-hidden">${t.venue} : </span><span lang=${this.#feedLang(cycle)}>${place}</span>
            — <a href=${osmLink(r)} rel="noopener noreferrer">${t.mapLink(r.venue?.name ?? place)}</a>
          </p>`
        : nothing}
      ${r.host && r.host.name !== r.venue?.name ? html`<p class="host" lang=${this.#feedLang(cycle)}>${r.host.name}</p>` : nothing}
      ${seats ? html`<p class="seats ${seats.full ? 'full' : ''}">${seats.text}</p>` : nothing}
      ${s.description ? html`<p class="description" lang=${this.#feedLang(cycle)}>${s.description}</p>` : nothing}
      ${this.#renderProgramme(r)} ${r.timing === 'past' ? this.#renderPhotos(r) : nothing}
      <div class="actions">
        ${s.date.precision === 'exact' && s.status !== 'cancelled'
          ? html`<button type="button" @click=${() => this.#downloadICS(cycle, s.id)}>
              ${t.addToCalendar}<span class="visually-hidden"> : ${s.title}</span>
            </button>`
          : nothing}
        ${canRegister && registerUrl
          ? html`<a
              class="button primary"
              part="register"
              href=${withSession(registerUrl, s.id)}
              aria-label=${t.registerTo(s.title)}
              @click=${(e: Event) => this.#onRegister(e, cycle.id, s.id)}
              >${t.register}</a
            >`
          : nothing}
        <a class="permalink" href="#${r.anchor}">${t.permalink}<span class="visually-hidden"> : ${s.title}</span></a>
      </div>
    </li>`;
  }

  #renderBadges(r: AgendaRow): TemplateResult | typeof nothing {
    const t = this.#t;
    const s = r.session;
    const badges: [string, string][] = [];
    if (s.status === 'cancelled') badges.push([t.cancelledBadge, 'warning']);
    if (s.status === 'postponed') badges.push([t.postponedBadge, 'warning']);
    if (r.timing === 'past') badges.push([t.pastBadge, 'past']);
    if (r.timing === 'ongoing') badges.push([t.ongoingBadge, '']);
    if (s.bonus) badges.push([t.bonusBadge, '']);
    else if (s.optional) badges.push([t.optionalBadge, '']);
    if (r.electedInvited) badges.push([t.electedBadge, '']);
    if (s.eligibility === 'cycle-participants') badges.push([t.participantsOnly, '']);
    if (!badges.length) return nothing;
    return html`<ul class="badges">
      ${badges.map(([label, cls]) => html`<li class="badge ${cls}">${label}</li>`)}
    </ul>`;
  }

  #renderProgramme(r: AgendaRow): TemplateResult | typeof nothing {
    const s = r.session;
    if (!s.programme.length && !s.objectives.length) return nothing;
    const t = this.#t;
    const kinds = programmeItemKindLabels[this.#locale];
    const orgName = (id?: string) => r.cycle.organisations.find((o) => o.id === id)?.name;
    return html`<details ?open=${this.openAnchor === r.anchor}>
      <summary>${s.programme.length ? `${t.programme} (${s.programme.length})` : t.objectives}</summary>
      ${s.programme.length
        ? html`<ul class="programme">
            ${s.programme.map((item) => {
              const speakers = item.speakers.map((sp) => [sp.name, orgName(sp.organisationId)].filter(Boolean).join(', ')).filter(Boolean);
              return html`<li>
                <span class="item-kind">${kinds[item.kind]}</span> — <span lang=${this.#feedLang(r.cycle)}>${item.title}</span>
                ${speakers.length ? html`<span class="item-speakers">(${t.speakers} ${speakers.join(' ; ')})</span>` : nothing}
              </li>`;
            })}
          </ul>`
        : nothing}
      ${s.objectives.length
        ? html`<p><strong>${t.objectives}</strong></p>
            <ul>
              ${s.objectives.map((o) => html`<li lang=${this.#feedLang(r.cycle)}>${o}</li>`)}
            </ul>`
        : nothing}
    </details>`;
  }

  #renderPhotos(r: AgendaRow): TemplateResult | typeof nothing {
    const media = r.session.media;
    if (!media.length) return nothing;
    const state = this.#source.state;
    const base = state.status === 'ready' ? (state.baseUrl ?? document.baseURI) : document.baseURI;
    return html`<p><strong>${this.#t.photos}</strong></p>
      <ul class="photos">
        ${media.map(
          (m) => html`<li>
            <figure>
              <img src=${resolveUrl(m.url, base)} alt=${m.alt} loading="lazy" width=${m.width ?? nothing} height=${m.height ?? nothing} />
              ${m.caption || m.credit ? html`<figcaption>${[m.caption, m.credit && `© ${m.credit}`].filter(Boolean).join(' — ')}</figcaption>` : nothing}
            </figure>
          </li>`,
        )}
      </ul>`;
  }

  /** A registration on this page took a seat (or a place on the waiting list): read the seats again. */
  readonly #seatsChanged = (): void => {
    this.#availabilityFor = undefined;
    this.requestUpdate();
  };

  /** Live seats for the cycles open to registration; the agenda shows without them if this fails. */
  async #loadAvailability(backend: Required<Pick<Backend, 'availability'>>, cycles: readonly Cycle[]): Promise<void> {
    try {
      const open = cycles.filter((c) => c.registration.status === 'open');
      const list = await Promise.all(open.map((c) => backend.availability(c.id)));
      if (this.#availabilityFor === cycles) this.liveAvailability = list;
    } catch {
      // Seats are extra information: a failed read leaves them out rather than failing the agenda.
    }
  }

  #seatsOf(cycleId: string, sessionId: string): { text: string; full: boolean } | undefined {
    const a = (this.availability ?? this.liveAvailability)?.find((x) => x.cycleId === cycleId)?.sessions.find((x) => x.sessionId === sessionId);
    if (!a) return undefined;
    if (a.full) return { text: a.waitlisted > 0 ? this.#t.waitlist(a.waitlisted) : this.#t.full, full: true };
    if (a.seatsLeft === undefined) return undefined;
    return { text: this.#t.seatsLeft(a.seatsLeft), full: false };
  }

  #onRegister(e: Event, cycleId: string, sessionId: string): void {
    const event = new RegisterEvent(cycleId, sessionId);
    this.dispatchEvent(event);
    if (event.defaultPrevented) e.preventDefault();
  }

  /** Builds the .ics file on demand: its code is loaded only when someone asks for it. */
  async #downloadICS(cycle: Cycle, sessionId?: string): Promise<void> {
    const { toICS } = await import('../../formats/ics.js');
    const { ics } = toICS(cycle, { sessionIds: sessionId ? [sessionId] : undefined, locale: this.#locale });
    const blob = new Blob([ics], { type: 'text/calendar;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${sessionId ? `${cycle.id}-${sessionId}` : cycle.id}.ics`;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  }
}

/** An OpenStreetMap link (a link only: no tiles, no request from this page). */
function osmLink(r: AgendaRow): string {
  const geo = r.venue?.geo;
  if (geo) return `https://www.openstreetmap.org/?mlat=${geo.lat}&mlon=${geo.lon}#map=17/${geo.lat}/${geo.lon}`;
  const a = r.venue?.address;
  const query = [r.venue?.name, a?.street, a?.postalCode, a?.commune, a?.country === 'FR' || !a ? 'France' : a.country].filter(Boolean).join(', ');
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

/** A photo's address, relative to the feed; to the page when the feed's URL cannot be a base (a blob: or data: URL). */
function resolveUrl(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return new URL(url, document.baseURI).href;
  }
}

function withSession(url: string, sessionId: string): string {
  const u = new URL(url, document.baseURI);
  u.searchParams.set('fc-session', sessionId);
  return u.href;
}

/** A person chose to register to a session. Cancel it to handle the registration in the page. */
export class RegisterEvent extends Event {
  static readonly type = 'fc-register';
  readonly detail: { readonly cycleId: string; readonly sessionId: string };
  constructor(cycleId: string, sessionId: string) {
    super(RegisterEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = { cycleId, sessionId };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fc-register': RegisterEvent;
  }
}
