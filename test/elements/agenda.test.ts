import { html, expect, oneEvent, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import ICAL from 'ical.js';
import '../../src/elements.js';
import { RegisteredEvent, type FcAgenda, type RegisterEvent } from '../../src/elements.js';
import { createMemoryBackend, createOutbox, parseFeed, type Availability, type Backend, type Feed } from '../../src/index.js';
import { generateCatalogue } from '../../examples/generate-catalogue.js';
import { statesSuite, type FeedSourceInput, type Mounted } from './states-suite.js';
import {
  CYCLE_ID,
  SAMPLE_URL,
  allText,
  anchor,
  captureDownloads,
  deepActiveElement,
  isShown,
  jsonUrl,
  mount,
  SLOW_PAGE_TIMEOUT,
  count,
  restoreGlobals,
  until,
  sampleFeed,
  sampleInput,
  shadow,
  visibleText,
  waitForState,
} from './helpers.js';

const ALL_SESSIONS = ['journee-1', 'journee-2', 'journee-3', 'journee-4', 'journee-5', 'journee-6-bonus'];

async function mountAgenda(source: FeedSourceInput, options: { lang?: string } = {}): Promise<Mounted> {
  const root = await mount(html`<div lang=${ifDefined(options.lang)}>
    <fc-agenda .src=${source.src} .data=${source.data} .backend=${source.backend}>
      <a class="fallback" href="/programme.pdf">Programme complet (PDF)</a>
    </fc-agenda>
  </div>`);
  const view = root.querySelector('fc-agenda')!;
  return { root, view, fallback: view.querySelector<HTMLElement>('a.fallback')! };
}

/** An agenda of the sample (or of `feed`), ready. */
async function agenda(
  options: { feed?: Feed; src?: string; now?: Date; attrs?: Record<string, string>; availability?: Availability[]; backend?: Backend } = {},
): Promise<FcAgenda> {
  const el = document.createElement('fc-agenda');
  for (const [k, v] of Object.entries(options.attrs ?? {})) el.setAttribute(k, v);
  if (options.now) el.now = options.now;
  if (options.availability) el.availability = options.availability;
  if (options.backend) el.backend = options.backend;
  else if (options.feed) el.data = options.feed;
  else el.src = options.src ?? SAMPLE_URL;
  await mount(html`<div>${el}</div>`);
  await waitForState(el, 'ready');
  return el;
}

/** The sessions a person sees, by their ids. */
function shownSessions(el: FcAgenda): string[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('li.session')].filter(isShown).map((li) => li.id.replace(`fc-${CYCLE_ID}-`, ''));
}

function sessionItem(el: FcAgenda, sessionId: string): HTMLElement {
  const li = shadow(el).querySelector<HTMLElement>(`[id="${anchor(sessionId)}"]`);
  if (!li) throw new Error(`session ${sessionId} is not in the agenda`);
  return li;
}

function field<T extends HTMLElement = HTMLSelectElement>(el: FcAgenda, id: string): T {
  return shadow(el).querySelector<T>(`#${id}`)!;
}

