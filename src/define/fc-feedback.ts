/** `<fc-feedback>` alone (with its own `api`, or inside an `<fc-cycle>` loaded by fc-cycle.js). */
import { FcFeedback } from '../elements/feedback/feedback.js';
import { define } from '../elements/shared/define.js';

define('fc-feedback', FcFeedback);
