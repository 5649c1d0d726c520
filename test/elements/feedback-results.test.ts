import { html, expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/elements.js';
import type { FcFeedbackResults } from '../../src/elements.js';
import {
  BackendError,
  createMemoryBackend,
  summariseFeedback,
  type Backend,
  type FeedbackResponse,
  type FeedbackSummary,
} from '../../src/index.js';
import { resultsMessages } from '../../src/elements/feedback-results/messages.js';
import { enStates, messagesFor } from '../../src/i18n/ui.js';
import {
  CYCLE_ID,
  SLOW_PAGE_TIMEOUT,
  allText,
  captureDownloads,
  deepActiveElement,
  deferredBackend,
  emptyFeed,
  isShown,
  mount,
  restoreGlobals,
  sampleFeed,
  sampleInput,
  shadow,
  until,
  visibleText,
} from './helpers.js';

const FORM_ID = 'evaluation-cycle';
const ADMIN = 'a-long-enough-admin-token-for-tests';
const CRITERIA = ['contenus', 'animation', 'utilite', 'organisation-journees', 'alternance-lieux'];

/** A seeded pseudo-random sequence: the same responses on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * `n` stored responses to the sample's questionnaire. Communautés by index: 25 Monts d'Alban, 18
 * Carmausin, 10 membre 3, 5 membre 4, 2 membre 5 (the group of 2), in that order; some optional
 * answers left out; texts on a few.
 */
function responses(n = 60, seed = 7): FeedbackResponse[] {
  const r = random(seed);
  const orgOf = (i: number) =>
    i < 25 ? 'cc-monts-alban-villefranchois' : i < 43 ? 'cc-carmausin-segala' : i < 53 ? 'cc-membre-3' : i < 58 ? 'cc-membre-4' : 'cc-membre-5';
  return Array.from({ length: n }, (_, i) => {
    const answers: Record<string, number | string> = {};
    for (const c of CRITERIA) if (c !== 'alternance-lieux' || r() > 0.2) answers[c] = 1 + Math.floor(r() * 5);
    if (r() > 0.1) answers['recommandation'] = Math.floor(r() * 11);
    answers['communaute'] = orgOf(i);
    if (i % 7 === 0) answers['suites-cc'] = `Suite proposée n° ${i}`;
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      cycleId: CYCLE_ID,
      formId: FORM_ID,
      answers,
      submittedAt: new Date(Date.UTC(2025, 4, 15, 9, i)).toISOString(),
    };
  });
}

/** The sample cycle, its results public or not, open answers published or not. */
async function feedInput(results: { public?: boolean; openAnswers?: boolean } = {}) {
  const input = await sampleInput();
  input.feedback[0].results = { public: false, openAnswers: false, ...results };
  return input;
}

async function mountResults(options: { backend?: Backend; data?: unknown; adminToken?: string; lang?: string; src?: string } = {}) {
  const root = await mount(html`<div lang=${ifDefined(options.lang)}>
    <fc-feedback-results .backend=${options.backend} .data=${options.data} .adminToken=${options.adminToken} src=${ifDefined(options.src)}>
      <p class="fallback">Résultats au format PDF</p>
    </fc-feedback-results>
  </div>`);
  const el = root.querySelector<FcFeedbackResults>('fc-feedback-results')!;
  return { root, el };
}

const text = (el: Element) => visibleText(shadow(el));
const waitText = (el: Element, needle: string | RegExp, timeout?: number) =>
  until(() => (typeof needle === 'string' ? text(el).includes(needle) : needle.test(text(el))), `never showed ${String(needle)}; shows: ${text(el).slice(0, 300)}`, timeout);

/** A number as the page writes it in French, spaces folded as `allText` reads them. */
const fr = (n: number, options: Intl.NumberFormatOptions = {}) =>
  new Intl.NumberFormat('fr', { maximumFractionDigits: 2, ...options }).format(n).replace(/\s+/g, ' ');

