import { expect } from '@open-wc/testing';
import {
  FeedSchema,
  FeedbackSubmissionSchema,
  RegistrationRequestSchema,
  errorMap,
  formatPath,
  safeParseWith,
  type Locale,
  type SafeParseResult,
  type ValidationIssue,
} from '../../src/index.js';
import {
  parseFeedCompact,
  safeParseFeedCompact,
  safeParseFeedbackSubmissionCompact,
  safeParseRegistrationRequestCompact,
} from '../../src/model/compact/index.js';
import { deriveRoots, generatedModule } from '../../src/model/compact/derive.js';
import * as generated from '../../src/model/compact/ir.generated.js';
import { keyOf } from '../../src/model/keys.js';
import { generateCatalogue } from '../../examples/generate-catalogue.js';

// The JSON as written: mutated freely below, so loosely typed on purpose.
type Json = any;
type Schema = typeof FeedSchema | typeof RegistrationRequestSchema | typeof FeedbackSubmissionSchema;
type Compact = (input: unknown, options?: { locale?: Locale }) => SafeParseResult<unknown>;

const SAMPLE_URL = new URL('../../examples/management-par-la-cooperation.json', import.meta.url);
let sampleJson: Json;
const sample = (): Json => structuredClone(sampleJson);

before(async () => {
  const res = await fetch(SAMPLE_URL);
  expect(res.status, `${SAMPLE_URL.href} should be served by the test server`).to.equal(200);
  sampleJson = await res.json();
});

const where = (issues: readonly ValidationIssue[]) => issues.map((i) => `${i.path} ${i.code}`);

/**
 * The issues zod reports with formacoop's own messages (a rule's `fc`, a `keyed()` check or
 * schema, "required"): the compact validator must give these the very same message.
 */
function ownMessages(schema: Schema, input: unknown, locale: Locale): Set<string> {
  const map = errorMap(locale);
  const own = new Set<string>();
  (schema as unknown as { safeParse(i: unknown, o: object): unknown }).safeParse(input, {
    error: (iss: Parameters<typeof map>[0]) => {
      const message = map(iss) as string;
      const fc = (iss as { params?: { fc?: string } }).params?.fc;
      const required =
        (iss.code === 'invalid_type' && iss.input === undefined) || (iss.code === 'too_small' && iss.origin === 'string' && iss.minimum === 1);
      if (fc || (iss.inst && keyOf(iss.inst)) || required) own.add(`${formatPath(iss.path ?? [])}\u0000${message}`);
      return message;
    },
  });
  return own;
}

/** zod and the compact validator agree: verdict, output, issue paths and codes, own messages. */
function agree(schema: Schema, compact: Compact, input: unknown, locale: Locale = 'fr') {
  const z = safeParseWith(schema, structuredClone(input), { locale });
  const c = compact(structuredClone(input), { locale });
  expect(c.success, 'same verdict').to.equal(z.success);
  if (z.success) {
    expect(c.data).to.deep.equal(z.data);
    return { z: [], c: [] };
  }
  const zi = z.error.issues;
  const ci = c.error!.issues;
  expect(where(ci), 'same issues at the same paths').to.deep.equal(where(zi));
  const own = ownMessages(schema, structuredClone(input), locale);
  const compactMessages = new Set(ci.map((i) => `${i.path}\u0000${i.message}`));
  for (const i of zi) {
    const id = `${i.path}\u0000${i.message}`;
    if (own.has(id)) expect(compactMessages.has(id), `same message at ${i.path || '(root)'}: ${i.message}`).to.equal(true);
  }
  for (const i of ci) expect(i.message, `a message at ${i.path}`).to.be.a('string').and.not.equal('');
  return { z: zi, c: ci };
}

const agreeFeed = (input: unknown, locale?: Locale) => agree(FeedSchema, safeParseFeedCompact, input, locale);

