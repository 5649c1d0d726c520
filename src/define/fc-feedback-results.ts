/** `<fc-feedback-results>` alone (with its own `api`, or inside an `<fc-cycle>` loaded by fc-cycle.js). */
import { FcFeedbackResults } from '../elements/feedback-results/feedback-results.js';
import { define } from '../elements/shared/define.js';

define('fc-feedback-results', FcFeedbackResults);
