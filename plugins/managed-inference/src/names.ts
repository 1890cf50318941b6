import { resourceBase } from '@mcc/sdk';

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

// The stem and its length rules are shared by every SageMaker target (the sdk's resource-base).
export { BASE_MAX_LENGTH, DEPLOY_SUFFIX_MAX_LENGTH, resourceBase } from '@mcc/sdk';

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
