/**
 * What the stories of every element share: the sample cycle and its variants for each state a
 * designer must see, seat counts, fixed dates, and the host pages (dark theme, phone width).
 * Feeds are given already parsed (`.data`), so that no story depends on where files are served —
 * except the error stories, whose point is a feed that a URL serves badly.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import sample from '../examples/management-par-la-cooperation.json';
import { generateCatalogue } from '../examples/generate-catalogue.js';
import { parseCatalogue, parseCycle, type Availability, type CatalogueFeed, type CycleFeed, type Media } from '../src/index.js';
import type { Backend } from '../src/backend/backend.js';

/** The seed article's cycle, « Management par la Coopération » (examples/). */
export const sampleCycle: CycleFeed = parseCycle(sample);

/** The same cycle before any session was planned. */
export const emptyCycle: CycleFeed = parseCycle({ ...sampleCycle, sessions: [], feedback: [] });

/**
 * Photos served by Storybook (`staticDirs`): drawn for the stories, since the article's own photos
 * are neither in the sample nor ours to reuse. The paths are relative, as a feed would write them.
 */
const photos: Record<string, readonly Media[]> = {
  'journee-4': [
    {
      url: 'story-assets/journee-4-atelier.svg',
      alt: 'Deux groupes de managers travaillent autour de tables devant un tableau de papier, sous la charpente de la halle.',
      caption: 'Travaux en sous-groupes sur le schéma de gouvernance d’un projet',
      credit: 'illustration formacoop',
      width: 640,
      height: 400,
      provenance: { status: 'example', note: 'Illustration dessinée pour Storybook, pas une photo de la journée.' },
    },
  ],
  'journee-5': [
    {
      url: 'story-assets/journee-5-pleniere.svg',
      alt: 'Managers et élu·es assis en rangs face à un écran qui montre trois cercles entrelacés.',
      caption: 'Temps en plénière avec les élu·es communautaires',
      credit: 'illustration formacoop',
      width: 640,
      height: 400,
      provenance: { status: 'example', note: 'Illustration dessinée pour Storybook, pas une photo de la journée.' },
    },
  ],
};

/** The cycle with a « retour en images » on its past days 4 and 5. */
export const cycleWithPhotos: CycleFeed = parseCycle({
  ...sampleCycle,
  sessions: sampleCycle.sessions.map((s) => ({ ...s, media: photos[s.id] ?? s.media })),
});

/** The cycle while its registrations are open (what the sample would have said in February). */
export const cycleOpen: CycleFeed = parseCycle({
  ...sampleCycle,
  registration: { ...sampleCycle.registration, status: 'open', waitlist: true },
});

/**
 * Seats on 1 March 2025 as the server would count them (invented counts: the article gives none):
 * seats left, full, and full with a waiting list.
 */
export const availability: readonly Availability[] = [
  {
    cycleId: sampleCycle.id,
    capacity: 40,
    confirmed: 40,
    waitlisted: 3,
    seatsLeft: 0,
    full: true,
    sessions: [
      { sessionId: 'journee-1', capacity: 40, confirmed: 40, waitlisted: 0, seatsLeft: 0, full: true },
      { sessionId: 'journee-2', capacity: 40, confirmed: 40, waitlisted: 0, seatsLeft: 0, full: true },
      { sessionId: 'journee-3', capacity: 40, confirmed: 40, waitlisted: 0, seatsLeft: 0, full: true },
      { sessionId: 'journee-4', capacity: 40, confirmed: 40, waitlisted: 3, seatsLeft: 0, full: true },
      { sessionId: 'journee-5', capacity: 60, confirmed: 48, waitlisted: 0, seatsLeft: 12, full: false },
      { sessionId: 'journee-6-bonus', capacity: 20, confirmed: 18, waitlisted: 0, seatsLeft: 2, full: false },
    ],
  },
];

/** A thousand sessions in about 170 cycles (seeded: the same catalogue every time). */
export function largeCatalogue(): CatalogueFeed {
  return parseCatalogue(generateCatalogue({ sessions: 1000, seed: 1 }));
}

/** A backend whose answer never comes: the loading state, held. */
export const pendingBackend: Backend = {
  loadFeed: () => new Promise<never>(() => undefined),
};

