import 'reflect-metadata';

import { container as rootContainer } from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';
import type { InstanceCatalog } from '@mcc/sdk';

import { Generator } from './generate/generator.js';
import type { Logger } from './logger.js';
import { noPrompter } from './prompter.js';
import type { Prompter } from './prompter.js';
import { ContributionRegistry } from './registry/contribution-registry.js';
import { fireRegisterHooks } from './registry/fire-register-hooks.js';
import type { HookHost } from './registry/plugin-info.js';
import { TOKENS } from './tokens.js';

export interface ContainerOptions {
  plugins: readonly HookHost[];
  logger: Logger;
  catalog: InstanceCatalog;
  prompter?: Prompter;
}

/**
 * The one container of a run (DESIGN.md §2). Services are registered as values or factories, never
 * as decorated classes from another package, and resolved only from this container (a child
 * container's resolveAll ignores its parent). Building it fires the plugins' register hooks, so
 * only commands that need the registry call it.
 */
export async function createRunContainer(options: ContainerOptions): Promise<DependencyContainer> {
  const container = rootContainer.createChildContainer();
  const registry = new ContributionRegistry();
  await fireRegisterHooks(options.plugins, registry);
  container.register(TOKENS.Registry, { useValue: registry });
  container.register(TOKENS.Logger, { useValue: options.logger });
  container.register(TOKENS.Catalog, { useValue: options.catalog });
  container.register(TOKENS.Prompter, { useValue: options.prompter ?? noPrompter });
  container.register(TOKENS.Generator, { useFactory: (c) => c.resolve(Generator) });
  return container;
}
