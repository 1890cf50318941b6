import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import { McError, usageError } from '../errors.js';
import { CONTAINER_ENGINES } from './engine-option.js';
import type { ContainerEngine } from './engine-option.js';

/** The path of `name` on PATH, if it is there and executable. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * docker or podman, chosen as do/build chooses it (MCC_CONTAINER_ENGINE, else the project's option;
 * `auto` prefers docker), so `mcc push` finds the image do/build made. Errors name what was looked
 * for and what is accepted.
 */
export function containerEngine(option: ContainerEngine, env: NodeJS.ProcessEnv = process.env): string {
  const choice = (env.MCC_CONTAINER_ENGINE ?? option) as string;
  if (!(CONTAINER_ENGINES as readonly string[]).includes(choice)) {
    throw usageError(
      'CONTAINER_ENGINE_INVALID',
      `MCC_CONTAINER_ENGINE must be auto, docker or podman, not "${choice}".`,
    );
  }
  const candidates = choice === 'auto' ? ['docker', 'podman'] : [choice];
  for (const name of candidates) {
    if (onPath(name, env.PATH)) return name;
  }
  throw new McError(
    choice === 'auto'
      ? 'Neither docker nor podman was found on PATH.'
      : `The container engine is ${choice}, but ${choice} was not found on PATH.`,
    {
      code: 'CONTAINER_ENGINE_MISSING',
      suggestions: ['Install Docker or Podman, or set MCC_CONTAINER_ENGINE to the one you have.'],
    },
  );
}
