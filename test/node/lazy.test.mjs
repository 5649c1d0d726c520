// What dist/formacoop.min.js fetches on demand (dist/lazy/), in real headless Chromium under the
// strict CSP: a default page (French, a valid feed, the list) fetches none of it; the English words,
// the validation messages of an invalid feed and the month calendar each show a loading moment while
// they come, and a clear message — never a blank agenda — when they cannot be fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { createStaticServer, STRICT_CSP } from '../../scripts/static-server.mjs';
import { findChromium } from '../../scripts/chromium.mjs';

let server;
let browser;
let origin;

before(async () => {
  server = createStaticServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await puppeteer.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const SAMPLE = '/examples/management-par-la-cooperation.json';
const MALFORMED = '/test/fixtures/malformed-feed.json';

const SCRIPTS = {
  // What the README tells webmasters: the one file of every element.
  all: ['/dist/formacoop.min.js'],
  // The per-element files (docs/embedding.md): fc-cycle, then the agenda.
  cdn: ['/dist/cdn/fc-cycle.js', '/dist/cdn/fc-agenda.js'],
};

/**
 * Opens a page that embeds the bundle (`all`) or the per-element files (`cdn`), with `lazy` deciding
 * what becomes of each request for an on-demand file (dist/lazy/, dist/cdn/chunks/) whose name
 * starts with a key: 'hold' (answered when `release()` is called), 'fail' (the network fails), or
 * let through.
 */
async function open({ lang = 'fr', src = SAMPLE, lazy = {}, bundle = 'all', body = '<fc-agenda><p><a href="/programme.pdf">Programme (PDF)</a></p></fc-agenda>' }) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const fetched = [];
  const held = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url === `${origin}/lazy-test.html`) {
      return request.respond({
        status: 200,
        headers: { 'Content-Security-Policy': STRICT_CSP },
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>formacoop</title>
          ${SCRIPTS[bundle].map((file) => `<script type="module" src="${file}"></script>`).join('')}</head>
          <body><main><fc-cycle src="${src}">${body}</fc-cycle></main></body></html>`,
      });
    }
    const onDemand = url.includes('/dist/lazy/') || url.includes('/dist/cdn/chunks/');
    const name = url.slice(url.lastIndexOf('/') + 1);
    if (onDemand) fetched.push(name);
    const rule = onDemand ? Object.entries(lazy).find(([prefix]) => name.startsWith(`${prefix}-`))?.[1] : undefined;
    if (rule === 'fail') return request.abort('failed');
    if (rule === 'hold') return void held.push(request);
    return request.continue();
  });
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    window.__feedLoaded = false;
    document.addEventListener('fc-feed-loaded', () => (window.__feedLoaded = true));
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${origin}/lazy-test.html`);
  /** The agenda's shadow root, as text. */
  const text = () => page.evaluate(() => document.querySelector('fc-agenda')?.shadowRoot?.textContent.replace(/\s+/g, ' ') ?? '');
  const until = (fn, ...args) => page.waitForFunction(fn, { timeout: 10000 }, ...args);
  const release = async () => {
    for (const r of held.splice(0)) await r.continue();
  };
  const done = async () => {
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await page.close();
  };
  return { page, text, until, release, held, fetched, done };
}

/** Waits for a condition of this process (polled; fails after 10 s). */
async function waitFor(condition, message) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(condition(), message);
}

const sessionsShown = () => document.querySelector('fc-agenda')?.shadowRoot?.querySelectorAll('li.session').length >= 6;
const agendaSays = (words) => document.querySelector('fc-agenda')?.shadowRoot?.textContent.includes(words);

test('a French page with a valid feed shows the list without fetching anything on demand', async () => {
  const p = await open({});
  await p.until(sessionsShown);
  assert.match(await p.text(), /mercredi 14 mai 2025/);
  assert.deepEqual(p.fetched, []);
  await p.done();
});

test('with the per-element files too: the agenda fetches only its static chunks, nothing on demand', async () => {
  const p = await open({ bundle: 'cdn' });
  await p.until(sessionsShown);
  assert.deepEqual(
    p.fetched.filter((f) => /^(messages|ui\.en|agenda-calendar|ics|jsonld|http)-/.test(f)),
    [],
  );
  await p.done();
});

test('the month calendar: a loading line while its code comes, then the calendar', async () => {
  const p = await open({ lazy: { 'agenda-calendar': 'hold' } });
  await p.until(sessionsShown);
  await p.page.evaluate(() => [...document.querySelector('fc-agenda').shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Calendrier').click());
  await p.until(agendaSays, 'Chargement du calendrier…');
  assert.equal(p.held.length, 1);
  await p.release();
  await p.until(() => document.querySelector('fc-agenda').shadowRoot.querySelector('table'));
  assert.match(await p.text(), /Juin 2025/);
  await p.done();
});

test('the month calendar that cannot be fetched says so, and the list stays', async () => {
  const p = await open({ lazy: { 'agenda-calendar': 'fail' } });
  await p.until(sessionsShown);
  await p.page.evaluate(() => [...document.querySelector('fc-agenda').shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Calendrier').click());
  await p.until(agendaSays, "Le calendrier n'a pas pu être chargé");
  assert.equal(await p.page.evaluate(() => document.querySelector('fc-agenda').shadowRoot.querySelector('[role="alert"]')?.textContent.includes('calendrier')), true);
  await p.page.evaluate(() => [...document.querySelector('fc-agenda').shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Liste').click());
  await p.until(sessionsShown);
  await p.done();
});

test('in English: the loading state in English until the English words come, never French words', async () => {
  const p = await open({ lang: 'en', lazy: { 'ui.en': 'hold' } });
  await p.until(agendaSays, 'Loading the programme…');
  // The feed is there (fc-cycle said so), the words are not yet: still loading, in English.
  await p.until(() => window.__feedLoaded);
  await p.page.evaluate(() => document.querySelector('fc-agenda').updateComplete);
  assert.equal(p.held.length, 1);
  const waiting = await p.text();
  assert.match(waiting, /Loading the programme…/);
  assert.doesNotMatch(waiting, /Chargement|Journée|mercredi/);
  await p.release();
  await p.until(sessionsShown);
  const text = await p.text();
  assert.match(text, /Wednesday,? 14 May 2025/);
  assert.match(text, /Add to my calendar/);
  assert.doesNotMatch(text, /Ajouter à mon agenda/);
  await p.done();
});

test('in English, when the English words cannot be fetched: the agenda in French, and a note that says why', async () => {
  const p = await open({ lang: 'en', lazy: { 'ui.en': 'fail' } });
  await p.until(sessionsShown);
  const text = await p.text();
  assert.match(text, /The English texts could not be loaded/);
  assert.match(text, /Ajouter à mon agenda/);
  await p.done();
});

test('in English, when an element\'s own English words cannot be fetched: French, and the same note', async () => {
  const p = await open({ lang: 'en', lazy: { 'messages.en': 'fail' }, body: '<fc-registration-form></fc-registration-form><fc-feedback-results></fc-feedback-results>' });
  const shadowText = (tag) => document.querySelector(tag)?.shadowRoot?.textContent.replace(/\s+/g, ' ') ?? '';
  for (const tag of ['fc-registration-form', 'fc-feedback-results']) {
    await p.until((tag, words) => (document.querySelector(tag)?.shadowRoot?.textContent ?? '').includes(words), tag, 'The English texts could not be loaded');
    const text = await p.page.evaluate(shadowText, tag);
    assert.match(text, /this part of the page is shown in French/, tag);
  }
  assert.match(await p.page.evaluate(shadowText, 'fc-registration-form'), /inscriptions? /i);
  assert.match(await p.page.evaluate(shadowText, 'fc-feedback-results'), /Résultats|organisat/);
  await p.done();
});

// The per-element agenda: formacoop.min.js has the validation messages in it (the forms validate
// what a person types on the spot), the agenda alone fetches them for an invalid feed only.
test('an invalid feed: loading until its messages come, then each path and what is wrong', async () => {
  const p = await open({ bundle: 'cdn', src: MALFORMED, lazy: { messages: 'hold' } });
  await p.until(() => document.querySelector('fc-agenda')?.shadowRoot?.textContent.includes('Chargement du programme…'));
  // The feed has been read and found invalid: its messages are asked for, and held.
  await waitFor(() => p.held.length === 1, 'the messages were never asked for');
  assert.match(await p.text(), /Chargement du programme…/);
  await p.release();
  await p.until(() => document.querySelector('fc-agenda')?.shadowRoot?.querySelector('[role="alert"] li'));
  const items = await p.page.evaluate(() => [...document.querySelector('fc-agenda').shadowRoot.querySelectorAll('[role="alert"] li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.match(items[0], /^sessions\[0\]\.date\.date — date invalide/);
  assert.match(items[1], /^sessions\[1\]\.venueId — référence inconnue/);
  await p.done();
});

test('an invalid feed whose messages cannot be fetched still names each path and the rule it breaks', async () => {
  const p = await open({ bundle: 'cdn', src: MALFORMED, lazy: { messages: 'fail' } });
  await p.until(() => document.querySelector('fc-agenda')?.shadowRoot?.querySelector('[role="alert"] li'));
  const items = await p.page.evaluate(() => [...document.querySelector('fc-agenda').shadowRoot.querySelectorAll('[role="alert"] li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.match(items[0], /^sessions\[0\]\.date\.date — invalide \(règle « local_date »/);
  assert.match(items[1], /^sessions\[1\]\.venueId — invalide \(règle « unknown_ref »/);
  await p.done();
});
