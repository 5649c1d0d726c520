import { html, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/elements.js';
import type { FcFeedback, FeedbackSentEvent } from '../../src/elements.js';
import {
  BackendError,
  createMemoryBackend,
  createOutbox,
  type Backend,
  type MemoryBackend,
  type Outbox,
} from '../../src/index.js';
import { feedbackMessages } from '../../src/elements/feedback/messages.js';
import { enStates, messagesFor } from '../../src/i18n/ui.js';
import {
  CYCLE_ID,
  SLOW_PAGE_TIMEOUT,
  allText,
  deepActiveElement,
  deferredBackend,
  emptyFeed,
  isShown,
  MapStorage,
  mount,
  restoreGlobals,
  sampleFeed,
  sampleInput,
  shadow,
  until,
  visibleText,
} from './helpers.js';

const FORM_ID = 'evaluation-cycle';
const REQUIRED = ['contenus', 'animation', 'utilite', 'organisation-journees'];

const outboxes: Outbox[] = [];
/**
 * An outbox as the page's, but whose storage, `online` event and idea of the network the test
 * holds: the browser "says" it is offline when the backend is.
 */
function outboxFor(backend: MemoryBackend, storage: Storage = new MapStorage(), events = new EventTarget()): { outbox: Outbox; storage: Storage; events: EventTarget } {
  const outbox = createOutbox({ storage, events, online: () => !backend.offline, backoff: { baseMs: 10, maxMs: 50, maxAttempts: 2, queuedMs: 600_000 } });
  outboxes.push(outbox);
  return { outbox, storage, events };
}

async function sampleBackend(edit?: (form: Record<string, any>, input: Record<string, any>) => void, options: Parameters<typeof createMemoryBackend>[1] = {}) {
  const input = await sampleInput();
  edit?.(input.feedback[0], input);
  return createMemoryBackend(input, options);
}

interface MountOptions {
  backend?: Backend;
  data?: unknown;
  src?: string;
  outbox?: Outbox;
  token?: string;
  session?: string;
  lang?: string;
  now?: Date;
}

async function mountFeedback(o: MountOptions = {}) {
  const outbox = o.outbox ?? (o.backend && 'setOffline' in o.backend ? outboxFor(o.backend as MemoryBackend).outbox : undefined);
  const root = await mount(html`<div lang=${ifDefined(o.lang)}>
    <fc-feedback
      .backend=${o.backend}
      .data=${o.data}
      .outbox=${outbox}
      .now=${o.now}
      src=${ifDefined(o.src)}
      token=${ifDefined(o.token)}
      session=${ifDefined(o.session)}
    >
      <p class="fallback">Questionnaire au format PDF</p>
    </fc-feedback>
  </div>`);
  const el = root.querySelector<FcFeedback>('fc-feedback')!;
  return { root, el };
}

const text = (el: Element) => visibleText(shadow(el));

/**
 * The element's French words and the shared ones it uses (its loading and error states): whole
 * phrases (not « Autre », which the feed's « Autres remarques » holds), unless the same in English.
 */
function frenchWords(fr: object, en: object): string[] {
  const strings = (o: object) => Object.values(o).filter((v): v is string => typeof v === 'string');
  const english = new Set(strings(en));
  const shared = Object.keys(enStates).map((k) => messagesFor('fr')[k as keyof typeof enStates]);
  return [...strings(fr), ...strings(shared)].filter((w) => w.length >= 8 && !english.has(w));
}
const waitText = (el: Element, needle: string, timeout?: number) =>
  until(() => text(el).includes(needle), `never showed « ${needle} »; shows: ${text(el).slice(0, 300)}`, timeout);
const waitForm = (el: Element) => until(() => shadow(el).querySelector('form'), `no form; shows: ${text(el).slice(0, 300)}`);

function radio(el: Element, question: string, value: number): HTMLInputElement {
  const input = shadow(el).querySelector<HTMLInputElement>(`input[name="answers.${question}"][value="${value}"]`);
  if (!input) throw new Error(`no radio ${question}=${value}`);
  return input;
}

/** Answers every required question with the mouse (the keyboard has its own test). */
async function answerRequired(el: FcFeedback, value = 4): Promise<void> {
  for (const q of REQUIRED) radio(el, q, value).click();
  await el.updateComplete;
}

const submitButton = (el: Element) => [...shadow(el).querySelectorAll('button')].find((b) => allText(b) === 'Envoyer mes réponses')!;

/** Presses Tab until the focus matches. */
async function tabTo(match: (el: Element) => boolean, max = 40): Promise<Element> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActiveElement();
    if (active && match(active)) return active;
  }
  throw new Error(`not reachable by Tab (focus on ${deepActiveElement()?.outerHTML.slice(0, 120)})`);
}

