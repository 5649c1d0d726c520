/**
 * The agenda's view of a feed: one row per session, in agenda order, with what its filters and its
 * search need computed once per feed — so that a keystroke filters 10,000 sessions in a few
 * milliseconds.
 */
import type { Cycle } from '../../model/cycle.js';
import type { Organisation } from '../../model/organisation.js';
import type { Session } from '../../model/session.js';
import type { Venue } from '../../model/venue.js';
import { sortKey, sortSessions, timing, type Timing } from '../../rules/schedule.js';

export interface AgendaRow {
  readonly cycle: Cycle;
  readonly session: Session;
  /** Unique in the page: the session's anchor (`#fc-<cycle>-<session>`). */
  readonly anchor: string;
  readonly venue?: Venue;
  readonly host?: Organisation;
  readonly commune?: string;
  readonly electedInvited: boolean;
  readonly forAgents: boolean;
  /**
   * Past, ongoing or upcoming. A session with an unknown date counts as past when a dated session
   * after it in its cycle is past (days 1–3 before a past day 4), else as upcoming.
   */
  readonly timing: Exclude<Timing, 'unknown'>;
  /** `YYYY-MM`, or `unknown`. */
  readonly month: string;
  /** Lower-case text without accents, for the search. */
  readonly text: string;
}

/** « Cap'Découverte » → « cap'decouverte »: a search ignores case and accents. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\u2018\u2019]/g, "'");
}

export function anchorOf(cycle: Pick<Cycle, 'id'>, session: Pick<Session, 'id'>): string {
  return `fc-${cycle.id}-${session.id}`;
}

/** Every session of the feed's cycles, in agenda order across cycles. */
export function buildRows(cycles: readonly Cycle[], now: Date): AgendaRow[] {
  const keyed: { row: AgendaRow; key: string; cycleIndex: number; index: number }[] = [];
  cycles.forEach((cycle, cycleIndex) => {
    const sorted = sortSessions(cycle.sessions);
    const timings = sorted.map((s) => timing(s, now));
    // An unknown date takes the timing of the next dated session of its cycle, and its place in the
    // merged order from the previous one.
    let following: Timing = 'unknown';
    for (let i = sorted.length - 1; i >= 0; i--) {
      if (timings[i] === 'unknown') timings[i] = following === 'past' || following === 'ongoing' ? 'past' : 'upcoming';
      else following = timings[i]!;
    }
    const venues = new Map(cycle.venues.map((v) => [v.id, v]));
    const organisations = new Map(cycle.organisations.map((o) => [o.id, o]));
    let previousKey = '';
    sorted.forEach((session, index) => {
      const key = sortKey(session) ?? previousKey;
      previousKey = key;
      const venue = session.venueId === undefined ? undefined : venues.get(session.venueId);
      const hostId = session.hostOrganisationId ?? venue?.hostOrganisationId;
      const host = hostId === undefined ? undefined : organisations.get(hostId);
      const audience = session.audience ?? cycle.audience;
      const d = session.date;
      const month = d.precision === 'exact' ? d.date.slice(0, 7) : d.precision === 'month' ? `${d.year}-${String(d.month).padStart(2, '0')}` : 'unknown';
      const commune = venue?.address?.commune;
      let text = `${session.title} \u0001 ${session.description ?? ''} \u0001 ${venue?.name ?? ''} \u0001 ${commune ?? ''} \u0001 ${host?.name ?? ''} \u0001 ${cycle.title}`;
      for (const item of session.programme) {
        text += ` \u0001 ${item.title}`;
        for (const sp of item.speakers) text += ` \u0001 ${sp.name ?? organisations.get(sp.organisationId ?? '')?.name ?? ''}`;
      }
      text = fold(text);
      keyed.push({
        key,
        cycleIndex,
        index,
        row: {
          cycle,
          session,
          anchor: anchorOf(cycle, session),
          venue,
          host,
          commune,
          electedInvited: audience.kinds.includes('elected-officials'),
          forAgents: audience.kinds.includes('agents'),
          timing: timings[index] as AgendaRow['timing'],
          month,
          text,
        },
      });
    });
  });
  if (cycles.length > 1) {
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.cycleIndex - b.cycleIndex || a.index - b.index));
  }
  return keyed.map((k) => k.row);
}

export type When = 'upcoming' | 'past' | 'all';
export type AudienceFilter = '' | 'agents' | 'elected';

export interface AgendaFilters {
  readonly cycle: string;
  readonly host: string;
  readonly commune: string;
  readonly audience: AudienceFilter;
  /** Empty: the default (upcoming sessions when there are any, else all). */
  readonly when: When | '';
  readonly q: string;
}

