import { LitElement, html, nothing, svg, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Backend } from '../../backend/backend.js';
import { BackendError } from '../../backend/errors.js';
import type { Cycle } from '../../model/cycle.js';
import type { Feed } from '../../model/feed.js';
import type { FeedbackForm } from '../../model/feedback.js';
import type { Locale } from '../../model/messages.js';
import type { FeedbackGroup, FeedbackSummary, RatingSummary, RecommendationSummary } from '../../rules/feedback.js';
import { tokens } from '../shared/styles.js';
import { FeedSource } from '../shared/feed-source.js';
import { LocaleController } from '../shared/locale-controller.js';
import { renderEnglishUnavailable, renderError, renderLoading } from '../shared/states.js';
import { resultsStyles } from './feedback-results.styles.js';
import { resultsMessages, type ResultsMessages } from './messages.js';

/** The cycle and questionnaire the element shows, once the feed is ready. */
export interface ResultsTarget {
  readonly cycle: Cycle;
  readonly form: FeedbackForm;
}

/**
 * The results of a cycle's evaluation for its organisers: number of responses and response rate,
 * for each criterion the distribution (an SVG bar chart and the same figures in a table) with its
 * mean, the recommendation score, breakdowns per day and per communauté de communes with small
 * groups withheld, the open answers when they are published, a CSV export and a print layout.
 *
 * The figures are the backend's `feedbackSummary` (the SDK's `summariseFeedback`, run by the server):
 * public when the questionnaire's results are, else with the admin token (set `adminToken` from
 * JavaScript, or typed by the organiser in the field the element shows).
 *
 * @summary The evaluation's results: charts with tables, breakdowns, CSV, print.
 *
 * @slot - Content shown until the results are ready (and with an error).
 *
 * @csspart state - The loading, empty, locked and error messages.
 * @csspart criterion - One criterion (chart, mean and table).
 * @csspart chart - A bar chart.
 * @csspart breakdown - A breakdown table (per day, per communauté de communes).
 * @csspart actions - The CSV and print buttons.
 *
 * @cssproperty [--fc-color-accent=#0b5e8a] - Bars, links and buttons.
 * @cssproperty [--fc-color-text=inherit] - Text colour.
 * @cssproperty [--fc-color-muted=#595959] - Secondary text, withheld groups.
 * @cssproperty [--fc-color-border=#767676] - Table rules and axes.
 * @cssproperty [--fc-color-surface-raised=#f6f6f6] - Background of messages and table headers.
 * @cssproperty [--fc-color-danger=#b3261e] - Errors.
 * @cssproperty [--fc-color-focus=#0b5e8a] - Focus ring.
 * @cssproperty [--fc-font-family=inherit] - Font (the page's by default).
 * @cssproperty [--fc-font-size=1rem] - Base text size (also --fc-font-size-small=0.875rem).
 * @cssproperty [--fc-space-m=1rem] - Base spacing (also --fc-space-xs, -s, -l).
 * @cssproperty [--fc-results-bar-color=var(--fc-color-accent)] - Colour of the bars.
 */
export class FcFeedbackResults extends LitElement {
  static override styles = [tokens, resultsStyles];
  // Reactive properties declared here rather than with decorators: no decorator code in the bundle.
  static override properties = {
    src: {},
    api: {},
    cycle: {},
    formId: { attribute: 'form-id' },
    data: { attribute: false },
    backend: { attribute: false },
    adminToken: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    reloads: { state: true, attribute: false },
  };

  /** URL of a feed of its own (else the `<fc-cycle>` around it). Results need a server: prefer `api`. */
  declare src?: string;
  /** Address of a formacoop server: the feed and the results come from it. */
  declare api?: string;
  /** The cycle's id (with `api`, or to choose in a catalogue); the feed's only cycle by default. */
  declare cycle?: string;
  /** The questionnaire's id; the cycle's first questionnaire by default. */
  declare formId?: string;
  /** An already-parsed feed (the results still come from `backend`). */
  declare data?: Feed;
  /** The backend to read the feed and the results from. */
  declare backend?: Backend;
  /**
   * The admin token, for results that are not public. Set it from JavaScript, never in the page's
   * HTML; without it, the element asks the organiser for it.
   */
  declare adminToken?: string;
  /** Level of the element's top heading, to fit the page's outline (2 by default). */
  headingLevel = 2;

