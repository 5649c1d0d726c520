/** The element classes, without registering them (see src/elements.ts). */
export { FcCycle, FeedLoadedEvent, FeedErrorEvent } from './cycle/cycle.js';
export { FcAgenda, RegisterEvent } from './agenda/agenda.js';
export { feedContext, type FeedState } from './shared/feed-state.js';
