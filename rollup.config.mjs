// The build:
// - dist/*.js: the SDK and the elements as ES modules, one file per source module, dependencies
//   (lit, zod) left to the consumer's bundler — for developers (`import … from 'formacoop'`);
// - dist/formacoop.min.js: every element in one file, dependencies included, for a webmaster's
//   `<script type="module" src=…>`; what a page needs only on demand (the English words, the
//   validation messages of an invalid feed, the month calendar, the .ics and JSON-LD writers, the
//   HTTP client) is in dist/lazy/, which the file loads from beside itself;
// - dist/cdn/: one entry per element (fc-agenda.js…) sharing chunks, so a page that shows only the
//   agenda loads only what the agenda needs;
// - dist/formacoop-sdk.min.js: the SDK in one file.
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, readFileSync } from 'node:fs';

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const minify = () =>
  // More passes or terser's unsafe_* options save nothing measurable here (tried: ±10 bytes gzip).
  terser({ ecma: 2022, module: true, compress: { passes: 3 }, format: { comments: false } });
/**
 * Collapses the indentation of lit's `html` and `css` templates in our sources (minifiers keep
 * template text as it is). Inside `html`, a run of white space that holds a line break becomes one
 * line break (HTML reads both alike; no template of ours has <pre>); inside `css`, comments and line
 * breaks go, white space shrinks around punctuation and a rule's last `;` goes. The line breaks taken
 * out of a `css` template are put back just after it, in the code, where the minifier drops them: the
 * lines after it keep their numbers, so the source maps stay right.
 */
function templates() {
  // The private custom properties (`--_accent`, `--_space-m`…: set by the shared tokens, read by the
  // elements' styles, never by a site) get short names, the same in every file of a build:
  // `--_0`, `--_1`… in the order of their names in src/elements.
  const privateProperties = new Map(
    [...new Set(readdirSync('src/elements', { recursive: true }).filter((f) => f.endsWith('.ts')).flatMap((f) => readFileSync(`src/elements/${f}`, 'utf8').match(/--_[\w-]+/g) ?? []))]
      .sort()
      .map((name, i) => [name, `--_${i.toString(36)}`]),
  );
  // In `html`, every line break is kept (the source maps stay right): only spaces and tabs go.
  const collapseHtml = (s) => s.replace(/[ \t]*\n[ \t]*/g, '\n');
  const collapseCss = (s, first, last) => {
    s = s
      .replace(/\/\*[^*]*\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      .replace(/([ :,(-])0\.(?=\d)/g, '$1.')
      .replace(/--_[\w-]+/g, (name) => privateProperties.get(name) ?? name);
    if (first) s = s.replace(/^ /, '');
    return last ? s.replace(/ $/, '') : s;
  };
  return {
    name: 'formacoop-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'html' || node.tag.name === 'css')) {
          const { quasis } = node.quasi;
          for (const q of quasis) {
            const raw = code.slice(q.start, q.end);
            if (node.tag.name === 'html') {
              const next = collapseHtml(raw);
              if (next !== raw) edits.push([q.start, q.end, next]);
              continue;
            }
            const next = collapseCss(raw, q === quasis[0], q.tail);
            if (next !== raw) edits.push([q.start, q.end, next]);
            // After the closing backquote, or inside the `${` that follows.
            const lines = raw.split('\n').length - next.split('\n').length;
            if (lines) edits.push([q.end + (q.tail ? 1 : 2), q.end + (q.tail ? 1 : 2), '\n'.repeat(lines)]);
          }
        }
        for (const key of Object.keys(node)) {
          const v = node[key];
          if (Array.isArray(v)) v.forEach(visit);
          else if (v && typeof v.type === 'string') visit(v);
        }
      };
      visit(this.parse(code));
      if (!edits.length) return null;
      let out = '';
      let at = 0;
      for (const [start, end, text] of edits.sort((a, b) => a[0] - b[0])) {
        out += code.slice(at, start) + text;
        at = end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}

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
    // One entry: everything it imports statically is in formacoop.min.js itself; its dynamic imports
    // become the files of dist/lazy/, fetched by the pages that need them.
    input: { 'formacoop.min': 'src/elements.ts' },
    // The on-demand files import what they share with it from formacoop.min.js: let it export more
    // than elements.ts does, rather than become a facade over a chunk of dist/lazy/.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'lazy/[name]-[hash].js' },
    plugins: [resolve(), ts(), templates(), minify()],
  },
  {
    input: defineEntries,
    output: { dir: 'dist/cdn', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [resolve(), ts(), templates(), minify()],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/formacoop-sdk.min.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [resolve(), ts(), minify()],
  },
];
