import type { PluginKind } from './kinds.js';

export interface PackageJsonInput {
  packageName: string;
  kind: PluginKind;
  id: string;
  summary: string;
  sdkRange: string;
}

/**
 * The new plugin's package.json. `@mcc/sdk` is a peer (the plugin shares the copy the CLI loaded)
 * and a dev dependency (to build and test); the `mcc:register` hook is how mcc finds the plugin;
 * `files` ships only what runs, plus the oclif manifest that keeps `mcc --help` from importing it.
 */
export function pluginPackageJson(input: PackageJsonInput): string {
  const pjson = {
    name: input.packageName,
    version: '0.1.0',
    description: `mcc ${input.kind} plugin: ${input.summary}`,
    type: 'module',
    license: 'Apache-2.0',
    engines: { node: '>=20.19' },
    keywords: ['oclif-plugin', 'mcc-plugin'],
    exports: { '.': './dist/src/index.js', './package.json': './package.json' },
    files: [
      'dist/src',
      ...(input.kind === 'server' || input.kind === 'target' ? ['templates'] : []),
      'oclif.manifest.json',
    ],
    scripts: {
      build: 'tsc -p .',
      test: 'npm run build && node --test dist/test/',
      manifest: 'oclif manifest',
      prepack: 'npm run build && oclif manifest',
    },
    peerDependencies: { '@mcc/sdk': input.sdkRange },
    devDependencies: {
      '@mcc/sdk': input.sdkRange,
      '@types/node': '^20.19.0',
      oclif: '^4.24.0',
      typescript: '~5.9.3',
    },
    oclif: { hooks: { 'mcc:register': './dist/src/hooks/register.js' } },
  };
  return `${JSON.stringify(pjson, null, 2)}\n`;
}