/** A criterion's section: its heading text, mean line, and the table's cells. */
function sections(el: Element) {
  return [...shadow(el).querySelectorAll('section.criterion')].map((s) => ({
    heading: allText(s.querySelector('[role="heading"]')!),
    mean: allText(s.querySelector('.mean')!),
    rows: [...s.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => allText(c))),
    caption: allText(s.querySelector('caption')!),
    chartHidden: s.querySelector('svg')?.getAttribute('aria-hidden'),
    bars: [...s.querySelectorAll('svg rect.bar')].map((b) => Number(b.getAttribute('height'))),
  }));
}

function breakdownRows(el: Element, title: string): string[][] {
  const section = [...shadow(el).querySelectorAll('section.breakdown')].find((s) => allText(s.querySelector('[role="heading"]')!) === title);
  if (!section) throw new Error(`no breakdown « ${title} »`);
  return [...section.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => allText(c)));
}

describe('<fc-feedback-results>', function () {
  this.timeout(SLOW_PAGE_TIMEOUT);
  afterEach(restoreGlobals);

  it('loading: the feed, then the results, each says so with the page’s content kept; passes axe', async () => {
    const slow = deferredBackend();
    const { root, el } = await mountResults({ backend: slow.backend });
    await waitText(el, 'Chargement du programme…');
    expect(isShown(el.querySelector('.fallback'))).to.equal(true);
    await expect(root).to.be.accessible();

    const memory = createMemoryBackend(await feedInput({ public: true }));
    const pending: Backend = { loadFeed: () => memory.loadFeed(), feedbackSummary: () => new Promise<never>(() => undefined) };
    const second = await mountResults({ backend: pending });
    await waitText(second.el, 'Chargement des résultats…');
    expect(shadow(second.el).querySelector('[role="status"]')).to.exist;
    expect(isShown(second.el.querySelector('.fallback'))).to.equal(true);
    await expect(second.root).to.be.accessible();
  });

  it('empty: a cycle without questionnaire, and a questionnaire without responses, say so; pass axe', async () => {
    const none = await mountResults({ data: emptyFeed(), backend: createMemoryBackend(emptyFeed()) });
    await waitText(none.el, "Ce cycle n'a pas de questionnaire d'évaluation.");
    await expect(none.root).to.be.accessible();

    const { root, el } = await mountResults({ backend: createMemoryBackend(await feedInput({ public: true })) });
    await waitText(el, "Aucune réponse pour l'instant.");
    expect(text(el)).to.contain('0 réponse');
    await expect(root).to.be.accessible();
  });

  it('error: a failing server, and a page without a server, name what is wrong; retry works; pass axe', async () => {
    const memory = createMemoryBackend(await feedInput({ public: true }), { feedbackResponses: responses() });
    let failures = 1;
    const flaky: Backend = {
      loadFeed: (o) => memory.loadFeed(o),
      feedbackSummary: (c, f, o) => (failures-- > 0 ? Promise.reject(new BackendError('network', undefined, 'le serveur ne répond pas')) : memory.feedbackSummary(c, f, o)),
    };
    const { root, el } = await mountResults({ backend: flaky });
    await waitText(el, "Les résultats n'ont pas pu être chargés : le serveur ne répond pas");
    expect(shadow(el).querySelector('[role="alert"]')).to.exist;
    await expect(root).to.be.accessible();
    [...shadow(el).querySelectorAll('button')].find((b) => allText(b) === 'Réessayer')!.click();
    await waitText(el, '60 réponses');

    const bare = await mountResults({ data: await sampleFeed() });
    await waitText(bare.el, "ce composant n'est pas relié à un serveur formacoop");
    await expect(bare.root).to.be.accessible();

    const missing = await mountResults({ src: '/test/fixtures/there-is-no-such-feed.json' });
    await waitText(missing.el, 'erreur 404');
  });

  it('locked: results not published ask the organiser for the admin token, by keyboard; a wrong one is refused; pass axe', async () => {
    const backend = createMemoryBackend(await feedInput(), { feedbackResponses: responses(), adminToken: ADMIN });
    const { root, el } = await mountResults({ backend });
    await waitText(el, 'ils sont réservés aux organisateurs');
    expect(text(el)).not.to.contain('60 réponses');
    await expect(root).to.be.accessible();

    const input = shadow(el).querySelector<HTMLInputElement>('input#token')!;
    expect(input.type).to.equal('password');
    input.focus();
    await sendKeys({ type: 'not-the-right-token-at-all' });
    await sendKeys({ press: 'Enter' });
    await waitText(el, 'Ce jeton est refusé par le serveur');
    expect(shadow(el).querySelector('input#token')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(root).to.be.accessible();

    const again = shadow(el).querySelector<HTMLInputElement>('input#token')!;
    again.focus();
    await sendKeys({ type: ADMIN });
    await sendKeys({ press: 'Tab' });
    expect(allText(deepActiveElement()!)).to.equal('Afficher les résultats');
    await sendKeys({ press: 'Enter' });
    await waitText(el, '60 réponses');
    expect(el.adminToken).to.equal(ADMIN);
  });

  it('ready: 60 stored responses give exactly the SDK’s summariseFeedback figures, chart and table alike; passes axe', async () => {
    const stored = responses();
    const backend = createMemoryBackend(await feedInput(), { feedbackResponses: stored, adminToken: ADMIN });
    const { root, el } = await mountResults({ backend, adminToken: ADMIN });
    await waitText(el, '60 réponses');
    const feed = await sampleFeed();
    const cycle = feed.type === 'cycle' ? feed : undefined;
    const form = cycle!.feedback[0]!;
    const expected: FeedbackSummary = summariseFeedback(form, stored, { cycle: cycle!, includeOpenAnswers: true });
    expect(el.summary).to.deep.equal(expected);

    const shown = sections(el);
    expect(shown).to.have.length(expected.criteria!.length + 1);
    expected.criteria!.forEach((c, i) => {
      const s = shown[i]!;
      expect(s.heading).to.equal(c.label);
      expect(s.mean).to.equal(`Moyenne : ${fr(c.mean!)} sur 5 (${c.count} réponses)`);
      expect(s.rows.map((r) => Number(r[1]))).to.deep.equal(c.distribution);
      expect(s.rows.map((r) => r[2])).to.deep.equal(c.distribution.map((n) => fr(n / c.count, { style: 'percent', maximumFractionDigits: 0 })));
      expect(s.rows[0]![0]).to.equal('1 — pas du tout satisfait·e');
      expect(s.caption).to.equal(`Répartition des réponses : ${c.label}`);
      // The chart is drawn from the same figures: the tallest bar is the most given answer.
      const max = Math.max(...c.distribution);
      expect(s.bars.map((h) => Math.round(h))).to.deep.equal(c.distribution.map((n) => Math.round((n / max) * 96)));
      expect(s.chartHidden).to.equal('true');
    });
    const reco = expected.recommendation!;
    const r = shown.at(-1)!;
    expect(r.mean).to.equal(`Note moyenne : ${fr(reco.mean!)} sur 10 (${reco.count} réponses)`);
    expect(r.rows.map((row) => Number(row[1]))).to.deep.equal(reco.distribution);
    expect(text(el)).to.contain(`Score de recommandation (NPS) : ${fr(reco.nps!, { maximumFractionDigits: 0, signDisplay: 'exceptZero' })}`);

    // Per communauté: the four shown groups' means, the group of 2 withheld, and the group of 5
    // withheld too, since showing it would give away the 2 by subtraction.
    const rows = breakdownRows(el, 'Par communauté de communes');
    expect(rows.map((row) => row.slice(0, 2))).to.deep.equal(expected.byOrganisation.map((g) => [g.label, String(g.count)]));
    expected.byOrganisation.forEach((g, i) => {
      if (g.withheld) return;
      expect(rows[i]!.slice(2, 2 + CRITERIA.length)).to.deep.equal(g.criteria!.map((c) => fr(c.mean!)));
    });
    const byCount = Object.fromEntries(rows.map((row) => [row[1], row[2]]));
    expect(byCount['2']).to.equal('non affiché : moins de 5 réponses');
    expect(byCount['5']).to.equal('non affiché : permettrait de déduire les réponses d’un petit groupe');
    expect(expected.byOrganisation.find((g) => g.count === 2)!.withheld).to.equal(true);
    await expect(root).to.be.accessible();
  });

  it('response rate: among the people asked (tokens issued), else among the people holding a seat; none without either', async () => {
    // 60 answers, 80 personal links sent: 75 %.
    const input = await feedInput({ public: true });
    input.feedback[0].access = 'token';
    const asked = createMemoryBackend(input, { feedbackResponses: responses() });
    asked.issueFeedbackTokens(CYCLE_ID, FORM_ID, 80);
    const withTokens = await mountResults({ backend: asked });
    await waitText(withTokens.el, '60 réponses');
    expect(withTokens.el.summary!.responseRate).to.equal(0.75);
    expect(text(withTokens.el)).to.contain(`60 réponses — taux de réponse : ${fr(0.75, { style: 'percent' })}`);

    // Anonymous: among the people holding a seat (4 confirmed, 1 waiting), 3 answers: 75 % again.
    const registration = (n: number, status: string) => ({
      id: `reg-${n}`,
      cycleId: CYCLE_ID,
      participant: { firstName: 'Agent', lastName: `N${n}`, email: `agent${n}@cc.example`, function: 'dgs', organisationId: 'cc-membre-3' },
      sessionIds: ['journee-4'],
      status,
      ...(status === 'waitlisted' ? { waitlistPosition: 1 } : {}),
      createdAt: '2025-01-10T10:00:00Z',
    });
    const seated = createMemoryBackend(await feedInput({ public: true }), {
      feedbackResponses: responses().slice(0, 3),
      registrations: [1, 2, 3, 4].map((n) => registration(n, 'confirmed')).concat([registration(5, 'waitlisted')]),
    });
    const withSeats = await mountResults({ backend: seated });
    await waitText(withSeats.el, '3 réponses');
    expect(withSeats.el.summary!.responseRate).to.equal(0.75);
    expect(text(withSeats.el)).to.contain(`3 réponses — taux de réponse : ${fr(0.75, { style: 'percent' })}`);

    // Neither tokens nor registrations: the count alone.
    const none = await mountResults({ backend: createMemoryBackend(await feedInput({ public: true }), { feedbackResponses: responses() }) });
    await waitText(none.el, '60 réponses');
    expect(none.el.summary!.responseRate).to.equal(undefined);
    expect(text(none.el)).not.to.contain('taux de réponse');
  });

  it('a group of 2 responses is withheld, and so is an overall total below the minimum', async () => {
    const few = createMemoryBackend(await feedInput({ public: true }), { feedbackResponses: responses(60).slice(58) });
    const { root, el } = await mountResults({ backend: few });
    await waitText(el, '2 réponses');
    expect(text(el)).to.contain('Moins de 5 réponses : les résultats ne sont pas affichés');
    expect(count(el, 'section.criterion')).to.equal(0);
    expect(text(el)).not.to.contain('Moyenne');
    await expect(root).to.be.accessible();
  });

  it('open answers are listed only when published', async () => {
    const hidden = await mountResults({ backend: createMemoryBackend(await feedInput({ public: true }), { feedbackResponses: responses() }) });
    await waitText(hidden.el, '60 réponses');
    expect(text(hidden.el)).to.contain('Les réponses aux questions ouvertes ne sont pas publiées.');
    expect(text(hidden.el)).not.to.contain('Suite proposée');

    const shown = await mountResults({
      backend: createMemoryBackend(await feedInput({ public: true, openAnswers: true }), { feedbackResponses: responses() }),
    });
    await waitText(shown.el, '60 réponses');
    const items = [...shadow(shown.el).querySelectorAll('ul.open li')].map((li) => allText(li));
    expect(items.slice(0, 3)).to.deep.equal(['Suite proposée n° 0', 'Suite proposée n° 14', 'Suite proposée n° 21']);
    expect(items).to.have.length(9);
  });

  it('CSV export: one file with the same figures, opened by a French spreadsheet; by keyboard', async () => {
    const files = captureDownloads();
    const stored = responses();
    const { el } = await mountResults({ backend: createMemoryBackend(await feedInput({ public: true }), { feedbackResponses: stored }) });
    await waitText(el, '60 réponses');
    const button = [...shadow(el).querySelectorAll('button')].find((b) => allText(b) === 'Télécharger les résultats (CSV)')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => files.length === 1, 'no CSV downloaded');
    expect(files[0]!.name).to.equal(`resultats-evaluation-${CYCLE_ID}-${FORM_ID}.csv`);
    const bytes = new Uint8Array(await files[0]!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = (await files[0]!.blob.text()).split('\r\n');
    expect(lines[0]).to.equal('Rubrique;Question;Réponse;Valeur');
    const feed = await sampleFeed();
    const form = feed.type === 'cycle' ? feed.feedback[0]! : undefined;
    const expected = summariseFeedback(form!, stored, { cycle: feed.type === 'cycle' ? feed : undefined });
    const contenus = expected.criteria![0]!;
    expect(lines).to.include(`Résultats;Les contenus de la formation;1 — pas du tout satisfait·e;${contenus.distribution[0]}`);
    expect(lines).to.include(`Résultats;Les contenus de la formation;moyenne;${fr(contenus.mean!, { useGrouping: false })}`);
    expect(lines.some((l) => l.includes('non affiché : moins de 5 réponses'))).to.equal(true);
  });

  it('print: buttons are left out of the printed page, charts and tables kept', async () => {
    const { el } = await mountResults({ backend: createMemoryBackend(await feedInput({ public: true }), { feedbackResponses: responses() }) });
    await waitText(el, '60 réponses');
    const actions = shadow(el).querySelector('.actions');
    expect(isShown(actions)).to.equal(true);
    await emulateMedia({ media: 'print' });
    try {
      expect(isShown(actions)).to.equal(false);
      expect(isShown(shadow(el).querySelector('svg.chart'))).to.equal(true);
      expect(isShown(shadow(el).querySelector('table'))).to.equal(true);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('English (lang="en" around it): from its first render, loading until every English word is here, never a French one; pass axe', async () => {
    // The first English element of this page: the shared words and the results' are fetched now,
    // each on its own. Every text the element shows on the way is recorded.
    const root = await mount(html`<div lang="en"></div>`);
    const el = document.createElement('fc-feedback-results') as FcFeedbackResults;
    el.backend = createMemoryBackend(await feedInput({ public: true }), { feedbackResponses: responses() });
    root.append(el);
    const shown: string[] = [];
    new MutationObserver(() => shown.push(text(el))).observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await waitText(el, '60 responses');
    shown.push(text(el));
    expect(shown[0]).to.equal('Loading the programme…');
    const strings = (o: object) => Object.values(o).filter((v): v is string => typeof v === 'string');
    const english = new Set(strings(resultsMessages('en', () => undefined)!));
    // The element's French words and the shared ones it uses (its loading and error states): whole
    // phrases (not « Autre », which the feed's « Autres remarques » holds), unless the same in English.
    const shared = Object.keys(enStates).map((k) => messagesFor('fr')[k as keyof typeof enStates]);
    const french = [...strings(resultsMessages('fr', () => undefined)!), ...strings(shared)].filter((w) => w.length >= 8 && !english.has(w));
    for (const snapshot of shown) expect(french.filter((w) => snapshot.includes(w)), snapshot).to.deep.equal([]);
    expect(text(el)).to.contain('By intermunicipal authority');
    expect(text(el)).to.match(/Mean: \d\.\d+ out of 5/);
    expect(text(el)).not.to.contain('Moyenne');
    await expect(root).to.be.accessible();
  });
});

function count(el: Element, selector: string): number {
  return shadow(el).querySelectorAll(selector).length;
}