  private reloads = 0;

  readonly #localeController = new LocaleController(this);
  readonly #source = new FeedSource(this, () => this.#localeController.locale);

  readonly #summaryTask = new Task(this, {
    // Ids, not objects: a render must not start another request.
    args: () => {
      const target = this.target;
      const s = this.#source.state;
      const shown = target && 'form' in target ? target : undefined;
      return [shown?.cycle.id, shown?.form.id, s.status === 'ready' ? s.backend : undefined, this.adminToken, this.reloads] as const;
    },
    task: async ([cycleId, formId, backend, adminToken], { signal }): Promise<FeedbackSummary | undefined> => {
      if (!cycleId || !formId) return undefined;
      if (!backend?.feedbackSummary) throw new NoServerError();
      return backend.feedbackSummary(cycleId, formId, { signal, ...(adminToken ? { adminToken } : {}) });
    },
  });

  get #locale(): Locale {
    return this.#localeController.locale;
  }

  /** The words of the element's language, as of the last render (see `render`). */
  #m!: ResultsMessages;

  /** The cycle and questionnaire shown; `{ missing }` when the feed has none (the empty state). */
  get target(): ResultsTarget | { readonly missing: string | undefined } | undefined {
    const s = this.#source.state;
    if (s.status !== 'ready') return undefined;
    const cycle = s.cycles.find((c) => c.id === this.cycle) ?? s.cycles[0];
    const form = cycle?.feedback.find((f) => this.formId === undefined || f.id === this.formId);
    return cycle && form ? { cycle, form } : { missing: this.formId };
  }

  /** The results shown, once loaded. */
  get summary(): FeedbackSummary | undefined {
    return this.#summaryTask.value;
  }

  #heading(level: number, content: unknown, cls = ''): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, Math.max(1, level))} class="h ${cls}">${content}</div>`;
  }

  protected override render(): TemplateResult {
    // English asked for, English words missing: shown in French, and said why.
    const t = this.#localeController.t;
    return html`${this.#localeController.failed ? renderEnglishUnavailable(t) : nothing}${this.#renderState()}`;
  }

  #renderState(): TemplateResult {
    const s = this.#source.state;
    const t = this.#localeController.t;
    const m = resultsMessages(this.#locale, () => this.requestUpdate());
    // English words arrive in two fetches (the shared ones, the results'): until both are here,
    // the loading state, so that an English page never shows French words beside English ones.
    if (s.status === 'loading' || !m || !this.#localeController.ready) return renderLoading(t);
    this.#m = m;
    if (s.status === 'error') return renderError(t, s.error, s.retry);
    const target = this.target!;
    if (!('form' in target)) {
      return html`<p class="state empty" part="state empty" role="status">${target.missing ? m.unknownForm(target.missing) : m.noForm}</p>`;
    }
    const { form } = target;
    const head = this.#heading(this.headingLevel, html`${m.results} — <span>${form.title}</span>`, 'title');
    switch (this.#summaryTask.status) {
      case TaskStatus.COMPLETE:
        return html`${head}${this.#renderSummary(target, this.#summaryTask.value!)}`;
      case TaskStatus.ERROR:
        return html`${head}${this.#renderFailure(this.#summaryTask.error)}`;
      default:
        return html`${head}
          <div class="state loading" part="state loading" role="status"><span class="spinner" aria-hidden="true"></span>${m.loadingResults}</div>
          <slot></slot>`;
    }
  }

  #renderFailure(error: unknown): TemplateResult {
    const m = this.#m;
    if (error instanceof BackendError && error.status === 401) return this.#renderLocked(Boolean(this.adminToken));
    const detail = error instanceof NoServerError ? m.noServer : m.resultsFailed(error instanceof Error ? error.message : String(error));
    return html`${renderError(this.#localeController.t, new Error(detail), error instanceof NoServerError ? undefined : () => this.reloads++)}`;
  }

  /** Results that are not public: the organiser types the admin token, which stays in this page's memory. */
  #renderLocked(refused: boolean): TemplateResult {
    const m = this.#m;
    const onSubmit = (e: SubmitEvent) => {
      e.preventDefault();
      const value = new FormData(e.target as HTMLFormElement).get('token');
      if (typeof value === 'string' && value.trim()) this.adminToken = value.trim();
    };
    return html`<form class="state locked" part="state locked" @submit=${onSubmit}>
        <p>${m.locked}</p>
        <label for="token">${m.tokenLabel}</label>
        <p class="hint" id="token-hint">${m.tokenHint}</p>
        ${refused ? html`<p class="error-text" id="token-error" role="alert">${m.tokenRefused}</p>` : nothing}
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck="false"
          required
          aria-invalid=${refused ? 'true' : nothing}
          aria-describedby=${refused ? 'token-hint token-error' : 'token-hint'}
        />
        <button class="primary">${m.show}</button>
      </form>
      <slot></slot>`;
  }

  #renderSummary({ cycle, form }: ResultsTarget, summary: FeedbackSummary): TemplateResult {
    const m = this.#m;
    const fmt = this.#number;
    const level = this.headingLevel + 1;
    const intro = html`<p class="count" role="status">
        <strong>${m.responses(summary.count)}</strong>${summary.responseRate === undefined
          ? nothing
          : html` — ${m.rate(fmt(summary.responseRate, { style: 'percent' }))}`}
      </p>
      <p class="note">${m.minGroup(summary.minGroupSize)}</p>`;
    if (summary.count === 0) return html`${intro}<p class="state empty" part="state empty">${m.noResponses}</p>`;
    if (summary.withheld) return html`${intro}<p class="state empty withheld" part="state empty">${m.withheldAll(summary.minGroupSize)}</p>`;
    const text = form.questions.filter((q) => q.type === 'text');
    return html`${intro}
      <div class="actions" part="actions">
        <button type="button" @click=${() => void this.#downloadCsv(cycle, form, summary)}>${m.csv}</button>
        <button type="button" @click=${() => window.print()}>${m.print}</button>
      </div>
      ${(summary.criteria ?? []).map((c) => this.#renderCriterion(form, c, level))}
      ${summary.recommendation ? this.#renderRecommendation(summary.recommendation, level) : nothing}
      ${this.#renderBreakdown(m.bySession, summary.bySession, summary, level)}
      ${this.#renderBreakdown(m.byOrganisation, summary.byOrganisation, summary, level)}
      ${text.length === 0
        ? nothing
        : html`<section>
            ${this.#heading(level, m.openAnswers)}
            ${summary.openAnswers
              ? summary.openAnswers.map(
                  (o) => html`${this.#heading(level + 1, o.label, 'sub')}
                    ${o.answers.length ? html`<ul class="open">${o.answers.map((a) => html`<li>${a}</li>`)}</ul>` : html`<p class="note">${m.noOpenAnswer}</p>`}`,
                )
              : html`<p class="note">${m.openNotPublished}</p>`}
          </section>`}`;
  }

  #number = (n: number, options: Intl.NumberFormatOptions = {}): string =>
    new Intl.NumberFormat(this.#locale, { maximumFractionDigits: 2, ...options }).format(n);

  #renderCriterion(form: FeedbackForm, c: RatingSummary, level: number): TemplateResult {
    const m = this.#m;
    const question = form.questions.find((q) => q.id === c.questionId);
    const labels = (question?.type === 'rating' ? question.scale?.labels : undefined) ?? form.scale.labels;
    return html`<section class="criterion" part="criterion">
      ${this.#heading(level, c.label)}
      <p class="mean">${c.mean === undefined ? m.noAnswer : m.mean(this.#number(c.mean), c.points, c.count)}</p>
      <div class="figure">
        ${chart(c.distribution, 1, c.mean)} ${this.#table(c.label, c.distribution, c.count, (i) => `${i + 1} — ${labels[i] ?? ''}`, m.answer)}
      </div>
    </section>`;
  }

  #renderRecommendation(r: RecommendationSummary, level: number): TemplateResult {
    const m = this.#m;
    return html`<section class="criterion" part="criterion">
      ${this.#heading(level, html`${m.recommendation} — ${r.label}`)}
      <p class="mean">${r.mean === undefined ? m.noAnswer : m.recoMean(this.#number(r.mean), r.count)}</p>
      ${r.nps === undefined
        ? nothing
        : html`<p class="mean">${m.nps(this.#number(r.nps, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }))} <span class="note">(${m.npsHelp})</span></p>`}
      <div class="figure">${chart(r.distribution, 0, r.mean)} ${this.#table(r.label, r.distribution, r.count, (i) => String(i), m.score)}</div>
    </section>`;
  }

  /** The chart's figures as a table: what a screen reader reads, and what a printed page keeps. */
  #table(label: string, distribution: readonly number[], total: number, name: (i: number) => string, head: string): TemplateResult {
    const m = this.#m;
    return html`<table class="data">
      <caption>
        ${m.dataOf(label)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${head}</th>
          <th scope="col">${m.count}</th>
          <th scope="col">${m.share}</th>
        </tr>
      </thead>
      <tbody>
        ${distribution.map(
          (n, i) => html`<tr>
            <th scope="row">${name(i)}</th>
            <td>${n}</td>
            <td>${total ? this.#number(n / total, { style: 'percent', maximumFractionDigits: 0 }) : '—'}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderBreakdown(title: string, groups: readonly FeedbackGroup[], summary: FeedbackSummary, level: number): TemplateResult | typeof nothing {
    if (groups.length === 0) return nothing;
    const m = this.#m;
    const criteria = summary.criteria ?? [];
    const columns = criteria.length + (summary.recommendation ? 1 : 0);
    return html`<section class="breakdown" part="breakdown">
      ${this.#heading(level, title)}
      <div class="scroll">
        <table>
          <caption class="visually-hidden">
            ${title}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m.group}</th>
              <th scope="col">${m.count}</th>
              ${criteria.map((c) => html`<th scope="col">${m.meanOf(c.label)}</th>`)}
              ${summary.recommendation ? html`<th scope="col">${m.recoShort}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${groups.map(
              (g) => html`<tr class=${g.withheld ? 'withheld' : ''}>
                <th scope="row">${g.key === 'other' && !g.label ? m.other : (g.label ?? g.key)}</th>
                <td>${g.count}</td>
                ${g.withheld
                  ? html`<td colspan=${columns}>${g.withheldReason === 'complement' ? m.withheldComplement : m.withheldSmall(summary.minGroupSize)}</td>`
                  : html`${(g.criteria ?? []).map((c) => html`<td>${c.mean === undefined ? '—' : this.#number(c.mean)}</td>`)}
                    ${summary.recommendation ? html`<td>${g.recommendation?.mean === undefined ? '—' : this.#number(g.recommendation.mean)}</td>` : nothing}`}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** The CSV writer is loaded when asked for: most visits never export. */
  async #downloadCsv(cycle: Cycle, form: FeedbackForm, summary: FeedbackSummary): Promise<void> {
    const { resultsCsv } = await import('./results-csv.js');
    const blob = new Blob([resultsCsv(form, summary, this.#m, this.#locale)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${this.#m.csvFile}-${cycle.id}-${form.id}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
}

/** Results need a backend that computes them: a bare feed file has none. */
export class NoServerError extends Error {
  override readonly name = 'NoServerError';
}

const BAR = 24;
const GAP = 8;
const HEIGHT = 96;

/**
 * A bar chart drawn by hand (no chart library): one bar per answer, its count above, the answer
 * below, and the mean as a dashed line. Hidden from screen readers: the table says the same.
 */
function chart(distribution: readonly number[], first: number, mean: number | undefined): TemplateResult {
  const max = Math.max(1, ...distribution);
  const step = BAR + GAP;
  const base = HEIGHT + 16;
  const meanX = mean === undefined ? undefined : GAP / 2 + (mean - first) * step + BAR / 2;
  return html`<svg class="chart" part="chart" viewBox="0 0 ${distribution.length * step} ${base + 18}" aria-hidden="true" focusable="false">
    ${distribution.map((n, i) => svg`<rect class="bar" x=${GAP / 2 + i * step} y=${base - (n / max) * HEIGHT} width=${BAR} height=${(n / max) * HEIGHT}></rect>`)}
    <line class="axis" x1="0" x2=${distribution.length * step} y1=${base} y2=${base}></line>
    ${meanX === undefined ? nothing : svg`<line class="mean-line" x1=${meanX} x2=${meanX} y1="6" y2=${base}></line>`}
    ${distribution.map((n, i) => {
      // Above the mean line, each count on a halo of the canvas colour: readable where the line crosses it.
      const x = GAP / 2 + i * step + BAR / 2;
      return svg`<text x=${x} y=${base - (n / max) * HEIGHT - 3}>${n}</text><text x=${x} y=${base + 14}>${i + first}</text>`;
    })}
  </svg>`;
}
