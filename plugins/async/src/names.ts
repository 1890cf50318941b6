/**
 * Names of the AWS resources an async project owns, derived once from the project's image name so
 * that every document, script and `mcc` verb agrees on them.
 */
export interface ResourceNames {
  /** Sanitised stem: `[a-z0-9-]`, at most BASE_MAX_LENGTH characters. */
  base: string;
  endpoint: string;
  /** `mcc deploy` adds a per-deployment suffix. */
  endpointConfig: string;
  /** `mcc deploy` adds the same suffix. */
  model: string;
  executionRole: string;
  /** The CloudWatch alarm that wakes an endpoint scaled to zero. */
  backlogAlarm: string;
  /** The SNS topics create-topics=true makes: told of each finished and each failed request. */
  successTopic: string;
  errorTopic: string;
  /** Name of the container `do/run` starts. */
  localContainer: string;
}

/**
 * SageMaker names hold at most 63 characters: the base keeps room for `-config` and a deployment
 * suffix; the role (`mcc-` + base + `-async`) stays under IAM's 64.
 */
export const BASE_MAX_LENGTH = 48;

/** Room `mcc deploy` has for a unique suffix on configuration and model names. */
export const DEPLOY_SUFFIX_MAX_LENGTH = 8;

// FNV-1a: a short, dependency-free fingerprint that keeps two long names that share a head apart.
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').slice(0, 6);
}

/** SageMaker names accept `[a-zA-Z0-9-]` with no leading or trailing hyphen. */
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
    executionRole: `mcc-${base}-async`,
    backlogAlarm: `${base}-async-backlog-without-capacity`,
    successTopic: `${base}-async-success`,
    errorTopic: `${base}-async-error`,
    localContainer: `${base}-local`,
  };
}
