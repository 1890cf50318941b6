import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { REGISTER_HOOK_EVENT } from '@mcc/sdk';
import type { RegisterHook } from '@mcc/sdk';

import type { ContributionRegistry } from './contribution-registry.js';
import type { HookHost } from './plugin-info.js';

/**
 * Fires `mcc:register` once per plugin that declares it, each with a registry scoped to that
 * plugin, in oclif's plugin order (core, then user-installed, then linked) so an id claimed twice
 * keeps its first owner. oclif's own runHook runs hooks concurrently without telling a hook who it
 * is; firing here gives attribution, and a plugin whose hook throws is recorded by name while the
 * others still register.
 */
export async function fireRegisterHooks(plugins: readonly HookHost[], registry: ContributionRegistry): Promise<void> {
  for (const plugin of plugins) {
    const hooks = plugin.hooks[REGISTER_HOOK_EVENT] ?? [];
    for (const hook of hooks) {
      try {
        const module = (await import(pathToFileURL(resolve(plugin.root, hook.target)).href)) as Record<string, unknown>;
        const fn = module[hook.identifier] ?? module.default;
        if (typeof fn !== 'function') throw new Error(`${hook.target} exports no ${hook.identifier} hook function`);
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
