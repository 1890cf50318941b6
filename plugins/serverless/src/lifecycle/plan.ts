import { PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';
import type { DeployOptions, GeneratedProject, PlannedCall, StateStore } from '@mcc/sdk';

import { iamScope, serverlessContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import * as requests from './requests.js';
import { readServerless } from './state.js';

// The stand-ins every plan shares are the sdk's.
export { PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';

/**
 * Every AWS call `mcc deploy` would make for this project and its recorded state, with the very
 * parameters, without making any. Status checks repeated while waiting are shown once.
 */
export function planDeploy(
  project: GeneratedProject,
  store: StateStore,
  options: DeployOptions,
): PlannedCall[] {
  const ctx = serverlessContext(project.input);
  const state = readServerless(store);
  const image = options.imageUri ?? store.read().image?.uri ?? PLAN_IMAGE;
  const plan: PlannedCall[] = [{ ...requests.getCallerIdentity(), purpose: 'find the account' }];
  let roleArn = options.roleArn ?? ctx.role.arn ?? state?.role?.arn;
  if (!roleArn) {
    const docs = iamDocuments(iamScope(ctx, PLAN_ACCOUNT));
    roleArn = `arn:${ctx.partition}:iam::${PLAN_ACCOUNT}:role/${ctx.role.name}`;
    plan.push(
      { ...requests.getRole(ctx.role.name), purpose: 'look for the execution role' },
      { ...requests.createRole(ctx, docs), purpose: 'create the execution role (when it does not exist)' },
      { ...requests.putRolePolicy(ctx, docs), purpose: 'give the execution role its permissions (iam/)' },
    );
  }
  const model = `${ctx.model.name}${PLAN_SUFFIX}`;
  const config = `${ctx.endpoint.configName}${PLAN_SUFFIX}`;
  plan.push(
    {
      ...requests.createModel(ctx, model, image, roleArn),
      purpose: 'create the model: the image and its role',
    },
    {
      ...requests.createEndpointConfig(ctx, config, model),
      purpose: `create the serverless endpoint configuration (${ctx.serverless.memoryMb} MB)`,
    },
  );
  const updating = state?.endpoint !== undefined;
  plan.push(
    updating
      ? {
          ...requests.updateEndpoint(ctx, config),
          purpose: 'switch the live endpoint to the new configuration',
        }
      : { ...requests.createEndpoint(ctx, config), purpose: 'create the serverless endpoint' },
    { ...requests.describeEndpoint(ctx.endpoint.name), purpose: 'wait until the endpoint is InService' },
  );
  if (updating) {
    for (const name of state.endpointConfigs) {
      plan.push({ ...requests.deleteEndpointConfig(name), purpose: 'delete the previous configuration' });
    }
    for (const name of state.models) {
      plan.push({ ...requests.deleteModel(name), purpose: 'delete the previous model' });
    }
  }
  return plan;
}
