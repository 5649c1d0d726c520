// Opens the built Storybook (storybook-static/, from `npm run build-storybook`) in headless Chromium
// and checks that every story renders what a designer should see: the element's shadow DOM with
// the expected text, no exception, no blank canvas; and that the docs pages carry the API tables
// built from custom-elements.json. Checks every story and page, then exits non-zero if any failed.
//
//   node scripts/check-storybook.mjs [--screenshots DIR] [--all-screenshots] [--dir DIR | --url URL]
//
// --dir serves another build than storybook-static/; --url checks a Storybook already running
// (`npm run storybook`: --url http://127.0.0.1:6006).
// One screenshot per element goes to DIR (default /tmp): DIR/storybook-fc-agenda.png, …
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { findChromium } from './chromium.mjs';
import { createStaticServer } from './static-server.mjs';

const { values: options } = parseArgs({
  options: {
    screenshots: { type: 'string', default: '/tmp' },
    'all-screenshots': { type: 'boolean', default: false },
    url: { type: 'string' },
    dir: { type: 'string', default: 'storybook-static' },
  },
});

const ROOT = resolve(options.dir);
const STORY_TIMEOUT = 15_000;
/** Pages checking stories side by side. */
const PAGES = 4;

/**
 * What each story must show, beyond « not blank, no error ». Keys are the end of the story id
 * (`<title>--<export>`); `text` is matched against the text of the story, shadow roots included;
 * `absent`, texts that must not be there once `text` is (the state the story names, not another).
 */
