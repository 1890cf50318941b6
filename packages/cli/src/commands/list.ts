import { Flags } from '@oclif/core';
import { TOKENS } from '@mcc/core';
import type { ContributionRegistry } from '@mcc/core';
import type { ExtensionPointId, OptionSpec } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { containerFor } from '../run-container.js';

export interface ListedContribution {
  kind: ExtensionPointId;
  id: string;
  summary: string;
  plugin: { name: string; version: string; type: string };
  options?: readonly Omit<OptionSpec, 'pattern'>[];
}

export interface ListResult {
  contributions: ListedContribution[];
  problems: { plugin: string; message: string }[];
}

export default class List extends McCommand<ListResult> {
  static override summary = 'Show every model source, server, target and sizer, and the plugin providing it.';

  static override description = `Plugins contribute through the mcc:register hook. A plugin whose hook fails, or that claims an id another plugin already provides, is reported here by name and skipped; everything else keeps working. The plugin type says where it comes from: core (shipped with mcc), user (mcc plugins install) or link (mcc plugins link).`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --kind server --options',
    '<%= config.bin %> <%= command.id %> --json',
  ];

  static override flags = {
    kind: Flags.string({
      description: 'Only this extension point.',
      options: ['model-source', 'server', 'target', 'sizer'],
    }),
    options: Flags.boolean({
      description: 'Also load each server and target and show its options.',
      default: false,
    }),
  };

  async run(): Promise<ListResult> {
    const { flags } = await this.parse(List);
    const container = await containerFor(this.config, this.stderrLogger);
    const registry = container.resolve<ContributionRegistry>(TOKENS.Registry);
    const contributions: ListedContribution[] = [];
    for (const c of registry.list(flags.kind as ExtensionPointId | undefined)) {
      const listed: ListedContribution = { kind: c.point, id: c.id, summary: c.summary, plugin: c.plugin };
      if (flags.options && (c.point === 'server' || c.point === 'target')) {
        const impl = await registry.load(c.point, c.id);
        listed.options = impl.options.map(({ pattern: _pattern, ...rest }) => rest);
      }
      contributions.push(listed);
    }
    const problems = registry.problems.map((p) => ({ plugin: p.plugin.name, message: p.message }));
    for (const p of problems) this.stderrLogger.warn(p.message);
    if (!this.jsonEnabled()) this.print(contributions);
    return { contributions, problems };
  }

  private print(contributions: readonly ListedContribution[]): void {
    const rows = contributions.map((c) => [
      c.kind,
      c.id,
      `${c.plugin.name}@${c.plugin.version} (${c.plugin.type})`,
      c.summary,
    ]);
    const header = ['KIND', 'ID', 'PLUGIN', 'SUMMARY'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows])
      this.log(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  '));
    for (const c of contributions) {
      for (const o of c.options ?? []) {
        const detail = o.type === 'enum' ? (o.choices ?? []).join('|') : o.type;
        this.log(
          `  ${c.id} --option ${o.key}=<${detail}>${o.default === undefined ? '' : ` (default ${String(o.default)})`}  ${o.description}`,
        );
      }
    }
  }
}
