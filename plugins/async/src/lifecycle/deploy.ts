import { ModelEndpointDeployment } from '@mcc/sdk';
import type { DeployOptions, DeployResult, VerbContext } from '@mcc/sdk';

import { asyncContext } from '../context.js';
import { asyncSpec } from './spec.js';

// The role's propagation bounds are the sdk's, shared with the serverless target.
export { ROLE_RETRIES, ROLE_RETRY_MS } from '@mcc/sdk';

/**
 * `mcc deploy` for an async endpoint: role, the default bucket when used, the SNS topics when asked,
 * model, an endpoint configuration with AsyncInferenceConfig, a new endpoint or an update of the
 * live one (autoscaling paused meanwhile), then autoscaling. The sdk's model-endpoint deploy runs
 * it, with its resume, rollback detection, failure log lines and cleanup.
 */
export function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  const spec = asyncSpec(asyncContext(context.project.input));
  return new ModelEndpointDeployment(context, options, spec).run();
}
