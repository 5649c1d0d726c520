// The evaluation end to end: the built elements on the demo's evaluation page (strict CSP) against
// the real server, in headless Chromium. The server keeps one response per participant token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCycle, summariseFeedback } from 'formacoop';
import { launchChromium, startDemoSite } from './demo-site.mjs';
import { exampleFeedback } from '../../scripts/example-feedback.mjs';

const CYCLE = 'management-par-la-cooperation-exemple-2027';
// The sample cycle: anonymous questionnaire, results for the organisers only.
const SAMPLE = 'management-par-la-cooperation';
const SAMPLE_FILE = 'examples/management-par-la-cooperation.json';
const FORM = 'evaluation-cycle';
const ADMIN = 'a-long-enough-admin-token-for-the-test';

let dir;
let demo;
let apiOrigin;
let origin;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'formacoop-feedback-'));
  // The example cycle, its questionnaire with participant tokens and public results.
  const feed = JSON.parse(readFileSync('examples/demo-cycle-exemple.json', 'utf8'));
  feed.feedback[0].access = 'token';
  feed.feedback[0].results = { public: true, openAnswers: false };
  writeFileSync(join(dir, 'cycle.json'), JSON.stringify(feed));
  demo = await startDemoSite({ dataDir: join(dir, 'data'), cycleFiles: [join(dir, 'cycle.json'), SAMPLE_FILE], adminToken: ADMIN, rateLimit: 1000 });
  ({ origin, apiOrigin } = demo);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function issueTokens(count) {
  const response = await fetch(`${apiOrigin}/api/admin/cycles/${CYCLE}/feedback/${FORM}/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ count }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const body = await response.json();
  return body.tokens;
}

const postFeedback = (submission, key) =>
  fetch(`${apiOrigin}/api/cycles/${CYCLE}/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(submission),
  });

