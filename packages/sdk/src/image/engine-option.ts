import { listOf, usageError } from '../errors.js';
import type { OptionSpec, OptionValues } from '../options.js';

/** The container engines `do/build`, `do/run` and `mcc push` know; `auto` prefers docker, then podman. */
export const CONTAINER_ENGINES = ['auto', 'docker', 'podman'] as const;
export type ContainerEngine = (typeof CONTAINER_ENGINES)[number];

/** The option key every target using the kit offers, so users spell it the same everywhere. */
export const CONTAINER_ENGINE_OPTION = 'container-engine';

/** The `container-engine` option spec; a target lists it among its own options. */
export const containerEngineOption: OptionSpec = {
  key: CONTAINER_ENGINE_OPTION,
  description: 'Container engine do/build and do/run use (auto: docker if present, else podman)',
  type: 'enum',
  choices: CONTAINER_ENGINES,
  default: 'auto',
};

/**
 * The project's engine choice (`auto` when unset). Core validated the option against its spec, so a
 * bad value here means a hand-edited project file, which is refused rather than guessed at.
 */
export function containerEngineOf(options: OptionValues): ContainerEngine {
  const value = options[CONTAINER_ENGINE_OPTION] ?? 'auto';
  if (!(CONTAINER_ENGINES as readonly unknown[]).includes(value)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${CONTAINER_ENGINE_OPTION} must be ${listOf(CONTAINER_ENGINES)}, got "${String(value)}".`,
    );
  }
  return value as ContainerEngine;
}
