import { resourceBase } from '@mcc/sdk';

import { JOB_NAME_MAX_LENGTH } from './limits.js';

/**
 * Names of the AWS resources a batch project owns, derived once from the project's image name so
 * that every document, script and verb agrees on them.
 */
export interface ResourceNames {
  /** The shared stem (`[a-z0-9-]`, at most BASE_MAX_LENGTH characters). */
  base: string;
  /** `mcc deploy` adds a per-deployment suffix: each image is its own model. */
  model: string;
  executionRole: string;
  /** Name of the container `do/run` starts. */
  localContainer: string;
}

export function resourceNames(imageName: string): ResourceNames {
  const base = resourceBase(imageName);
  return {
    base,
    model: `${base}-model`,
    executionRole: `mcc-${base}-batch`,
    localContainer: `${base}-local`,
  };
}

/**
 * A transform job name unique per run: the stem, base-36 seconds, and random hex against two
 * jobs started in the same second. At most 48 + 1 + 7 + 1 + 4 = 61 characters, under the 63
 * SageMaker allows, and only `[a-z0-9-]`.
 */
export function jobName(base: string, now: number, random: string): string {
  const name = `${base}-${Math.floor(now / 1000).toString(36)}-${random.slice(0, 4)}`;
  return name.slice(0, JOB_NAME_MAX_LENGTH).replace(/-+$/, '');
}
