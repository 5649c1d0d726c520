import { createContext } from '@lit/context';
import type { Cycle } from '../../model/cycle.js';
import type { Feed } from '../../model/feed.js';
import type { Backend } from '../../backend/backend.js';

/** What every formacoop element knows of the feed it shows. */
export type FeedState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown; readonly retry?: () => void }
  | {
      readonly status: 'ready';
      readonly feed: Feed;
      readonly cycles: readonly Cycle[];
      /** Base for relative links in the feed (photos): the feed's own URL. */
      readonly baseUrl?: string;
      readonly backend?: Backend;
    };

/** Provided by `<fc-cycle>` to every formacoop element inside it: one load for all of them. */
export const feedContext = createContext<FeedState>(Symbol.for('formacoop.feed'));