describe('compact validator: generated IR', () => {
  it('is what the zod schemas say now (run `npm run gen:validator` when this fails)', () => {
    const roots = deriveRoots();
    expect(generated.FEED).to.deep.equal(roots.FEED);
    expect(generated.REGISTRATION_REQUEST).to.deep.equal(roots.REGISTRATION_REQUEST);
    expect(generated.FEEDBACK_SUBMISSION).to.deep.equal(roots.FEEDBACK_SUBMISSION);
  });

  it('writes every rule of refinements.ts it uses by name, and zod regexes by their source', () => {
    const source = generatedModule();
    expect(source).to.contain("from '../refinements.js'");
    for (const name of ['checkCycleReferences', 'checkExactDateTimes', 'hasNoControlChars', 'isResourceUrl']) expect(source).to.contain(name);
    // zod's own ISO date pattern, leap years included.
    expect(source).to.contain('-02-29|');
  });
});

describe('compact validator: valid feeds, same output as zod', () => {
  it('the seed sample', () => {
    const input = sample();
    const c = safeParseFeedCompact(input);
    expect(c.success).to.equal(true);
    agreeFeed(input);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`a generated catalogue of 1,000 sessions (seed ${seed})`, () => {
      const input = generateCatalogue({ sessions: 1000, seed });
      const c = safeParseFeedCompact(input);
      expect(c.success).to.equal(true);
      expect(c.data!.type).to.equal('catalogue');
      agreeFeed(input);
    });
  }

  const valid: [string, (f: Json) => void][] = [
    ['unknown keys are dropped, deep inside too', (f) => { f.extra = 1; f.sessions[0].extra = { a: 1 }; f.organisations[0].provenance.extra = true; }],
    ['a URL with spaces around and a line break inside is trimmed as zod trims it', (f) => { f.url = '  https://exa\nmple.org/cycle\t '; }],
    ['texts are trimmed', (f) => { f.title = '  Management  '; f.sessions[0].title = '\n Journée \t'; }],
    ['300 emoji are 300 characters (code points, not UTF-16 units)', (f) => { f.title = '😀'.repeat(300); }],
    ['an own "__proto__" key from JSON is ignored', (f) => { Object.assign(f, JSON.parse('{"__proto__": {"polluted": true}}')); }],
    ['an explicit undefined optional key is kept, as zod keeps it', (f) => { f.subtitle = undefined; }],
    ['an explicit undefined defaulted key takes the default', (f) => { f.lang = undefined; f.sessions = undefined; }],
    ['a relative media path', (f) => { f.sessions[0].media = [{ url: ' images/j4.jpg ', alt: 'Atelier' }]; }],
    ['a leap day', (f) => { f.sessions[0].date = { precision: 'exact', date: '2028-02-29' }; }],
    ['a registration window in order', (f) => { f.registration = { status: 'open', opensAt: '2026-01-01T09:00:00+01:00', closesAt: '2026-02-01T09:00:00Z' }; }],
  ];
  for (const [name, mutate] of valid) {
    it(name, () => {
      const input = sample();
      mutate(input);
      expect(safeParseFeedCompact(input).success, 'valid').to.equal(true);
      agreeFeed(input);
    });
  }
});