async function choose(el: FcAgenda, id: string, value: string): Promise<void> {
  const select = field(el, id);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function search(el: FcAgenda, q: string): Promise<void> {
  const input = field<HTMLInputElement>(el, 'f-q');
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

function button(el: FcAgenda, text: string | RegExp, within: ParentNode = shadow(el)): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((b) =>
    typeof text === 'string' ? allText(b) === text || b.getAttribute('aria-label') === text : text.test(allText(b)),
  );
  if (!found) throw new Error(`no button « ${String(text)} »`);
  return found;
}

const param = (name: string) => new URL(location.href).searchParams.get(name);

/** The month calendar's code is fetched on demand: waits until the table is shown. */
async function calendarShown(el: FcAgenda): Promise<HTMLTableElement> {
  await until(() => isShown(shadow(el).querySelector('table')), 'the month calendar never showed');
  return shadow(el).querySelector('table')!;
}

type ICALEvent = InstanceType<typeof ICAL.Event>;
async function parseICS(blob: Blob): Promise<ICALEvent[]> {
  const calendar = new ICAL.Component(ICAL.parse(await blob.text()));
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails when it is not reachable. */
async function tabTo(match: (el: Element) => boolean, { max = 12, back = false } = {}): Promise<Element> {
  for (let i = 0; i < max; i++) {
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
    const active = deepActiveElement();
    if (active && match(active)) return active;
  }
  throw new Error(`not reachable with ${max} presses of ${back ? 'Shift+' : ''}Tab (focus is on ${deepActiveElement()?.outerHTML.slice(0, 120)})`);
}

const BETWEEN_DAYS_4_AND_5 = new Date('2025-04-01T10:00:00+02:00');
const BEFORE_ALL = new Date('2025-01-06T10:00:00+01:00');

statesSuite('<fc-agenda> alone', {
  mount: mountAgenda,
  emptyText: /Ce cycle n'a pas encore de sessions\./,
  readyText: /Management par la Coopération.*6 sessions/,
});

describe('<fc-agenda>', function () {
  this.timeout(SLOW_PAGE_TIMEOUT);
  afterEach(restoreGlobals);

  describe('the list', () => {
    it('shows a past cycle whole, by month, with French dates, venues, map links and badges; passes axe', async () => {
      const el = await agenda();
      const root = shadow(el);
      const title = root.querySelector('.cycle-title')!;
      expect(title.getAttribute('role')).to.equal('heading');
      expect(title.getAttribute('aria-level')).to.equal('2');
      expect(visibleText(title)).to.equal('Management par la Coopération');
      expect(visibleText(root.querySelector('.count')!)).to.equal('6 sessions');
      expect(shownSessions(el)).to.deep.equal(ALL_SESSIONS);
      const months = [...root.querySelectorAll('.month-title')].map((h) => visibleText(h));
      expect(months).to.deep.equal(['Date à confirmer', 'Mars 2025', 'Mai 2025', 'Juin 2025']);

      const j4 = sessionItem(el, 'journee-4');
      expect(visibleText(j4.querySelector('.session-title')!)).to.equal('Journée 4 Manager les projets dans la transversalité et la coopération');
      expect(j4.querySelector('.session-title')!.getAttribute('aria-level')).to.equal('4');
      expect(visibleText(j4.querySelector('.when')!)).to.equal('mercredi 26 mars 2025');
      expect(j4.querySelector('time')!.getAttribute('datetime')).to.equal('2025-03-26');
      expect(visibleText(j4.querySelector('.venue')!)).to.contain("La Halle d'Alban, Alban");
      const map = j4.querySelector<HTMLAnchorElement>('.venue a')!;
      expect(visibleText(map)).to.equal("Voir La Halle d'Alban sur OpenStreetMap");
      expect(map.href).to.equal(new URL(`https://www.openstreetmap.org/search?query=${encodeURIComponent("La Halle d'Alban, Alban, France")}`).href);
      expect(new URL(map.href).searchParams.get('query')).to.equal("La Halle d'Alban, Alban, France");
      // A link only: no map is loaded in the page.
      expect(count(root, 'iframe, img')).to.equal(0);

      const j5 = sessionItem(el, 'journee-5');
      expect(visibleText(j5.querySelector('.when')!)).to.equal('mercredi 14 mai 2025');
      expect([...j5.querySelectorAll('.badge')].map((b) => visibleText(b))).to.deep.equal(['Passée', 'Élu·es invité·es']);
      const j6 = sessionItem(el, 'journee-6-bonus');
      expect(visibleText(j6.querySelector('.when')!)).to.equal('fin juin 2025 — date à confirmer');
      expect([...j6.querySelectorAll('.badge')].map((b) => visibleText(b))).to.deep.equal([
        'Passée',
        'Journée bonus',
        'Réservée aux participant·es du cycle',
      ]);
      expect(visibleText(sessionItem(el, 'journee-1').querySelector('.when')!)).to.equal('date non précisée par l\'article (avant le 26 mars)');
      // Every session of the finished cycle is marked as past.
      for (const id of ALL_SESSIONS) expect(visibleText(sessionItem(el, id)), id).to.contain('Passée');
      // Registration is closed: no registration link.
      expect(count(root, '[part="register"]')).to.equal(0);
      await expect(el.parentElement).to.be.accessible();
    });

    it('shows the programme in a <details> closed at first', async () => {
      const el = await agenda();
      const details = sessionItem(el, 'journee-4').querySelector('details')!;
      expect(visibleText(details.querySelector('summary')!)).to.equal('Programme (4)');
      const item = details.querySelector('.programme li')!;
      expect(isShown(item)).to.equal(false);
      details.querySelector('summary')!.click();
      await until(() => isShown(item), 'programme never opened');
      expect(visibleText(details)).to.contain("Retour d'expérience — Retour d'expérience sur le Design de Services (Avec Ouest Aveyron Communauté)");
      const objectives = sessionItem(el, 'journee-6-bonus').querySelector('summary')!;
      expect(visibleText(objectives)).to.equal('Objectifs');
    });

    it('follows heading-level for its whole outline', async () => {
      const el = await agenda({ attrs: { 'heading-level': '3' } });
      const root = shadow(el);
      expect(root.querySelector('.cycle-title')!.getAttribute('aria-level')).to.equal('3');
      expect(root.querySelector('.month-title')!.getAttribute('aria-level')).to.equal('4');
      expect(root.querySelector('.session-title')!.getAttribute('aria-level')).to.equal('5');
    });

    it('two agendas of two cycles on one page: distinct landmarks, axe passes with every rule', async () => {
      // The same months in both: months must not be landmarks named alike, nor the two search forms.
      const second = await sampleFeed((input) => {
        input.id = 'deuxieme-cycle';
        input.title = 'Management par la Coopération, deuxième cycle';
      });
      const root = await mount(html`<div>
        <fc-agenda src=${SAMPLE_URL}></fc-agenda>
        <fc-agenda .data=${second} url-prefix="b-"></fc-agenda>
      </div>`);
      const [a, b] = [...root.querySelectorAll('fc-agenda')] as [FcAgenda, FcAgenda];
      await waitForState(a, 'ready');
      await waitForState(b, 'ready');
      expect(shadow(b).querySelector('form')!.getAttribute('aria-label')).to.equal('Filtrer les sessions — Management par la Coopération, deuxième cycle');
      await expect(root).to.be.accessible();
    });

    it('shows the upcoming sessions first when there are any', async () => {
      const el = await agenda({ now: BETWEEN_DAYS_4_AND_5 });
      expect(shownSessions(el)).to.deep.equal(['journee-5', 'journee-6-bonus']);
      expect(field(el, 'f-when').value).to.equal('upcoming');
      expect(visibleText(sessionItem(el, 'journee-5'))).not.to.contain('Passée');
    });
  });

  describe('the calendar', () => {
    it('switches to a month calendar, goes from month to month, keeps the view in the URL; passes axe', async () => {
      const el = await agenda();
      button(el, 'Calendrier').click();
      await el.updateComplete;
      const root = shadow(el);
      expect(button(el, 'Calendrier').getAttribute('aria-pressed')).to.equal('true');
      expect(button(el, 'Liste').getAttribute('aria-pressed')).to.equal('false');
      await calendarShown(el);
      expect(count(root, 'li.session')).to.equal(0);
      // A finished cycle opens on its last month; dateless sessions are listed under the table.
      expect(visibleText(root.querySelector('#calendar-month')!)).to.equal('Juin 2025');
      const undated = root.querySelector('.calendar ul')!;
      expect(visibleText(undated)).to.contain('Journée bonus : découvrir et tester des outils');
      expect(visibleText(undated)).to.contain('fin juin 2025 — date à confirmer');
      expect(param('fc-view')).to.equal('calendar');
      await expect(el.parentElement).to.be.accessible();

      button(el, 'Mois précédent').click();
      await el.updateComplete;
      expect(visibleText(root.querySelector('#calendar-month')!)).to.equal('Mai 2025');
      expect(param('fc-month')).to.equal('2025-05');
      const cell = [...root.querySelectorAll('td')].find((td) => td.querySelector('.day')?.textContent === '14')!;
      const link = cell.querySelector('a')!;
      expect(visibleText(link)).to.equal('Journée 5 — Piloter et faire évoluer collectivement nos collectivités');
      expect(allText(link)).to.contain('mercredi 14 mai 2025');
      expect(link.getAttribute('href')).to.equal(`#${anchor('journee-5')}`);
      await expect(el.parentElement).to.be.accessible();

      button(el, 'Liste').click();
      await el.updateComplete;
      expect(shownSessions(el)).to.have.length(6);
      expect(param('fc-view')).to.equal(null);
    });

    it('opens in the calendar view and month given by the URL', async () => {
      history.replaceState(null, '', '?fc-view=calendar&fc-month=2025-03');
      const el = await agenda();
      await calendarShown(el);
      expect(visibleText(shadow(el).querySelector('#calendar-month')!)).to.equal('Mars 2025');
      expect(visibleText(shadow(el).querySelector('table')!)).to.contain('Journée 4 — Manager les projets');
    });
  });

  describe('languages', () => {
    it('speaks English under lang="en", dates included; passes axe', async () => {
      const { root, view } = await mountAgenda({ src: SAMPLE_URL }, { lang: 'en' });
      await waitForState(view, 'ready');
      const text = visibleText(shadow(view));
      expect(text).to.contain('6 sessions');
      expect(text).to.match(/Wednesday,? 26 March 2025/);
      expect(text).to.contain('late June 2025 — date to be confirmed');
      expect(text).to.contain('Add to my calendar');
      expect(text).to.contain('Past');
      expect(text).not.to.contain('Passée');
      expect(shadow(view).querySelector('label[for="f-q"]')!.textContent).to.equal('Search');
      // The feed's French texts keep their language inside the English interface (RGAA 8.7)…
      const title = [...shadow(view).querySelectorAll('.session-title span[lang]')].map((e) => `${e.getAttribute('lang')}:${e.textContent}`);
      expect(title).to.include('fr:Piloter et faire évoluer collectivement nos collectivités');
      // …and the interface's own words are not marked French.
      expect(count(shadow(view), '.badge[lang], .number[lang]')).to.equal(0);
      await expect(root).to.be.accessible();
    });

    it('re-renders when the page’s language changes', async () => {
      const el = await agenda();
      expect(visibleText(shadow(el))).to.contain('mercredi 14 mai 2025');
      document.documentElement.lang = 'en';
      await until(() => /Wednesday,? 14 May 2025/.test(visibleText(shadow(el))), 'never switched to English');
      expect(visibleText(shadow(el))).to.contain('Elected officials invited');
      document.documentElement.lang = 'fr';
      await until(() => visibleText(shadow(el)).includes('mercredi 14 mai 2025'), 'never switched back to French');
    });

    it('its own lang wins over the page’s', async () => {
      document.documentElement.lang = 'en';
      const el = await agenda({ attrs: { lang: 'fr' } });
      expect(visibleText(shadow(el))).to.contain('mercredi 14 mai 2025');
    });
  });

  describe('keyboard only', () => {
    it('searches, filters, switches views, opens a programme and downloads a session’s .ics with the keyboard', async () => {
      const files = captureDownloads();
      const root = await mount(html`<div>
        <button id="before">Avant l'agenda</button>
        <fc-agenda src=${SAMPLE_URL}></fc-agenda>
      </div>`);
      const el = root.querySelector('fc-agenda')!;
      await waitForState(el, 'ready');
      root.querySelector<HTMLButtonElement>('#before')!.focus();

      // Tab into the agenda, to the search field; type.
      await tabTo((a) => a.id === 'f-q', { max: 3 });
      await sendKeys({ type: 'decouverte' });
      await el.updateComplete;
      expect(field<HTMLInputElement>(el, 'f-q').value).to.equal('decouverte');
      expect(shownSessions(el)).to.deep.equal(['journee-5']);
      expect(visibleText(shadow(el).querySelector('.count')!)).to.equal('1 session');

      // Tab to the host filter and change it with the arrow keys.
      const host = await tabTo((a) => a.id === 'f-host', { max: 1 });
      expect(isShown(host)).to.equal(true);
      await sendKeys({ press: 'ArrowDown' }); // CNFPT, antenne du Tarn: nothing about « découverte » there
      await el.updateComplete;
      expect(shownSessions(el)).to.deep.equal([]);
      expect(visibleText(shadow(el))).to.contain('Aucune session ne correspond à ces filtres.');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' }); // Carmausin Ségala, the host of day 5
      await el.updateComplete;
      expect(field(el, 'f-host').selectedOptions[0]!.textContent).to.equal('Communauté de Communes du Carmausin Ségala');
      expect(shownSessions(el)).to.deep.equal(['journee-5']);
      expect(param('fc-host')).to.equal('cc-carmausin-segala');
      expect(param('fc-q')).to.equal('decouverte');

      // The calendar, with Enter.
      const calendarButton = await tabTo((a) => a.textContent === 'Calendrier', { max: 6 });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(calendarButton.getAttribute('aria-pressed')).to.equal('true');
      await calendarShown(el);
      expect(visibleText(shadow(el).querySelector('#calendar-month')!)).to.equal('Mai 2025');
      expect(visibleText(shadow(el).querySelector('table')!)).to.contain('Journée 5 — Piloter et faire évoluer');

      // Back to the list, with Space.
      await tabTo((a) => a.textContent === 'Liste', { max: 1, back: true });
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(isShown(shadow(el).querySelector('table'))).to.equal(false);
      expect(shownSessions(el)).to.deep.equal(['journee-5']);

      // Open the programme with Enter.
      const summary = await tabTo((a) => a.localName === 'summary', { max: 4 });
      expect(visibleText(summary)).to.equal('Programme (4)');
      const firstItem = sessionItem(el, 'journee-5').querySelector('.programme li')!;
      expect(isShown(firstItem)).to.equal(false);
      await sendKeys({ press: 'Enter' });
      await until(() => isShown(firstItem), 'the programme did not open');
      expect(visibleText(firstItem)).to.contain("Temps d'échanges pour initier une culture commune");

      // « Ajouter à mon agenda » with Enter: a .ics of this session.
      const add = await tabTo((a) => a.localName === 'button', { max: 2 });
      expect(visibleText(add)).to.equal('Ajouter à mon agenda');
      // Its name for screen readers starts with what is seen, and says which session.
      expect(allText(add)).to.equal('Ajouter à mon agenda : Piloter et faire évoluer collectivement nos collectivités');
      await sendKeys({ press: 'Enter' });
      await until(() => files.length === 1, 'no .ics was downloaded');
      expect(files[0]!.name).to.equal(`${CYCLE_ID}-journee-5.ics`);
      const events = await parseICS(files[0]!.blob);
      expect(events.map((e) => e.startDate.toString())).to.deep.equal(['2025-05-14']);
    });
  });

  describe('text from the feed stays text', () => {
    const IMG = '<img src=x onerror=window.__xss=1>';
    const SCRIPT = '<script>window.__xss=1</script>';
    const TEXT_KEYS = new Set(['title', 'subtitle', 'description', 'name', 'label', 'note', 'edition', 'caption', 'alt', 'credit', 'commune', 'street', 'objectives', 'intro', 'help', 'labels', 'controller', 'purpose', 'legalBasis', 'recipients', 'retention', 'rights', 'dpoContact']);

    /** The sample with one of the two payloads added to every text of the feed. */
    async function hostileFeed(): Promise<Record<string, unknown>> {
      const input = await sampleInput();
      input.sessions[3].media = [{ url: `${location.origin}/test/fixtures/photo-atelier.svg`, alt: 'Photo', caption: 'Légende', credit: 'Crédit' }];
      input.registration = { status: 'open', url: 'https://example.org/inscription' };
      let n = 0;
      const poison = (s: string) => `${s} ${n++ % 2 ? SCRIPT : IMG}`;
      const walk = (node: unknown): unknown => {
        if (Array.isArray(node)) return node.map(walk);
        if (!node || typeof node !== 'object') return node;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(node)) {
          if (TEXT_KEYS.has(k) && typeof v === 'string') out[k] = poison(v);
          else if (TEXT_KEYS.has(k) && Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? poison(x) : walk(x)));
          else out[k] = walk(v);
        }
        return out;
      };
      return walk(input) as Record<string, unknown>;
    }

    it('renders <img onerror> and <script> in every text of the feed as text, in the list, the calendar and the JSON-LD', async () => {
      const feed = await hostileFeed();
      history.replaceState(null, '', '?fc-when=all'); // day 4, past, with its photo; days 5 and 6 to come, with registration
      const el = await agenda({ src: jsonUrl(feed), now: new Date('2025-05-01T00:00:00Z'), attrs: { jsonld: '' } });
      const root = shadow(el);
      for (const d of root.querySelectorAll('details')) d.open = true;
      await el.updateComplete;
      const text = visibleText(root);
      expect(text).to.contain(`Management par la Coopération ${IMG}`);
      expect(text).to.contain(SCRIPT);
      const j4 = sessionItem(el, 'journee-4');
      expect(visibleText(j4.querySelector('.session-title')!)).to.match(/^Journée 4 Manager les projets dans la transversalité et la coopération <(img|script)/);
      expect(visibleText(j4)).to.match(/Légende <(img|script)/);
      // The one image is the photo, its alt text holding the payload as text.
      const images = root.querySelectorAll('img');
      expect(images.length).to.equal(1);
      expect(images[0]!.alt).to.match(/^Photo <(img|script)/);
      expect(count(root, 'script')).to.equal(0);
      // Registration links carry the title in their label, as text.
      expect(sessionItem(el, 'journee-5').querySelector('[part="register"]')!.getAttribute('aria-label')).to.contain('<');

      button(el, 'Calendrier').click();
      expect(visibleText(await calendarShown(el))).to.contain('Piloter et faire évoluer collectivement nos collectivités <');

      await until(() => el.querySelector('script[type="application/ld+json"]'), 'no JSON-LD');
      const scripts = el.querySelectorAll('script');
      expect(scripts.length).to.equal(1);
      const jsonld = JSON.parse(scripts[0]!.textContent!) as { name: string };
      expect(jsonld.name).to.equal(`Management par la Coopération ${IMG}`);

      await aTimeout(300); // time for an injected image to fail and run its onerror
      expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    });

    it('shows payloads in error messages as text', async () => {
      const input = await hostileFeed();
      (input.sessions as { venueId?: string }[])[4]!.venueId = 'x<img-src=x-onerror=1>';
      const el = document.createElement('fc-agenda');
      el.src = jsonUrl(input);
      await mount(html`<div>${el}</div>`);
      await waitForState(el, 'error');
      expect(visibleText(shadow(el))).to.contain('sessions[4].venueId');
      expect(count(shadow(el), 'img')).to.equal(0);
      await aTimeout(100);
      expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    });
  });

  describe('« Ajouter à mon agenda »', () => {
    it('downloads one session as a .ics that ical.js reads', async () => {
      const files = captureDownloads();
      const el = await agenda();
      button(el, 'Ajouter à mon agenda : Manager les projets dans la transversalité et la coopération').click();
      await until(() => files.length === 1, 'no .ics was downloaded');
      const { name, blob } = files[0]!;
      expect(name).to.equal(`${CYCLE_ID}-journee-4.ics`);
      expect(blob.type).to.equal('text/calendar;charset=utf-8');
      const events = await parseICS(blob);
      expect(events.length).to.equal(1);
      const e = events[0]!;
      expect(e.summary).to.contain('Manager les projets dans la transversalité et la coopération');
      expect(e.startDate.isDate).to.equal(true);
      expect(e.startDate.toString()).to.equal('2025-03-26');
      expect(e.endDate.toString()).to.equal('2025-03-27');
      expect(e.location).to.contain("La Halle d'Alban");
      expect(e.uid).to.contain('journee-4');
    });

    it('downloads the whole cycle: one event per dated session', async () => {
      const files = captureDownloads();
      const el = await agenda();
      button(el, 'Ajouter tout le cycle à mon agenda (fichier .ics)').click();
      await until(() => files.length === 1, 'no .ics was downloaded');
      expect(files[0]!.name).to.equal(`${CYCLE_ID}.ics`);
      const events = await parseICS(files[0]!.blob);
      expect(events.map((e) => [e.startDate.toString(), e.summary.includes('Piloter') || e.summary.includes('Manager')])).to.deep.equal([
        ['2025-03-26', true],
        ['2025-05-14', true],
      ]);
      expect(new Set(events.map((e) => e.uid)).size).to.equal(2);
    });

    it('is offered only for sessions with an exact date', async () => {
      const el = await agenda();
      const offered = ALL_SESSIONS.filter((id) => [...sessionItem(el, id).querySelectorAll('button')].some((b) => visibleText(b) === 'Ajouter à mon agenda'));
      expect(offered).to.deep.equal(['journee-4', 'journee-5']);
    });
  });

  describe('filters', () => {
    it('by default shows a finished cycle whole (« Toutes »), each session marked « Passée »', async () => {
      const el = await agenda();
      const when = field(el, 'f-when');
      expect(when.value).to.equal('all');
      expect(when.selectedOptions[0]!.textContent).to.equal('Toutes');
      expect(shownSessions(el)).to.deep.equal(ALL_SESSIONS);
      for (const li of shadow(el).querySelectorAll('li.session')) expect([...li.querySelectorAll('.badge.past')].map((b) => visibleText(b))).to.deep.equal(['Passée']);
    });

    it('upcoming / past / all, kept in the URL', async () => {
      const el = await agenda({ now: BETWEEN_DAYS_4_AND_5 });
      expect(shownSessions(el)).to.deep.equal(['journee-5', 'journee-6-bonus']);
      await choose(el, 'f-when', 'past');
      // Days 1–3, undated, come before the past day 4: past too.
      expect(shownSessions(el)).to.deep.equal(['journee-1', 'journee-2', 'journee-3', 'journee-4']);
      expect(param('fc-when')).to.equal('past');
      await choose(el, 'f-when', 'all');
      expect(shownSessions(el)).to.deep.equal(ALL_SESSIONS);
      expect(param('fc-when')).to.equal('all');
    });

    it('says « Aucune session à venir » for a finished cycle asked for upcoming sessions, and offers all', async () => {
      history.replaceState(null, '', '?fc-when=upcoming');
      const el = await agenda();
      expect(shownSessions(el)).to.deep.equal([]);
      const empty = shadow(el).querySelector('.state.empty')!;
      expect(visibleText(empty)).to.contain('Aucune session à venir.');
      button(el, 'Toutes', empty).click();
      await el.updateComplete;
      expect(shownSessions(el)).to.deep.equal(ALL_SESSIONS);
      expect(param('fc-when')).to.equal('all');
    });

    it('by hosting communauté de communes', async () => {
      const el = await agenda();
      const options = [...field(el, 'f-host').options].map((o) => o.textContent);
      expect(options).to.deep.equal([
        'Toutes',
        'CNFPT, antenne du Tarn',
        "Communauté de Communes des Monts d'Alban et du Villefranchois",
        'Communauté de Communes du Carmausin Ségala',
      ]);
      await choose(el, 'f-host', 'cc-carmausin-segala');
      expect(shownSessions(el)).to.deep.equal(['journee-5']);
      expect(param('fc-host')).to.equal('cc-carmausin-segala');
      await choose(el, 'f-host', 'cc-monts-alban-villefranchois');
      expect(shownSessions(el)).to.deep.equal(['journee-4']);
    });

    it('by commune', async () => {
      const el = await agenda();
      expect([...field(el, 'f-commune').options].map((o) => o.value)).to.deep.equal(['', 'Alban', 'Albi']);
      await choose(el, 'f-commune', 'Albi');
      expect(shownSessions(el)).to.deep.equal(['journee-6-bonus']);
      expect(param('fc-commune')).to.equal('Albi');
    });

    it('by audience: elected officials invited → only day 5', async () => {
      const el = await agenda();
      await choose(el, 'f-audience', 'elected');
      expect(shownSessions(el)).to.deep.equal(['journee-5']);
      expect(param('fc-audience')).to.equal('elected');
      await choose(el, 'f-audience', 'agents');
      expect(shownSessions(el)).to.deep.equal(ALL_SESSIONS);
    });

    it('by text, ignoring case and accents', async () => {
      const el = await agenda();
      await search(el, 'decouverte');
      expect(shownSessions(el)).to.deep.equal(['journee-5']);
      expect(param('fc-q')).to.equal('decouverte');
      await search(el, 'CAP DÉCOUVERTE');
      expect(shownSessions(el)).to.deep.equal(['journee-5']);
      await search(el, 'halle alban');
      expect(shownSessions(el)).to.deep.equal(['journee-4']);
      await search(el, 'ouest aveyron'); // a speaker of day 4
      expect(shownSessions(el)).to.deep.equal(['journee-4']);
      await search(el, 'zzz');
      expect(shownSessions(el)).to.deep.equal([]);
      expect(visibleText(shadow(el))).to.contain('Aucune session ne correspond à ces filtres.');
      button(el, 'Effacer les filtres').click();
      await el.updateComplete;
      expect(shownSessions(el)).to.deep.equal(ALL_SESSIONS);
      expect(field<HTMLInputElement>(el, 'f-q').value).to.equal('');
      expect(param('fc-q')).to.equal(null);
    });

    it('reads a filtered URL on load, and keeps the page’s own parameters', async () => {
      history.replaceState(null, '', '?page=programme&fc-commune=Albi&fc-q=outils');
      const el = await agenda();
      expect(shownSessions(el)).to.deep.equal(['journee-6-bonus']);
      expect(field(el, 'f-commune').value).to.equal('Albi');
      expect(field<HTMLInputElement>(el, 'f-q').value).to.equal('outils');
      await choose(el, 'f-commune', '');
      expect(param('page')).to.equal('programme');
      expect(param('fc-commune')).to.equal(null);
      expect(param('fc-q')).to.equal('outils');
    });

    it('uses its url-prefix, so two agendas on a page keep their own filters', async () => {
      history.replaceState(null, '', '?a-host=cc-carmausin-segala');
      const a = await agenda({ attrs: { 'url-prefix': 'a-' } });
      const b = await agenda();
      expect(shownSessions(a)).to.deep.equal(['journee-5']);
      expect(shownSessions(b)).to.deep.equal(ALL_SESSIONS);
      await search(b, 'albi');
      expect(param('fc-q')).to.equal('albi');
      expect(param('a-host')).to.equal('cc-carmausin-segala');
      expect(shownSessions(a)).to.deep.equal(['journee-5']);
    });
  });

  describe('session anchors', () => {
    it('a deep link opens and focuses its session, even when the filters hide it', async () => {
      history.replaceState(null, '', `?fc-host=cc-monts-alban-villefranchois#${anchor('journee-5')}`);
      const el = await agenda();
      const j5 = sessionItem(el, 'journee-5');
      expect(isShown(j5)).to.equal(true);
      expect(j5.querySelector('details')!.open).to.equal(true);
      await until(() => deepActiveElement()?.id === `${anchor('journee-5')}-title`, 'the session title is not focused');
      expect(visibleText(deepActiveElement()!)).to.contain('Piloter et faire évoluer collectivement nos collectivités');
    });

    it('follows hash changes and the back button', async () => {
      const el = await agenda();
      location.hash = anchor('journee-4');
      await until(() => deepActiveElement()?.id === `${anchor('journee-4')}-title`, 'journée 4 not focused after the hash changed');
      expect(sessionItem(el, 'journee-4').querySelector('details')!.open).to.equal(true);
      location.hash = anchor('journee-5');
      await until(() => deepActiveElement()?.id === `${anchor('journee-5')}-title`, 'journée 5 not focused after the hash changed');
      expect(sessionItem(el, 'journee-5').querySelector('details')!.open).to.equal(true);
      history.back();
      await until(() => deepActiveElement()?.id === `${anchor('journee-4')}-title`, 'back did not return to journée 4');
      expect(location.hash).to.equal(`#${anchor('journee-4')}`);
      expect(sessionItem(el, 'journee-4').querySelector('details')!.open).to.equal(true);
    });

    it('each session links to its own anchor', async () => {
      const el = await agenda();
      const link = sessionItem(el, 'journee-4').querySelector<HTMLAnchorElement>('a.permalink')!;
      expect(link.getAttribute('href')).to.equal(`#${anchor('journee-4')}`);
      expect(allText(link)).to.equal('Lien vers cette session : Manager les projets dans la transversalité et la coopération');
    });
  });

  describe('without a source', () => {
    it('alone, without src nor <fc-cycle>, shows the error state, never a blank element', async () => {
      const root = await mount(html`<div><fc-agenda><a href="/programme.pdf">Programme (PDF)</a></fc-agenda></div>`);
      const el = root.querySelector('fc-agenda')!;
      await waitForState(el, 'error');
      const alert = shadow(el).querySelector('[role="alert"]')!;
      expect(isShown(alert)).to.equal(true);
      expect(visibleText(alert)).to.contain('Aucune source de programme');
      expect(visibleText(alert)).to.contain('<fc-cycle>');
      expect(isShown(el.querySelector('a'))).to.equal(true);
      await expect(root).to.be.accessible();
    });

    it('leaves the error state when given a source later', async () => {
      const root = await mount(html`<div><fc-agenda></fc-agenda></div>`);
      const el = root.querySelector('fc-agenda')!;
      await waitForState(el, 'error');
      el.data = await sampleFeed();
      await waitForState(el, 'ready');
      expect(shownSessions(el)).to.have.length(6);
    });
  });

  describe('seats and registration', () => {
    const availability = (cycleId = CYCLE_ID): Availability[] => [
      {
        cycleId,
        capacity: 40,
        confirmed: 40,
        waitlisted: 3,
        seatsLeft: 0,
        full: true,
        sessions: [
          { sessionId: 'journee-4', capacity: 40, confirmed: 30, waitlisted: 0, seatsLeft: 10, full: false },
          { sessionId: 'journee-5', capacity: 40, confirmed: 40, waitlisted: 3, seatsLeft: 0, full: true },
          { sessionId: 'journee-6-bonus', capacity: 20, confirmed: 19, waitlisted: 0, seatsLeft: 1, full: false },
          { sessionId: 'journee-1', capacity: 40, confirmed: 40, waitlisted: 0, seatsLeft: 0, full: true },
        ],
      },
    ];

    it('shows seats left, « Complet » and the waiting list', async () => {
      const el = await agenda({ availability: availability(), now: BEFORE_ALL });
      expect(visibleText(sessionItem(el, 'journee-4').querySelector('.seats')!)).to.equal('10 places restantes');
      expect(visibleText(sessionItem(el, 'journee-5').querySelector('.seats')!)).to.equal("Complet — liste d'attente (3)");
      expect(visibleText(sessionItem(el, 'journee-6-bonus').querySelector('.seats')!)).to.equal('1 place restante');
      expect(visibleText(sessionItem(el, 'journee-1').querySelector('.seats')!)).to.equal('Complet');
      expect(count(sessionItem(el, 'journee-2'), '.seats')).to.equal(0);
      await expect(el.parentElement).to.be.accessible();
    });

    it('shows no seats without availability, nor for another cycle’s', async () => {
      const el = await agenda({ availability: availability('un-autre-cycle'), now: BEFORE_ALL });
      expect(count(shadow(el), '.seats')).to.equal(0);
    });

    const openFeed = (status = 'open') =>
      sampleFeed((input) => {
        input.registration = { status, waitlist: true, url: 'https://example.org/inscription?cycle=mpc' };
      });

    it('offers « S\'inscrire » only when registration is open, for sessions not past', async () => {
      const closed = await agenda({ now: BEFORE_ALL });
      expect(count(shadow(closed), '[part="register"]')).to.equal(0);
      const notYet = await agenda({ feed: await openFeed('not-open-yet'), now: BEFORE_ALL });
      expect(count(shadow(notYet), '[part="register"]')).to.equal(0);

      const open = await agenda({ feed: await openFeed(), now: BETWEEN_DAYS_4_AND_5 });
      const links = [...shadow(open).querySelectorAll<HTMLAnchorElement>('[part="register"]')].filter(isShown);
      expect(links.map((a) => a.closest('li.session')!.id)).to.deep.equal([anchor('journee-5'), anchor('journee-6-bonus')]);
      expect(visibleText(links[0]!)).to.equal("S'inscrire");
      expect(links[0]!.getAttribute('aria-label')).to.equal("S'inscrire à « Piloter et faire évoluer collectivement nos collectivités »");
      expect(links[0]!.href).to.equal('https://example.org/inscription?cycle=mpc&fc-session=journee-5');
      await expect(open.parentElement).to.be.accessible();
    });

    it('links to registration-url when given, with ?fc-session=', async () => {
      const el = await agenda({ feed: await openFeed(), now: BETWEEN_DAYS_4_AND_5, attrs: { 'registration-url': '/inscription' } });
      const link = sessionItem(el, 'journee-5').querySelector<HTMLAnchorElement>('[part="register"]')!;
      expect(link.href).to.equal(`${location.origin}/inscription?fc-session=journee-5`);
    });

    it('without a link, offers « S’inscrire » when a registration form of the cycle is on the page, which takes the click', async () => {
      const feed = await sampleFeed((input) => (input.registration = { status: 'open', waitlist: true }));
      const alone = await agenda({ feed, now: BETWEEN_DAYS_4_AND_5 });
      expect(count(shadow(alone), '[part="register"]')).to.equal(0);
      const other = await mount(html`<div><fc-agenda .data=${feed} .now=${BETWEEN_DAYS_4_AND_5}></fc-agenda><fc-registration-form cycle="un-autre-cycle"></fc-registration-form></div>`);
      await waitForState(other.querySelector('fc-agenda')!, 'ready');
      expect(count(shadow(other.querySelector('fc-agenda')!), '[part="register"]')).to.equal(0);
      other.remove();

      const page = await mount(html`<div>
        <fc-agenda .data=${feed} .now=${BETWEEN_DAYS_4_AND_5}></fc-agenda>
        <fc-registration-form .data=${feed} .backend=${createMemoryBackend(feed)} .outbox=${createOutbox({ storage: null })} .now=${BETWEEN_DAYS_4_AND_5}></fc-registration-form>
      </div>`);
      const el = page.querySelector('fc-agenda')!;
      const form = page.querySelector('fc-registration-form')!;
      await waitForState(el, 'ready');
      await waitForState(form, 'ready');
      const link = sessionItem(el, 'journee-5').querySelector<HTMLAnchorElement>('[part="register"]')!;
      const here = new URL(location.href);
      here.searchParams.set('fc-session', 'journee-5');
      expect(link.href).to.equal(here.href);
      link.click();
      await form.updateComplete;
      expect(followed, 'the form takes the click').to.equal(false);
      const chosen = [...shadow(form).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')].map((b) => b.value);
      expect(chosen).to.include('journee-5');
      expect(deepActiveElement()?.getAttribute('data-focus')).to.equal('title');
    });

    it('reads the seats again when a registration on the page took one', async () => {
      const feed = await sampleFeed((input) => (input.registration = { status: 'open', waitlist: true }));
      const backend = createMemoryBackend(feed, { now: () => BETWEEN_DAYS_4_AND_5, minFillMs: 0 });
      const el = await agenda({ feed, backend, now: BETWEEN_DAYS_4_AND_5 });
      const seats = () => visibleText(sessionItem(el, 'journee-5').querySelector('.seats') ?? el);
      await until(() => /places restantes/.test(seats()), 'live seats shown');
      const before = seats();
      const registration = await backend.register(
        CYCLE_ID,
        {
          participant: { firstName: 'Anne', lastName: 'Martin', email: 'anne.martin@cc-exemple.fr', function: 'dgs', organisationId: 'cc-carmausin-segala' },
          sessionIds: ['journee-5'],
          antiBot: { website: '', fillMs: 8000 },
        },
        { idempotencyKey: 'agenda-seats-1' },
      );
      expect(seats(), 'not read again before the page says so').to.equal(before);
      document.dispatchEvent(new RegisteredEvent(registration));
      await until(() => seats() !== before, 'seats read again');
      const left = (text: string) => Number(text.match(/\d+/)![0]);
      expect(left(seats())).to.equal(left(before) - 1);
    });

    /**
     * Whether a click on a link would have been followed: read once the click has bubbled to the
     * document, then cancelled there so the test page stays (a failing element must not navigate it away).
     */
    let followed: boolean | undefined;
    const stopNavigation = (e: Event) => {
      followed = !e.defaultPrevented;
      e.preventDefault();
    };
    beforeEach(() => {
      followed = undefined;
      document.addEventListener('click', stopNavigation);
    });
    afterEach(() => document.removeEventListener('click', stopNavigation));

    it('fires a cancelable fc-register; cancelled, the link is not followed', async () => {
      const el = await agenda({ feed: await openFeed(), now: BETWEEN_DAYS_4_AND_5 });
      const link = sessionItem(el, 'journee-5').querySelector<HTMLAnchorElement>('[part="register"]')!;
      el.addEventListener('fc-register', (e) => e.preventDefault(), { once: true });
      const fired = oneEvent(el, 'fc-register') as Promise<RegisterEvent>;
      link.click();
      const event = await fired;
      expect(event.detail).to.deep.equal({ cycleId: CYCLE_ID, sessionId: 'journee-5' });
      expect(event.cancelable).to.equal(true);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(followed, 'the link must not be followed').to.equal(false);
    });

    it('not cancelled, fc-register lets the link be followed', async () => {
      const el = await agenda({ feed: await openFeed(), now: BETWEEN_DAYS_4_AND_5 });
      const link = sessionItem(el, 'journee-6-bonus').querySelector<HTMLAnchorElement>('[part="register"]')!;
      const fired = oneEvent(el, 'fc-register') as Promise<RegisterEvent>;
      link.click();
      expect((await fired).detail).to.deep.equal({ cycleId: CYCLE_ID, sessionId: 'journee-6-bonus' });
      expect(followed).to.equal(true);
    });
  });

  describe('JSON-LD', () => {
    it('with jsonld, puts a schema.org Course in the page’s light DOM; removes it without', async () => {
      const el = await agenda({ attrs: { jsonld: '' } });
      await until(() => el.querySelector(':scope > script[type="application/ld+json"]'), 'no JSON-LD script');
      const script = el.querySelector(':scope > script[type="application/ld+json"]')!;
      expect(count(shadow(el), 'script')).to.equal(0);
      const course = JSON.parse(script.textContent!) as { '@context': string; '@type': string; name: string; hasCourseInstance: { '@type': string; startDate?: string }[] };
      expect(course['@context']).to.equal('https://schema.org');
      expect(course['@type']).to.equal('Course');
      expect(course.name).to.equal('Management par la Coopération');
      expect(course.hasCourseInstance).to.have.length(6);
      expect(course.hasCourseInstance.map((i) => i.startDate)).to.include.members(['2025-03-26', '2025-05-14', '2025-06']);
      el.jsonld = false;
      await el.updateComplete;
      await until(() => !el.querySelector('script'), 'JSON-LD not removed');
    });

    it('adds nothing without the attribute', async () => {
      const el = await agenda();
      await aTimeout(50);
      expect(count(el, 'script')).to.equal(0);
    });
  });

  describe('photos', () => {
    const PHOTOS_URL = '/test/fixtures/photos-feed.json';

    it('shows the photos of past sessions with their alt text, resolved against the feed’s URL', async () => {
      const el = await agenda({ src: PHOTOS_URL });
      const images = [...shadow(el).querySelectorAll('img')];
      expect(images.map((i) => i.alt)).to.deep.equal([
        "Une douzaine de participant·es autour d'une grande table, post-it en main",
        "La halle vue de l'extérieur",
      ]);
      expect(images.map((i) => i.src)).to.deep.equal([`${location.origin}/test/fixtures/photo-atelier.svg`, `${location.origin}/test/fixtures/photo-atelier.svg`]);
      expect(images.every((i) => i.closest('li.session')!.id === 'fc-retour-en-images-j1')).to.equal(true);
      expect(visibleText(shadow(el))).to.contain('Retour en images');
      expect(visibleText(shadow(el).querySelector('figcaption')!)).to.equal('Atelier du matin — © Pôle Territorial');
      images.forEach((i) => (i.loading = 'eager'));
      await until(() => images.every((i) => i.complete && i.naturalWidth > 0), 'photos did not load');
      await expect(el.parentElement).to.be.accessible();
    });

    it('shows no photos for sessions to come', async () => {
      const el = await agenda({ src: PHOTOS_URL, now: new Date('2024-01-01T00:00:00Z') });
      expect(count(shadow(el), 'img')).to.equal(0);
      expect(visibleText(shadow(el))).not.to.contain('Retour en images');
    });

    it('renders a feed from a blob: URL whose photos have relative URLs', async () => {
      const input = (await (await fetch(PHOTOS_URL)).json()) as { sessions: { media?: { url: string }[] }[] };
      input.sessions[0]!.media![0]!.url = 'test/fixtures/photo-atelier.svg';
      const el = await agenda({ src: jsonUrl(input) });
      expect(shownSessions(el).length).to.equal(2);
      // A blob: URL cannot be a base: relative photos are taken relative to the page.
      expect([...shadow(el).querySelectorAll('img')].map((i) => i.src)).to.deep.equal([
        new URL('test/fixtures/photo-atelier.svg', document.baseURI).href,
        new URL('/test/fixtures/photo-atelier.svg', document.baseURI).href,
      ]);
    });
  });

  describe('1,000 sessions', () => {
    let catalogue: Feed;
    before(() => {
      catalogue = parseFeed(generateCatalogue({ sessions: 1000, seed: 7 }));
    });
    const beforeCatalogue = new Date('2025-12-01T00:00:00Z');

    it('renders one page of page-size sessions, and « Afficher … de plus » adds the next', async () => {
      const el = await agenda({ feed: catalogue, now: beforeCatalogue });
      expect(visibleText(shadow(el).querySelector('.count')!)).to.equal('1000 sessions');
      expect(count(shadow(el), 'li.session')).to.equal(20);
      button(el, 'Afficher 20 sessions de plus').click();
      await el.updateComplete;
      expect(count(shadow(el), 'li.session')).to.equal(40);
    });

    it('follows page-size, and shows the remainder last', async () => {
      const el = await agenda({ feed: catalogue, now: beforeCatalogue, attrs: { 'page-size': '400' } });
      expect(count(shadow(el), 'li.session')).to.equal(400);
      button(el, 'Afficher 400 sessions de plus').click();
      await el.updateComplete;
      expect(count(shadow(el), 'li.session')).to.equal(800);
      button(el, 'Afficher 200 sessions de plus').click();
      await el.updateComplete;
      expect(count(shadow(el), 'li.session')).to.equal(1000);
      expect(count(shadow(el), 'button.more')).to.equal(0);
    });

    it('filters the catalogue by cycle', async () => {
      const el = await agenda({ feed: catalogue, now: beforeCatalogue });
      const cycles = [...field(el, 'f-cycle').options].slice(1);
      expect(cycles.length).to.be.greaterThan(100);
      const cycleId = cycles[0]!.value;
      await choose(el, 'f-cycle', cycleId);
      const expected = (catalogue.type === 'catalogue' ? catalogue.cycles : []).find((c) => c.id === cycleId)!.sessions.length;
      expect(count(shadow(el), 'li.session')).to.equal(expected);
      expect(param('fc-cycle')).to.equal(cycleId);
    });
  });
});
