/**
 * Registers formacoop's custom elements. The one module with side effects: import it (or load
 * dist/formacoop.min.js) once per page. `<fc-cycle>` is defined first, so that elements already in
 * the page's HTML find their provider when they are upgraded.
 */
import './define/fc-cycle.js';
import './define/fc-agenda.js';
import type { FcCycle } from './elements/cycle/cycle.js';
import type { FcAgenda } from './elements/agenda/agenda.js';

export * from './elements/index.js';

declare global {
  interface HTMLElementTagNameMap {
    'fc-cycle': FcCycle;
    'fc-agenda': FcAgenda;
  }
}
