import { html, expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/elements.js';
import type { FcAgenda, FcCycle, FeedErrorEvent, FeedLoadedEvent } from '../../src/elements.js';
import { FeedLoadError } from '../../src/backend/static-feed.js';
import { statesSuite, type FeedSourceInput, type Mounted } from './states-suite.js';
import {
  SAMPLE_URL,
  countFetches,
  deepActiveElement,
  emptyFeed,
  isShown,
  mount,
  SLOW_PAGE_TIMEOUT,
  restoreGlobals,
  until,
  sampleFeed,
  shadow,
  visibleText,
  waitForState,
} from './helpers.js';

const PHOTOS_URL = '/test/fixtures/photos-feed.json';
const MISSING_URL = '/test/fixtures/there-is-no-such-feed.json';

/** An agenda that shows what its `<fc-cycle>` loaded: the states are the cycle's. */
async function mountInCycle(source: FeedSourceInput, options: { lang?: string } = {}): Promise<Mounted> {
  const root = await mount(html`<div lang=${ifDefined(options.lang)}>
    <fc-cycle .src=${source.src} .data=${source.data} .backend=${source.backend}>
      <fc-agenda><a class="fallback" href="/programme.pdf">Programme complet (PDF)</a></fc-agenda>
    </fc-cycle>
  </div>`);
  const view = root.querySelector('fc-agenda')!;
  return { root, view, fallback: view.querySelector<HTMLElement>('a.fallback')! };
}

const sessionCount = (agenda: FcAgenda) => shadow(agenda).querySelectorAll('li.session').length;
const titleOf = (agenda: FcAgenda) => visibleText(shadow(agenda).querySelector('.cycle-title')!);

statesSuite('<fc-agenda> inside <fc-cycle>', {
  mount: mountInCycle,
  emptyText: /Ce cycle n'a pas encore de sessions\./,
  readyText: /Management par la Coopération.*6 sessions/,
});

describe('<fc-cycle>', function () {
  this.timeout(SLOW_PAGE_TIMEOUT);
  afterEach(restoreGlobals);

  it('loads its feed once for every agenda inside it, and says so with fc-feed-loaded', async () => {
    const requests = countFetches();
    const loaded: FeedLoadedEvent[] = [];
    const root = await mount(html`<div @fc-feed-loaded=${(e: FeedLoadedEvent) => loaded.push(e)}>
      <fc-cycle src=${SAMPLE_URL}>
        <h2>Les journées</h2>
        <fc-agenda heading-level="3"></fc-agenda>
        <section><fc-agenda heading-level="3" url-prefix="b-"></fc-agenda></section>
      </fc-cycle>
    </div>`);
    const [a, b] = [...root.querySelectorAll('fc-agenda')] as [FcAgenda, FcAgenda];
    await waitForState(a, 'ready');
    await waitForState(b, 'ready');
    expect(requests.filter((u) => u.endsWith(SAMPLE_URL))).to.have.length(1);
    expect(requests).to.have.length(1);
    expect(sessionCount(a)).to.equal(6);
    expect(sessionCount(b)).to.equal(6);
    expect(titleOf(b)).to.equal('Management par la Coopération');
    // The page's own content inside <fc-cycle> stays where it is.
    expect(isShown(root.querySelector('h2'))).to.equal(true);
    expect(loaded.length).to.equal(1);
    expect(loaded[0]!.detail.feed.type === 'cycle' && loaded[0]!.detail.feed.id).to.equal('management-par-la-cooperation');
    expect(loaded[0]!.bubbles && loaded[0]!.composed).to.equal(true);
    const cycle = root.querySelector('fc-cycle')!;
    expect(cycle.state.status).to.equal('ready');
    // Two agendas of the same cycle repeat the same « Filtrer les sessions » search landmark (reported,
    // not something a page with one agenda per cycle meets); everything else must pass.
    await expect(root).to.be.accessible({ ignoredRules: ['landmark-unique'] });
  });

  it('fires fc-feed-error and shows the error, naming the URL, in every agenda', async () => {
    const root = await mount(html`<div>
      <fc-cycle><fc-agenda></fc-agenda><fc-agenda></fc-agenda></fc-cycle>
    </div>`);
    const cycle = root.querySelector('fc-cycle')!;
    const failed = oneEvent(root, 'fc-feed-error') as Promise<FeedErrorEvent>;
    cycle.src = MISSING_URL;
    const { detail } = await failed;
    expect(detail.error instanceof FeedLoadError).to.equal(true);
    const url = new URL(MISSING_URL, document.baseURI).href;
    expect((detail.error as FeedLoadError).url).to.equal(url);
    for (const agenda of root.querySelectorAll('fc-agenda')) {
      await waitForState(agenda, 'error');
      const alert = shadow(agenda).querySelector('[role="alert"]')!;
      expect(visibleText(alert)).to.contain(url);
      expect(visibleText(alert)).to.contain('erreur 404');
    }
    await expect(root).to.be.accessible();
  });

  it('takes .data instead of src: no request at all', async () => {
    const requests = countFetches();
    const feed = await sampleFeed();
    const root = await mount(html`<div><fc-cycle .data=${feed}><fc-agenda></fc-agenda></fc-cycle></div>`);
    const agenda = root.querySelector('fc-agenda')!;
    await waitForState(agenda, 'ready');
    expect(sessionCount(agenda)).to.equal(6);
    expect(requests).to.deep.equal([]);
  });

  it('takes .backend instead of src: one loadFeed for all its agendas', async () => {
    const feed = await sampleFeed();
    let calls = 0;
    const backend = { loadFeed: async () => (calls++, feed) };
    const root = await mount(html`<div>
      <fc-cycle .backend=${backend}><fc-agenda></fc-agenda><fc-agenda></fc-agenda><fc-agenda></fc-agenda></fc-cycle>
    </div>`);
    for (const agenda of root.querySelectorAll('fc-agenda')) await waitForState(agenda, 'ready');
    expect(calls).to.equal(1);
  });

  it('lets an agenda with its own src show its own feed', async () => {
    const requests = countFetches();
    const root = await mount(html`<div>
      <fc-cycle src=${SAMPLE_URL}>
        <fc-agenda></fc-agenda>
        <fc-agenda src=${PHOTOS_URL} url-prefix="own-"></fc-agenda>
      </fc-cycle>
    </div>`);
    const [shared, own] = [...root.querySelectorAll('fc-agenda')] as [FcAgenda, FcAgenda];
    await waitForState(shared, 'ready');
    await waitForState(own, 'ready');
    expect(titleOf(shared)).to.equal('Management par la Coopération');
    expect(titleOf(own)).to.equal('Un cycle passé, avec son retour en images');
    expect(requests).to.have.length(2);
  });

  it('reloads when its src changes, and its agendas follow', async () => {
    const loaded: FeedLoadedEvent[] = [];
    const root = await mount(html`<div @fc-feed-loaded=${(e: FeedLoadedEvent) => loaded.push(e)}>
      <fc-cycle src=${SAMPLE_URL}><fc-agenda></fc-agenda></fc-cycle>
    </div>`);
    const cycle = root.querySelector('fc-cycle')!;
    const agenda = root.querySelector('fc-agenda')!;
    await waitForState(agenda, 'ready');
    cycle.src = PHOTOS_URL;
    await until(() => shadow(agenda).querySelector('.cycle-title') && titleOf(agenda) === 'Un cycle passé, avec son retour en images', 'the agenda kept the old feed');
    expect(sessionCount(agenda)).to.equal(2);
    expect(loaded.map((e) => (e.detail.feed.type === 'cycle' ? e.detail.feed.id : ''))).to.deep.equal(['management-par-la-cooperation', 'retour-en-images']);
  });

  it('gives an empty feed to its agendas as the empty state', async () => {
    const root = await mount(html`<div><fc-cycle .data=${emptyFeed()}><fc-agenda></fc-agenda></fc-cycle></div>`);
    const agenda = root.querySelector('fc-agenda')!;
    await waitForState(agenda, 'empty');
    expect(visibleText(shadow(agenda))).to.contain("Ce cycle n'a pas encore de sessions.");
  });

  it('follows lang on an ancestor for its agendas', async () => {
    const { view } = await mountInCycle({ src: SAMPLE_URL }, { lang: 'en' });
    await waitForState(view, 'ready');
    expect(visibleText(shadow(view))).to.contain('Elected officials invited');
  });

  it('keyboard: « Réessayer » (Tab, Enter) in an agenda reloads the cycle’s feed once for all', async () => {
    const feed = await sampleFeed();
    let calls = 0;
    const backend = {
      loadFeed: async () => {
        calls++;
        if (calls === 1) throw new FeedLoadError('network', 'https://cms.example.org/formation.json');
        return feed;
      },
    };
    const root = await mount(html`<div>
      <button id="before">Avant</button>
      <fc-cycle .backend=${backend}><fc-agenda></fc-agenda><fc-agenda></fc-agenda></fc-cycle>
    </div>`);
    const cycle: FcCycle = root.querySelector('fc-cycle')!;
    const [a, b] = [...root.querySelectorAll('fc-agenda')] as [FcAgenda, FcAgenda];
    await waitForState(a, 'error');
    expect(visibleText(shadow(a))).to.contain('https://cms.example.org/formation.json');
    expect(visibleText(shadow(a))).to.contain('le serveur ne répond pas');
    root.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    const retry = deepActiveElement()!;
    expect(retry.localName).to.equal('button');
    expect(visibleText(retry)).to.equal('Réessayer');
    expect(a.shadowRoot!.contains(retry)).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitForState(a, 'ready');
    await waitForState(b, 'ready');
    expect(calls).to.equal(2);
    expect(cycle.state.status).to.equal('ready');
    expect(sessionCount(b)).to.equal(6);
  });
});
