// The build:
// - dist/*.js: the SDK and the elements as ES modules, one file per source module, dependencies
//   (lit, zod) left to the consumer's bundler — for developers (`import … from 'formacoop'`);
// - dist/formacoop.min.js: every element in one file, dependencies included, for a webmaster's
//   `<script type="module" src=…>`;
// - dist/cdn/: one entry per element (fc-agenda.js…) sharing chunks, so a page that shows only the
//   agenda loads only what the agenda needs;
// - dist/formacoop-sdk.min.js: the SDK in one file.
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync } from 'node:fs';

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const minify = () =>
  terser({ ecma: 2022, module: true, compress: { passes: 3 }, format: { comments: false } });
const resolve = () => nodeResolve({ exportConditions: ['production', 'browser'] });

const defineEntries = Object.fromEntries(
  readdirSync('src/define').map((f) => [f.replace(/\.ts$/, ''), `src/define/${f}`]),
);

export default [
  {
    input: {
      index: 'src/index.ts',
      elements: 'src/elements.ts',
      ...Object.fromEntries(Object.entries(defineEntries).map(([k, v]) => [`define/${k}`, v])),
      // The reference server (Node only): its own entries, never reached from the SDK or the elements.
      'server/index': 'src/server/index.ts',
      'server/cli': 'src/server/cli.ts',
    },
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    external: isBare,
    plugins: [ts()],
  },
  {
    input: 'src/elements.ts',
    output: { file: 'dist/formacoop.min.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [resolve(), ts(), minify()],
  },
  {
    input: defineEntries,
    output: { dir: 'dist/cdn', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [resolve(), ts(), minify()],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/formacoop-sdk.min.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [resolve(), ts(), minify()],
  },
];
