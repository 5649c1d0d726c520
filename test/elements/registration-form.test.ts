import { html, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/elements.js';
import type { FcRegistrationForm, FcAgenda } from '../../src/elements.js';
import {
  BackendError,
  createMemoryBackend,
  createOutbox,
  parseFeed,
  type Feed,
  type MemoryBackend,
  type Outbox,
  type Registration,
} from '../../src/index.js';
import { statesSuite, type FeedSourceInput, type Mounted } from './states-suite.js';
import {
  SLOW_PAGE_TIMEOUT,
  allText,
  captureDownloads,
  count,
  deepActiveElement,
  isShown,
  MapStorage,
  mount,
  restoreGlobals,
  sampleFeed,
  shadow,
  until,
  visibleText,
  waitForState,
} from './helpers.js';

const OPEN_CYCLE = 'management-par-la-cooperation-exemple-2027';
let openInput: Record<string, any>;

before(async () => {
  openInput = (await (await fetch('/examples/demo-cycle-exemple.json')).json()) as Record<string, any>;
});

const openFeed = (edit?: (f: Record<string, any>) => void): Feed => {
  const input = structuredClone(openInput);
  edit?.(input);
  return parseFeed(input);
};

/** The network as the outbox sees it: a switch, and the `online` event. */
interface Net {
  online: boolean;
  readonly events: EventTarget;
  readonly storage: MapStorage;
  /** Backoff waits in progress: a test lets them pass. */
  readonly waits: (() => void)[];
}
const net = (): Net => ({ online: true, events: new EventTarget(), storage: new MapStorage(), waits: [] });

const outboxes: Outbox[] = [];
/** An outbox over `n`: short backoff waits are held until the test releases them (`release`), so a test can see « retrying ». */
function outboxOn(n: Net, { hold = false } = {}): Outbox {
  const outbox = createOutbox({
    storage: n.storage as unknown as Storage,
    events: n.events,
    online: () => n.online,
    backoff: { baseMs: 10, maxMs: 50, maxAttempts: 3, queuedMs: 600_000 },
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        if (ms > 1_000) return; // The slow queue timer: never, by itself, in a test.
        if (hold) n.waits.push(resolve);
        else setTimeout(resolve, 0);
      }),
  });
  outboxes.push(outbox);
  return outbox;
}

const backendOf = (feed: Feed = openFeed(), options: Parameters<typeof createMemoryBackend>[1] = {}): MemoryBackend =>
  createMemoryBackend(feed, { minFillMs: 0, ...options });

function clearDrafts(): void {
  for (const k of Object.keys(sessionStorage)) if (k.startsWith('formacoop:draft:')) sessionStorage.removeItem(k);
}

afterEach(() => {
  outboxes.splice(0).forEach((o) => o.close());
  // After the elements are gone: they write their draft as they leave.
  restoreGlobals();
  clearDrafts();
});

async function mountForm(options: { backend?: any; outbox?: Outbox; attrs?: Record<string, string>; lang?: string; ready?: boolean } = {}): Promise<FcRegistrationForm> {
  const el = document.createElement('fc-registration-form');
  for (const [k, v] of Object.entries(options.attrs ?? {})) el.setAttribute(k, v);
  el.backend = options.backend ?? backendOf();
  el.outbox = options.outbox ?? outboxOn(net());
  await mount(html`<div lang=${ifDefined(options.lang)}>${el}</div>`);
  if (options.ready !== false) await waitForState(el, 'ready');
  return el;
}

const root = (el: Element) => shadow(el);
const control = <T extends HTMLElement = HTMLInputElement>(el: Element, name: string) => {
  const c = root(el).getElementById(`f-${name}`) as T | null;
  if (!c) throw new Error(`no field ${name}`);
  return c;
};

