/**
 * Registers formacoop's custom elements. The one module with side effects: import it (or load
 * dist/formacoop.min.js) once per page. `<fc-cycle>` is defined first, so that elements already in
 * the page's HTML find their provider when they are upgraded.
 */
import './define/fc-cycle.js';
import './define/fc-agenda.js';
import './define/fc-registration-form.js';
import './define/fc-feedback.js';
import './define/fc-feedback-results.js';
import type { FcCycle } from './elements/cycle/cycle.js';
import type { FcAgenda } from './elements/agenda/agenda.js';
import type { FcRegistrationForm } from './elements/registration-form/registration-form.js';
import type { FcFeedback } from './elements/feedback/feedback.js';
import type { FcFeedbackResults } from './elements/feedback-results/feedback-results.js';

export * from './elements/index.js';

declare global {
  interface HTMLElementTagNameMap {
    'fc-cycle': FcCycle;
    'fc-agenda': FcAgenda;
    'fc-registration-form': FcRegistrationForm;
    'fc-feedback': FcFeedback;
    'fc-feedback-results': FcFeedbackResults;
  }
}
