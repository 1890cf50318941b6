import type { PluginKind } from './kinds.js';

export interface ReadmeInput {
  packageName: string;
  kind: PluginKind;
  id: string;
  summary: string;
  tarball: string;
}

const USE: Record<PluginKind, (id: string) => string> = {
  server: (id) => `mcc generate my-project --server ${id} --model model.json --yes`,
  target: (id) => `mcc generate my-project --target ${id} --yes`,
  'model-source': (id) => `mcc generate my-project --model-source ${id} --model churn@3 --yes`,
  sizer: () => `mcc size model.joblib`,
};

/** The new plugin's README: what it is, and the commands from a fresh copy to a published plugin. */
export function pluginReadme(input: ReadmeInput): string {
  return `# ${input.packageName}

An mcc ${input.kind} plugin: ${input.summary}.

Written by \`mcc plugins new --kind ${input.kind}\`. The guide to the contract, the conformance kit
and the sdk's version policy is mcc's \`docs/plugins.md\`.

## Develop

\`\`\`sh
npm install
npm test                      # builds, then runs test/ with node --test (the conformance kit included)
mcc plugins link .            # use this working copy from mcc while you develop
\`\`\`

## Try it as users will

\`\`\`sh
npm pack                      # builds and writes the oclif manifest first (prepack)
mcc plugins install file:$PWD/${input.tarball}
mcc list --kind ${input.kind}
${USE[input.kind](input.id)}
\`\`\`

Install a tarball as \`file:<absolute path>\`: a bare \`./x.tgz\` is read as a GitHub shorthand.
Packages outside the \`@mcc/\` scope are confirmed before they are installed (\`--yes\` skips it).

## Layout

- \`src/hooks/register.ts\`: the \`mcc:register\` hook; tiny, it only declares \`${input.id}\` and how to load it.
- \`src/${input.kind}.ts\`: the ${input.kind} itself, loaded only when a command uses it.
- \`test/\`: the conformance kit (\`@mcc/sdk/testing\`) and the register hook's test.
`;
}