const EXPECTATIONS = {
  'fc-agenda--ready-list': { text: ['Management par la Coopération', 'Manager les projets dans la transversalité', 'Passée'] },
  'fc-agenda--ready-calendar': { text: ['Mars 2025', 'Manager les projets'], selector: 'fc-agenda >>> table' },
  'fc-agenda--cycle-under-way': { text: ['Piloter et faire évoluer collectivement', 'Ajouter à mon agenda'] },
  'fc-agenda--loading': { text: ['Chargement du programme', 'Programme du cycle'] },
  'fc-agenda--empty': { text: ["Ce cycle n'a pas encore de sessions."] },
  'fc-agenda--error-not-found': { text: ['story-assets/flux-introuvable.json', 'erreur 404', 'Programme du cycle'], allowConsoleErrors: [/404/] },
  'fc-agenda--error-invalid-feed': { text: ['flux-date-impossible.json', 'sessions[0].date.date', 'date invalide'] },
  'fc-agenda--thousand-sessions': { text: [/\b\d{3} sessions\b/, /Afficher 20 sessions de plus/], count: ['fc-agenda >>> li.session', 20] },
  'fc-agenda--past-with-photos': { text: ['Retour en images', 'Travaux en sous-groupes sur le schéma'], images: 2 },
  'fc-agenda--registration-open': {
    text: ["S'inscrire", '12 places restantes', '2 places restantes', "Complet — liste d'attente (3)"],
    minContrast: 4.5,
  },
  'fc-agenda--english': { text: ['Register', '12 seats left', 'Full — waiting list (3)', 'Add to my calendar'] },
  'fc-agenda--dark-theme': { text: ["S'inscrire", '12 places restantes'], darkBackground: true, minContrast: 4.5 },
  'fc-agenda--phone': { text: ["S'inscrire"], maxWidth: 360 },
  'fc-cycle--ready': { text: ['Manager les projets dans la transversalité', 'Passée'] },
  'fc-cycle--cycle-under-way': { text: ['Piloter et faire évoluer collectivement'] },
  'fc-cycle--loading': { text: ['Chargement du programme', 'Programme du cycle'] },
  'fc-cycle--empty': { text: ["Ce cycle n'a pas encore de sessions."] },
  'fc-cycle--error-not-found': { text: ['story-assets/flux-introuvable.json', 'erreur 404'], allowConsoleErrors: [/404/] },
  'fc-cycle--error-invalid-feed': { text: ['flux-date-impossible.json', 'sessions[0].date.date'] },
  'fc-cycle--shared-load': { text: ['Mars 2025', 'Afficher'], count: ['fc-agenda', 2] },
  'fc-cycle--english': { text: ['Add to my calendar', 'Upcoming'] },
  'fc-registration-form--empty-form': { text: ['Adresse e-mail professionnelle', 'Vos données personnelles', 'Envoyer mon inscription', '40 places restantes sur 40'] },
  'fc-registration-form--prefilled': { text: ['Prénom', 'Vos données personnelles'] },
  'fc-registration-form--errors': { text: ['Le formulaire contient', 'ce champ est obligatoire'] },
  'fc-registration-form--submitting': { text: ['Envoi de votre inscription'] },
  'fc-registration-form--queued-offline': { text: ['sera envoyée dès le retour de la connexion'] },
  'fc-registration-form--confirmed': { text: ['Inscription confirmée', 'Ajouter à mon agenda'] },
  'fc-registration-form--waitlisted': { text: ['position 1 sur la liste d’attente'] },
  'fc-registration-form--closed': { text: ['Les inscriptions à ce cycle sont closes.'] },
  'fc-registration-form--full': { text: ['Il n’y a plus de place dans ce cycle'] },
  'fc-registration-form--english': { text: ['Work email address', 'Your personal data', 'Send my registration'] },
  'fc-registration-form--phone': { text: ['Envoyer mon inscription'], maxWidth: 360 },  'fc-feedback--form': {
    text: ['Évaluation du cycle « Management par la Coopération »', 'Les contenus de la formation (obligatoire)', 'Recommanderiez-vous ce cycle', 'Vos réponses sont anonymes', 'Envoyer mes réponses'],
    // Four criteria rated 1–5 and one optional, and the 0–10 recommendation: real radio buttons.
    count: ['fc-feedback >>> input[type="radio"]', 5 * 5 + 11],
  },
  'fc-feedback--loading': { text: ['Chargement du programme', 'Programme du cycle'] },
  'fc-feedback--empty': { text: ["Ce cycle n'a pas de questionnaire d'évaluation."] },
  'fc-feedback--error-feed': { text: ['story-assets/flux-introuvable.json', 'erreur 404', 'Réessayer', 'Programme du cycle'], allowConsoleErrors: [/404/] },
  'fc-feedback--error-no-server': { text: ["Le questionnaire ne peut pas être envoyé : ce composant n'est pas relié à un serveur formacoop"] },
  // The day, not the hour: the element writes the hour in the browser's time zone.
  'fc-feedback--closed-after-deadline': { text: ['Le questionnaire est clos depuis le 15 juin 2025'], absent: ['Envoyer mes réponses'] },
  'fc-feedback--closed-before-session': { text: ['Le questionnaire ouvrira à la fin de la journée « Piloter et faire évoluer collectivement'], absent: ['Envoyer mes réponses'] },
  'fc-feedback--errors': {
    text: ['4 questions à compléter ou corriger', 'Les contenus de la formation : réponse obligatoire', 'Erreur : réponse obligatoire'],
    selector: 'fc-feedback >>> [role="alert"] a',
  },
  'fc-feedback--sending': { text: ['Envoi de vos réponses…'] },
  'fc-feedback--queued-offline': { text: ['Vous semblez hors ligne. Vos réponses sont gardées sur cet appareil', 'Gardez cette page ouverte'] },
  'fc-feedback--thanks': { text: ['Merci ! Vos réponses ont bien été enregistrées.'], absent: ['Envoyer mes réponses'] },
  'fc-feedback--already-answered': { text: ['Vous avez déjà répondu à ce questionnaire avec ce lien personnel'], absent: ['Vos réponses ont bien été enregistrées'] },
  'fc-feedback--token-missing': { text: ['Ce questionnaire est réservé aux participant·es', '?token=…'], absent: ['Envoyer mes réponses'] },
  'fc-feedback--with-token': { text: ['il n’est pas enregistré avec vos réponses', 'Envoyer mes réponses'] },
  'fc-feedback--english': { text: ['Questions marked "(required)"', 'Your answers are anonymous', 'Send my answers'] },
  'fc-feedback--phone': { text: ['Envoyer mes réponses'], maxWidth: 360 },
  'fc-feedback--dark': { text: ['Envoyer mes réponses'], darkBackground: true, minContrast: 4.5 },
  'fc-feedback-results--ready': {
    text: ['60 réponses', /Moyenne : \d,\d+ sur 5/, /Score de recommandation \(NPS\) : [+−-]?\d+/, 'Par communauté de communes', 'non affiché : moins de 5 réponses', 'Des ateliers communs entre services', 'Télécharger les résultats (CSV)'],
    // Each chart has its table: the figures are readable without the picture.
    selector: 'fc-feedback-results >>> table',
  },
  'fc-feedback-results--public': { text: ['60 réponses', /Moyenne : \d,\d+ sur 5/, 'Les réponses aux questions ouvertes ne sont pas publiées.'], absent: ['Des ateliers communs entre services'] },
  'fc-feedback-results--locked': { text: ['ils sont réservés aux organisateurs', "Jeton d'administration", 'Afficher les résultats'], absent: ['Moyenne'] },
  'fc-feedback-results--loading': { text: ['Chargement du programme', 'Programme du cycle'] },
  'fc-feedback-results--loading-results': { text: ['Chargement des résultats'] },
  'fc-feedback-results--no-responses': { text: ['0 réponse', "Aucune réponse pour l'instant."], absent: ['Moyenne'] },
  'fc-feedback-results--withheld': { text: ['3 réponses', 'Moins de 5 réponses : les résultats ne sont pas affichés'], absent: ['Moyenne'] },
  'fc-feedback-results--empty': { text: ["Ce cycle n'a pas de questionnaire d'évaluation."] },
  'fc-feedback-results--error-server': { text: ["Les résultats n'ont pas pu être chargés", 'erreur 500', 'Réessayer'] },
  'fc-feedback-results--error-no-server': { text: ['Les résultats ne peuvent pas être lus', "n'est pas relié à un serveur formacoop"] },
  'fc-feedback-results--error-feed': { text: ['story-assets/flux-introuvable.json', 'erreur 404', 'Réessayer', 'Programme du cycle'], allowConsoleErrors: [/404/] },
  'fc-feedback-results--english': { text: ['60 responses', /Mean: \d\.\d+ out of 5/, 'Net Promoter Score', /By (intermunicipal )?authority/, 'Download the results (CSV)'] },
  'fc-feedback-results--phone': { text: ['60 réponses', 'Par communauté de communes'], maxWidth: 360 },
  'fc-feedback-results--dark': { text: ['60 réponses', 'Par communauté de communes'], darkBackground: true, minContrast: 4.5 },
};

