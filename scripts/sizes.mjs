// Sizes of what a page downloads, min+gzip (gzip -9 of the built, minified files).
// - per element: its dist/cdn entry and every chunk it imports statically (what the page loads to
//   show it); chunks it imports on demand (the .ics writer, the JSON-LD writer) are listed apart;
// - all elements: dist/formacoop.min.js, the one file a webmaster references for every element
//   (everything it imports statically is in it); what it fetches on demand from dist/lazy/ (the
//   English words, the month calendar, the .ics and JSON-LD writers…) is listed apart.
// Usage: node scripts/sizes.mjs [--json]   (after npm run build)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';

const DIST = resolve('dist');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** A module and the files it imports statically (transitively), and those it imports on demand. */
function graph(entry) {
  const statics = new Set();
  const dynamics = new Set();
  const visit = (file) => {
    if (statics.has(file)) return;
    statics.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) visit(resolve(dirname(file), m[1]));
    for (const m of code.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) dynamics.add(resolve(dirname(file), m[1]));
  };
  visit(entry);
  return { statics: [...statics], dynamics: [...dynamics].filter((d) => !statics.has(d)) };
}

export function measure() {
  const elements = {};
  const cdn = join(DIST, 'cdn');
  for (const name of readdirSync(cdn).filter((f) => f.endsWith('.js'))) {
    const { statics, dynamics } = graph(join(cdn, name));
    elements[name.replace(/\.js$/, '')] = {
      gzip: statics.reduce((n, f) => n + gz(f), 0),
      onDemand: dynamics.reduce((n, f) => n + gz(f), 0),
      files: statics.length,
    };
  }
  const all = join(DIST, 'formacoop.min.js');
  const sdk = join(DIST, 'formacoop-sdk.min.js');
  const allGraph = existsSync(all) ? graph(all) : undefined;
  // Every file of dist/lazy/ the bundle may fetch, directly or from another on-demand file.
  const lazy = new Set();
  const visitLazy = (file) => {
    if (lazy.has(file) || allGraph?.statics.includes(file)) return;
    lazy.add(file);
    const g = graph(file);
    for (const f of [...g.statics, ...g.dynamics]) visitLazy(f);
  };
  allGraph?.dynamics.forEach(visitLazy);
  return {
    elements,
    all: allGraph ? allGraph.statics.reduce((n, f) => n + gz(f), 0) : undefined,
    allFiles: allGraph?.statics.length,
    allOnDemand: Object.fromEntries([...lazy].map((f) => [f.slice(DIST.length + 1), gz(f)])),
    sdk: existsSync(sdk) ? gz(sdk) : undefined,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(m, null, 2));
  else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    for (const [name, e] of Object.entries(m.elements))
      console.log(`${name.padEnd(22)} ${kb(e.gzip).padStart(9)} min+gzip (${e.files} files)${e.onDemand ? `, + ${kb(e.onDemand)} on demand` : ''}`);
    const lazy = Object.entries(m.allOnDemand);
    console.log(`${'all (formacoop.min.js)'.padEnd(22)} ${kb(m.all).padStart(9)} min+gzip (${m.allFiles} file), + ${kb(lazy.reduce((n, [, v]) => n + v, 0))} on demand in ${lazy.length} files:`);
    for (const [file, size] of lazy.sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${file.padEnd(36)} ${kb(size).padStart(9)}`);
    console.log(`${'SDK (formacoop-sdk.min.js)'.padEnd(22)} ${kb(m.sdk).padStart(9)} min+gzip`);
  }
}