/** Feeds served by Storybook for the error stories. */
export const feedUrls = {
  /** Nothing there: the server answers 404. */
  missing: 'story-assets/flux-introuvable.json',
  /** A copy of the sample whose day 4 is dated 30 February (2025-02-30). */
  impossibleDate: 'story-assets/flux-date-impossible.json',
} as const;

/** Fixed moments, so that past / upcoming is the same on every machine and every day. */
export const moments = {
  /** Before day 4 (26 March 2025): the cycle is under way, days 4, 5 and 6 are ahead. */
  duringCycle: Date.parse('2025-03-01T09:00:00+01:00'),
  /** After the bonus day (late June 2025): every session is past. */
  afterCycle: Date.parse('2025-09-01T09:00:00+02:00'),
  /** Within the generated catalogue's span (from January 2026). */
  catalogue: Date.parse('2026-06-01T09:00:00+02:00'),
} as const;

/** A date control gives a timestamp; the elements take a Date. */
export function toDate(value: number | Date | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

/**
 * The CSS custom properties a designer set in the controls (`--fc-…` rows of the manifest), as an
 * inline style for the element.
 */
export function tokenStyle(args: object): Readonly<Record<string, string>> {
  const style: Record<string, string> = {};
  for (const [name, value] of Object.entries(args)) {
    if (name.startsWith('--') && typeof value === 'string' && value.trim()) style[name] = value;
  }
  return style;
}

/**
 * A site with a dark theme, restyling formacoop through its tokens only. Every text / background
 * pair reaches at least 4.5:1 (text 15.7:1, muted 9.5:1 on the page; accent 9.8:1 on a session;
 * badge 9.5:1; errors 7:1), and borders and the focus ring more than 3:1.
 */
export const darkTheme: Readonly<Record<string, string>> = {
  background: '#14181d',
  color: '#eef1f4',
  // A dark site says so, and native controls (radios, selects) follow.
  'color-scheme': 'dark',
  padding: '1.5rem',
  'border-radius': '0.5rem',
  '--fc-color-text': '#eef1f4',
  '--fc-color-muted': '#b4bfca',
  '--fc-color-accent': '#8fd0ff',
  '--fc-color-on-accent': '#0e1a24',
  '--fc-color-surface': '#1b2128',
  '--fc-color-surface-raised': '#242c35',
  '--fc-color-border': '#8b97a3',
  '--fc-color-badge': '#2c3e50',
  '--fc-color-badge-text': '#e6f0fa',
  '--fc-color-danger': '#ff9c94',
  '--fc-color-success': '#8fe3a5',
  '--fc-color-focus': '#ffd166',
  '--fc-color-input': '#0f1318',
  '--fc-color-input-text': '#eef1f4',
};

/** The host page of the dark-theme stories. */
export function darkPage(content: TemplateResult): TemplateResult {
  return html`<div class="host-page dark" style=${styleMap(darkTheme)}>${content}</div>`;
}

const phoneColumn: Readonly<Record<string, string>> = { 'max-width': '360px', margin: '0 auto', outline: '1px dashed #767676', 'outline-offset': '4px' };

/** A phone-width column (360 px), as in a CMS page seen on a small phone. */
export function phonePage(content: TemplateResult): TemplateResult {
  // styleMap, not a style attribute: it goes through the CSSOM, which `style-src 'self'` allows.
  return html`<div class="host-page phone" style=${styleMap(phoneColumn)}>${content}</div>`;
}

/** What a page puts inside an element, shown until the agenda is ready and with its error. */
export function pageFallback(withFallback: boolean): TemplateResult | typeof nothing {
  return withFallback
    ? html`<p>Programme du cycle : <a href="#programme">« Management par la Coopération » (PDF, 2 pages)</a></p>`
    : nothing;
}

/**
 * Shows the agenda's calendar view the way a page links to it: `?<prefix>view=calendar`. The
 * parameters are removed when the story is left, and the story's own prefix keeps them from
 * reaching the other agendas of a docs page.
 */
export function calendarUrl(prefix: string, month?: string): () => () => void {
  return () => {
    const url = new URL(location.href);
    url.searchParams.set(`${prefix}view`, 'calendar');
    if (month) url.searchParams.set(`${prefix}month`, month);
    history.replaceState(history.state, '', url);
    return () => {
      const left = new URL(location.href);
      left.searchParams.delete(`${prefix}view`);
      left.searchParams.delete(`${prefix}month`);
      history.replaceState(history.state, '', left);
    };
  };
}
