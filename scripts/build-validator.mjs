// Writes src/model/compact/ir.generated.ts, the compact validator's IR, from the zod schemas of
// src/model (the one source of truth), through src/model/compact/derive.ts.
//   npm run gen:validator                       writes the file
//   node scripts/build-validator.mjs --check    exits 1 if the committed file is out of date
// derive.ts is TypeScript importing zod: esbuild bundles it in memory, and Node imports the bundle.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

const OUT = 'src/model/compact/ir.generated.ts';

const { outputFiles } = await build({
  entryPoints: ['src/model/compact/derive.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  write: false,
  logLevel: 'error',
});
const bundle = outputFiles[0].text;
const { generatedModule } = await import(`data:text/javascript;base64,${Buffer.from(bundle).toString('base64')}`);
const source = generatedModule();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // A missing file is out of date.
  }
  if (current !== source) {
    console.error(`${OUT} is out of date: run \`npm run gen:validator\``);
    process.exit(1);
  }
  console.log(`${OUT} is up to date`);
} else {
  writeFileSync(OUT, source);
  console.log(`${OUT}: ${source.length} characters`);
}
