import { expect } from '@open-wc/testing';
import { jsonLDScript, toJSONLD } from '../../src/index.js';
import { cycleWith, evaluation, journee4, journee5, journeeBonus, seedCycle } from './fixtures.js';

// Plain JSON view of the output: schema-dts types are unions that would need narrowing at every step.
type Json = Record<string, any>;
const json = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

describe('formats: schema.org JSON-LD', () => {
  it('describes the cycle as a Course with its provider, language, audience and URL', () => {
    const course = json(toJSONLD(seedCycle()));
    expect(course['@context']).to.equal('https://schema.org');
    expect(course['@type']).to.equal('Course');
    expect(course.name).to.equal('Management par la Coopération');
    expect(course.url).to.equal('https://example.org/formations/management-cooperation');
    expect(course.inLanguage).to.equal('fr');
    expect(course.audience).to.deep.equal({ '@type': 'Audience', audienceType: 'Agents' });
    // Organisers and co-organisers, each once; partners and hosts are not providers.
    expect(course.provider).to.deep.equal([
      { '@type': 'GovernmentOrganization', name: 'Pôle Territorial' },
      { '@type': 'GovernmentOrganization', name: "Communauté de communes des Monts d'Alban et du Villefranchois" },
      { '@type': 'GovernmentOrganization', name: 'CNFPT, antenne du Tarn', alternateName: 'CNFPT Tarn' },
    ]);
    expect(course.hasCourseInstance).to.have.length(4);
  });

  it('gives each session a CourseInstance with dates at their precision', () => {
    const allDay = { id: 'j3', number: 3, title: 'Coopérer', date: { precision: 'exact', date: '2026-02-12' } };
    const cycle = cycleWith({ capacity: 40, sessions: [journee4, journee5, journeeBonus, evaluation, allDay] });
    const [day4, day5, bonus, unknown, day3] = json(toJSONLD(cycle)).hasCourseInstance as Json[];
    expect(day4!.name).to.equal('Journée 4 — Manager les projets dans la transversalité et la coopération');
    expect([day4!.startDate, day4!.endDate]).to.deep.equal(['2026-03-26T09:00:00+01:00', '2026-03-26T16:30:00+01:00']);
    expect([day5!.startDate, day5!.endDate]).to.deep.equal(['2026-05-14T09:00:00+02:00', '2026-05-14T17:00:00+02:00']);
    expect(day5!.description).to.equal(journee5.description);
    expect(day5!.audience).to.deep.equal({ '@type': 'Audience', audienceType: 'Agents, Élu·es' });
    expect([day3!.startDate, day3!.endDate]).to.deep.equal(['2026-02-12', '2026-02-12']);
    expect(bonus!.name).to.equal("Tester les outils d'animation de la coopération");
    expect(bonus!.startDate).to.equal('2026-06');
    expect('endDate' in bonus!).to.equal(false);
    expect(unknown!.name).to.equal("Évaluation de l'ensemble de la formation");
    expect('startDate' in unknown!).to.equal(false);
    expect('endDate' in unknown!).to.equal(false);
    expect(day4!.maximumAttendeeCapacity).to.equal(40);
    expect(day4!.organizer.map((o: Json) => o.name)).to.deep.equal([
      'Pôle Territorial',
      "Communauté de communes des Monts d'Alban et du Villefranchois",
      'CNFPT, antenne du Tarn',
    ]);
  });

  it('writes the venue as a Place with its postal address and coordinates', () => {
    const [day4, day5] = json(toJSONLD(seedCycle())).hasCourseInstance as Json[];
    expect(day4!.location).to.deep.equal({
      '@type': 'Place',
      name: "La Halle d'Alban",
      address: {
        '@type': 'PostalAddress',
        addressCountry: 'FR',
        streetAddress: "1 place de l'Exemple",
        postalCode: '81250',
        addressLocality: 'Alban',
      },
      geo: { '@type': 'GeoCoordinates', latitude: 43.8906, longitude: 2.4626 },
    });
    expect(day5!.location).to.deep.equal({
      '@type': 'Place',
      name: "Cap'Découverte",
      address: { '@type': 'PostalAddress', addressCountry: 'FR', postalCode: '81450', addressLocality: 'Le Garric' },
    });
  });

  it('maps status and attendance mode to schema.org terms and course modes', () => {
    const visio = 'https://visio.example.org/mpc';
    const instances = json(toJSONLD(cycleWith({
      sessions: [
        { ...journee4, status: 'cancelled' },
        { ...journee5, status: 'postponed', attendanceMode: 'mixed', onlineUrl: visio },
        { id: 'web', title: 'Webinaire', date: { precision: 'unknown' }, attendanceMode: 'online', onlineUrl: visio },
      ],
    }))).hasCourseInstance as Json[];
    expect(instances.map((i) => [i.eventStatus, i.eventAttendanceMode, i.courseMode])).to.deep.equal([
      ['https://schema.org/EventCancelled', 'https://schema.org/OfflineEventAttendanceMode', 'onsite'],
      ['https://schema.org/EventPostponed', 'https://schema.org/MixedEventAttendanceMode', 'blended'],
      ['https://schema.org/EventScheduled', 'https://schema.org/OnlineEventAttendanceMode', 'online'],
    ]);
    expect(instances[1]!.location.map((l: Json) => l['@type'])).to.deep.equal(['Place', 'VirtualLocation']);
    expect(instances[2]!.location).to.deep.equal({ '@type': 'VirtualLocation', url: visio });
  });

  it('uses the English words for an English cycle', () => {
    const course = json(toJSONLD(cycleWith({ lang: 'en', sessions: [journee4] })));
    expect(course.inLanguage).to.equal('en');
    expect(course.audience.audienceType).to.equal('Local government staff');
    expect(course.hasCourseInstance[0].name).to.equal('Day 4 — Manager les projets dans la transversalité et la coopération');
  });

  describe('jsonLDScript', () => {
    const title = 'Coopérer </script><script>alert(1)</script> <!-- & --> « fin »';
    const cycle = cycleWith({ title, description: 'Pas de </SCRIPT > non plus', sessions: [journee4] });

    it('cannot be closed by </script> in the data, and parses back to the same JSON-LD', () => {
      const text = jsonLDScript(cycle);
      expect(text).not.to.match(/<|>|&/);
      expect(JSON.parse(text)).to.deep.equal(json(toJSONLD(cycle)));
    });

    it('stays one script element when an HTML parser reads it in a page', () => {
      const html = `<script type="application/ld+json">${jsonLDScript(cycle)}</script><p id="after">après</p>`;
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const scripts = doc.querySelectorAll('script');
      expect(scripts).to.have.length(1);
      expect(JSON.parse(scripts[0]!.textContent!).name).to.equal(title);
      expect(doc.getElementById('after')!.textContent).to.equal('après');
    });

    it('would break without the escaping (the test page can tell)', () => {
      const raw = `<script type="application/ld+json">${JSON.stringify(toJSONLD(cycle))}</script>`;
      expect(new DOMParser().parseFromString(raw, 'text/html').querySelectorAll('script').length).to.be.greaterThan(1);
    });
  });
});
