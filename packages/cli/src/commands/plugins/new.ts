import { resolve } from 'node:path';

import { Flags } from '@oclif/core';

import { McCommand } from '../../base-command.js';
import { PLUGIN_KINDS, kindNaming, parseKind } from '../../scaffold/kinds.js';
import type { PluginKind } from '../../scaffold/kinds.js';
import { pluginPackageJson } from '../../scaffold/package-json.js';
import { pluginNaming } from '../../scaffold/plugin-name.js';
import { pluginReadme } from '../../scaffold/readme.js';
import { scaffoldFiles } from '../../scaffold/scaffold-files.js';
import { sdkPeerRange } from '../../scaffold/sdk-range.js';
import { tarballName } from '../../scaffold/tarball-name.js';
import { writeTree } from '../../scaffold/write-tree.js';

export interface NewPluginResult {
  dir: string;
  packageName: string;
  kind: PluginKind;
  id: string;
  sdkRange: string;
  files: string[];
}

const DEFAULT_SUMMARY: Record<PluginKind, string> = {
  server: 'JSON linear models served by the Python standard library',
  target: 'Deploys the project as a SageMaker endpoint',
  'model-source': 'Models named name@version, fetched when the container starts',
  sizer: 'CPU instances whose memory holds the model, cheapest first',
};

export default class PluginsNew extends McCommand<NewPluginResult> {
  static override summary = 'Write a new mcc plugin project: a server, target, model source or sizer.';

  static override description = `The project builds with tsc and its tests pass as written: they run the conformance kit of @mcc/sdk/testing, the same rules mcc's own plugins are held to. It declares @mcc/sdk as a peer dependency of the major this mcc carries, registers through the mcc:register hook, and loads its code only when a command uses it. A folder that exists and is not empty is refused; nothing is half-written.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %> --kind server --name @acme/mcc-plugin-onnx',
    '<%= config.bin %> <%= command.id %> --kind target --name @acme/mcc-plugin-batch --dir ./batch --json',
  ];

  static override flags = {
    kind: Flags.string({
      description: `Extension point to implement: ${PLUGIN_KINDS.join(', ')}.`,
      required: true,
    }),
    name: Flags.string({
      description: 'Package name, conventionally @<scope>/mcc-plugin-<id>.',
      required: true,
    }),
    id: Flags.string({
      description: 'Contribution id; default: from the name (@acme/mcc-plugin-onnx gives onnx).',
    }),
    summary: Flags.string({ description: 'One line for `mcc list`.' }),
    dir: Flags.string({ description: 'Folder to create; default: ./<name without scope>.' }),
  };

  async run(): Promise<NewPluginResult> {
    const { flags } = await this.parse(PluginsNew);
    const kind = parseKind(flags.kind);
    const naming = pluginNaming(flags.name, flags.id);
    const summary = flags.summary ?? DEFAULT_SUMMARY[kind];
    const sdkRange = sdkPeerRange();
    const dir = resolve(flags.dir ?? naming.dirName);
    const files = [
      ...scaffoldFiles({ kind, id: naming.id, summary, naming: kindNaming(kind, naming.id) }),
      {
        path: 'package.json',
        content: pluginPackageJson({
          packageName: naming.packageName,
          kind,
          id: naming.id,
          summary,
          sdkRange,
        }),
        mode: 0o644,
      },
      {
        path: 'README.md',
        content: pluginReadme({
          packageName: naming.packageName,
          kind,
          id: naming.id,
          summary,
          tarball: tarballName(naming.packageName, '0.1.0'),
        }),
        mode: 0o644,
      },
    ];
    writeTree(dir, files);
    const result: NewPluginResult = {
      dir,
      packageName: naming.packageName,
      kind,
      id: naming.id,
      sdkRange,
      files: files.map((f) => f.path).sort(),
    };
    if (!this.jsonEnabled()) {
      this.log(`Wrote ${naming.packageName} (${kind} "${naming.id}", @mcc/sdk ${sdkRange}) to ${dir}`);
      this.log(`Next: cd ${dir} && npm install && npm test`);
    }
    return result;
  }
}
