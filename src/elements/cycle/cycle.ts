import { LitElement, html, css } from 'lit';
import { ContextProvider } from '@lit/context';
import type { Backend } from '../../backend/backend.js';
import type { Feed } from '../../model/feed.js';
import { feedContext } from '../shared/feed-state.js';
import { FeedSource } from '../shared/feed-source.js';
import { LocaleController } from '../shared/locale-controller.js';

/**
 * Loads a cycle or catalogue feed once and gives it to every formacoop element inside it.
 *
 * @summary Loads a training cycle's feed and shares it with the formacoop elements inside.
 * @slot - The formacoop elements (and any page content) that show the cycle.
 * @fires fc-feed-loaded - The feed has been loaded and validated (`detail.feed`).
 * @fires fc-feed-error - The feed could not be loaded or is invalid (`detail.error`).
 */
export class FcCycle extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  // Declared without decorators, as in FcAgenda: a page with the agenda loads no decorator code.
  static override properties = { src: {}, api: {}, cycle: {}, data: { attribute: false }, backend: { attribute: false } };

  /** URL of the feed (JSON), relative to the page. */
  declare src?: string;
  /** Address of a formacoop server (instead of `src`): the feed, live seats and submissions go through it. */
  declare api?: string;
  /** With `api`: the id of the cycle to show (every cycle of the server when absent). */
  declare cycle?: string;
  /** An already-parsed feed, set from JavaScript. */
  declare data?: Feed;
  /** A backend to read the feed from, set from JavaScript. */
  declare backend?: Backend;

  private readonly localeController = new LocaleController(this);
  private readonly source = new FeedSource(this, () => this.localeController.locale, false);
  private readonly provider = new ContextProvider(this, { context: feedContext, initialValue: { status: 'loading' } });
  private lastStatus?: string;

  /** The current state of the feed: loading, ready or error. */
  get state() {
    return this.source.state;
  }

  protected override updated(): void {
    const state = this.source.state;
    this.provider.setValue(state);
    if (state.status === this.lastStatus) return;
    this.lastStatus = state.status;
    if (state.status === 'ready') this.dispatchEvent(new FeedLoadedEvent(state.feed));
    if (state.status === 'error') this.dispatchEvent(new FeedErrorEvent(state.error));
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

export class FeedLoadedEvent extends Event {
  static readonly type = 'fc-feed-loaded';
  constructor(readonly feed: Feed) {
    super(FeedLoadedEvent.type, { bubbles: true, composed: true });
  }
  get detail(): { readonly feed: Feed } {
    return { feed: this.feed };
  }
}

export class FeedErrorEvent extends Event {
  static readonly type = 'fc-feed-error';
  constructor(readonly error: unknown) {
    super(FeedErrorEvent.type, { bubbles: true, composed: true });
  }
  get detail(): { readonly error: unknown } {
    return { error: this.error };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fc-feed-loaded': FeedLoadedEvent;
    'fc-feed-error': FeedErrorEvent;
  }
}