/** Types into a field as a person's input would (input event), then leaves it (blur). */
async function fill(el: FcRegistrationForm, name: string, value: string): Promise<void> {
  const c = control<HTMLInputElement>(el, name);
  c.focus();
  c.value = value;
  c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  c.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  c.blur();
  // A page that is not in front (wtr runs two files at once) gets no focus, hence no blur: said here.
  c.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function fillValid(el: FcRegistrationForm, n = 1): Promise<void> {
  await fill(el, 'participant.firstName', 'Anne');
  await fill(el, 'participant.lastName', `Martin ${n}`);
  await fill(el, 'participant.email', `anne.martin.${n}@carmausin-segala.fr`);
  await fill(el, 'participant.function', 'head-of-department');
  await fill(el, 'participant.organisationId', 'cc-carmausin-segala');
}

const submitButton = (el: Element) => root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
const status = (el: Element) => {
  const s = root(el).querySelector('[part="status"]');
  return s ? visibleText(s) : '';
};
const outcomeText = (el: Element) => {
  const o = root(el).querySelector('.outcome');
  return o ? visibleText(o) : '';
};
const waitOutcome = (el: Element, cls: string) => until(() => root(el).querySelector(`.outcome.${cls}`), `no ${cls} outcome; status: ${status(el)}`, 10_000);

/** Field path → its error text, as a screen reader reaches it: through aria-describedby, in the same shadow root. */
function describedErrors(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of root(el).querySelectorAll<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby]')) {
    const name = c.getAttribute('name') ?? c.id.replace(/^f-/, '');
    const texts = (c.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => root(el).getElementById(id))
      .filter((n) => n?.classList.contains('field-error'))
      .map((n) => allText(n!));
    if (texts.length) out[name] = texts.join(' ');
  }
  return out;
}

