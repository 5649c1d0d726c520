// The evaluation end to end: the built elements on the demo's evaluation page (strict CSP) against
// the real server, in headless Chromium. The server keeps one response per participant token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'formacoop/server';
import { createStaticServer, STRICT_CSP } from '../../scripts/static-server.mjs';
import { findChromium } from '../../scripts/chromium.mjs';
import { exampleFeedback } from '../../scripts/example-feedback.mjs';

const CYCLE = 'management-par-la-cooperation-exemple-2027';
const FORM = 'evaluation-cycle';
const ADMIN = 'a-long-enough-admin-token-for-the-test';

let dir;
let api;
let apiOrigin;
let site;
let origin;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'formacoop-feedback-'));
  // The example cycle, its questionnaire with participant tokens and public results.
  const feed = JSON.parse(readFileSync('examples/demo-cycle-exemple.json', 'utf8'));
  feed.feedback[0].access = 'token';
  feed.feedback[0].results = { public: true, openAnswers: false };
  writeFileSync(join(dir, 'cycle.json'), JSON.stringify(feed));
  site = createStaticServer();
  await new Promise((r) => site.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${site.address().port}`;
  api = await createServer({ dataDir: join(dir, 'data'), cycleFiles: [join(dir, 'cycle.json')], allowOrigins: [origin], adminToken: ADMIN, log: () => {} });
  apiOrigin = (await api.listen(0, '127.0.0.1')).replace(/\/$/, '');
  site.close();
  site = createStaticServer({ csp: STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${apiOrigin}`), api: apiOrigin });
  await new Promise((r) => site.listen(Number(new URL(origin).port), '127.0.0.1', r));
  browser = await puppeteer.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => site?.close(r));
  await api?.close();
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

  // Six answers stored, no more; the results (public here) show them, with the same statistics.
  const summary = await fetch(`${apiOrigin}/api/cycles/${CYCLE}/feedback/summary?formId=${FORM}`).then((r) => r.json());
  assert.equal(summary.count, 6);
  const results = await open(tokens[1]);
  await waitShadowText(results.page, 'fc-feedback-results', '6 réponses');
  const text = await shadowText(results.page, 'fc-feedback-results');
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
