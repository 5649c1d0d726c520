/**
 * The four states every formacoop element shows — loading, empty, error, ready — checked the same
 * way for each element, in French and English, each passing axe.
 *
 * An element's test calls {@link statesSuite} with a way to mount it (alone, or inside an
 * `<fc-cycle>`) on a given source, with the page's own fallback content inside it.
 */
import { expect } from '@open-wc/testing';
import type { Feed } from '../../src/index.js';
import type { Backend } from '../../src/backend/backend.js';
import {
  SAMPLE_URL,
  allText,
  deferredBackend,
  emptyFeed,
  isShown,
  SLOW_PAGE_TIMEOUT,
  restoreGlobals,
  sampleFeed,
  shadow,
  stateOf,
  visibleText,
  waitForState,
} from './helpers.js';

/** Where the element gets its feed (one of them). */
export interface FeedSourceInput {
  readonly src?: string;
  readonly data?: Feed;
  readonly backend?: Backend;
}

export interface Mounted {
  /** What was put in the page (axe checks it whole). */
  readonly root: HTMLElement;
  /** The element whose shadow root shows the state. */
  readonly view: HTMLElement;
  /** The page's content inside the element (a link to the programme in PDF). */
  readonly fallback: HTMLElement;
}

export interface StatesSuiteOptions {
  /** Mounts the element on `source`, with `lang` on an ancestor when given. */
  mount(source: FeedSourceInput, options?: { lang?: string }): Promise<Mounted>;
  /** What the empty state says, in French. */
  readonly emptyText: RegExp;
  /** Something the ready state shows of the sample feed (its title, a session). */
  readonly readyText: RegExp;
}

const MALFORMED_URL = '/test/fixtures/malformed-feed.json';
const MISSING_URL = '/test/fixtures/there-is-no-such-feed.json';

export function statesSuite(name: string, options: StatesSuiteOptions): void {
  const { mount } = options;

  describe(`${name}: the four states`, function () {
    this.timeout(SLOW_PAGE_TIMEOUT);
    afterEach(restoreGlobals);

    it('loading: says so, keeps the page’s fallback content visible, passes axe, then becomes ready', async () => {
      const slow = deferredBackend();
      const { root, view, fallback } = await mount({ backend: slow.backend });
      await waitForState(view, 'loading');
      const status = shadow(view).querySelector('[role="status"]');
      expect(isShown(status)).to.equal(true);
      expect(visibleText(shadow(view))).to.contain('Chargement du programme…');
      expect(isShown(fallback), 'fallback content visible while loading').to.equal(true);
      expect(visibleText(fallback)).to.contain('Programme complet (PDF)');
      await expect(root).to.be.accessible();

      slow.resolve(await sampleFeed());
      await waitForState(view, 'ready');
      expect(visibleText(shadow(view))).to.match(options.readyText);
      expect(isShown(fallback), 'fallback content hidden once ready').to.equal(false);
      expect(slow.calls).to.equal(1);
    });

    it('empty: a feed without sessions says so (never a blank element), passes axe', async () => {
      const { root, view } = await mount({ data: emptyFeed() });
      await waitForState(view, 'empty');
      const empty = shadow(view).querySelector('.state.empty');
      expect(isShown(empty)).to.equal(true);
      expect(visibleText(shadow(view))).to.match(options.emptyText);
      await expect(root).to.be.accessible();
    });

    it('error: a feed that cannot be fetched names its URL and the HTTP status, passes axe', async () => {
      const { root, view, fallback } = await mount({ src: MISSING_URL });
      await waitForState(view, 'error');
      const alert = shadow(view).querySelector('[role="alert"]');
      expect(isShown(alert)).to.equal(true);
      const message = visibleText(alert!);
      expect(message).to.contain(new URL(MISSING_URL, document.baseURI).href);
      expect(message).to.contain('erreur 404');
      expect(isShown(fallback), 'fallback content visible with the error').to.equal(true);
      await expect(root).to.be.accessible();
    });

    it('error: a malformed feed names the path of each wrong field and what is wrong, passes axe', async () => {
      const { root, view } = await mount({ src: MALFORMED_URL });
      await waitForState(view, 'error');
      const alert = shadow(view).querySelector('[role="alert"]')!;
      const message = visibleText(alert);
      expect(message).to.contain(new URL(MALFORMED_URL, document.baseURI).href);
      const items = [...alert.querySelectorAll('li')].map((li) => visibleText(li));
      expect(items).to.have.length(2);
      expect(items[0]).to.match(/^sessions\[0\]\.date\.date — date invalide/);
      expect(items[1]).to.match(/^sessions\[1\]\.venueId — référence inconnue : aucun lieu n'a l'identifiant « salle-inconnue »/);
      await expect(root).to.be.accessible();
    });

    it('error: a file that is not JSON says so', async () => {
      const { view } = await mount({ src: '/test/fixtures/not-json.json' });
      await waitForState(view, 'error');
      expect(visibleText(shadow(view))).to.contain("le fichier n'est pas du JSON valide");
    });

    it('ready: shows the sample feed, hides the fallback, passes axe', async () => {
      const { root, view, fallback } = await mount({ src: SAMPLE_URL });
      await waitForState(view, 'ready');
      expect(visibleText(shadow(view))).to.match(options.readyText);
      expect(isShown(fallback)).to.equal(false);
      await expect(root).to.be.accessible();
    });

    it('English (lang="en" around it): loading, error and ready speak English, pass axe', async () => {
      const slow = deferredBackend();
      const loading = await mount({ backend: slow.backend }, { lang: 'en' });
      await waitForState(loading.view, 'loading');
      expect(visibleText(shadow(loading.view))).to.contain('Loading the programme…');
      await expect(loading.root).to.be.accessible();
      slow.resolve(await sampleFeed());
      await waitForState(loading.view, 'ready');
      expect(allText(shadow(loading.view))).not.to.contain('Chargement');
      await expect(loading.root).to.be.accessible();

      const failed = await mount({ src: MALFORMED_URL }, { lang: 'en' });
      await waitForState(failed.view, 'error');
      const message = visibleText(shadow(failed.view));
      expect(message).to.contain('The programme file');
      expect(message).to.contain('has 2 errors');
      // Validation messages in the page's language too.
      expect(message).to.match(/sessions\[0\]\.date\.date — invalid date/i);
      await expect(failed.root).to.be.accessible();
    });

    it('is never blank: whatever the source, one of the four states shows', async () => {
      for (const source of [{ src: SAMPLE_URL }, { src: MISSING_URL }, { data: emptyFeed() }] as FeedSourceInput[]) {
        const { view } = await mount(source);
        await waitForState(view, source.data ? 'empty' : source.src === MISSING_URL ? 'error' : 'ready');
        expect(stateOf(view)).not.to.equal('blank');
      }
    });
  });
}
