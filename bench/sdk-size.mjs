// SDK size, min+gzip, built the way `npm run build` builds dist/formacoop-sdk.min.js (rollup +
// terser), with zod/mini (what formacoop ships) and with the full zod build (the alternative the
// choice was measured against). Usage: node bench/sdk-size.mjs
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';

async function size(variant) {
  const bundle = await rollup({
    input: 'src/index.ts',
    onwarn: () => {},
    plugins: [
      {
        name: 'zod-variant',
        // The full build accepts the same functional API (z.optional, .check(z.minLength()) …).
        resolveId(id, importer) {
          if (variant === 'full' && id === 'zod/mini') return this.resolve('zod', importer, { skipSelf: true });
          return null;
        },
      },
      nodeResolve({ exportConditions: ['production'] }),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  const code = Buffer.from(output[0].code);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

console.log(`node bench/sdk-size.mjs — ${new Date().toISOString().slice(0, 10)}`);
for (const variant of ['mini', 'full']) {
  const { min, gzip } = await size(variant);
  console.log(`SDK (src/index.ts) with zod ${variant.padEnd(4)}: ${(min / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(1)} KB min+gzip`);
}
