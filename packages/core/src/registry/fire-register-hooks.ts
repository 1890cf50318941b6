import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { REGISTER_HOOK_EVENT } from '@mcc/sdk';
import type { RegisterHook } from '@mcc/sdk';

import type { ContributionRegistry } from './contribution-registry.js';
import type { HookHost } from './plugin-info.js';
import { acceptsSdkMajor, runningSdk } from './sdk-compatibility.js';

/** Shipped plugins first, then installed, then linked: an id claimed twice keeps the shipped owner. */
const TYPE_ORDER: Readonly<Record<string, number>> = { core: 0, user: 1, link: 2 };

/** Plugins in registration order; stable, so oclif's order holds within a type. */
export function registrationOrder<T extends { type: string }>(plugins: readonly T[]): T[] {
  const rank = (p: T): number => TYPE_ORDER[p.type] ?? 3;
  return [...plugins].sort((a, b) => rank(a) - rank(b));
}

/**
 * Fires `mcc:register` once per plugin that declares it, each with a registry scoped to that
 * plugin, core plugins first, then user-installed, then linked (oclif loads them concurrently, so
 * its own order says nothing), so an id claimed twice keeps its first owner. oclif's own runHook runs hooks concurrently without telling a hook who it
 * is; firing here gives attribution, and a plugin whose hook throws is recorded by name while the
 * others still register.
 */
export async function fireRegisterHooks(
  plugins: readonly HookHost[],
  registry: ContributionRegistry,
  sdk: { version: string; major: number } = runningSdk(),
): Promise<void> {
  for (const plugin of registrationOrder(plugins)) {
    const hooks = plugin.hooks[REGISTER_HOOK_EVENT] ?? [];
    // A plugin built for another sdk major would fail later, in the middle of a command.
    if (hooks.length > 0 && (plugin.sdkRange === undefined || !acceptsSdkMajor(plugin.sdkRange, sdk.major))) {
      registry.problems.push({
        plugin,
        message:
          plugin.sdkRange === undefined
            ? `${plugin.name}@${plugin.version} declares no @mcc/sdk version, so mcc cannot tell it is built for @mcc/sdk ${sdk.major}.x; it is not loaded. Install a version of it that lists @mcc/sdk in peerDependencies, or \`mcc plugins uninstall ${plugin.name}\`.`
            : `${plugin.name}@${plugin.version} is built for @mcc/sdk ${plugin.sdkRange}, and this mcc carries @mcc/sdk ${sdk.version}; it is not loaded. Install a version of it built for @mcc/sdk ${sdk.major}.x (\`mcc plugins install ${plugin.name}@<version>\`), or \`mcc plugins uninstall ${plugin.name}\`.`,
      });
      continue;
    }
    for (const hook of hooks) {
      try {
        const module = (await import(pathToFileURL(resolve(plugin.root, hook.target)).href)) as Record<
          string,
          unknown
        >;
        const fn = module[hook.identifier] ?? module.default;
        if (typeof fn !== 'function')
          throw new Error(`${hook.target} exports no ${hook.identifier} hook function`);
        await (fn as RegisterHook).call(undefined, { registry: registry.scopedTo(plugin) });
      } catch (error) {
        registry.problems.push({
          plugin,
          message: `the mcc:register hook of ${plugin.name}@${plugin.version} failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }
}