/** Opens the evaluation page with a personal link; reports CSP violations and page errors. */
async function open(token) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${origin}/demo/evaluation.html?token=${encodeURIComponent(token)}`, { waitUntil: 'networkidle0' });
  return { page, problems };
}

const shadowText = (page, tag) => page.evaluate((t) => document.querySelector(t)?.shadowRoot?.textContent.replace(/\s+/g, ' ') ?? '', tag);
const waitShadowText = (page, tag, needle) =>
  page.waitForFunction((t, n) => document.querySelector(t)?.shadowRoot?.textContent.replace(/\s+/g, ' ').includes(n), { timeout: 10000 }, tag, needle);

/** Answers the required criteria (4 out of 5) and the recommendation, then sends. */
async function answerAndSend(page, rating) {
  await page.waitForFunction(() => document.querySelector('fc-feedback')?.shadowRoot?.querySelector('form'), { timeout: 10000 });
  await page.evaluate((value) => {
    const root = document.querySelector('fc-feedback').shadowRoot;
    for (const q of ['contenus', 'animation', 'utilite', 'organisation-journees']) root.querySelector(`input[name="answers.${q}"][value="${value}"]`).click();
    root.querySelector('input[name="answers.recommandation"][value="9"]').click();
    [...root.querySelectorAll('button')].find((b) => b.textContent.includes('Envoyer mes réponses')).click();
  }, rating);
}

test('one response per token, enforced by the server; the results page shows the stored answers', async () => {
  const tokens = await issueTokens(7);
  // Five participants answered before (through the REST API, as other pages would).
  for (const [i, submission] of exampleFeedback(5).entries()) {
    const response = await postFeedback({ ...submission, token: tokens[i + 2] }, `e2e-${i}`);
    assert.equal(response.status, 201, await response.text());
  }

  // A participant answers with their personal link: stored.
  const first = await open(tokens[0]);
  await answerAndSend(first.page, 4);
  await waitShadowText(first.page, 'fc-feedback', 'Merci ! Vos réponses ont bien été enregistrées.');

  // The same link again: the server refuses, the page says it was already answered.
  const second = await open(tokens[0]);
  await answerAndSend(second.page, 1);
  await waitShadowText(second.page, 'fc-feedback', 'Vous avez déjà répondu à ce questionnaire avec ce lien personnel');

  // The REST API says the same to anyone who tries the token again, whatever the key.
  const again = await postFeedback({ formId: FORM, answers: { contenus: 1, animation: 1, utilite: 1, 'organisation-journees': 1 }, token: tokens[0] }, 'e2e-again');
  assert.equal(again.status, 409);
  assert.equal((await again.json()).error.code, 'already-answered');

  // Nothing ties an answer to its token: a used token keeps the day of its use, never the instant
  // of the answer it gave.
  const db = new Database(join(dir, 'data', 'formacoop.sqlite'), { readonly: true });
  try {
    const used = db.prepare('SELECT used_at FROM feedback_tokens WHERE used_at IS NOT NULL').all().map((r) => r.used_at);
    const instants = new Set(db.prepare('SELECT submitted_at FROM feedback_responses').all().map((r) => r.submitted_at));
    assert.equal(used.length, 6);
    for (const day of used) {
      assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(instants.has(day), false);
    }
  } finally {
    db.close();
  }

  // Six answers stored, no more; the results (public here) show them, with the same statistics.
  const summary = await fetch(`${apiOrigin}/api/cycles/${CYCLE}/feedback/summary?formId=${FORM}`).then((r) => r.json());
  assert.equal(summary.count, 6);
  // Seven personal links sent, six answers: the response rate.
  assert.equal(summary.responseRate, 6 / 7);
  const results = await open(tokens[1]);
  await waitShadowText(results.page, 'fc-feedback-results', '6 réponses');
  const text = await shadowText(results.page, 'fc-feedback-results');
  assert.ok(text.includes(`6 réponses — taux de réponse : ${new Intl.NumberFormat('fr', { style: 'percent', maximumFractionDigits: 2 }).format(6 / 7).replace(/\s+/g, ' ')}`), text.slice(0, 300));
  const contenus = summary.criteria.find((c) => c.questionId === 'contenus');
  assert.ok(text.includes(`Moyenne : ${new Intl.NumberFormat('fr', { maximumFractionDigits: 2 }).format(contenus.mean)} sur 5 (6 réponses)`), text.slice(0, 600));
  // Five answers from one communauté and one answer without any: that group is withheld, and said
  // so — shown, it would give away the sixth answer by subtraction.
  assert.ok(text.includes('non affiché : permettrait de déduire les réponses d’un petit groupe'), text);

  for (const { page, problems } of [first, second, results]) {
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

/**
 * 60 answers to the sample's questionnaire. Communautés by index: 25 Monts d'Alban, 18 Carmausin,
 * 10 membre 3, 5 membre 4, 2 membre 5 (the group of 2); some optional answers left out; texts on a few.
 */
function sixtyAnswers() {
  let s = 11;
  const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const orgOf = (i) =>
    i < 25 ? 'cc-monts-alban-villefranchois' : i < 43 ? 'cc-carmausin-segala' : i < 53 ? 'cc-membre-3' : i < 58 ? 'cc-membre-4' : 'cc-membre-5';
  return Array.from({ length: 60 }, (_, i) => {
    const answers = {};
    for (const c of ['contenus', 'animation', 'utilite', 'organisation-journees', 'alternance-lieux']) {
      if (c !== 'alternance-lieux' || r() > 0.2) answers[c] = 1 + Math.floor(r() * 5);
    }
    if (r() > 0.1) answers.recommandation = Math.floor(r() * 11);
    answers.communaute = orgOf(i);
    if (i % 7 === 0) answers['suites-cc'] = `Suite proposée n° ${i}`;
    return { formId: FORM, answers };
  });
}

test('60 answers stored by the server: its results are exactly the SDK’s summariseFeedback, the group of 2 withheld; the element shows them after the organiser types the token; printed', async () => {
  const submissions = sixtyAnswers();
  for (const [i, submission] of submissions.entries()) {
    const response = await fetch(`${apiOrigin}/api/cycles/${SAMPLE}/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `sixty-${i}` },
      body: JSON.stringify(submission),
    });
    assert.equal(response.status, 201, await response.text());
  }
  // Not public: anyone else is refused.
  assert.equal((await fetch(`${apiOrigin}/api/cycles/${SAMPLE}/feedback/summary?formId=${FORM}`)).status, 401);
  const summary = await fetch(`${apiOrigin}/api/cycles/${SAMPLE}/feedback/summary?formId=${FORM}`, { headers: { Authorization: `Bearer ${ADMIN}` } }).then((r) =>
    r.json(),
  );

  // The SDK's statistics over the same answers, as stored responses.
  const cycle = parseCycle(JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')));
  const form = cycle.feedback.find((f) => f.id === FORM);
  const responses = submissions.map((x, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    cycleId: SAMPLE,
    ...x,
    submittedAt: new Date(Date.UTC(2025, 4, 15, 9, i)).toISOString(),
  }));
  const expected = JSON.parse(JSON.stringify(summariseFeedback(form, responses, { cycle, includeOpenAnswers: true })));
  assert.deepEqual(summary, expected);
  assert.equal(summary.count, 60);
  const small = summary.byOrganisation.find((g) => g.key === 'cc-membre-5');
  assert.equal(small.count, 2);
  assert.equal(small.withheld, true);
  assert.equal(small.criteria, undefined);
  // The group of 5 too: with the total, it would give the 2 away.
  assert.equal(summary.byOrganisation.find((g) => g.key === 'cc-membre-4').withheldReason, 'complement');

  // The element, on a page of the site, against the server: the organiser types the admin token.
  const { page, problems } = await open('unused');
  await page.evaluate(
    (api, cycleId) => {
      const el = document.createElement('fc-feedback-results');
      el.setAttribute('api', api);
      el.setAttribute('cycle', cycleId);
      el.id = 'sample-results';
      document.querySelector('main').replaceChildren(el);
    },
    apiOrigin,
    SAMPLE,
  );
  await waitShadowText(page, '#sample-results', "Jeton d'administration");
  await page.evaluate(() => document.querySelector('#sample-results').shadowRoot.querySelector('input[name="token"]').focus());
  await page.keyboard.type(ADMIN);
  await page.keyboard.press('Enter');
  await waitShadowText(page, '#sample-results', '60 réponses');
  assert.deepEqual(await page.evaluate(() => JSON.parse(JSON.stringify(document.querySelector('#sample-results').summary))), expected);
  const text = await shadowText(page, '#sample-results');
  assert.ok(text.includes('non affiché : moins de 5 réponses'), text);
  assert.ok(text.includes('Suite proposée n° 7'), 'open answers shown to the organiser');
  const contenus = expected.criteria.find((c) => c.questionId === 'contenus');
  assert.ok(text.includes(`Moyenne : ${new Intl.NumberFormat('fr', { maximumFractionDigits: 2 }).format(contenus.mean)} sur 5 (60 réponses)`), text.slice(0, 600));

  // Printed for the evaluation meeting: no buttons, every chart and table kept, the site's menus left out.
  await page.emulateMediaType('print');
  const printed = await page.evaluate(() => {
    const root = document.querySelector('#sample-results').shadowRoot;
    const shown = (el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    return {
      actions: shown(root.querySelector('.actions')),
      charts: [...root.querySelectorAll('svg.chart')].filter(shown).length,
      tables: [...root.querySelectorAll('table')].filter(shown).length,
      allCharts: root.querySelectorAll('svg.chart').length,
      allTables: root.querySelectorAll('table').length,
      nav: shown(document.querySelector('nav')),
    };
  });
  assert.equal(printed.actions, false);
  assert.ok(printed.allCharts >= 6 && printed.charts === printed.allCharts, JSON.stringify(printed));
  assert.equal(printed.tables, printed.allTables);
  assert.equal(printed.nav, false, 'the site’s menu is not printed');
  const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: false }));
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  assert.ok(pages >= 2, `a multi-page PDF (${pages} pages)`);
  if (process.env.FORMACOOP_PRINT_PDF) writeFileSync(process.env.FORMACOOP_PRINT_PDF, pdf);

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await page.close();
});
