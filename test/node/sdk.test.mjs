// The built package, imported by name in Node with no DOM, as a developer would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCycle, safeParseCycle } from 'formacoop';

test('no DOM in this process', () => {
  assert.equal(typeof globalThis.document, 'undefined');
});

test('a feed with an impossible date is refused with the path of the field', () => {
  const r = safeParseCycle({
    formatVersion: 1, type: 'cycle', id: 'c', title: 'Cycle', audience: { kinds: ['agents'] },
    sessions: [{ id: 's', title: 'Jour', date: { precision: 'exact', date: '2026-02-30' } }],
  });
  assert.equal(r.success, false);
  assert.deepEqual(r.error.issues.map((i) => i.path), ['sessions[0].date.date']);
  assert.throws(() => parseCycle({}), /formatVersion/);
});