export const NO_FILTERS: AgendaFilters = { cycle: '', host: '', commune: '', audience: '', when: '', q: '' };

/** What the agenda shows first: the upcoming sessions when there are any, else the whole programme. */
export function defaultWhen(rows: readonly AgendaRow[]): When {
  return rows.some((r) => r.timing !== 'past') ? 'upcoming' : 'all';
}

export function filterRows(rows: readonly AgendaRow[], f: AgendaFilters, when: When): AgendaRow[] {
  return searchRows(selectRows(rows, f, when), searchWords(f.q));
}

/** The search's words, folded: a session matches when its text contains each of them. */
function searchWords(q: string): string[] {
  return fold(q).split(/\s+/).filter(Boolean);
}

/** The rows that pass every filter but the search. */
function selectRows(rows: readonly AgendaRow[], f: AgendaFilters, when: When): AgendaRow[] {
  const out: AgendaRow[] = [];
  for (const r of rows) {
    if (f.cycle && r.cycle.id !== f.cycle) continue;
    if (f.host && r.host?.id !== f.host) continue;
    if (f.commune && r.commune !== f.commune) continue;
    if (f.audience === 'elected' && !r.electedInvited) continue;
    if (f.audience === 'agents' && !r.forAgents) continue;
    if (when === 'upcoming' && r.timing === 'past') continue;
    if (when === 'past' && r.timing !== 'past') continue;
    out.push(r);
  }
  return out;
}

/** The rows whose text contains every word, in their order. */
function searchRows(rows: AgendaRow[], words: readonly string[]): AgendaRow[] {
  if (!words.length) return rows;
  const out: AgendaRow[] = [];
  if (words.length === 1) {
    const w = words[0]!;
    for (let i = 0; i < rows.length; i++) if (rows[i]!.text.includes(w)) out.push(rows[i]!);
    return out;
  }
  next: for (let i = 0; i < rows.length; i++) {
    const text = rows[i]!.text;
    for (let j = 0; j < words.length; j++) if (!text.includes(words[j]!)) continue next;
    out.push(rows[i]!);
  }
  return out;
}

/**
 * `filterRows` for a keystroke at a time: what passes the filters other than the search is kept
 * while only the search changes, and a search that narrows the previous one (« al » then « alb »)
 * looks only among the previous results. Same results as `filterRows`; do not modify them.
 */
export class RowFilter {
  private rows?: readonly AgendaRow[];
  private key = '';
  private selected: AgendaRow[] = [];
  private words: readonly string[] = [];
  private found: AgendaRow[] = [];

  filter(rows: readonly AgendaRow[], f: AgendaFilters, when: When): readonly AgendaRow[] {
    const key = `${f.cycle}\u0000${f.host}\u0000${f.commune}\u0000${f.audience}\u0000${when}`;
    const words = searchWords(f.q);
    if (rows !== this.rows || key !== this.key) {
      this.rows = rows;
      this.key = key;
      this.selected = selectRows(rows, f, when);
      this.found = searchRows(this.selected, words);
    } else if (words.length !== this.words.length || words.some((w, i) => w !== this.words[i])) {
      // Each former word inside one of the new ones: whatever matches now matched before.
      const narrower = this.words.length > 0 && this.words.every((p) => words.some((w) => w.includes(p)));
      this.found = searchRows(narrower ? this.found : this.selected, words);
    }
    this.words = words;
    return this.found;
  }
}

/** The choices each filter offers: only values that some session has. */
export function filterOptions(rows: readonly AgendaRow[]) {
  const cycles = new Map<string, string>();
  const hosts = new Map<string, string>();
  const communes = new Set<string>();
  let elected = false;
  for (const r of rows) {
    cycles.set(r.cycle.id, r.cycle.title);
    if (r.host) hosts.set(r.host.id, r.host.name);
    if (r.commune) communes.add(r.commune);
    elected ||= r.electedInvited;
  }
  const collator = new Intl.Collator('fr');
  const byLabel = (a: [string, string], b: [string, string]) => collator.compare(a[1], b[1]);
  const sortedCommunes = [...communes].sort(collator.compare);
  return {
    cycles: [...cycles].sort(byLabel),
    hosts: [...hosts].sort(byLabel),
    communes: sortedCommunes,
    /** The communes as `[value, label]`, made once: the form's options are re-rendered only when they change. */
    communeOptions: sortedCommunes.map((c) => [c, c] as const),
    elected,
  };
}
