import { resourceBase } from '@mcc/sdk';

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

// The stem and its length rules are shared by every SageMaker target (the sdk's resource-base).
export { BASE_MAX_LENGTH, DEPLOY_SUFFIX_MAX_LENGTH, resourceBase } from '@mcc/sdk';

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
