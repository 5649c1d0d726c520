import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import type { Backend } from '../../backend/backend.js';
import { createStaticFeedBackend } from '../../backend/static-feed.js';
import type { Feed } from '../../model/feed.js';
import { cyclesOf } from '../../rules/lookup.js';
import type { Locale } from '../../model/messages.js';
import { feedContext, type FeedState } from './feed-state.js';

/** The properties by which an element is given its own feed (rather than its `<fc-cycle>`'s). */
export interface FeedSourceHost extends ReactiveControllerHost, HTMLElement {
  src?: string | undefined;
  /** A formacoop server's address: the feed, seats and submissions go through its REST API. */
  api?: string | undefined;
  /** With `api`: the cycle to show (else every cycle of the server). */
  cycle?: string | undefined;
  data?: Feed | undefined;
  backend?: Backend | undefined;
}

export class NoSourceError extends Error {
  override readonly name = 'NoSourceError';
}

/**
 * Gives an element its feed state: from its own `src` / `data` / `backend` when it has one (loaded
 * once per change, aborted when superseded), else from the `<fc-cycle>` around it.
 */
export class FeedSource implements ReactiveController {
  private fromContext: FeedState | undefined;
  private readonly task: Task<[string | undefined, Feed | undefined, Backend | undefined, string | undefined, string | undefined], FeedState & { status: 'ready' }>;

  constructor(
    private readonly host: FeedSourceHost,
    private readonly locale: () => Locale,
    consume = true,
  ) {
    host.addController(this);
    if (consume) {
      new ContextConsumer(host, {
        context: feedContext,
        subscribe: true,
        callback: (value) => {
          this.fromContext = value;
          host.requestUpdate();
        },
      });
    }
    this.task = new Task(host, {
      args: () => [host.src, host.data, host.backend, host.api, host.cycle],
      task: async ([src, data, backend, api, cycle], { signal }) => {
        if (data) return { status: 'ready', feed: data, cycles: cyclesOf(data), backend };
        const locale = this.locale();
        // The HTTP client is loaded by the pages that use a server only.
        const source =
          backend ??
          (api
            ? (await import('../../backend/http.js')).createHttpBackend({ baseUrl: new URL(api, document.baseURI).href, cycleId: cycle || undefined, locale })
            : src
              ? createStaticFeedBackend(new URL(src, document.baseURI).href, { locale })
              : undefined);
        if (!source) throw new NoSourceError();
        const feed = await source.loadFeed({ signal });
        const baseUrl = 'url' in source && typeof source.url === 'string' ? source.url : undefined;
        return { status: 'ready', feed, cycles: cyclesOf(feed), baseUrl, backend: source };
      },
    });
  }

  hostConnected(): void {}

  /** Whether the element has a source of its own. */
  get own(): boolean {
    return Boolean(this.host.src || this.host.data || this.host.backend || this.host.api);
  }

  get state(): FeedState {
    if (this.own) {
      switch (this.task.status) {
        case TaskStatus.COMPLETE:
          return this.task.value!;
        case TaskStatus.ERROR:
          return { status: 'error', error: this.task.error, retry: () => void this.task.run() };
        default:
          return { status: 'loading' };
      }
    }
    if (this.fromContext) return this.fromContext;
    // Inside an <fc-cycle> not yet upgraded: its context will come.
    if (this.host.closest('fc-cycle')) return { status: 'loading' };
    return { status: 'error', error: new NoSourceError() };
  }
}
