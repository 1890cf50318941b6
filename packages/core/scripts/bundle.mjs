// Bundles core's compiled modules (with tsyringe and reflect-metadata) into one ESM file.
// Importing ~30 small modules cost about 45 ms of every `mcc generate`; one file costs about 11.
// The bundle sits at dist/bundle/, two levels below the package root like dist/catalog/ and
// dist/generate/, so the import.meta.url paths to data/ and templates/ hold. @mcc/sdk stays
// external: plugins must share the CLI's copy of the contract when they can. The AWS SDK, the
// Kubernetes client and the signing libraries stay external too: only the verbs that use them
// import them (lazily), and bundled they would be read by every command (16 MB with the client).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/bundle/index.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: [
    '@mcc/sdk',
    '@mcc/sdk/*',
    'yaml',
    '@aws-sdk/*',
    '@kubernetes/client-node',
    '@smithy/*',
    '@aws-crypto/*',
  ],
  logLevel: 'warning',
});
