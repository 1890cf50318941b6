// Bundles core's compiled modules (with tsyringe and reflect-metadata) into one ESM file.
// Importing ~30 small modules cost about 45 ms of every `mcc generate`; one file costs about 11.
// The bundle sits at dist/bundle/, two levels below the package root like dist/catalog/ and
// dist/generate/, so the import.meta.url paths to data/ and templates/ hold. @mcc/sdk stays
// external: plugins must share the CLI's copy of the contract when they can.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/bundle/index.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['@mcc/sdk', '@mcc/sdk/*', 'yaml', '@aws-sdk/*'],
  logLevel: 'warning',
});
