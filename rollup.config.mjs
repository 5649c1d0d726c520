// The build: the SDK as ES modules (one file per source module, dependencies left to the
// consumer's bundler), and self-contained minified bundles for pages that load a script directly.
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const minify = () =>
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

export default [
  {
    input: { index: 'src/index.ts' },
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    external: isBare,
    plugins: [ts()],
  },
  {
    // The SDK in one file, zod included: `<script type="module">` or a CDN-less copy on a site.
    input: 'src/index.ts',
    output: { file: 'dist/formacoop-sdk.min.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ exportConditions: ['production'] }), ts(), minify()],
  },
];