/** What the docs page of each element must show, from custom-elements.json. */
const DOCS = {
  'fc-agenda--docs': ['The agenda of a training cycle', 'heading-level', 'registration-url', '--fc-color-accent', 'fc-register', 'calendar'],
  'fc-cycle--docs': ['Loads a cycle or catalogue feed', 'fc-feed-loaded', 'fc-feed-error'],
  'fc-registration-form--docs': ['The registration form of a training cycle', 'fc-registered', 'fc-registration-queued', 'first-name'],  'fc-feedback--docs': ['The evaluation questionnaire of a session or of the whole cycle', 'heading-level', 'token', 'fc-feedback-sent', 'error-summary', '--fc-color-danger'],
  'fc-feedback-results--docs': ["The results of a cycle's evaluation", 'form-id', 'breakdown', '--fc-results-bar-color'],
};

/** The screenshot kept for each element. */
const SCREENSHOTS = {
  'fc-agenda': 'fc-agenda--registration-open',
  'fc-cycle': 'fc-cycle--ready',
  'fc-registration-form': 'fc-registration-form--errors',
  'fc-feedback': 'fc-feedback--errors',
  'fc-feedback-results': 'fc-feedback-results--ready',
};

/** storybook-static/ on the loopback interface, with the project's static server. */
function serve(root) {
  const server = createStaticServer({ root, index: 'index.html', csp: '' });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Runs in the page: the text of a node, shadow roots and slotted content included, once each. */
function deepText(root) {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
    if (node.nodeType === Node.ELEMENT_NODE && ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Runs in the page: elements matching `host >>> inner` (inside a host's shadow root) or a plain selector. */
function deepQueryAll(selector) {
  const [host, inner] = selector.split('>>>').map((s) => s.trim());
  const hosts = [...document.querySelectorAll(`#storybook-root ${host}`)];
  return inner ? hosts.flatMap((h) => [...(h.shadowRoot?.querySelectorAll(inner) ?? [])]) : hosts;
}

/**
 * Runs in the page: the lowest contrast ratio between a text and the background it is drawn on (the
 * closest opaque background, across the shadow boundary), for every piece of text that a formacoop
 * element draws in its shadow root — nested elements' (fc-cycle's agendas) included. SVG text is
 * painted with `fill`, not `color`, and is left out; so is text that is not laid out (closed
 * <select> options, `hidden`).
 */
function lowestContrast() {
  const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement ?? node.getRootNode().host) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const roots = [];
  const collect = (scope) => {
    for (const el of scope.querySelectorAll('*')) {
      if (el.localName.startsWith('fc-') && el.shadowRoot) {
        roots.push(el.shadowRoot);
        collect(el.shadowRoot);
      }
    }
  };
  collect(document.querySelector('#storybook-root') ?? document);
  let lowest = { ratio: Infinity, what: '' };
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      if (el instanceof SVGElement || ['STYLE', 'SCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
      if (!ownText(el) || el.getClientRects().length === 0) continue;
      const a = luminance(rgb(getComputedStyle(el).color));
      const b = luminance(background(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const where = `${root.host.localName} ${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      if (ratio < lowest.ratio) lowest = { ratio, what: `${where} « ${el.textContent.trim().slice(0, 40)} »` };
    }
  }
  return lowest;
}

function matches(text, expected) {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

async function checkStory(page, base, id, expectation) {
  const problems = [];
  const consoleErrors = [];
  const pageErrors = [];
  const onConsole = (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  };
  const onError = (err) => pageErrors.push(err.message);
  // A console error about a failed resource does not say which: name it.
  const onResponse = (response) => {
    if (response.status() >= 400) consoleErrors.push(`HTTP ${response.status()} for ${response.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('response', onResponse);
  try {
    await page.setViewport({ width: expectation?.maxWidth ?? 1024, height: 900 });
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`, { waitUntil: 'load' });
    // Storybook marks the body once the story is shown, or its error.
    await page.waitForFunction(
      () => document.body.classList.contains('sb-show-main') || document.body.classList.contains('sb-show-errordisplay'),
      { timeout: STORY_TIMEOUT },
    );
    if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
      const message = await page.evaluate(() => document.querySelector('#error-message')?.textContent ?? '');
      problems.push(`Storybook shows an error: ${message.trim().slice(0, 300)}`);
      return problems;
    }
    // Wait until every expected text is there (elements render asynchronously), or time out.
    const expected = (expectation?.text ?? []).map((e) => (typeof e === 'string' ? { s: e } : { r: e.source }));
    try {
      await page.waitForFunction(
        (deepTextSource, expected) => {
          const deepText = new Function(`return (${deepTextSource})`)();
          const root = document.querySelector('#storybook-root');
          if (!root) return false;
          const text = deepText(root);
          return text.trim().length > 0 && expected.every((e) => (e.s !== undefined ? text.includes(e.s) : new RegExp(e.r).test(text)));
        },
        { timeout: STORY_TIMEOUT },
        deepText.toString(),
        expected,
      );
    } catch {
      // Reported below, with what was there instead.
    }
    const state = await page.evaluate((deepTextSource) => {
      const deepText = new Function(`return (${deepTextSource})`)();
      const root = document.querySelector('#storybook-root');
      const elements = [...document.querySelectorAll('#storybook-root *')].filter((el) => el.localName.startsWith('fc-')).map((el) => ({
        tag: el.localName,
        defined: customElements.get(el.localName) !== undefined,
        shadowChildren: el.shadowRoot?.childElementCount ?? -1,
        height: el.getBoundingClientRect().height,
        width: el.getBoundingClientRect().width,
      }));
      return { text: root ? deepText(root) : '', elements };
    }, deepText.toString());

    if (!state.text.trim()) problems.push('blank: the story shows no text');
    if (state.elements.length === 0) problems.push('no formacoop element in the story');
    for (const el of state.elements) {
      if (!el.defined) problems.push(`<${el.tag}> is not defined (registration missing from the bundle?)`);
      else if (el.shadowChildren <= 0) problems.push(`<${el.tag}> rendered an empty shadow root`);
      if (el.height <= 0) problems.push(`<${el.tag}> has no height`);
      if (expectation?.maxWidth && el.width > expectation.maxWidth) problems.push(`<${el.tag}> is ${el.width}px wide, more than ${expectation.maxWidth}px`);
    }
    for (const e of expectation?.text ?? []) {
      if (!matches(state.text, e)) problems.push(`missing text ${JSON.stringify(String(e))}; shown: ${JSON.stringify(state.text.slice(0, 400))}…`);
    }
    for (const e of expectation?.absent ?? []) {
      if (matches(state.text, e)) problems.push(`text ${JSON.stringify(String(e))} should not be shown in this state`);
    }
    if (expectation?.selector) {
      const n = await page.evaluate(`(${deepQueryAll.toString()})(${JSON.stringify(expectation.selector)}).length`);
      if (n === 0) problems.push(`nothing matches ${expectation.selector}`);
    }
    if (expectation?.count) {
      const [selector, want] = expectation.count;
      const n = await page.evaluate(`(${deepQueryAll.toString()})(${JSON.stringify(selector)}).length`);
      if (n !== want) problems.push(`${n} × ${selector}, expected ${want}`);
    }
    if (expectation?.images) {
      const list = await page.evaluate(
        `Promise.all((${deepQueryAll.toString()})('fc-agenda >>> img').map((img) => img.decode().then(
          () => ({ alt: img.alt, loaded: img.naturalWidth > 0, src: img.src }),
          () => ({ alt: img.alt, loaded: false, src: img.src }),
        )))`,
      );
      if (list.length !== expectation.images) problems.push(`${list.length} photos, expected ${expectation.images}`);
      for (const img of list) {
        if (!img.alt.trim()) problems.push(`photo without alternative text: ${img.src}`);
        if (!img.loaded) problems.push(`photo not loaded: ${img.src}`);
        if (!img.src.startsWith(base)) problems.push(`photo from outside the Storybook: ${img.src}`);
      }
    }
    if (expectation?.darkBackground) {
      const luminance = await page.evaluate(() => {
        const host = document.querySelector('#storybook-root .host-page');
        const [r, g, b] = getComputedStyle(host).backgroundColor.match(/\d+/g).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      });
      if (luminance > 0.2) problems.push(`the dark theme's background is not dark (luminance ${luminance.toFixed(2)})`);
    }
    if (expectation?.minContrast) {
      const lowest = await page.evaluate(lowestContrast);
      if (lowest.ratio < expectation.minContrast) {
        problems.push(`contrast ${lowest.ratio.toFixed(2)}:1 for ${lowest.what}, below ${expectation.minContrast}:1`);
      }
    }
    for (const message of pageErrors) problems.push(`uncaught exception: ${message}`);
    const allowed = expectation?.allowConsoleErrors ?? [];
    for (const message of consoleErrors) {
      if (!allowed.some((re) => re.test(message))) problems.push(`console error: ${message}`);
    }
    return problems;
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('response', onResponse);
  }
}

async function checkDocs(page, base, id, texts) {
  const problems = [];
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=docs`, { waitUntil: 'load' });
  try {
    await page.waitForFunction((texts) => texts.every((t) => document.querySelector('#storybook-docs')?.textContent?.includes(t)), { timeout: STORY_TIMEOUT }, texts);
  } catch {
    const shown = await page.evaluate(() => document.querySelector('#storybook-docs')?.textContent ?? '');
    for (const t of texts) if (!shown.includes(t)) problems.push(`docs page lacks ${JSON.stringify(t)}`);
  }
  return problems;
}

async function main() {
  if (!options.url && !existsSync(join(ROOT, 'index.json'))) {
    console.error('storybook-static/index.json is missing: run `npm run build-storybook` first.');
    process.exit(1);
  }
  const chromium = findChromium();
  if (!chromium) {
    console.error('Chromium was not found (set CHROME_PATH, or run `node scripts/chromium.mjs`).');
    process.exit(1);
  }
  await mkdir(options.screenshots, { recursive: true });
  const server = options.url ? undefined : await serve(ROOT);
  const base = options.url ? options.url.replace(/\/$/, '') : `http://127.0.0.1:${server.address().port}`;
  const index = options.url
    ? await (await fetch(`${base}/index.json`)).json()
    : JSON.parse(await readFile(join(ROOT, 'index.json'), 'utf8'));
  const entries = Object.values(index.entries);
  const stories = entries.filter((e) => e.type === 'story');
  const docs = entries.filter((e) => e.type === 'docs');
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run',
      // Several pages at once: none of them is in the background, none is throttled.
      '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding',
    ],
  });
  let failed = 0;
  let passed = 0;
  const started = Date.now();
  try {
    // Stories are independent: a few pages check them side by side; the report keeps index.json's order.
    const jobs = [
      ...stories.map((story) => async (page, outside) => {
        const key = Object.keys(EXPECTATIONS).find((k) => story.id.endsWith(k));
        const problems = await checkStory(page, base, story.id, key ? EXPECTATIONS[key] : undefined).catch((e) => [
          `the check itself failed: ${e.message}`,
        ]);
        if (!key) problems.push('no expectation for this story in scripts/check-storybook.mjs: say what it must show');
        for (const url of outside.splice(0)) problems.push(`request outside the Storybook: ${url}`);
        const lines = [`${problems.length ? '✗' : '✓'} ${story.id} (${story.name})`, ...problems.map((p) => `    ${p}`)];
        const shot = Object.entries(SCREENSHOTS).find(([, k]) => story.id.endsWith(k));
        if (shot || options['all-screenshots']) {
          const name = options['all-screenshots'] ? story.id.replace(/^.*?--/, `${story.title.split('/').pop()}--`) : shot[0];
          const file = join(options.screenshots, `storybook-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          lines.push(`    screenshot: ${file}`);
        }
        return { ok: problems.length === 0, lines };
      }),
      ...docs.map((entry) => async (page) => {
        const key = Object.keys(DOCS).find((k) => entry.id.endsWith(k));
        const problems = key
          ? await checkDocs(page, base, entry.id, DOCS[key]).catch((e) => [`the check itself failed: ${e.message}`])
          : [`no expectation for docs page ${entry.id}`];
        return { ok: problems.length === 0, lines: [`${problems.length ? '✗' : '✓'} ${entry.id} (docs)`, ...problems.map((p) => `    ${p}`)] };
      }),
    ];
    const results = new Array(jobs.length);
    let next = 0;
    const worker = async () => {
      // A context of its own: the stories' outboxes and drafts live in the origin's storage, which
      // pages of one context share (and a page that sees another's entry waits for it).
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      // Nothing may leave this machine: a story that reaches another host fails.
      await page.setRequestInterception(true);
      const outside = [];
      page.on('request', (request) => {
        const url = request.url();
        // Chromium asks for it by itself, and Storybook has none (it has favicon.svg).
        if (url === `${base}/favicon.ico`) request.respond({ status: 204 });
        else if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) request.continue();
        else {
          outside.push(url);
          request.abort();
        }
      });
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i](page, outside);
      }
      await context.close();
    };
    await Promise.all(Array.from({ length: PAGES }, worker));
    for (const { ok, lines } of results) {
      if (ok) passed++;
      else failed++;
      console.log(lines.join('\n'));
    }
    for (const key of [...Object.keys(EXPECTATIONS), ...Object.keys(DOCS)]) {
      if (!entries.some((e) => e.id.endsWith(key))) {
        failed++;
        console.log(`✗ ${key}: expected in the Storybook, not found in index.json`);
      }
    }
  } finally {
    await browser.close();
    server?.close();
  }
  console.log(`storybook: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