describe('compact validator: invalid feeds, same issues as zod', () => {
  const invalid: [string, (f: Json) => Json | void][] = [
    ['formatVersion 2', (f) => { f.formatVersion = 2; }],
    ['formatVersion missing', (f) => { delete f.formatVersion; }],
    ['formatVersion as a string', (f) => { f.formatVersion = '1'; }],
    ['an unknown feed type', (f) => { f.type = 'agenda'; }],
    ['the feed type missing', (f) => { delete f.type; }],
    ['null instead of a feed', () => null],
    ['an array instead of a feed', () => []],
    ['a string instead of a feed', () => 'feed'],
    ['a number as the title', (f) => { f.title = 42; }],
    ['the title missing', (f) => { delete f.title; }],
    ['a blank title', (f) => { f.title = '   '; }],
    ['a title too long', (f) => { f.title = 'x'.repeat(301); }],
    ['301 emoji as the title', (f) => { f.title = '😀'.repeat(301); }],
    ['a control character in the title', (f) => { f.title = 'Cycle\u0007'; }],
    ['a description too long and with control characters', (f) => { f.description = `\u0001${'x'.repeat(10001)}`; }],
    ['an id with a space and a bang', (f) => { f.id = 'bad id!'; }],
    ['an empty id', (f) => { f.id = ''; }],
    ['a javascript: URL', (f) => { f.url = 'javascript:alert(1)'; }],
    ['an http URL without slashes', (f) => { f.url = 'http:example.com'; }],
    ['an http URL without a domain', (f) => { f.url = 'https://localhost/'; }],
    ['an ftp URL', (f) => { f.url = 'ftp://example.org/'; }],
    ['30 February', (f) => { f.sessions[3].date.date = '2026-02-30'; }],
    ['29 February of a common year', (f) => { f.sessions[0].date = { precision: 'exact', date: '2027-02-29' }; }],
    ['a date without leading zeros', (f) => { f.sessions[3].date.date = '2026-3-6'; }],
    ['25 o’clock', (f) => { f.sessions[0].date = { precision: 'exact', date: '2026-03-26', startTime: '25:00', endTime: '26:00' }; }],
    ['an end before the start', (f) => { f.sessions[0].date = { precision: 'exact', date: '2026-03-26', startTime: '14:00', endTime: '09:00' }; }],
    ['an end without a start', (f) => { f.sessions[0].date = { precision: 'exact', date: '2026-03-26', endTime: '17:00' }; }],
    ['an unknown date precision', (f) => { f.sessions[0].date = { precision: 'week', date: '2026-03-26' }; }],
    ['month 13', (f) => { f.sessions[0].date = { precision: 'month', year: 2026, month: 13 }; }],
    ['a fractional year', (f) => { f.sessions[0].date = { precision: 'month', year: 2026.5, month: 6 }; }],
    ['a negative capacity', (f) => { f.capacity = -1; }],
    ['a fractional capacity', (f) => { f.capacity = 1.5; }],
    ['a negative fractional capacity (zod stops at the integer check)', (f) => { f.capacity = -1.5; }],
    ['a capacity beyond safe integers', (f) => { f.capacity = 1e300; }],
    ['an infinite capacity', (f) => { f.capacity = Infinity; }],
    ['zero days', (f) => { f.durationDays = 0; }],
    ['366 days', (f) => { f.durationDays = 366; }],
    ['a dangling venue', (f) => { f.sessions[0].venueId = 'nowhere'; }],
    ['a dangling speaker organisation', (f) => { f.sessions[0].programme = [{ kind: 'theory', title: 'Apports', speakers: [{ organisationId: 'ghost' }] }]; }],
    ['a questionnaire naming an unknown session', (f) => { f.feedback[0].sessionIds = ['s404']; }],
    ['duplicate session ids', (f) => { f.sessions[1].id = f.sessions[0].id; }],
    ['duplicate organisation ids', (f) => { f.organisations[1].id = f.organisations[0].id; }],
    ['no audience kind', (f) => { f.audience.kinds = []; }],
    ['an unknown audience kind', (f) => { f.audience.kinds = ['martians']; }],
    ['the audience missing', (f) => { delete f.audience; }],
    ['an unknown organisation kind', (f) => { f.organisations[0].kind = 'company'; }],
    ['a one-digit department', (f) => { f.organisations[0].department = '8'; }],
    ['a four-digit postal code', (f) => { f.venues[0].address = { postalCode: '8100' }; }],
    ['a latitude of 91', (f) => { f.venues[0].geo = { lat: 91, lon: 2 }; }],
    ['a registration closing before it opens', (f) => { f.registration = { opensAt: '2026-03-01T09:00:00Z', closesAt: '2026-02-01T09:00:00Z' }; }],
    ['an opening date in words', (f) => { f.registration = { opensAt: 'yesterday' }; }],
    ['an instant without an offset', (f) => { f.registration = { opensAt: '2026-03-01T09:00:00' }; }],
    ['a questionnaire without questions', (f) => { f.feedback[0].questions = []; }],
    ['a scale with too few labels', (f) => { f.feedback[0].scale.labels = ['non', 'oui']; }],
    ['duplicate question ids', (f) => { f.feedback[0].questions[1].id = f.feedback[0].questions[0].id; }],
    ['an unknown question type', (f) => { f.feedback[0].questions[0].type = 'stars'; }],
    ['an invalid contact email', (f) => { f.contact = { email: 'not-an-email' }; }],
    ['a javascript: media URL', (f) => { f.sessions[0].media = [{ url: 'javascript:alert(1)', alt: 'x' }]; }],
    ['a protocol-relative media URL and no alt', (f) => { f.sessions[0].media = [{ url: '//evil.example/x.jpg' }]; }],
    ['"yes" as a boolean', (f) => { f.experimental = 'yes'; }],
    ['a language in words', (f) => { f.lang = 'French'; }],
    ['sessions as an object', (f) => { f.sessions = {}; }],
    ['a null session', (f) => { f.sessions[0] = null; }],
    ['an object with an empty length as a title (zod checks its length anyway)', (f) => { f.title = { length: 0 }; }],
    ['an empty list as an id', (f) => { f.id = []; }],
    ['a retention of 0 days and no controller', (f) => { f.privacy.retentionDays = 0; delete f.privacy.controller; }],
    ['a $schema that is not a string', (f) => { f.$schema = 5; }],
    [
      'a title too long does not stop the reference check (zod lets it continue)',
      (f) => { f.title = 'x'.repeat(301); f.sessions[0].venueId = 'nowhere'; },
    ],
    [
      'a wrong type stops the reference check',
      (f) => { f.sessions[1].title = 7; f.sessions[0].venueId = 'nowhere'; },
    ],
    [
      'a session rule failing stops the cycle’s reference check',
      (f) => { f.sessions[0].date = { precision: 'exact', date: '2026-03-26', startTime: '14:00', endTime: '09:00' }; f.sessions[0].venueId = 'nowhere'; },
    ],
    ['many problems at once', (f) => { f.id = '-'; f.capacity = 'forty'; f.sessions[0].status = 'maybe'; f.venues[0].name = ''; f.organisations.push({}); }],
  ];
  for (const [name, mutate] of invalid) {
    it(name, () => {
      const input = sample();
      const replaced = mutate(input);
      const { z } = agreeFeed(replaced === undefined ? input : replaced);
      expect(z.length, 'zod refuses it').to.be.greaterThan(0);
    });
  }

  it('in English too', () => {
    const input = sample();
    input.url = 'javascript:alert(1)';
    input.sessions[0].venueId = 'nowhere';
    input.title = '';
    const { c } = agreeFeed(input, 'en');
    expect(c.map((i) => i.message)).to.include('invalid web address: a full http:// or https:// URL is expected');
  });

  it('a broken catalogue of 1,000 sessions', () => {
    const input: Json = generateCatalogue({ sessions: 1000, seed: 7 });
    input.cycles[3].sessions[2].id = input.cycles[3].sessions[1].id;
    input.cycles[10].sessions[0].date = { precision: 'exact', date: '2026-02-30' };
    input.cycles[20].venues[0].hostOrganisationId = 'ghost';
    input.cycles[30].organisations[0].kind = 'company';
    delete input.cycles[40].audience;
    const { z } = agreeFeed(input);
    expect(z.length).to.equal(5);
  });

  it('a catalogue that is not a list, with a wrong version', () => {
    agreeFeed({ formatVersion: 2, type: 'catalogue', cycles: {} });
  });

  it('names the allowed types when the feed type is unknown', () => {
    const r = safeParseFeedCompact({ formatVersion: 1, type: 'agenda' });
    expect(r.success).to.equal(false);
    expect(r.error!.issues[0]).to.include({ path: 'type', code: 'invalid_union' });
    expect(r.error!.issues[0]!.message).to.equal('valeur non autorisée : choisissez parmi « cycle », « catalogue »');
  });
});

