/** `<fc-agenda>` alone (with its own `src`, or inside an `<fc-cycle>` loaded by fc-cycle.js). */
import { FcAgenda } from '../elements/agenda/agenda.js';
import { define } from '../elements/shared/define.js';

define('fc-agenda', FcAgenda);
