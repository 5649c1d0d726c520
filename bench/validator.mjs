// Feed validation in the embed bundle: zod (the SDK's `safeParseFeed`) vs the compact validator
// (`safeParseFeedCompact`: src/model/compact, an IR generated from the same zod schemas).
// Sizes: min+gzip of a bundle exporting only that function, built as rollup.config.mjs builds the
// embed bundles (node-resolve, esbuild, terser). Also checks that the compact bundle holds no zod
// module and no eval. Times: a 10,000-session catalogue, median of 5 runs after a warm-up, in Node.
// Usage: node bench/validator.mjs
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { generateCatalogue } from '../examples/generate-catalogue.js';

const ENTRIES = {
  zod: "export { safeParseFeed as parse } from './src/model/feed.ts';",
  compact: "export { safeParseFeedCompact as parse } from './src/model/compact/index.ts';",
  // Parts of the compact one, to tell the interpreter from the IR.
  interpreter: "export { validate as parse } from './src/model/compact/validate.ts';",
  catalogue: "export { message as parse } from './src/model/messages.ts';",
};

async function build(name) {
  const bundle = await rollup({
    input: 'entry',
    onwarn: () => {},
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === 'entry' ? id : null),
        load: (id) => (id === 'entry' ? ENTRIES[name] : null),
      },
      nodeResolve({ exportConditions: ['production', 'browser'] }),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
      terser({ ecma: 2022, module: true, compress: { passes: 3 }, format: { comments: false } }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  const chunk = output[0];
  const code = Buffer.from(chunk.code);
  return { code: chunk.code, modules: Object.keys(chunk.modules), min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const built = {};
for (const name of Object.keys(ENTRIES)) built[name] = await build(name);

console.log(`node bench/validator.mjs — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}`);
console.log('\nsize (rollup + terser, min / min+gzip):');
const row = (label, min, gzip) => console.log(`  ${label.padEnd(52)} ${kb(min).padStart(9)} ${kb(gzip).padStart(9)}`);
row('safeParseFeed (zod/mini + locales + schemas)', built.zod.min, built.zod.gzip);
row('safeParseFeedCompact (interpreter + IR + messages)', built.compact.min, built.compact.gzip);
row('  of which validate.ts + messages + issues', built.interpreter.min, built.interpreter.gzip);
row('  of which messages.ts (catalogue, fr + en)', built.catalogue.min, built.catalogue.gzip);
row('  interpreter alone (difference)', built.interpreter.min - built.catalogue.min, built.interpreter.gzip - built.catalogue.gzip);
row('  IR + refinements + wrapper (difference)', built.compact.min - built.interpreter.min, built.compact.gzip - built.interpreter.gzip);

const zodModules = built.compact.modules.filter((m) => /[\\/]node_modules[\\/]zod[\\/]/.test(m));
const evals = /\beval\s*\(|new Function\b|\bFunction\s*\(/.test(built.compact.code);
console.log(`\ncompact bundle: ${built.compact.modules.length} modules, ${zodModules.length} from zod, ${evals ? 'uses' : 'no'} eval / new Function`);
console.log(`  ${built.compact.modules.map((m) => m.replace(`${process.cwd()}/`, '')).join('\n  ')}`);

const load = async (name) => (await import(`data:text/javascript;base64,${Buffer.from(built[name].code).toString('base64')}`)).parse;
const parsers = { zod: await load('zod'), compact: await load('compact') };

const feed = generateCatalogue({ sessions: 10_000, seed: 1 });
console.log(`\nparse time, catalogue of 10,000 sessions (${feed.cycles.length} cycles), median of 5:`);
const medians = {};
for (const [name, parse] of Object.entries(parsers)) {
  if (!parse(feed).success) throw new Error(`${name} refused the generated catalogue`);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    parse(feed);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  medians[name] = times[2];
  console.log(`  ${name.padEnd(8)} ${times[2].toFixed(1).padStart(7)} ms   (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
}
console.log(`  compact / zod: ${(medians.compact / medians.zod).toFixed(2)}`);

if (zodModules.length || evals) {
  console.error('\nthe compact validator must not bundle zod nor evaluate code');
  process.exit(1);
}
