/** `<fc-cycle>` alone. */
import { FcCycle } from '../elements/cycle/cycle.js';
import { define } from '../elements/shared/define.js';

define('fc-cycle', FcCycle);
