/** The element classes, without registering them (see src/elements.ts). */
export { FcCycle, FeedLoadedEvent, FeedErrorEvent } from './cycle/cycle.js';
export { FcAgenda, RegisterEvent } from './agenda/agenda.js';
export { FcRegistrationForm, RegisteredEvent, RegistrationQueuedEvent, RegistrationFailedEvent } from './registration-form/registration-form.js';
export { FcFeedback, FeedbackSentEvent } from './feedback/feedback.js';
export { FcFeedbackResults } from './feedback-results/feedback-results.js';
export { feedContext, type FeedState } from './shared/feed-state.js';
