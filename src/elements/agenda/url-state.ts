import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NO_FILTERS, type AgendaFilters, type AudienceFilter, type When } from './agenda-rows.js';

export type AgendaView = 'list' | 'calendar';

export interface AgendaUrlState {
  readonly filters: AgendaFilters;
  readonly view: AgendaView;
  /** The month the calendar shows, `YYYY-MM`. */
  readonly month: string;
}

const KEYS = ['cycle', 'host', 'commune', 'audience', 'when', 'q'] as const;

/**
 * Keeps the agenda's filters in the page's query string (`?fc-host=…&fc-q=…`), so that a page can
 * link to a filtered agenda, and follows the back button and session anchors (`#fc-…`). The page's
 * own parameters are left as they are. Filter changes replace the history entry (typing a search
 * must not fill the history); opening a session's anchor adds one.
 */
export class AgendaUrlController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly prefix: () => string,
    private readonly onNavigate: () => void,
  ) {
    host.addController(this);
  }

  private readonly listener = () => this.onNavigate();

  hostConnected(): void {
    window.addEventListener('popstate', this.listener);
    window.addEventListener('hashchange', this.listener);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.listener);
    window.removeEventListener('hashchange', this.listener);
  }

  read(): AgendaUrlState {
    const params = new URLSearchParams(location.search);
    const p = this.prefix();
    const get = (k: string) => params.get(p + k) ?? '';
    const when = get('when');
    const audience = get('audience');
    return {
      filters: {
        ...NO_FILTERS,
        cycle: get('cycle'),
        host: get('host'),
        commune: get('commune'),
        q: get('q'),
        audience: (audience === 'agents' || audience === 'elected' ? audience : '') as AudienceFilter,
        when: (when === 'upcoming' || when === 'past' || when === 'all' ? when : '') as When | '',
      },
      view: get('view') === 'calendar' ? 'calendar' : 'list',
      month: /^\d{4}-\d{2}$/.test(get('month')) ? get('month') : '',
    };
  }

  write(state: AgendaUrlState): void {
    const url = new URL(location.href);
    const p = this.prefix();
    const set = (k: string, v: string) => (v ? url.searchParams.set(p + k, v) : url.searchParams.delete(p + k));
    for (const k of KEYS) set(k, state.filters[k]);
    set('view', state.view === 'calendar' ? 'calendar' : '');
    set('month', state.view === 'calendar' ? state.month : '');
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  }

  /** The session anchor in the page's hash, if it is one of ours. */
  hashAnchor(): string | undefined {
    const id = decodeURIComponent(location.hash.slice(1));
    return id.startsWith('fc-') ? id : undefined;
  }
}
