import type { ProjectInput } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';
import type { ComputeRequirements } from './compute-requirements.js';
import { MAX_STARTUP_SECONDS } from './requests.js';
import type { ComponentSpec } from './requests.js';

/**
 * One version of the component. A model fetched at start-up (from the Hub or S3) takes minutes to
 * load, past SageMaker's default wait for the first /ping, so it gets the longest wait allowed. An
 * S3 model comes in through a SageMaker model named `modelName` (one per version, so an update can
 * roll back to the previous one).
 */
export function componentSpec(
  input: ProjectInput,
  ctx: ManagedInferenceContext,
  parts: { image: string; compute: ComputeRequirements; environment: Readonly<Record<string, string>> },
  modelName: string,
): ComponentSpec {
  return {
    ...parts,
    ...(ctx.modelData ? { model: { name: modelName, data: ctx.modelData } } : {}),
    ...(input.model.delivery === 'runtime' ? { startupSeconds: MAX_STARTUP_SECONDS } : {}),
  };
}
