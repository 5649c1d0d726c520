// The registration form end to end: the built bundle on the demo's registration page, served under a
// strict Content-Security-Policy, in real headless Chromium, against the reference server. What
// counts is what the organiser gets: the admin CSV export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, startDemoSite } from './demo-site.mjs';

const CYCLE = 'management-par-la-cooperation-exemple-2027';
const ADMIN_TOKEN = 'a-long-enough-admin-token-for-the-e2e-test';
const FORM = 'fc-registration-form';

let demo;
let apiOrigin;
let browser;
let origin;

before(async () => {
  demo = await startDemoSite({
    adminToken: ADMIN_TOKEN,
    // Puppeteer fills the form in well under the 3 s a person needs: the anti-bot timer is for people.
    minFillMs: 0,
    // The waitlist test fills the 40 seats through the API first: more writes than a person makes.
    rateLimit: 0,
  });
  ({ origin, apiOrigin } = demo);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The registrations as the organiser exports them. */
async function csvRows() {
  const res = await fetch(`${apiOrigin}/api/admin/cycles/${CYCLE}/registrations.csv`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(res.status, 200);
  return (await res.text()).trim().split(/\r?\n/);
}

/** The registration page, watched for CSP violations, page errors and third-party requests. */
async function openPage() {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('net::ERR_CONNECTION_RESET') && problems.push(`console: ${m.text()}`));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, problems, requests };
}

const field = (name) => `${FORM} >>> [id="f-${name}"]`;

async function fillForm(page, email) {
  await page.waitForSelector(field('participant.firstName'), { timeout: 10000 });
  await page.type(field('participant.firstName'), 'Anne');
  await page.type(field('participant.lastName'), 'Martin');
  await page.type(field('participant.email'), email);
  await page.select(field('participant.function'), 'head-of-department');
  await page.select(field('participant.organisationId'), 'cc-carmausin-segala');
}

const outcome = (page) =>
  page.waitForFunction(() => document.querySelector('fc-registration-form')?.shadowRoot?.querySelector('.outcome')?.textContent.replace(/\s+/g, ' ').trim(), { timeout: 20000 }).then((h) => h.jsonValue());

test('a registration through the built element, on a strict-CSP page, lands in the admin CSV', async () => {
  const { page, problems, requests } = await openPage();
  await page.goto(`${origin}/demo/inscription.html`, { waitUntil: 'networkidle0' });
  // « S'inscrire » of day 5 in the agenda above chooses that day in the form, on the same page.
  await page.waitForFunction(() => document.querySelector('fc-agenda')?.shadowRoot?.querySelectorAll('a[part="register"]').length >= 5, { timeout: 10000 });
  await page.waitForSelector(field('participant.firstName'), { timeout: 10000 });
  const url = page.url();
  await page.evaluate(() => [...document.querySelector('fc-agenda').shadowRoot.querySelectorAll('a[part="register"]')].find((a) => a.href.includes('journee-5')).click());
  assert.equal(page.url(), url);
  assert.equal(await page.evaluate(() => document.querySelector('fc-registration-form').shadowRoot.activeElement?.dataset.focus), 'title');
  await fillForm(page, 'anne.martin@carmausin-segala.fr');
  await page.$eval(`${FORM} >>> [id="f-accessNeeds"]`, (t) => t.focus());
  await page.keyboard.type('Accès de plain-pied');
  await page.click(`${FORM} >>> button[type="submit"]`);
  const text = await outcome(page);
  assert.match(text, /Inscription confirmée/);
  const rows = await csvRows();
  const mine = rows.filter((r) => r.includes('anne.martin@carmausin-segala.fr'));
  assert.equal(mine.length, 1, rows.join('\n'));
  assert.match(mine[0], /Accès de plain-pied/);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith(apiOrigin) && !u.startsWith('data:')), []);
  await page.close();
});

