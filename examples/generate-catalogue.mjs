#!/usr/bin/env node
// Writes a synthetic catalogue feed:
//   node examples/generate-catalogue.mjs --sessions 10000 [--cycles 1500] [--seed 1] [--start 2026-01-05] [--out /tmp/cat.json]
// Without --out the feed goes to standard output. Large outputs are for /tmp, not for the repository.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCatalogue } from './generate-catalogue.js';

const USAGE =
  'usage: node examples/generate-catalogue.mjs --sessions N [--cycles N] [--seed N] [--start YYYY-MM-DD] [--out FILE] [--compact]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      sessions: { type: 'string' },
      cycles: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      out: { type: 'string', short: 'o' },
      compact: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** @param {string | undefined} s @param {string} name */
function integer(s, name) {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s)) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(s)}\n${USAGE}`);
    process.exit(2);
  }
  return Number(s);
}

const sessions = integer(values.sessions, 'sessions');
if (sessions === undefined) {
  console.error(`--sessions is required\n${USAGE}`);
  process.exit(2);
}

let feed;
try {
  feed = generateCatalogue({
    sessions,
    cycles: integer(values.cycles, 'cycles'),
    seed: integer(values.seed, 'seed'),
    startDate: values.start,
  });
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}

const json = JSON.stringify(feed, null, values.compact ? undefined : 2) + '\n';
if (values.out) {
  writeFileSync(values.out, json);
  console.error(`${values.out}: ${feed.cycles.length} cycles, ${sessions} sessions, ${json.length} bytes`);
} else {
  process.stdout.write(json);
}
