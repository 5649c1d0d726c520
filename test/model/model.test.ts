import { expect } from '@open-wc/testing';
import {
  FeedbackFormSchema,
  RegistrationRequestSchema,
  parseCycle,
  safeParseCatalogue,
  safeParseCycle,
  safeParseWith,
  type CycleFeed,
  type ValidationIssue,
} from '../../src/index.js';
import { generateCatalogue } from '../../examples/generate-catalogue.js';

// The JSON as written: mutated freely by the tests below, so loosely typed on purpose.
type Json = any;

const SAMPLE_URL = new URL('../../examples/management-par-la-cooperation.json', import.meta.url);
let sampleJson: Json;

/** A fresh copy of the seed sample, to break one thing in it. */
const sample = (): Json => structuredClone(sampleJson);

/** The issues of an input that must be refused. */
function refused(input: unknown, locale?: 'fr' | 'en'): readonly ValidationIssue[] {
  const r = safeParseCycle(input, locale ? { locale } : {});
  expect(r.success, 'the feed should be refused').to.equal(false);
  return r.error!.issues;
}

const paths = (issues: readonly ValidationIssue[]) => issues.map((i) => i.path);

before(async () => {
  const res = await fetch(SAMPLE_URL);
  expect(res.status, `${SAMPLE_URL.href} should be served by the test server`).to.equal(200);
  sampleJson = await res.json();
});

