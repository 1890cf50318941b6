/**
 * Names of the AWS resources a project owns, derived once from the project's image name so that
 * every document, script and `mcc` verb agrees on them.
 */
export interface ResourceNames {
  /** Sanitised stem every other name starts with: `[a-z0-9-]`, at most BASE_MAX_LENGTH characters. */
  base: string;
  endpoint: string;
  /** `mcc deploy` may add a suffix (DEPLOY_SUFFIX_MAX_LENGTH) so a new configuration can replace the live one. */
  endpointConfig: string;
  /** `mcc deploy` may add a suffix for the same reason. */
  model: string;
  inferenceComponent: string;
  codebuildProject: string;
  executionRole: string;
  codebuildRole: string;
  /** Name of the container `do/run` starts. */
  localContainer: string;
}

/**
 * SageMaker names are at most 63 characters and core caps project names at 48, keeping 15 for the
 * suffixes mcc adds. The longest here is `-config` (7), which leaves DEPLOY_SUFFIX_MAX_LENGTH for a
 * per-deployment suffix; role names (`mcc-` + base + `-sagemaker`) stay under IAM's 64.
 */
export const BASE_MAX_LENGTH = 48;

/** Room `mcc deploy` has for a unique suffix on configuration and model names, e.g. `-` + 7 characters. */
export const DEPLOY_SUFFIX_MAX_LENGTH = 8;

// FNV-1a: a short, dependency-free fingerprint that keeps truncated names distinct.
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').slice(0, 6);
}

/**
 * SageMaker endpoint, model and component names accept `[a-zA-Z0-9-]` only, with no leading or
 * trailing hyphen; image names may also hold `.`, `_` and `/`, so those become hyphens.
 */
export function resourceBase(imageName: string): string {
  const cleaned = imageName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = cleaned === '' ? 'mcc-project' : cleaned;
  if (base.length <= BASE_MAX_LENGTH) return base;
  const head = base.slice(0, BASE_MAX_LENGTH - 7).replace(/-+$/, '');
  return `${head}-${fingerprint(imageName)}`;
}

export function resourceNames(imageName: string): ResourceNames {
  const base = resourceBase(imageName);
  return {
    base,
    endpoint: base,
    endpointConfig: `${base}-config`,
    model: `${base}-model`,
    inferenceComponent: `${base}-ic`,
    codebuildProject: `${base}-build`,
    executionRole: `mcc-${base}-sagemaker`,
    codebuildRole: `mcc-${base}-codebuild`,
    localContainer: `${base}-local`,
  };
}

// The image tag rule is the image kit's, so every target tags a version alike.
export { imageTag } from '@mcc/sdk/image';