describe('compact validator: the agenda’s feed loader (messages fetched for an invalid feed only)', () => {
  it('a valid feed: the same output as the synchronous validator', async () => {
    const r = await parseFeedCompact(sample());
    expect(r.success).to.equal(true);
    expect(r.data).to.deep.equal(safeParseFeedCompact(sample()).data);
  });

  for (const locale of ['fr', 'en'] as const) {
    it(`an invalid feed: the same issues, paths and messages as the synchronous validator (${locale})`, async () => {
      const input = sample();
      input.sessions[0].venueId = 'nowhere';
      input.sessions[1].date = { precision: 'exact', date: '2026-02-30' };
      input.capacity = 'forty';
      const lazy = await parseFeedCompact(structuredClone(input), { locale });
      const now = safeParseFeedCompact(structuredClone(input), { locale });
      expect(lazy.success).to.equal(false);
      expect(lazy.error!.issues).to.deep.equal(now.error!.issues);
      expect(lazy.error!.issues.map((i) => i.path)).to.include.members(['capacity', 'sessions[1].date.date']);
      expect(lazy.error!.message).to.equal(now.error!.message);
    });
  }
});

describe('compact validator: registration requests and evaluation answers', () => {
  const registration = (): Json => ({
    participant: { firstName: ' Camille ', lastName: 'Martin', email: 'camille.martin@exemple.fr', function: 'dgs', organisationId: 'cc-x' },
    sessionIds: ['j4'],
  });
  const answers = (): Json => ({ formId: 'evaluation', sessionId: 'j4', answers: { contenus: 4, remarques: ' Très bien ' } });
  const agreeRegistration = (i: unknown) => agree(RegistrationRequestSchema, safeParseRegistrationRequestCompact, i);
  const agreeFeedback = (i: unknown) => agree(FeedbackSubmissionSchema, safeParseFeedbackSubmissionCompact, i);

  it('a valid registration', () => {
    expect(safeParseRegistrationRequestCompact(registration()).success).to.equal(true);
    agreeRegistration(registration());
  });
  const badRegistrations: [string, (r: Json) => void][] = [
    ['function "other" without saying which', (r) => { r.participant.function = 'other'; }],
    ['no organisation', (r) => { delete r.participant.organisationId; }],
    ['an invalid email and phone', (r) => { r.participant.email = 'camille@'; r.participant.phone = 'call me'; }],
    ['no session', (r) => { r.sessionIds = []; }],
    ['no participant', (r) => { delete r.participant; }],
  ];
  for (const [name, mutate] of badRegistrations) {
    it(`a registration with ${name}`, () => {
      const input = registration();
      mutate(input);
      expect(agreeRegistration(input).z.length).to.be.greaterThan(0);
    });
  }

  it('valid answers (a record of numbers and texts)', () => {
    expect(safeParseFeedbackSubmissionCompact(answers()).success).to.equal(true);
    agreeFeedback(answers());
  });
  const badAnswers: [string, (a: Json) => void][] = [
    ['an invalid question id as a key', (a) => { a.answers['bad key!'] = 3; }],
    ['a fractional rating (no option fits)', (a) => { a.answers.contenus = 3.5; }],
    ['a text too long (only the text option comes near)', (a) => { a.answers.remarques = 'x'.repeat(5001); }],
    ['answers as a list', (a) => { a.answers = [4]; }],
    ['a token too short', (a) => { a.token = 'abc'; }],
  ];
  for (const [name, mutate] of badAnswers) {
    it(`answers with ${name}`, () => {
      const input = answers();
      mutate(input);
      expect(agreeFeedback(input).z.length).to.be.greaterThan(0);
    });
  }
});