describe('model: the seed sample « Management par la Coopération »', () => {
  let cycle: CycleFeed;
  before(() => {
    cycle = parseCycle(sample());
  });

  const session = (id: string) => {
    const s = cycle.sessions.find((x) => x.id === id);
    expect(s, `session ${id}`).to.not.equal(undefined);
    return s!;
  };

  it('parses, with the cycle facts the article states', () => {
    expect(cycle.type).to.equal('cycle');
    expect(cycle.formatVersion).to.equal(1);
    expect(cycle.title).to.equal('Management par la Coopération');
    expect(cycle.experimental).to.equal(true);
    expect(cycle.edition).to.equal('premier cycle');
    expect(cycle.durationDays).to.equal(5);
    expect(cycle.capacity).to.equal(40);
    expect(cycle.audience.kinds).to.deep.equal(['agents']);
    expect(cycle.audience.description).to.contain('DGS, responsables de pôle, chef·fes de service');
    expect(cycle.lang).to.equal('fr');
  });

  it('cites the article as its source, without a URL it does not have', () => {
    expect(cycle.sources).to.have.length(1);
    expect(cycle.sources[0]!.title).to.equal('Dernières journées pour le cycle de formation "Management par la Coopération"');
    expect(cycle.sources[0]!.url).to.equal(undefined);
    expect(cycle.sources[0]!.note).to.contain('aucune URL');
  });

  it('has 5 core days and one bonus day, numbered 1 to 6', () => {
    const core = cycle.sessions.filter((s) => !s.bonus);
    const bonus = cycle.sessions.filter((s) => s.bonus);
    expect(core.map((s) => s.number)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(core.every((s) => !s.optional)).to.equal(true);
    expect(bonus.map((s) => s.number)).to.deep.equal([6]);
  });

  it('dates day 4 on 26 March and day 5 on 14 May exactly, without invented times', () => {
    const d4 = session('journee-4').date;
    const d5 = session('journee-5').date;
    expect(d4.precision === 'exact' && d4.date).to.equal('2025-03-26');
    expect(d5.precision === 'exact' && d5.date).to.equal('2025-05-14');
    for (const d of [d4, d5]) {
      if (d.precision !== 'exact') throw new Error('exact date expected');
      expect(d.startTime).to.equal(undefined);
      expect(d.endTime).to.equal(undefined);
      expect(d.timeZone).to.equal('Europe/Paris');
    }
  });

  it('does not pass the year, which the article omits, off as fact', () => {
    for (const id of ['journee-4', 'journee-5', 'journee-6-bonus']) {
      const p = session(id).date.provenance;
      expect(p?.status, id).to.equal('inferred');
      expect(p?.note, id).to.match(/l'année ne l'est pas|pas l'année/);
    }
    expect(session('journee-5').date.provenance?.note).to.contain('Ascension');
  });

  it('keeps the bonus day « fin juin » at month precision, for cycle participants only', () => {
    const d6 = session('journee-6-bonus');
    expect(d6.date).to.deep.include({ precision: 'month', year: 2025, month: 6, part: 'late', label: 'fin juin' });
    expect(d6.bonus).to.equal(true);
    expect(d6.optional).to.equal(true);
    expect(d6.eligibility).to.equal('cycle-participants');
    expect(d6.venueId).to.equal('cnfpt-albi');
    expect(d6.objectives).to.have.length(2);
    expect(d6.objectives[0]).to.match(/^Découvrir et identifier quels outils utiliser/);
  });

  it('leaves the dates, titles and programmes of days 1–3 unknown', () => {
    const early = cycle.sessions.filter((s) => s.date.precision === 'unknown');
    expect(early.map((s) => s.number)).to.deep.equal([1, 2, 3]);
    for (const s of early) {
      expect(s.provenance?.status).to.equal('unknown');
      expect(s.title).to.contain('non précisé par l');
      expect(s.date.precision === 'unknown' && s.date.label).to.equal('date non précisée par l\'article (avant le 26 mars)');
      expect(s.venueId).to.equal(undefined);
      expect(s.programme).to.deep.equal([]);
    }
  });

  it('opens day 5 to elected officials and keeps its four sequences and speakers', () => {
    const d5 = session('journee-5');
    expect(d5.audience?.kinds).to.deep.equal(['agents', 'elected-officials']);
    expect(d5.audience?.description).to.contain('élu·es de chaque communauté de communes');
    expect(d5.venueId).to.equal('cap-decouverte');
    expect(d5.hostOrganisationId).to.equal('cc-carmausin-segala');
    expect(d5.programme.map((p) => p.kind)).to.deep.equal(['discussion', 'experience-sharing', 'presentation', 'evaluation']);
    expect(d5.programme[1]!.speakers.map((s) => s.organisationId)).to.deep.equal([
      'cc-val-de-sarthe',
      'pays-vallee-de-la-sarthe',
      'fabrique-des-transitions',
    ]);
    expect(d5.programme[3]!.speakers.map((s) => s.organisationId)).to.deep.equal(['cnfpt-direction-regionale']);
  });

  it('keeps day 4 at La Halle d’Alban with its four programme items', () => {
    const d4 = session('journee-4');
    expect(d4.title).to.equal('Manager les projets dans la transversalité et la coopération');
    expect(d4.venueId).to.equal('halle-alban');
    expect(d4.hostOrganisationId).to.equal('cc-monts-alban-villefranchois');
    expect(d4.audience).to.equal(undefined);
    expect(d4.programme.map((p) => p.kind)).to.deep.equal(['workshop', 'theory', 'experience-sharing', 'tools-and-methods']);
    expect(d4.programme[2]!.speakers.map((s) => s.organisationId)).to.deep.equal(['ouest-aveyron-communaute']);
  });

  it('has five member communautés de communes, the three unnamed ones marked unknown', () => {
    const members = cycle.organisations.filter((o) => o.roles.includes('member'));
    expect(members).to.have.length(5);
    expect(members.every((o) => o.kind === 'epci')).to.equal(true);
    const unknown = members.filter((o) => o.provenance?.status === 'unknown');
    expect(unknown.map((o) => o.id)).to.deep.equal(['cc-membre-3', 'cc-membre-4', 'cc-membre-5']);
    expect(unknown.every((o) => o.name.includes("non nommée par l'article"))).to.equal(true);
    const named = members.filter((o) => o.provenance?.status === 'stated').map((o) => o.name);
    expect(named).to.deep.equal([
      "Communauté de Communes des Monts d'Alban et du Villefranchois",
      'Communauté de Communes du Carmausin Ségala',
    ]);
  });

  it('names its organisers and marks what is deduced', () => {
    const org = (id: string) => cycle.organisations.find((o) => o.id === id);
    expect(org('pole-territorial')).to.deep.include({ name: 'Pôle Territorial', kind: 'territorial-pole', roles: ['organiser'] });
    expect(org('pole-territorial')?.provenance?.status).to.equal('unknown');
    expect(org('cnfpt-tarn')).to.deep.include({ kind: 'cnfpt', roles: ['co-organiser'], department: '81' });
    expect(org('cnfpt-direction-regionale')?.roles).to.deep.equal(['evaluator']);
    expect(org('fabrique-des-transitions')?.roles).to.include('partner');
    expect(org('fabrique-des-transitions')?.provenance?.status).to.equal('inferred');
  });

  it('invents no address, postal code, geo point or photo', () => {
    for (const v of cycle.venues) {
      expect(v.address?.street, v.id).to.equal(undefined);
      expect(v.address?.postalCode, v.id).to.equal(undefined);
      expect(v.geo, v.id).to.equal(undefined);
    }
    expect(cycle.venues.find((v) => v.id === 'cap-decouverte')?.address?.commune).to.equal(undefined);
    expect(cycle.venues.find((v) => v.id === 'halle-alban')?.address?.commune).to.equal('Alban');
    expect(cycle.sessions.flatMap((s) => s.media)).to.deep.equal([]);
    expect(cycle.provenance?.note).to.contain('Retour en images');
  });

  it('labels its questionnaire and RGPD notice as examples', () => {
    const form = cycle.feedback[0]!;
    expect(cycle.feedback).to.have.length(1);
    expect(form).to.deep.include({ scope: 'cycle', access: 'anonymous', minGroupSize: 5 });
    expect(form.results.public).to.equal(false);
    expect(form.scale.labels).to.deep.equal([
      'pas du tout satisfait·e',
      'peu satisfait·e',
      'moyennement satisfait·e',
      'satisfait·e',
      'très satisfait·e',
    ]);
    expect(form.questions.map((q) => q.type)).to.include.members(['rating', 'recommendation', 'organisation', 'text']);
    expect(form.provenance?.status).to.equal('example');
    expect(cycle.privacy?.provenance?.status).to.equal('example');
    expect(cycle.privacy?.legalBasis).to.contain('6-1-e');
    expect(cycle.privacy?.retentionDays).to.equal(365);
    expect(cycle.privacy?.dpoContact).to.match(/^EXEMPLE/);
  });

  it('has closed registration with a waiting list', () => {
    expect(cycle.registration).to.deep.equal({ status: 'closed', waitlist: true });
  });
});

describe('model: dates and times', () => {
  for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01']) {
    it(`refuses the impossible date ${bad} at its path`, () => {
      const f = sample();
      f.sessions[3].date.date = bad;
      const issues = refused(f);
      expect(paths(issues)).to.deep.equal(['sessions[3].date.date']);
      expect(issues[0]!.message).to.equal('date invalide : une date réelle au format AAAA-MM-JJ est attendue');
    });
  }

  it('accepts 29 February of a leap year', () => {
    const f = sample();
    f.sessions[3].date.date = '2024-02-29';
    const r = safeParseCycle(f);
    expect(r.success).to.equal(true);
    expect(r.data!.sessions[3]!.date).to.deep.include({ date: '2024-02-29' });
  });

  it('refuses a 13th month in a month-precision date', () => {
    const f = sample();
    f.sessions[5].date.month = 13;
    expect(paths(refused(f))).to.deep.equal(['sessions[5].date.month']);
  });

  it('refuses an end time before (or equal to) the start time', () => {
    for (const [startTime, endTime] of [['14:00', '09:00'], ['09:00', '09:00']]) {
      const f = sample();
      Object.assign(f.sessions[3].date, { startTime, endTime });
      const issues = refused(f);
      expect(paths(issues)).to.deep.equal(['sessions[3].date.endTime']);
      expect(issues[0]!.code).to.equal('end_before_start');
      expect(issues[0]!.message).to.equal("l'heure de fin doit être après l'heure de début");
    }
  });

  it('refuses an end time without a start time', () => {
    const f = sample();
    f.sessions[4].date.endTime = '17:00';
    const issues = refused(f);
    expect(paths(issues)).to.deep.equal(['sessions[4].date.startTime']);
    expect(issues[0]!.code).to.equal('start_time_missing');
  });

  it('accepts and keeps valid times', () => {
    const f = sample();
    Object.assign(f.sessions[3].date, { startTime: '09:30', endTime: '16:30' });
    expect(parseCycle(f).sessions[3]!.date).to.deep.include({ startTime: '09:30', endTime: '16:30' });
  });
});

describe('model: references inside a cycle', () => {
  const cases: [string, (f: Json) => void, string, string][] = [
    ['a session venue', (f) => (f.sessions[2].venueId = 'nowhere'), 'sessions[2].venueId', 'aucun lieu'],
    ['a session host', (f) => (f.sessions[3].hostOrganisationId = 'nobody'), 'sessions[3].hostOrganisationId', 'aucune organisation'],
    ['a venue host', (f) => (f.venues[1].hostOrganisationId = 'nobody'), 'venues[1].hostOrganisationId', 'aucune organisation'],
    [
      'a speaker organisation',
      (f) => (f.sessions[4].programme[1].speakers[2].organisationId = 'nobody'),
      'sessions[4].programme[1].speakers[2].organisationId',
      'aucune organisation',
    ],
    ['a questionnaire session', (f) => (f.feedback[0].sessionIds = ['journee-4', 'journee-9']), 'feedback[0].sessionIds[1]', 'aucune session'],
  ];
  for (const [what, breakIt, path, words] of cases) {
    it(`refuses a dangling id in ${what}, at ${path}`, () => {
      const f = sample();
      breakIt(f);
      const issues = refused(f);
      expect(paths(issues)).to.deep.equal([path]);
      expect(issues[0]!.code).to.equal('unknown_ref');
      expect(issues[0]!.message).to.contain(words);
    });
  }

  it('says so in French by default and in English on request', () => {
    const f = sample();
    f.sessions[2].venueId = 'nowhere';
    expect(refused(f)[0]!.message).to.equal("référence inconnue : aucun lieu n'a l'identifiant « nowhere »");
    expect(refused(f, 'fr')[0]!.message).to.equal("référence inconnue : aucun lieu n'a l'identifiant « nowhere »");
    expect(refused(f, 'en')[0]!.message).to.equal('unknown reference: no venue has the identifier "nowhere"');
  });

  it('refuses duplicate ids in each list', () => {
    const f = sample();
    f.organisations.push({ ...f.organisations[0] });
    f.sessions[1].id = 'journee-1';
    const issues = refused(f);
    expect(paths(issues)).to.deep.equal(['organisations[12].id', 'sessions[1].id']);
    expect(issues.every((i) => i.code === 'duplicate_id')).to.equal(true);
    expect(issues[1]!.message).to.equal('identifiant en double : « journee-1 » est déjà utilisé');
  });
});

describe('model: links', () => {
  const evil = ['javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', '//evil.example/x.jpg', ' JavaScript:alert(1)'];
  for (const url of evil) {
    it(`refuses ${JSON.stringify(url)} as a cycle url and as a photo url`, () => {
      const a = sample();
      a.url = url;
      const ia = refused(a);
      expect(paths(ia)).to.deep.equal(['url']);
      expect(ia[0]!.message).to.contain('adresse web invalide');

      const b = sample();
      b.sessions[3].media = [{ url, alt: 'Les participants dans La Halle d’Alban' }];
      const ib = refused(b);
      expect(paths(ib)).to.deep.equal(['sessions[3].media[0].url']);
      expect(ib[0]!.code).to.equal('resource_url');
    });
  }

  it('accepts relative photo paths and absolute https URLs unchanged', () => {
    const f = sample();
    f.sessions[3].media = [
      { url: 'images/journee-4.jpg', alt: 'a' },
      { url: '/media/journee-4.jpg', alt: 'b' },
      { url: '../photos/j4.webp', alt: 'c' },
      { url: 'https://exemple.fr/j4.jpg', alt: 'd' },
    ];
    const urls = parseCycle(f).sessions[3]!.media.map((m) => m.url);
    expect(urls).to.deep.equal(['images/journee-4.jpg', '/media/journee-4.jpg', '../photos/j4.webp', 'https://exemple.fr/j4.jpg']);
  });
});

describe('model: texts, emails and versions', () => {
  it('refuses an invalid email at its path', () => {
    const f = sample();
    f.contact = { email: 'pas-une-adresse' };
    const issues = refused(f);
    expect(paths(issues)).to.deep.equal(['contact.email']);
    expect(issues[0]!.message).to.equal('adresse e-mail invalide (exemple : prenom.nom@exemple.fr)');
  });

  it('refuses control characters in a text', () => {
    const f = sample();
    f.sessions[3].title = 'Journée\u0007 4';
    const issues = refused(f);
    expect(paths(issues)).to.deep.equal(['sessions[3].title']);
    expect(issues[0]!.code).to.equal('control_chars');
  });

  it('refuses another format version and says which one', () => {
    const f = sample();
    f.formatVersion = 2;
    const fr = refused(f);
    expect(paths(fr)).to.deep.equal(['formatVersion']);
    expect(fr[0]!.message).to.equal('version de format non prise en charge : 2 (attendue : 1)');
    expect(refused(f, 'en')[0]!.message).to.equal('unsupported format version: 2 (expected: 1)');
  });

  it('accepts markup as plain text and keeps it unchanged', () => {
    const img = '<img src=x onerror=alert(1)>';
    const script = '<script>alert(1)</script>';
    const f = sample();
    f.title = img;
    f.sessions[3].description = script;
    f.sessions[3].programme[0].title = `Travaux ${img}`;
    f.sessions[3].media = [{ url: 'images/j4.jpg', alt: script }];
    const c = parseCycle(f);
    expect(c.title).to.equal(img);
    expect(c.sessions[3]!.description).to.equal(script);
    expect(c.sessions[3]!.programme[0]!.title).to.equal(`Travaux ${img}`);
    expect(c.sessions[3]!.media[0]!.alt).to.equal(script);
  });
});

describe('model: registration requests', () => {
  const valid = () => ({
    participant: {
      firstName: 'Camille',
      lastName: 'Durand',
      email: 'camille.durand@exemple.fr',
      phone: '05 63 00 00 00',
      function: 'head-of-department',
      organisationId: 'cc-carmausin-segala',
    },
    sessionIds: ['journee-6-bonus'],
  });

  it('accepts a complete request', () => {
    const r = safeParseWith(RegistrationRequestSchema, valid());
    expect(r.success).to.equal(true);
    expect(r.data!.participant.email).to.equal('camille.durand@exemple.fr');
  });

  it('asks for the function in words when it is « other »', () => {
    const req: Json = valid();
    req.participant.function = 'other';
    const r = safeParseWith(RegistrationRequestSchema, req);
    expect(r.success).to.equal(false);
    expect(paths(r.error!.issues)).to.deep.equal(['participant.functionOther']);
    expect(r.error!.issues[0]!.message).to.equal('précisez votre fonction');
    req.participant.functionOther = 'Conseiller en prévention';
    expect(safeParseWith(RegistrationRequestSchema, req).success).to.equal(true);
  });

  it('asks for an organisation', () => {
    const req: Json = valid();
    delete req.participant.organisationId;
    const r = safeParseWith(RegistrationRequestSchema, req, { locale: 'en' });
    expect(paths(r.error!.issues)).to.deep.equal(['participant.organisationName']);
    expect(r.error!.issues[0]!.message).to.equal('please state your organisation');
  });

  it('refuses a phone number that is not one', () => {
    const req: Json = valid();
    req.participant.phone = 'appelez-moi';
    const r = safeParseWith(RegistrationRequestSchema, req);
    expect(paths(r.error!.issues)).to.deep.equal(['participant.phone']);
    expect(r.error!.issues[0]!.message).to.equal('numéro de téléphone invalide (exemple : 05 63 00 00 00)');
  });
});

describe('model: feedback forms', () => {
  it('accepts the sample questionnaire on its own', () => {
    const r = safeParseWith(FeedbackFormSchema, sample().feedback[0]);
    expect(r.success).to.equal(true);
    expect(r.data!.questions).to.have.length(11);
  });

  it('needs one label per point of the scale', () => {
    const form = sample().feedback[0];
    form.scale.labels.pop();
    const r = safeParseWith(FeedbackFormSchema, form);
    expect(paths(r.error!.issues)).to.deep.equal(['scale.labels']);
    expect(r.error!.issues[0]!.message).to.equal("il faut un libellé par point de l'échelle (5)");
  });

  it('refuses duplicate question ids', () => {
    const form = sample().feedback[0];
    form.questions[1].id = form.questions[0].id;
    const r = safeParseWith(FeedbackFormSchema, form);
    expect(paths(r.error!.issues)).to.deep.equal(['questions[1].id']);
    expect(r.error!.issues[0]!.code).to.equal('duplicate_id');
  });
});

describe('examples/generate-catalogue.js', () => {
  const count = (feed: { cycles: { sessions: unknown[] }[] }) => feed.cycles.reduce((n, c) => n + c.sessions.length, 0);

  for (const n of [1000, 10000]) {
    it(`generates a valid catalogue of exactly ${n} sessions`, () => {
      const r = safeParseCatalogue(generateCatalogue({ sessions: n }));
      expect(r.error?.message ?? '').to.equal('');
      expect(r.data!.type).to.equal('catalogue');
      expect(count(r.data!)).to.equal(n);
      const sessions = r.data!.cycles.flatMap((c) => c.sessions);
      const precisions = new Set(sessions.map((s) => s.date.precision));
      expect([...precisions].sort()).to.deep.equal(['exact', 'month', 'unknown']);
      const exact = sessions.filter((s) => s.date.precision === 'exact').length;
      expect(exact / n).to.be.within(0.85, 0.95);
      expect(sessions.some((s) => s.bonus && s.eligibility === 'cycle-participants')).to.equal(true);
      expect(sessions.some((s) => s.audience?.kinds.includes('elected-officials'))).to.equal(true);
      expect(r.data!.cycles.every((c) => c.provenance?.status === 'example')).to.equal(true);
    });
  }

  it('splits the sessions across the requested cycles', () => {
    const feed = generateCatalogue({ sessions: 10, cycles: 3 });
    expect(feed.cycles.map((c) => c.sessions?.length)).to.deep.equal([4, 3, 3]);
    expect(safeParseCatalogue(feed).success).to.equal(true);
  });

  it('starts no cycle before startDate', () => {
    const r = safeParseCatalogue(generateCatalogue({ sessions: 500, startDate: '2027-09-01' }));
    const days = r.data!.cycles.flatMap((c) => c.sessions).flatMap((s) => (s.date.precision === 'exact' ? [s.date.date] : []));
    expect(days.length).to.be.greaterThan(400);
    expect(days.every((d) => d >= '2027-09-01')).to.equal(true);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const a = JSON.stringify(generateCatalogue({ sessions: 300, seed: 42 }));
    const b = JSON.stringify(generateCatalogue({ sessions: 300, seed: 42 }));
    const c = JSON.stringify(generateCatalogue({ sessions: 300, seed: 43 }));
    expect(a).to.equal(b);
    expect(a).to.not.equal(c);
  });
});
