/**
 * The stem every AWS resource name of a project starts with, shared by the SageMaker targets so a
 * project's endpoint, models, roles and jobs are named alike whichever target deploys it.
 *
 * SageMaker names are at most 63 characters and core caps project names at 48, keeping 15 for the
 * suffixes a target adds: the longest is `-config` (7), which leaves DEPLOY_SUFFIX_MAX_LENGTH for a
 * per-deployment suffix; role names (`mcc-` + base + a short target word) stay under IAM's 64.
 */
export const BASE_MAX_LENGTH = 48;

/** Room a deploy has for a unique suffix on configuration, model and job names (`-` + 7 characters). */
export const DEPLOY_SUFFIX_MAX_LENGTH = 8;

// FNV-1a: a short, dependency-free fingerprint that keeps two long names sharing a head apart.
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').slice(0, 6);
}

/**
 * The sanitised stem for an image name: SageMaker endpoint, model, component and job names accept
 * `[a-zA-Z0-9-]` only, with no leading or trailing hyphen, while image names may also hold `.`,
 * `_` and `/`, so those become hyphens. Names longer than BASE_MAX_LENGTH keep their head and end
 * in a fingerprint of the whole name.
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
