import { expect } from '@open-wc/testing';
import { FeedLoadError, createStaticFeedBackend } from '../../src/index.js';

const MISSING_URL = '/test/fixtures/there-is-no-such-feed.json';
const NOT_JSON_URL = '/test/fixtures/not-json.json';
const MALFORMED_URL = '/test/fixtures/malformed-feed.json';

const blobUrls: string[] = [];
function jsonUrl(text: string): string {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  blobUrls.push(url);
  return url;
}
afterEach(() => blobUrls.splice(0).forEach((u) => URL.revokeObjectURL(u)));

async function loadError(url: string, options?: Parameters<typeof createStaticFeedBackend>[1]): Promise<FeedLoadError> {
  try {
    await createStaticFeedBackend(url, options).loadFeed();
  } catch (e) {
    expect(e).to.be.instanceOf(FeedLoadError);
    return e as FeedLoadError;
  }
  throw new Error(`expected ${url} to fail`);
}

describe('backend/static-feed', () => {
  it('loads and validates a feed published as a JSON file', async () => {
    const url = jsonUrl(JSON.stringify({ formatVersion: 1, type: 'cycle', id: 'c', title: 'Cycle', audience: { kinds: ['agents'] } }));
    const backend = createStaticFeedBackend(url);
    expect(backend.url).to.equal(url);
    const feed = await backend.loadFeed();
    expect([feed.type, feed.type === 'cycle' && feed.id, feed.type === 'cycle' && feed.registration.status]).to.deep.equal(['cycle', 'c', 'closed']);
  });

  it('reports a 404 as an http failure with the url and status', async () => {
    const error = await loadError(MISSING_URL);
    expect([error.kind, error.url, error.status]).to.deep.equal(['http', MISSING_URL, 404]);
    expect(error.message).to.equal(`Could not load ${MISSING_URL} (http 404)`);
  });

  it('reports a file that is not JSON as not-json', async () => {
    for (const url of [NOT_JSON_URL, jsonUrl('{ "formatVersion": 1,')]) {
      const error = await loadError(url);
      expect([error.kind, error.url]).to.deep.equal(['not-json', url]);
    }
  });

  it('reports an invalid feed with the path of each issue, in the requested language', async () => {
    const fr = await loadError(MALFORMED_URL);
    expect([fr.kind, fr.url, fr.status]).to.deep.equal(['invalid-feed', MALFORMED_URL, 200]);
    expect(fr.issues.map((i) => i.path)).to.deep.equal(['sessions[0].date.date', 'sessions[1].venueId']);
    expect(fr.issues[0]!.message).to.equal('date invalide : une date réelle au format AAAA-MM-JJ est attendue');
    const en = await loadError(MALFORMED_URL, { locale: 'en' });
    expect(en.message).to.match(/^Invalid feed at \/test\/fixtures\/malformed-feed\.json: sessions\[0\]\.date\.date: invalid date/);
  });

  it('reports a fetch that fails as a network failure, but lets an abort through as it is', async () => {
    const failing = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const network = await loadError('https://example.org/feed.json', { fetch: failing });
    expect([network.kind, network.url, network.status]).to.deep.equal(['network', 'https://example.org/feed.json', undefined]);

    const controller = new AbortController();
    controller.abort();
    let aborted: unknown;
    try {
      await createStaticFeedBackend(MALFORMED_URL).loadFeed({ signal: controller.signal });
    } catch (e) {
      aborted = e;
    }
    expect(aborted).not.to.be.instanceOf(FeedLoadError);
    expect((aborted as DOMException).name).to.equal('AbortError');
  });
});
