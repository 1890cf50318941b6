import { ModelEndpointDeployment } from '@mcc/sdk';
import type { DeployOptions, DeployResult, VerbContext } from '@mcc/sdk';

import { serverlessContext } from '../context.js';
import { serverlessSpec } from './spec.js';

// The role's propagation bounds are the sdk's, shared with the async target.
export { ROLE_RETRIES, ROLE_RETRY_MS } from '@mcc/sdk';

/**
 * `mcc deploy` for a serverless endpoint: role, model, an endpoint configuration with
 * ServerlessConfig, then a new endpoint or an update of the live one (the sdk's model-endpoint
 * deploy, with its resume, rollback detection and cleanup).
 */
export function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  const spec = serverlessSpec(serverlessContext(context.project.input));
  return new ModelEndpointDeployment(context, options, spec).run();
}
