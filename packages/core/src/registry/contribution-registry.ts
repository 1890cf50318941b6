import { EXTENSION_POINT_IDS, McError, listOf, usageError } from '@mcc/sdk';
import type { Descriptor, ExtensionPointId, ExtensionPoints, Registry } from '@mcc/sdk';

import type { PluginInfo } from './plugin-info.js';

/** A registered contribution with the plugin it came from. */
export interface Contribution<P extends ExtensionPointId = ExtensionPointId> {
  point: P;
  id: string;
  summary: string;
  plugin: PluginInfo;
  load: () => Promise<ExtensionPoints[P]>;
}

/** A plugin that could not contribute: its hook threw, or it repeated an id another plugin owns. */
export interface RegistryProblem {
  plugin: PluginInfo;
  message: string;
}

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Every contribution of every plugin, by extension point and id. Plugins add lazy descriptors
 * through a registry scoped to them, so each entry knows its plugin; the first plugin to claim an
 * id keeps it and a later one is rejected with a problem naming both.
 */
export class ContributionRegistry {
  private readonly entries = new Map<ExtensionPointId, Map<string, Contribution>>(
    EXTENSION_POINT_IDS.map((point) => [point, new Map()]),
  );
  private readonly loaded = new Map<string, Promise<unknown>>();
  readonly problems: RegistryProblem[] = [];

  /** The registry one plugin's hook receives. */
  scopedTo(plugin: PluginInfo): Registry {
    return {
      add: (point, descriptor) => this.add(plugin, point, descriptor),
    };
  }

  private add<P extends ExtensionPointId>(plugin: PluginInfo, point: P, descriptor: Descriptor<P>): void {
    const byId = this.entries.get(point);
    if (!byId) {
      this.problems.push({
        plugin,
        message: `${plugin.name} added to an unknown extension point "${String(point)}" (accepted: ${listOf(EXTENSION_POINT_IDS)})`,
      });
      return;
    }
    if (
      typeof descriptor?.id !== 'string' ||
      !ID_PATTERN.test(descriptor.id) ||
      typeof descriptor.load !== 'function'
    ) {
      this.problems.push({
        plugin,
        message: `${plugin.name} added a ${point} with an invalid descriptor (id must be lower-case kebab-case, load a function): ${JSON.stringify(descriptor?.id)}`,
      });
      return;
    }
    const existing = byId.get(descriptor.id);
    if (existing) {
      this.problems.push({
        plugin,
        message: `${point} "${descriptor.id}" from ${plugin.name} was rejected: ${existing.plugin.name} already provides it`,
      });
      return;
    }
    byId.set(descriptor.id, {
      point,
      id: descriptor.id,
      summary: descriptor.summary,
      plugin,
      load: descriptor.load as () => Promise<ExtensionPoints[ExtensionPointId]>,
    });
  }

  /** Contributions of one point (or all), sorted by point then id. */
  list(point?: ExtensionPointId): Contribution[] {
    const points = point ? [point] : EXTENSION_POINT_IDS;
    return points.flatMap((p) => [...this.entries.get(p)!.values()].sort((a, b) => a.id.localeCompare(b.id)));
  }

  ids(point: ExtensionPointId): string[] {
    return this.list(point).map((c) => c.id);
  }

  has(point: ExtensionPointId, id: string): boolean {
    return this.entries.get(point)!.has(id);
  }

  /** The contribution or a usage error naming the unknown id and the accepted ones. */
  get<P extends ExtensionPointId>(point: P, id: string): Contribution<P> {
    const found = this.entries.get(point)!.get(id);
    if (!found) {
      const accepted = this.ids(point);
      throw usageError(
        `UNKNOWN_${point.toUpperCase().replace('-', '_')}`,
        `Unknown ${point} "${id}". Accepted: ${listOf(accepted)}.`,
        [`Run \`mcc list\` to see every contribution and the plugin that provides it.`],
      );
    }
    return found as Contribution<P>;
  }

  /**
   * Loads the implementation once. A plugin whose `load()` fails, or returns something that is not
   * a contribution of that point, is named in the error.
   */
  async load<P extends ExtensionPointId>(point: P, id: string): Promise<ExtensionPoints[P]> {
    const entry = this.get(point, id);
    const key = `${point}:${id}`;
    let pending = this.loaded.get(key);
    if (!pending) {
      pending = entry.load().then(
        (value) => {
          if (
            (value as { kind?: unknown } | undefined)?.kind !== point ||
            (value as { id?: unknown }).id !== id
          ) {
            throw new McError(
              `Plugin ${entry.plugin.name}@${entry.plugin.version} registered ${point} "${id}" but its load() returned something else.`,
              { code: 'PLUGIN_LOAD_FAILED', suggestions: [`Reinstall or update ${entry.plugin.name}.`] },
            );
          }
          return value;
        },
        (error: unknown) => {
          throw new McError(
            `Plugin ${entry.plugin.name}@${entry.plugin.version} failed to load ${point} "${id}": ${error instanceof Error ? error.message : String(error)}`,
            {
              code: 'PLUGIN_LOAD_FAILED',
              cause: error,
              suggestions: [`Reinstall or update ${entry.plugin.name}.`],
            },
          );
        },
      );
      this.loaded.set(key, pending);
    }
    return (await pending) as ExtensionPoints[P];
  }
}