describe('<fc-feedback>', function () {
  this.timeout(SLOW_PAGE_TIMEOUT);
  afterEach(() => {
    outboxes.splice(0).forEach((o) => o.close());
    restoreGlobals();
  });

  it('loading: says so, keeps the page’s content visible, passes axe', async () => {
    const slow = deferredBackend();
    const { root, el } = await mountFeedback({ backend: slow.backend });
    await waitText(el, 'Chargement du programme…');
    expect(isShown(el.querySelector('.fallback'))).to.equal(true);
    await expect(root).to.be.accessible();
  });

  it('empty: a cycle without questionnaire says so; passes axe', async () => {
    const { root, el } = await mountFeedback({ backend: createMemoryBackend(emptyFeed()) });
    await waitText(el, "Ce cycle n'a pas de questionnaire d'évaluation.");
    await expect(root).to.be.accessible();
  });

  it('error: a feed that cannot be fetched names its URL; a page without a server says answers cannot be sent; pass axe', async () => {
    const missing = await mountFeedback({ src: '/test/fixtures/there-is-no-such-feed.json' });
    await waitText(missing.el, 'erreur 404');
    await expect(missing.root).to.be.accessible();
    const bare = await mountFeedback({ data: await sampleFeed() });
    await waitText(bare.el, "ce composant n'est pas relié à un serveur formacoop");
    expect(shadow(bare.el).querySelector('form')).to.equal(null);
    await expect(bare.root).to.be.accessible();
  });

  it('closed: before it opens, after its deadline, and before the day it evaluates; pass axe', async () => {
    const now = new Date('2025-05-20T10:00:00+02:00');
    const late = await mountFeedback({ backend: await sampleBackend((f) => (f.closesAt = '2025-05-19T18:00:00+02:00')), now });
    await waitText(late.el, 'Le questionnaire est clos depuis le 19 mai 2025');
    expect(shadow(late.el).querySelector('form')).to.equal(null);
    await expect(late.root).to.be.accessible();
    // The deadline is read in the cycle's time zone (Paris), whatever the reader's.
    const midnight = await mountFeedback({ backend: await sampleBackend((f) => (f.closesAt = '2025-05-19T22:30:00Z')), now });
    await waitText(midnight.el, 'Le questionnaire est clos depuis le 20 mai 2025 à 00:30');

    const early = await mountFeedback({ backend: await sampleBackend((f) => (f.opensAt = '2025-05-21T09:00:00+02:00')), now });
    await waitText(early.el, 'Le questionnaire ouvrira le 21 mai 2025');

    const perDay = await sampleBackend((f) => {
      f.scope = 'session';
      f.sessionIds = ['journee-5'];
    });
    const before = await mountFeedback({ backend: perDay, session: 'journee-5', now: new Date('2025-05-01T10:00:00+02:00') });
    await waitText(before.el, 'Le questionnaire ouvrira à la fin de la journée');
    const after = await mountFeedback({ backend: perDay, session: 'journee-5', now: new Date('2025-05-15T10:00:00+02:00') });
    await waitForm(after.el);
  });

  it('form: each scale is a fieldset with a legend and real radios, required questions marked, notice before submit; passes axe', async () => {
    const { root, el } = await mountFeedback({ backend: await sampleBackend() });
    await waitForm(el);
    const fieldsets = [...shadow(el).querySelectorAll('fieldset.scale')];
    expect(fieldsets).to.have.length(6);
    const first = fieldsets[0]!;
    expect(allText(first.querySelector('legend')!)).to.equal('Les contenus de la formation (obligatoire)');
    const radios = [...first.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => allText(r.closest('label')!))).to.deep.equal([
      '1 — pas du tout satisfait·e',
      '2 — peu satisfait·e',
      '3 — moyennement satisfait·e',
      '4 — satisfait·e',
      '5 — très satisfait·e',
    ]);
    expect(allText(fieldsets[4]!.querySelector('legend')!)).to.equal("L'alternance des lieux entre les communautés de communes");
    expect(fieldsets[5]!.querySelectorAll('input[type="radio"]')).to.have.length(11);
    expect(text(el)).to.contain('Vos réponses sont anonymes');
    expect(text(el)).to.contain('les autres sont facultatives');
    // No personal field: nothing asks for a name or an address.
    expect(shadow(el).querySelectorAll('input[type="email"], input[autocomplete]')).to.have.length(0);
    await expect(root).to.be.accessible();
  });

  it('keyboard only: a whole response with Tab, Space, arrow keys on the scales, typing and Enter', async () => {
    const backend = await sampleBackend();
    const { el } = await mountFeedback({ backend });
    await waitForm(el);
    const sent: FeedbackSentEvent[] = [];
    el.addEventListener('fc-feedback-sent', (e) => sent.push(e));
    document.body.focus();
    // Contenus: Space takes the first point, three arrows move to 4.
    await tabTo((a) => a === radio(el, 'contenus', 1));
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowRight' });
    expect(radio(el, 'contenus', 4).checked).to.equal(true);
    expect(deepActiveElement()).to.equal(radio(el, 'contenus', 4));
    // Animation: 5, by going left from 1 (wraps round).
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(radio(el, 'animation', 1));
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(radio(el, 'animation', 5).checked).to.equal(true);
    // Utilité 3, organisation 2 (ArrowDown works too), alternance left unanswered (optional).
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' }); // alternance: skipped
    // Recommendation: 0 then nine steps right: 9.
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(radio(el, 'recommandation', 0));
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 9; i++) await sendKeys({ press: 'ArrowRight' });
    // Communauté: the select, by arrow key.
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLSelectElement).name).to.equal('answers.communaute');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    // First open question: typed.
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLTextAreaElement).name).to.equal('answers.suites-cc');
    await sendKeys({ type: 'Un groupe de co-développement entre managers' });
    await tabTo((a) => allText(a) === 'Envoyer mes réponses');
    await sendKeys({ press: 'Enter' });
    await waitText(el, 'Merci ! Vos réponses ont bien été enregistrées.');
    // The thanks message takes the focus, so that it is read.
    expect(deepActiveElement()?.classList.contains('done')).to.equal(true);
    const stored = backend.feedbackResponses(CYCLE_ID);
    expect(stored).to.have.length(1);
    expect(stored[0]!.answers).to.deep.equal({
      contenus: 4,
      animation: 5,
      utilite: 3,
      'organisation-journees': 2,
      recommandation: 9,
      communaute: 'cc-carmausin-segala',
      'suites-cc': 'Un groupe de co-développement entre managers',
    });
    expect(sent).to.have.length(1);
    expect(sent[0]!.detail).to.deep.include({ cycleId: CYCLE_ID, formId: FORM_ID });
    expect(sent[0]!.detail.receipt.id).to.equal(stored[0]!.id);
  });

  it('errors: an empty submit lists the required questions in an alert whose links reach them; fields say what is wrong; pass axe', async () => {
    const backend = await sampleBackend();
    const { root, el } = await mountFeedback({ backend });
    await waitForm(el);
    submitButton(el).click();
    await until(() => shadow(el).querySelector('.error-summary'), 'no error summary');
    const summary = shadow(el).querySelector('.error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    const links = [...summary.querySelectorAll('a')].map((a) => allText(a));
    expect(links).to.deep.equal([
      'Les contenus de la formation : réponse obligatoire',
      "L'animation des journées : réponse obligatoire",
      "L'utilité pour ma pratique de manager : réponse obligatoire",
      "L'organisation des journées : réponse obligatoire",
    ]);
    expect(allText(deepActiveElement()!)).to.equal(links[0]);
    const fieldset = shadow(el).querySelector('fieldset[id="f-answers.contenus"]')!;
    expect(fieldset.getAttribute('aria-describedby')).to.contain('f-answers.contenus-error');
    expect(allText(shadow(el).querySelector('[id="f-answers.contenus-error"]')!)).to.equal('Erreur : réponse obligatoire');
    await expect(root).to.be.accessible();
    // The link moves focus into its question.
    await sendKeys({ press: 'Enter' });
    expect(deepActiveElement()).to.equal(radio(el, 'contenus', 1));
    // Answering clears that question's error at once.
    radio(el, 'contenus', 2).click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[id="f-answers.contenus-error"]')).to.equal(null);
    expect(shadow(el).querySelectorAll('.error-summary a')).to.have.length(3);
    expect(backend.feedbackResponses(CYCLE_ID)).to.have.length(0);
  });

  it('a 400 from the server is shown on its fields', async () => {
    const memory = await sampleBackend();
    const backend: Backend = {
      loadFeed: (o) => memory.loadFeed(o),
      sendFeedback: () =>
        Promise.reject(
          new BackendError('http', 'invalid', 'invalide', 400, {
            error: { code: 'invalid', message: 'invalide', issues: [{ path: 'answers.animation', message: 'choisissez une valeur entre 1 et 5' }] },
          }),
        ),
    };
    const { el } = await mountFeedback({ backend, outbox: outboxFor(memory).outbox });
    await waitForm(el);
    await answerRequired(el);
    submitButton(el).click();
    await waitText(el, "L'animation des journées : choisissez une valeur entre 1 et 5");
    expect(shadow(el).querySelector('fieldset[id="f-answers.animation"]')!.classList.contains('invalid')).to.equal(true);
    expect(el.status).to.equal('idle');
  });

  it('sending: says so while the server answers; a double click stores one response; passes axe', async () => {
    const memory = await sampleBackend();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const backend: Backend = {
      loadFeed: (o) => memory.loadFeed(o),
      sendFeedback: async (c, s, o) => {
        calls++;
        await gate;
        return memory.sendFeedback(c, s, o);
      },
    };
    const { root, el } = await mountFeedback({ backend, outbox: outboxFor(memory).outbox });
    await waitForm(el);
    await answerRequired(el);
    submitButton(el).click();
    submitButton(el).click();
    await waitText(el, 'Envoi de vos réponses…');
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    await expect(root).to.be.accessible();
    release();
    await waitText(el, 'Merci !');
    // The thanks state: a status message, axe clean too.
    expect(shadow(el).querySelector('.state.done')!.getAttribute('role')).to.equal('status');
    await expect(root).to.be.accessible();
    expect(calls).to.equal(1);
    expect(memory.feedbackResponses(CYCLE_ID)).to.have.length(1);
  });

  it('offline → queued (kept on the device) → back online → sent once; passes axe', async () => {
    const backend = await sampleBackend();
    const { outbox, storage, events } = outboxFor(backend);
    const { root, el } = await mountFeedback({ backend, outbox });
    await waitForm(el);
    const sent: FeedbackSentEvent[] = [];
    el.addEventListener('fc-feedback-sent', (e) => sent.push(e));
    await answerRequired(el, 5);
    backend.setOffline(true);
    submitButton(el).click();
    await waitText(el, 'Vous semblez hors ligne. Vos réponses sont gardées sur cet appareil');
    expect(el.status).to.equal('queued');
    expect(storage.length).to.equal(1);
    expect(backend.feedbackResponses(CYCLE_ID)).to.have.length(0);
    await expect(root).to.be.accessible();

    backend.setOffline(false);
    events.dispatchEvent(new Event('online'));
    await waitText(el, 'Merci !');
    events.dispatchEvent(new Event('online'));
    await outbox.flush();
    expect(backend.feedbackResponses(CYCLE_ID)).to.have.length(1);
    expect(backend.feedbackResponses(CYCLE_ID)[0]!.answers['contenus']).to.equal(5);
    expect(sent).to.have.length(1);
    expect(storage.length).to.equal(0);
  });

  it('a reload while queued sends the kept answers once, when the page comes back', async () => {
    const backend = await sampleBackend();
    const first = outboxFor(backend);
    const page1 = await mountFeedback({ backend, outbox: first.outbox });
    await waitForm(page1.el);
    await answerRequired(page1.el, 2);
    backend.setOffline(true);
    submitButton(page1.el).click();
    await waitText(page1.el, 'Vous semblez hors ligne');
    // The page goes away; the next one reads the same storage, online again.
    first.outbox.close();
    page1.root.remove();
    backend.setOffline(false);
    const second = outboxFor(backend, first.storage);
    const page2 = await mountFeedback({ backend, outbox: second.outbox });
    await waitText(page2.el, 'Merci !');
    expect(backend.feedbackResponses(CYCLE_ID)).to.have.length(1);
    expect(backend.feedbackResponses(CYCLE_ID)[0]!.answers['contenus']).to.equal(2);
    expect(first.storage.length).to.equal(0);
  });

  it('tokens: none says to use the personal link; one answer per token, the second attempt says it was already answered; pass axe', async () => {
    const backend = await sampleBackend((f) => (f.access = 'token'));
    const [token] = backend.issueFeedbackTokens(CYCLE_ID, FORM_ID, 1);

    const none = await mountFeedback({ backend });
    await waitText(none.el, 'ouvrez-le avec le lien personnel reçu par courriel');
    await expect(none.root).to.be.accessible();

    // The personal link: `?token=` in the page's address.
    history.replaceState(null, '', `${location.pathname}?token=${token}`);
    const once = await mountFeedback({ backend });
    await waitForm(once.el);
    expect(text(once.el)).to.contain('il n’est pas enregistré avec vos réponses');
    await answerRequired(once.el);
    submitButton(once.el).click();
    await waitText(once.el, 'Merci !');

    const twice = await mountFeedback({ backend, token });
    await waitForm(twice.el);
    await answerRequired(twice.el, 1);
    submitButton(twice.el).click();
    await waitText(twice.el, 'Vous avez déjà répondu à ce questionnaire avec ce lien personnel');
    await expect(twice.root).to.be.accessible();
    expect(backend.feedbackResponses(CYCLE_ID)).to.have.length(1);

    const wrong = await mountFeedback({ backend, token: '00000000-0000-4000-8000-000000000000' });
    await waitForm(wrong.el);
    await answerRequired(wrong.el);
    submitButton(wrong.el).click();
    await waitText(wrong.el, "Ce lien d'évaluation n'est pas valide");
    expect(backend.feedbackResponses(CYCLE_ID)).to.have.length(1);
  });

  it('a session questionnaire without `session` asks which day; with it, the day is sent', async () => {
    const backend = await sampleBackend((f) => {
      f.scope = 'session';
      f.sessionIds = ['journee-4', 'journee-5'];
    });
    const { el } = await mountFeedback({ backend });
    await waitForm(el);
    const select = shadow(el).querySelector<HTMLSelectElement>('select[name="sessionId"]')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'journee-4', 'journee-5']);
    await answerRequired(el);
    submitButton(el).click();
    await waitText(el, 'Journée évaluée : indiquez la journée que vous évaluez');
    select.value = 'journee-5';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    submitButton(el).click();
    await waitText(el, 'Merci !');
    expect(backend.feedbackResponses(CYCLE_ID)[0]!.sessionId).to.equal('journee-5');
  });

  it('English (lang="en" around it): from its first render, loading until every English word is here, never a French one; errors in English; pass axe', async () => {
    // The first English element of this page: the shared words and the questionnaire's are fetched
    // now, each on its own. Every text the element shows on the way is recorded.
    const root = await mount(html`<div lang="en"></div>`);
    const el = document.createElement('fc-feedback') as FcFeedback;
    el.backend = await sampleBackend();
    root.append(el);
    const shown: string[] = [];
    new MutationObserver(() => shown.push(text(el))).observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await waitForm(el);
    shown.push(text(el));
    expect(shown[0]).to.equal('Loading the programme…');
    const french = frenchWords(feedbackMessages('fr', () => undefined)!, feedbackMessages('en', () => undefined)!);
    for (const snapshot of shown) expect(french.filter((w) => snapshot.includes(w)), snapshot).to.deep.equal([]);
    expect(text(el)).to.contain('Send my answers');
    expect(text(el)).to.contain('(required)');
    [...shadow(el).querySelectorAll('button')].find((b) => allText(b) === 'Send my answers')!.click();
    await waitText(el, 'an answer is required');
    expect(text(el)).not.to.contain('obligatoire');
    await expect(root).to.be.accessible();
  });
});