describe('<fc-registration-form>', function () {
  this.timeout(SLOW_PAGE_TIMEOUT);

  statesSuite('<fc-registration-form>', {
    async mount(source: FeedSourceInput, options = {}): Promise<Mounted> {
      const r = await mount(html`<div lang=${ifDefined(options.lang)}>
        <fc-registration-form .src=${source.src} .data=${source.data} .backend=${source.backend} .outbox=${outboxOn(net())}>
          <a class="fallback" href="/inscription.pdf">Programme complet (PDF)</a>
        </fc-registration-form>
      </div>`);
      const view = r.querySelector('fc-registration-form')!;
      return { root: r, view, fallback: view.querySelector<HTMLElement>('a.fallback')! };
    },
    emptyText: /pas encore de journées/,
    readyText: /Management par la Coopération/,
  });

  describe('ready', () => {
    it('shows the cycle, its dates and seats, the schema’s fields with labels, required markers and autocomplete, the RGPD notice before the button; passes axe', async () => {
      const el = await mountForm();
      await until(() => root(el).querySelector('.seats'), 'seats');
      const text = visibleText(root(el));
      expect(text).to.contain('Management par la Coopération');
      expect(text).to.contain('jeudi 14 janvier 2027');
      expect(text).to.contain('40 places restantes sur 40');
      const labels = [...root(el).querySelectorAll('label, legend')].filter(isShown).map((l) => visibleText(l));
      expect(labels).to.include.members([
        'Prénom (obligatoire)',
        'Nom (obligatoire)',
        'Adresse e-mail professionnelle (obligatoire)',
        'Téléphone',
        'Fonction (obligatoire)',
        'Organisation (obligatoire)',
        'Journées auxquelles vous participerez (obligatoire)',
        'Besoins pour un accès adapté',
      ]);
      expect(control(el, 'participant.firstName').getAttribute('autocomplete')).to.equal('given-name');
      expect(control(el, 'participant.lastName').getAttribute('autocomplete')).to.equal('family-name');
      expect(control(el, 'participant.email').getAttribute('autocomplete')).to.equal('work email');
      expect(control(el, 'participant.phone').getAttribute('autocomplete')).to.equal('work tel');
      // The functions of the schema, in words; the member communautés de communes, and « another ».
      const fn = [...control<HTMLSelectElement>(el, 'participant.function').options].map((o) => o.text);
      expect(fn).to.include.members(['Chef·fe de service', 'Élu·e', 'Autre', 'Responsable de pôle']);
      const orgs = [...control<HTMLSelectElement>(el, 'participant.organisationId').options].map((o) => o.text);
      expect(orgs).to.include('Une autre organisation');
      expect(orgs.length).to.equal(1 + 5 + 1);
      // The core days are chosen; the bonus day is offered with its restriction, not chosen.
      const boxes = [...root(el).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]')];
      expect(boxes.map((b) => [b.value, b.checked])).to.deep.equal([
        ['journee-1', true],
        ['journee-2', true],
        ['journee-3', true],
        ['journee-4', true],
        ['journee-5', true],
        ['journee-6-bonus', false],
      ]);
      expect(text).to.contain('Réservée aux personnes déjà inscrites au cycle');
      // The access-needs field says why it is asked.
      expect(text).to.contain('demandé pour que l’accueil soit adapté');
      // The notice, from the feed, before the button.
      const privacy = root(el).querySelector('[part="privacy"]')!;
      expect(visibleText(privacy)).to.contain('Responsable du traitement');
      expect(visibleText(privacy)).to.contain('Mission d\'intérêt public');
      expect(visibleText(privacy)).to.contain('CNIL');
      expect(privacy.compareDocumentPosition(submitButton(el)) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
      // No error before anything was typed.
      expect(count(root(el), '[aria-invalid="true"]')).to.equal(0);
      await expect(el.parentElement).to.be.accessible();
    });

    it('offers an elected official only the days open to elected officials', async () => {
      const el = await mountForm();
      await fill(el, 'participant.function', 'elected-official');
      const boxes = [...root(el).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]')];
      expect(boxes.map((b) => b.value)).to.deep.equal(['journee-5']);
      expect(visibleText(root(el))).to.contain('seule la journée ouverte aux élu·es est proposée');
    });
  });

  describe('validation', () => {
    it('every field’s error: on submit, a summary (role=alert) links to each field; aria-invalid and the message through aria-describedby; passes axe', async () => {
      const el = await mountForm();
      for (const box of root(el).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')) box.click();
      await fill(el, 'participant.phone', 'abc');
      await fill(el, 'accessNeeds', '   ');
      submitButton(el).click();
      await el.updateComplete;
      const summary = root(el).querySelector('.error-summary[role="alert"]')!;
      expect(isShown(summary)).to.equal(true);
      expect(visibleText(summary)).to.match(/^Le formulaire contient 7 erreurs :/);
      const errors = describedErrors(el);
      expect(errors).to.deep.equal({
        'participant.firstName': 'Erreur : ce champ est obligatoire',
        'participant.lastName': 'Erreur : ce champ est obligatoire',
        'participant.email': 'Erreur : adresse e-mail invalide (exemple : prenom.nom@exemple.fr)',
        'participant.phone': 'Erreur : numéro de téléphone invalide (exemple : 05 63 00 00 00)',
        'participant.function': 'Erreur : choisissez votre fonction',
        'participant.organisationId': 'Erreur : indiquez votre organisation',
        sessionIds: 'Erreur : choisissez au moins une journée',
      });
      // Focus went to the summary; its links move focus to their fields.
      expect(deepActiveElement()?.getAttribute('data-focus')).to.equal('summary');
      const link = [...summary.querySelectorAll('a')].find((a) => a.textContent!.startsWith('Adresse e-mail'))!;
      link.click();
      expect(deepActiveElement()?.id).to.equal('f-participant.email');
      const sessionsLink = [...summary.querySelectorAll('a')].find((a) => a.textContent!.startsWith('Journées'))!;
      sessionsLink.click();
      expect(deepActiveElement()?.id).to.equal('f-sessionIds-0');
      await expect(el.parentElement).to.be.accessible();

      // « Autre » (function) and « Une autre organisation » ask for their text, with their own errors.
      await fill(el, 'participant.function', 'other');
      await fill(el, 'participant.organisationId', '-');
      submitButton(el).click();
      await el.updateComplete;
      expect(describedErrors(el)).to.include({
        'participant.functionOther': 'Erreur : ce champ est obligatoire',
        'participant.organisationName': 'Erreur : ce champ est obligatoire',
      });
      // Nothing was sent.
      expect((el.backend as MemoryBackend).registrations(OPEN_CYCLE)).to.have.length(0);
    });

    it('validates a field on blur, and clears its error as it is corrected', async () => {
      const el = await mountForm();
      await fill(el, 'participant.email', 'anne.martin');
      expect(describedErrors(el)).to.deep.equal({ 'participant.email': 'Erreur : adresse e-mail invalide (exemple : prenom.nom@exemple.fr)' });
      // Other fields, not yet visited, show nothing.
      expect(control(el, 'participant.firstName').hasAttribute('aria-invalid')).to.equal(false);
      await fill(el, 'participant.email', 'anne.martin@carmausin-segala.fr');
      expect(describedErrors(el)).to.deep.equal({});
    });

    it('a day for registered people is chosen alone', async () => {
      const el = await mountForm();
      await fillValid(el);
      root(el).querySelector<HTMLInputElement>('input[value="journee-6-bonus"]')!.click();
      submitButton(el).click();
      await el.updateComplete;
      expect(describedErrors(el).sessionIds).to.contain('se choisit seule');
    });

    it('the server’s 400 is mapped onto the fields', async () => {
      const memory = backendOf();
      const body = {
        error: {
          code: 'invalid' as const,
          message: 'requête invalide',
          issues: [
            { path: 'participant.email', message: 'domaine de messagerie inconnu du serveur' },
            { path: 'sessionIds[1]', message: 'journée inconnue du serveur' },
          ],
        },
      };
      const failures: unknown[] = [];
      const backend = { ...memory, register: () => Promise.reject(new BackendError('http', 'invalid', 'requête invalide', 400, body)) };
      const el = await mountForm({ backend });
      el.addEventListener('fc-registration-failed', (e) => failures.push(e.detail.error));
      await fillValid(el);
      submitButton(el).click();
      await until(() => root(el).querySelector('.error-summary'), 'summary');
      expect(describedErrors(el)).to.deep.equal({
        'participant.email': 'Erreur : domaine de messagerie inconnu du serveur',
        sessionIds: 'Erreur : choisissez au moins une journée',
      });
      expect(failures).to.have.length(1);
      // The form stays as typed, ready to be corrected and sent again.
      expect(control(el, 'participant.lastName').value).to.equal('Martin 1');
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
      await expect(el.parentElement).to.be.accessible();
    });
  });

  describe('submitting', () => {
    it('confirms: fc-registered with the registration, the chosen days, « Ajouter à mon agenda »; focus on the outcome; passes axe', async () => {
      const backend = backendOf();
      const el = await mountForm({ backend });
      const events: Registration[] = [];
      el.addEventListener('fc-registered', (e) => events.push(e.detail.registration));
      await fillValid(el);
      await fill(el, 'participant.phone', '05 63 00 00 00');
      await fill(el, 'accessNeeds', 'Accès de plain-pied');
      submitButton(el).click();
      await waitOutcome(el, 'confirmed');
      const stored = backend.registrations(OPEN_CYCLE);
      expect(stored).to.have.length(1);
      expect(stored[0]!.participant).to.deep.equal({
        firstName: 'Anne',
        lastName: 'Martin 1',
        email: 'anne.martin.1@carmausin-segala.fr',
        phone: '05 63 00 00 00',
        function: 'head-of-department',
        organisationId: 'cc-carmausin-segala',
      });
      expect(stored[0]!.sessionIds).to.deep.equal(['journee-1', 'journee-2', 'journee-3', 'journee-4', 'journee-5']);
      expect(stored[0]!.accessNeeds).to.equal('Accès de plain-pied');
      expect(events.map((r) => r.id)).to.deep.equal([stored[0]!.id]);
      const text = outcomeText(el);
      expect(text).to.contain('Inscription confirmée');
      expect(text).to.contain('anne.martin.1@carmausin-segala.fr');
      expect(deepActiveElement()?.getAttribute('data-focus')).to.equal('outcome');
      const files = captureDownloads();
      [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Ajouter à mon agenda'))!.click();
      await until(() => files.length === 1, 'ics');
      const ics = await files[0]!.blob.text();
      expect(ics.match(/BEGIN:VEVENT/g)).to.have.length(5);
      await expect(el.parentElement).to.be.accessible();
      // The bonus day is offered now that the person is registered, and the server accepts it.
      [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('M’inscrire aussi'))!.click();
      await until(() => backend.registrations(OPEN_CYCLE).length === 2, 'bonus registration');
      expect(backend.registrations(OPEN_CYCLE)[1]!.sessionIds).to.deep.equal(['journee-6-bonus']);
    });

    it('double click → one registration', async () => {
      const backend = backendOf(openFeed(), { latencyMs: 30 });
      const el = await mountForm({ backend });
      await fillValid(el);
      const button = submitButton(el);
      button.click();
      button.click();
      root(el).querySelector('form')!.requestSubmit();
      await el.updateComplete;
      expect(status(el)).to.contain('Envoi de votre inscription');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      await expect(el.parentElement).to.be.accessible();
      button.click();
      await waitOutcome(el, 'confirmed');
      expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
    });

    it('a request whose answer is lost (timed out, aborted) is retried with the same key: « retrying » shown, exactly one stored', async () => {
      const backend = backendOf();
      const n = net();
      const el = await mountForm({ backend, outbox: outboxOn(n, { hold: true }) });
      await fillValid(el);
      backend.failNext(1, 'timeout', { afterProcessing: true });
      backend.failNext(1, 'network', { afterProcessing: true });
      submitButton(el).click();
      await until(() => n.waits.length === 1, 'first backoff');
      await el.updateComplete;
      expect(status(el)).to.match(/La connexion a échoué : nouvel essai dans \d+ seconde/);
      await expect(el.parentElement).to.be.accessible();
      n.waits.shift()!();
      await until(() => n.waits.length === 1, 'second backoff');
      n.waits.shift()!();
      await waitOutcome(el, 'confirmed');
      expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
    });

    it('offline → queued (with its message, fc-registration-queued) → online → sent once', async () => {
      const backend = backendOf();
      const n = net();
      const el = await mountForm({ backend, outbox: outboxOn(n) });
      n.online = false;
      backend.setOffline(true);
      const queued: string[] = [];
      const registered: string[] = [];
      el.addEventListener('fc-registration-queued', (e) => queued.push(String(e.detail.reason)));
      el.addEventListener('fc-registered', (e) => registered.push(e.detail.registration.id));
      await fillValid(el);
      submitButton(el).click();
      await until(() => status(el).includes('hors connexion'), 'queued message');
      expect(status(el)).to.contain('sera envoyée dès le retour de la connexion');
      expect(queued).to.deep.equal(['offline']);
      expect(n.storage.entries()).to.have.length(1);
      await expect(el.parentElement).to.be.accessible();
      // A second click while queued sends nothing more.
      submitButton(el).click();
      backend.setOffline(false);
      n.online = true;
      n.events.dispatchEvent(new Event('online'));
      await waitOutcome(el, 'confirmed');
      expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
      expect(registered).to.have.length(1);
      expect(n.storage.entries()).to.have.length(0);
    });

    it('reload while queued → the next page sends it, once', async () => {
      const backend = backendOf();
      const n = net();
      const first = await mountForm({ backend, outbox: outboxOn(n) });
      n.online = false;
      backend.setOffline(true);
      await fillValid(first);
      submitButton(first).click();
      await until(() => status(first).includes('hors connexion'), 'queued');
      // The page goes away; the connection comes back; the page is loaded again over the same storage.
      first.parentElement!.remove();
      outboxes.splice(0).forEach((o) => o.close());
      backend.setOffline(false);
      n.online = true;
      const registered: string[] = [];
      document.addEventListener('fc-registered', (e) => registered.push(e.detail.registration.id), { once: true });
      const second = await mountForm({ backend, outbox: outboxOn(n) });
      await waitOutcome(second, 'confirmed');
      expect(backend.registrations(OPEN_CYCLE)).to.have.length(1);
      expect(registered).to.have.length(1);
      expect(n.storage.entries()).to.have.length(0);
    });

    it('41st registrant of a 40-seat cycle → waitlisted, position 1 (the form says the cycle is full and offers the list)', async () => {
      const backend = backendOf();
      for (let i = 0; i < 40; i++) {
        await backend.register(
          OPEN_CYCLE,
          { participant: { firstName: 'P', lastName: `${i}`, email: `p${i}@x.fr`, function: 'dgs', organisationId: 'cc-membre-3' }, sessionIds: ['journee-1'] },
          { idempotencyKey: `k${i}` },
        );
      }
      const el = await mountForm({ backend });
      await until(() => root(el).querySelector('.banner'), 'full banner');
      expect(visibleText(root(el))).to.contain('Le cycle est complet : vous pouvez vous inscrire sur la liste d’attente');
      expect(submitButton(el).textContent!.trim()).to.equal('M’inscrire sur la liste d’attente');
      await expect(el.parentElement).to.be.accessible();
      await fillValid(el, 41);
      submitButton(el).click();
      await waitOutcome(el, 'waitlisted');
      expect(outcomeText(el)).to.contain('vous êtes en position 1 sur la liste d’attente');
      const last = backend.registrations(OPEN_CYCLE).at(-1)!;
      expect([last.status, last.waitlistPosition]).to.deep.equal(['waitlisted', 1]);
      await expect(el.parentElement).to.be.accessible();
    });

    it('a refusal for a day (not eligible) is shown on the days; closed and full outcomes', async () => {
      const backend = backendOf();
      const el = await mountForm({ backend });
      await fillValid(el);
      for (const box of root(el).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')) box.click();
      root(el).querySelector<HTMLInputElement>('input[value="journee-6-bonus"]')!.click();
      submitButton(el).click();
      await until(() => describedErrors(el).sessionIds, 'refusal on the days');
      expect(describedErrors(el).sessionIds).to.match(/Erreur : .+/);
      expect(backend.registrations(OPEN_CYCLE)).to.have.length(0);

      const closed = await mountForm({ backend: backendOf(await sampleFeed()) });
      expect(outcomeText(closed)).to.contain('Les inscriptions à ce cycle sont closes.');
      await expect(closed.parentElement).to.be.accessible();

      const noList = openFeed((f) => (f.registration.waitlist = false));
      const fullBackend = backendOf(noList);
      for (let i = 0; i < 40; i++) {
        await fullBackend.register(
          OPEN_CYCLE,
          { participant: { firstName: 'P', lastName: `${i}`, email: `p${i}@x.fr`, function: 'dgs', organisationId: 'cc-membre-3' }, sessionIds: ['journee-1'] },
          { idempotencyKey: `k${i}` },
        );
      }
      const full = await mountForm({ backend: fullBackend });
      await until(() => root(full).querySelector('.outcome.full'), 'full outcome');
      expect(outcomeText(full)).to.contain('Il n’y a plus de place dans ce cycle');
      await expect(full.parentElement).to.be.accessible();
    });
  });

  describe('keyboard only', () => {
    it('registers with the keyboard alone, from the page’s preceding link to the confirmation', async () => {
      const backend = backendOf();
      const el = document.createElement('fc-registration-form');
      el.backend = backend;
      el.outbox = outboxOn(net());
      const page = await mount(html`<div><a href="#avant" id="before">Lien de la page</a>${el}</div>`);
      await waitForState(el, 'ready');
      page.querySelector<HTMLAnchorElement>('#before')!.focus();
      const tab = () => sendKeys({ press: 'Tab' });
      const type = (text: string) => sendKeys({ type: text });
      await tab();
      expect(deepActiveElement()?.id).to.equal('f-participant.firstName');
      await type('Anne');
      await tab();
      await type('Martin');
      await tab();
      await type('anne.martin@carmausin-segala.fr');
      await tab(); // phone: optional, left empty
      await tab();
      expect(deepActiveElement()?.id).to.equal('f-participant.function');
      await sendKeys({ press: 'ArrowDown' }); // DGS
      await tab();
      expect(deepActiveElement()?.id).to.equal('f-participant.organisationId');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      // Through the days (already chosen), the access needs, the notice's CNIL link, to the button.
      for (let i = 0; i < 12 && deepActiveElement()?.getAttribute('type') !== 'submit'; i++) await tab();
      expect(deepActiveElement()?.getAttribute('type')).to.equal('submit');
      await sendKeys({ press: 'Enter' });
      await waitOutcome(el, 'confirmed');
      const [r] = backend.registrations(OPEN_CYCLE);
      expect(r!.participant).to.deep.include({ firstName: 'Anne', lastName: 'Martin', function: 'dgs', organisationId: 'cc-carmausin-segala' });
      expect(deepActiveElement()?.getAttribute('data-focus')).to.equal('outcome');
    });
  });

  describe('prefill and draft', () => {
    it('prefills from attributes and from ?email= / ?fc-session= in the page URL, visibly and editable', async () => {
      const url = new URL(location.href);
      url.searchParams.set('email', 'invitee@cc-membre-3.fr');
      url.searchParams.set('fc-session', 'journee-6-bonus');
      history.replaceState(null, '', url);
      const el = await mountForm({ attrs: { 'first-name': 'Jeanne', 'last-name': 'Durand', organisation: 'cc-membre-3', email: 'ignored@x.fr' } });
      expect(control(el, 'participant.email').value).to.equal('invitee@cc-membre-3.fr');
      expect(control(el, 'participant.firstName').value).to.equal('Jeanne');
      expect(control(el, 'participant.lastName').value).to.equal('Durand');
      expect(control<HTMLSelectElement>(el, 'participant.organisationId').value).to.equal('cc-membre-3');
      // The bonus day asked by the link goes alone.
      const checked = [...root(el).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')].map((b) => b.value);
      expect(checked).to.deep.equal(['journee-6-bonus']);
      expect(isShown(control(el, 'participant.email'))).to.equal(true);
      await fill(el, 'participant.email', 'jeanne.durand@cc-membre-3.fr');
      expect(control(el, 'participant.email').value).to.equal('jeanne.durand@cc-membre-3.fr');
    });

    it('keeps what was typed across a reload (session storage), and forgets it after success', async () => {
      const backend = backendOf();
      const first = await mountForm({ backend });
      await fillValid(first);
      first.parentElement!.remove();
      const second = await mountForm({ backend });
      expect(control(second, 'participant.lastName').value).to.equal('Martin 1');
      expect(control<HTMLSelectElement>(second, 'participant.function').value).to.equal('head-of-department');
      submitButton(second).click();
      await waitOutcome(second, 'confirmed');
      second.parentElement!.remove();
      const third = await mountForm({ backend });
      expect(control(third, 'participant.lastName').value).to.equal('');
    });
  });

  describe('with an agenda on the page', () => {
    it('« S’inscrire » in the agenda brings the person to the form with that day chosen, without leaving the page', async () => {
      const feed = openFeed();
      const backend = backendOf(feed);
      const form = document.createElement('fc-registration-form');
      form.backend = backend;
      form.outbox = outboxOn(net());
      const page = await mount(html`<div>
        <fc-agenda .data=${feed} registration-url="https://exemple.invalid/inscription"></fc-agenda>
        ${form}
      </div>`);
      const agenda = page.querySelector<FcAgenda>('fc-agenda')!;
      await waitForState(agenda, 'ready');
      await waitForState(form, 'ready');
      await fill(form, 'participant.function', 'elected-official');
      for (const box of root(form).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')) box.click();
      const before = location.href;
      const link = [...shadow(agenda).querySelectorAll<HTMLAnchorElement>('a[part="register"]')].find((a) => a.href.includes('journee-5'))!;
      link.click();
      await form.updateComplete;
      expect(location.href).to.equal(before);
      const checked = [...root(form).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')].map((b) => b.value);
      expect(checked).to.deep.equal(['journee-5']);
      expect(deepActiveElement()?.getAttribute('data-focus')).to.equal('title');
      // A day not open to elected officials: the form still takes the click (no page change), chooses nothing.
      let followed: boolean | undefined;
      const stop = (e: Event) => ((followed = !e.defaultPrevented), e.preventDefault());
      document.addEventListener('click', stop);
      try {
        [...shadow(agenda).querySelectorAll<HTMLAnchorElement>('a[part="register"]')].find((a) => a.href.includes('journee-1'))!.click();
      } finally {
        document.removeEventListener('click', stop);
      }
      await form.updateComplete;
      expect(followed).to.equal(false);
      expect([...root(form).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')].map((b) => b.value)).to.deep.equal(['journee-5']);
    });
  });

  describe('English', () => {
    it('speaks English under lang="en", validation messages included; passes axe', async () => {
      const el = await mountForm({ lang: 'en' });
      expect(visibleText(root(el))).to.contain('Work email address (required)');
      expect(visibleText(root(el))).to.contain('Your personal data');
      for (const box of root(el).querySelectorAll<HTMLInputElement>('input[name="sessionIds"]:checked')) box.click();
      await fill(el, 'participant.phone', 'abc');
      submitButton(el).click();
      await el.updateComplete;
      expect(visibleText(root(el).querySelector('.error-summary')!)).to.contain('The form has');
      // Every field's message in English: the schema's, the form's own, and the participant rule's.
      expect(describedErrors(el)).to.deep.equal({
        'participant.firstName': 'Error: this field is required',
        'participant.lastName': 'Error: this field is required',
        'participant.email': 'Error: invalid email address (example: first.last@example.org)',
        'participant.phone': 'Error: invalid phone number (example: +33 5 63 00 00 00)',
        'participant.function': 'Error: choose your position',
        'participant.organisationId': 'Error: please state your organisation',
        sessionIds: 'Error: choose at least one day',
      });
      expect(allText(root(el))).not.to.contain('obligatoire');
      await expect(el.parentElement).to.be.accessible();
    });
  });
});