test('the network cut during submit (the server stored it, the answer never came): retried with its key, stored once', async () => {
  const { page } = await openPage();
  await page.setRequestInterception(true);
  let cut = 0;
  const keys = [];
  page.on('request', async (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/api/cycles/${CYCLE}/registrations`)) {
      keys.push(request.headers()['idempotency-key']);
      if (cut === 0) {
        cut++;
        // The request reaches the server, which stores the registration; then the connection drops.
        const headers = Object.fromEntries(Object.entries(request.headers()).filter(([k]) => ['content-type', 'idempotency-key', 'accept-language'].includes(k)));
        const res = await fetch(request.url(), { method: 'POST', headers, body: request.postData() });
        assert.ok(res.status === 201 || res.status === 200, `the server answered ${res.status}`);
        return request.abort('connectionreset');
      }
    }
    return request.continue();
  });
  await page.goto(`${origin}/demo/inscription.html`, { waitUntil: 'networkidle0' });
  await fillForm(page, 'paul.durand@cc-membre-3.fr');
  await page.click(`${FORM} >>> button[type="submit"]`);
  const text = await outcome(page);
  assert.match(text, /Inscription confirmée/);
  assert.equal(cut, 1);
  assert.ok(keys.length >= 2, `retried: ${keys.length} request(s)`);
  assert.equal(new Set(keys).size, 1, 'one Idempotency-Key across the retries');
  const mine = (await csvRows()).filter((r) => r.includes('paul.durand@cc-membre-3.fr'));
  assert.equal(mine.length, 1);
  await page.close();
});

const statusText = (page) => page.evaluate(() => document.querySelector('fc-registration-form').shadowRoot.querySelector('[part="status"]')?.textContent.replace(/\s+/g, ' ').trim() ?? '');
const waitQueued = (page) =>
  page.waitForFunction(() => /retour de la connexion/.test(document.querySelector('fc-registration-form').shadowRoot.querySelector('[part="status"]')?.textContent ?? ''), { timeout: 15000 });

test('offline → queued, said so → online → stored once; a page closed while queued → the next one sends it, once', async () => {
  // The same browser profile keeps localStorage across pages, as a person's browser does.
  const { page } = await openPage();
  await page.goto(`${origin}/demo/inscription.html`, { waitUntil: 'networkidle0' });
  await fillForm(page, 'hors.ligne@cc-membre-3.fr');
  await page.setOfflineMode(true);
  await page.click(`${FORM} >>> button[type="submit"]`);
  await waitQueued(page);
  assert.match(await statusText(page), /votre inscription est gardée sur cet appareil et sera envoyée dès le retour de la connexion/);
  await page.click(`${FORM} >>> button[type="submit"]`); // a second click while queued sends nothing more
  assert.equal((await csvRows()).filter((r) => r.includes('hors.ligne@cc-membre-3.fr')).length, 0);
  await page.setOfflineMode(false);
  assert.match(await outcome(page), /Inscription confirmée/);
  assert.equal((await csvRows()).filter((r) => r.includes('hors.ligne@cc-membre-3.fr')).length, 1);
  await page.close();

  // The page goes away while offline; back online, the page is loaded again in the same tab. Puppeteer lifts its
  // offline emulation as the page navigates away, before `pagehide`: the leaving page gets an
  // `online` event and sends (checked with a probe page). A person's real network does
  // not come back with a navigation, so the registration requests are also cut at the network level.
  const { page: next } = await openPage();
  let cut = false;
  await next.setRequestInterception(true);
  next.on('request', (r) => (cut && r.method() === 'POST' && r.url().includes('/registrations') ? r.abort('internetdisconnected') : r.continue()));
  await next.goto(`${origin}/demo/inscription.html`, { waitUntil: 'networkidle0' });
  await fillForm(next, 'fermee.hors.ligne@cc-membre-3.fr');
  cut = true;
  await next.setOfflineMode(true);
  await next.click(`${FORM} >>> button[type="submit"]`);
  await waitQueued(next);
  await next.goto('about:blank');
  assert.equal((await csvRows()).filter((r) => r.includes('fermee.hors.ligne@cc-membre-3.fr')).length, 0);
  cut = false;
  await next.setOfflineMode(false);
  await next.goto(`${origin}/demo/inscription.html`, { waitUntil: 'networkidle0' });
  assert.match(await outcome(next), /Inscription confirmée.*fermee\.hors\.ligne@cc-membre-3\.fr/);
  assert.equal((await csvRows()).filter((r) => r.includes('fermee.hors.ligne@cc-membre-3.fr')).length, 1);
  assert.equal(await next.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('formacoop:outbox:')).length), 0);
  await next.close();
});

test('41st registrant of the 40-seat cycle → the form offers the waiting list → waitlisted, position 1 (also in the CSV)', async () => {
  const seats = async () => (await (await fetch(`${apiOrigin}/api/cycles/${CYCLE}/availability`)).json()).confirmed;
  for (let i = await seats(); i < 40; i++) {
    const res = await fetch(`${apiOrigin}/api/cycles/${CYCLE}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `seed-${i}-${Date.now()}` },
      body: JSON.stringify({ participant: { firstName: 'Place', lastName: `${i}`, email: `place.${i}@cc-membre-3.fr`, function: 'dgs', organisationId: 'cc-membre-3' }, sessionIds: ['journee-1'] }),
    });
    assert.equal(res.status, 201, await res.text());
  }
  assert.equal(await seats(), 40);
  const { page, problems } = await openPage();
  await page.goto(`${origin}/demo/inscription.html`, { waitUntil: 'networkidle0' });
  await fillForm(page, 'quarante.et.un@cc-membre-3.fr');
  assert.equal(await page.$eval(`${FORM} >>> button[type="submit"]`, (b) => b.textContent.trim()), 'M’inscrire sur la liste d’attente');
  await page.click(`${FORM} >>> button[type="submit"]`);
  assert.match(await outcome(page), /vous êtes en position 1 sur la liste d’attente/);
  const mine = (await csvRows()).filter((r) => r.includes('quarante.et.un@cc-membre-3.fr'));
  assert.equal(mine.length, 1);
  assert.match(mine[0], /;1;/);
  assert.deepEqual(problems, []);
  await page.close();
});
