// The built package, imported by name in Node with no DOM, as a developer would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { parseCycle, safeParseCycle, toICS, toJSONLD, toCSV } from 'formacoop';

const sample = () =>
  JSON.parse(readFileSync(new URL('../../examples/management-par-la-cooperation.json', import.meta.url), 'utf8'));

const minimal = (extra = {}) => ({
  formatVersion: 1,
  type: 'cycle',
  id: 'c',
  title: 'Cycle',
  audience: { kinds: ['agents'] },
  ...extra,
});

test('no DOM in this process', () => {
  assert.equal(typeof globalThis.document, 'undefined');
});

test('the sample iCalendar is accepted by ical.js, one event per exactly dated session', () => {
  const cycle = parseCycle(sample());
  const exact = cycle.sessions.filter((s) => s.date.precision === 'exact');
  const { ics, events, skipped } = toICS(cycle, { now: new Date('2026-01-01T00:00:00Z') });
  assert.equal(events, exact.length);
  assert.equal(skipped.length, cycle.sessions.length - exact.length);
  const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.deepEqual(
    vevents.map((e) => [e.startDate.toString(), e.summary]),
    exact.map((s) => [s.date.date, `Journée ${s.number} — ${s.title}`]),
  );
  assert.ok(vevents.every((e) => e.startDate.isDate && e.location));
});

test('JSON-LD and CSV work in Node', () => {
  const cycle = parseCycle(sample());
  const ld = toJSONLD(cycle);
  assert.equal(ld['@type'], 'Course');
  assert.equal(ld.hasCourseInstance.length, cycle.sessions.length);
  const csv = toCSV([{ a: '=1+1', b: 'x;y' }], ['a', 'b']);
  assert.equal(csv, "\uFEFFa;b\r\n'=1+1;\"x;y\"\r\n");
});

test('an impossible date, a dangling venue id and a javascript: URL are refused with their paths', () => {
  const r = safeParseCycle(
    minimal({
      url: 'javascript:alert(1)',
      venues: [{ id: 'halle', name: 'La Halle' }],
      sessions: [
        { id: 's1', title: 'Jour 1', date: { precision: 'exact', date: '2026-02-30' } },
        { id: 's2', title: 'Jour 2', date: { precision: 'unknown' }, venueId: 'nulle-part' },
      ],
    }),
  );
  assert.equal(r.success, false);
  assert.deepEqual(r.error.issues.map((i) => i.path).sort(), ['sessions[0].date.date', 'sessions[1].venueId', 'url']);
  assert.throws(() => parseCycle({}), /formatVersion/);
});

test('dist contains no new Function and no eval(', () => {
  const offenders = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(m?js)$/.test(name) && /new Function|\beval\(/.test(readFileSync(path, 'utf8'))) offenders.push(path);
    }
  };
  walk(new URL('../../dist', import.meta.url).pathname);
  assert.deepEqual(offenders, []);
});

test('a JSON Schema is written for every feed and request shape', async () => {
  for (const name of ['cycle-feed', 'catalogue-feed', 'feed', 'registration-request', 'feedback-submission']) {
    const schema = JSON.parse(readFileSync(new URL(`../../dist/schema/${name}.schema.json`, import.meta.url), 'utf8'));
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
    assert.ok(schema.type || schema.oneOf || schema.anyOf, name);
  }
  // …and it is reachable through the package's exports map.
  const { default: feed } = await import('formacoop/schema/cycle-feed.schema.json', { with: { type: 'json' } });
  assert.equal(feed.properties.formatVersion.const, 1);
});
