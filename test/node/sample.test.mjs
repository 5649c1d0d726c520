// The seed sample read by the BUILT package, imported by name, in Node with no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCycle, safeParseCycle } from 'formacoop';

const sample = () =>
  JSON.parse(readFileSync(new URL('../../examples/management-par-la-cooperation.json', import.meta.url), 'utf8'));

test('no DOM in this process', () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof globalThis.window, 'undefined');
});

test('the seed sample parses in Node', () => {
  const cycle = parseCycle(sample());
  assert.equal(cycle.title, 'Management par la Coopération');
  assert.equal(cycle.capacity, 40);
  assert.deepEqual(
    cycle.sessions.map((s) => [s.number, s.date.precision, s.bonus]),
    [
      [1, 'unknown', false],
      [2, 'unknown', false],
      [3, 'unknown', false],
      [4, 'exact', false],
      [5, 'exact', false],
      [6, 'month', true],
    ],
  );
  assert.equal(cycle.sessions[4].date.date, '2025-05-14');
  assert.deepEqual(cycle.sessions[4].audience.kinds, ['agents', 'elected-officials']);
});

test('a broken sample is refused with the path of the field, in French then in English', () => {
  const feed = sample();
  feed.sessions[3].venueId = 'salle-inconnue';
  const fr = safeParseCycle(feed);
  assert.equal(fr.success, false);
  assert.deepEqual(fr.error.issues.map((i) => i.path), ['sessions[3].venueId']);
  assert.equal(fr.error.issues[0].message, "référence inconnue : aucun lieu n'a l'identifiant « salle-inconnue »");
  const en = safeParseCycle(feed, { locale: 'en' });
  assert.equal(en.error.issues[0].message, 'unknown reference: no venue has the identifier "salle-inconnue"');
  assert.throws(() => parseCycle(feed), (e) => e.name === 'ValidationError' && /sessions\[3\]\.venueId/.test(e.message));
});
