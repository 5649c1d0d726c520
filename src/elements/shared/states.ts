import { html, nothing, type TemplateResult } from 'lit';
import { FeedLoadError } from '../../backend/static-feed.js';
import type { Messages } from '../../i18n/ui.js';
import { NoSourceError } from './feed-source.js';

/**
 * The loading state. The page's own content inside the element (a link to the programme, a PDF…)
 * stays visible until the element is ready.
 */
export function renderLoading(t: Messages): TemplateResult {
  return html`<div class="state loading" part="state loading" role="status">
      <span class="spinner" aria-hidden="true"></span>${t.loading}
    </div>
    <slot></slot>`;
}

/** The error state: what failed, and where, so that the person who publishes the feed can fix it. */
export function renderError(t: Messages, error: unknown, retry?: () => void): TemplateResult {
  let body: TemplateResult;
  if (error instanceof FeedLoadError && error.kind === 'invalid-feed') {
    body = html`<p>${t.invalidFeed(error.url, error.issues.length)}</p>
      <ul>
        ${error.issues.slice(0, 20).map((i) => html`<li><code>${i.path || t.documentRoot}</code> — ${i.message}</li>`)}
      </ul>`;
  } else if (error instanceof FeedLoadError) {
    const detail = error.kind === 'http' ? t.httpError(error.status ?? 0) : error.kind === 'not-json' ? t.notJson : t.networkError;
    body = html`<p>${t.loadFailed(error.url, detail)}</p>`;
  } else if (error instanceof NoSourceError) {
    body = html`<p>${t.noSource}</p>`;
  } else {
    body = html`<p>${error instanceof Error ? error.message : String(error)}</p>`;
  }
  return html`<div class="state error" part="state error" role="alert">
      ${body}
      ${retry ? html`<button type="button" @click=${retry}>${t.retry}</button>` : nothing}
    </div>
    <slot></slot>`;
}

/** Said above an element that speaks English but whose English words could not be fetched. */
export function renderEnglishUnavailable(t: Messages): TemplateResult {
  return html`<p class="state" part="state" role="status">${t.englishUnavailable}</p>`;
}
