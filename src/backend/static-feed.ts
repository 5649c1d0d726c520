import type { Feed } from '../model/feed.js';
import { parseFeedCompact } from '../model/compact/feed.js';
import type { ValidationIssue } from '../model/issues.js';
import type { Locale } from '../model/messages.js';
import type { Backend, RequestOptions } from './backend.js';

/** Why a feed could not be loaded: what a person needs to fix it. */
export class FeedLoadError extends Error {
  override readonly name = 'FeedLoadError';
  constructor(
    readonly kind: 'network' | 'http' | 'not-json' | 'invalid-feed',
    readonly url: string,
    readonly status?: number,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(
      kind === 'invalid-feed'
        ? `Invalid feed at ${url}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
        : `Could not load ${url} (${kind}${status ? ` ${status}` : ''})`,
    );
  }
}

export interface StaticFeedOptions {
  /** Language of validation messages. */
  readonly locale?: Locale;
  /** fetch to use (tests, Node). */
  readonly fetch?: typeof fetch;
}

/** A feed published as a JSON file (on the CMS, or any server): read-only. */
export function createStaticFeedBackend(url: string, options: StaticFeedOptions = {}): Backend & { readonly url: string } {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    url,
    async loadFeed({ signal }: RequestOptions = {}): Promise<Feed> {
      let response: Response;
      try {
        // No cookies: a public feed needs none, and a third-party feed must not receive the site's.
        response = await doFetch(url, { signal, credentials: 'omit', headers: { Accept: 'application/json' } });
      } catch (e) {
        if (signal?.aborted) throw e;
        throw new FeedLoadError('network', url);
      }
      if (!response.ok) throw new FeedLoadError('http', url, response.status);
      let json: unknown;
      try {
        json = await response.json();
      } catch (e) {
        if (signal?.aborted) throw e;
        throw new FeedLoadError('not-json', url, response.status);
      }
      // The compact validator: the same verdicts as the SDK's zod schemas, a third of the bytes; the
      // messages of an invalid feed are fetched only then.
      const result = await parseFeedCompact(json, { locale: options.locale ?? 'fr' });
      if (!result.success) throw new FeedLoadError('invalid-feed', url, response.status, result.error.issues);
      return result.data;
    },
  };
}
