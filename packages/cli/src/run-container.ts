import type { Config } from '@oclif/core';
import type { DependencyContainer } from 'tsyringe';
import { createRunContainer, instanceCatalog } from '@mcc/core';
import type { Logger, Prompter } from '@mcc/core';

/** The run's container over every plugin oclif found (core, user-installed, linked). */
export async function containerFor(
  config: Config,
  logger: Logger,
  prompter?: Prompter,
): Promise<DependencyContainer> {
  const plugins = [...config.plugins.values()].map((p) => {
    // The @mcc/sdk range the plugin is built for, which core checks against the sdk it carries.
    const sdkRange = p.pjson.peerDependencies?.['@mcc/sdk'] ?? p.pjson.dependencies?.['@mcc/sdk'];
    return {
      name: p.name,
      version: p.version,
      type: p.type,
      root: p.root,
      hooks: p.hooks,
      ...(sdkRange === undefined ? {} : { sdkRange }),
    };
  });
  return createRunContainer({ plugins, logger, catalog: instanceCatalog, prompter });
}
