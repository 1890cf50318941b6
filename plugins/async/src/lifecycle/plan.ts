import { defaultBucket, PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';
import type { DeployOptions, GeneratedProject, PlannedCall, StateStore } from '@mcc/sdk';

import { asyncContext, iamScope, pathsFor, topicArns } from '../context.js';
import { iamDocuments } from '../iam.js';
import { usesDefaultBucket } from './spec.js';
import * as requests from './requests.js';
import * as scaling from './scaling-requests.js';
import { readAsync } from './state.js';

// The stand-ins every plan shares are the sdk's.
export { PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';
export const PLAN_POLICY_ARN = '<scale-out policy ARN>';

/** Every AWS call `mcc deploy` would make, with the very parameters, without making any. */
export function planDeploy(
  project: GeneratedProject,
  store: StateStore,
  options: DeployOptions,
): PlannedCall[] {
  const ctx = asyncContext(project.input);
  const state = readAsync(store);
  const image = options.imageUri ?? store.read().image?.uri ?? PLAN_IMAGE;
  const paths = pathsFor(ctx, PLAN_ACCOUNT);
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
  const updating = state?.endpoint !== undefined;
  if (usesDefaultBucket(ctx) && !state?.bucket) {
    const bucket = defaultBucket(ctx.region, PLAN_ACCOUNT);
    plan.push(
      { ...requests.headBucket(bucket), purpose: 'look for the SageMaker default bucket' },
      { ...requests.createBucket(bucket, ctx.region), purpose: 'create it (when it does not exist)' },
    );
  }
  if (ctx.async.createTopics && !state?.topics?.length) {
    plan.push(
      {
        ...requests.createTopic(ctx, ctx.names.successTopic),
        purpose: 'create the SNS topic told of each finished request',
      },
      {
        ...requests.createTopic(ctx, ctx.names.errorTopic),
        purpose: 'create the SNS topic told of each failed request',
      },
    );
  }
  if (updating && state.scaling) {
    plan.push({
      ...scaling.deregisterScalableTarget(state.scaling.resourceId),
      purpose: 'pause autoscaling for the update (registered again below)',
    });
  }
  const model = `${ctx.model.name}${PLAN_SUFFIX}`;
  const config = `${ctx.endpoint.configName}${PLAN_SUFFIX}`;
  const topics =
    ctx.async.createTopics && state?.topics?.length
      ? { success: state.topics[0]!.arn, ...(state.topics[1] ? { error: state.topics[1].arn } : {}) }
      : topicArns(ctx, PLAN_ACCOUNT);
  plan.push(
    {
      ...requests.createModel(ctx, model, image, roleArn),
      purpose: 'create the model: the image and its role',
    },
    {
      ...requests.createEndpointConfig(ctx, config, model, paths, topics),
      purpose: `create the async endpoint configuration (${ctx.async.instanceCount} × ${ctx.endpoint.instanceType})`,
    },
    updating
      ? {
          ...requests.updateEndpoint(ctx, config),
          purpose: 'switch the live endpoint to the new configuration',
        }
      : { ...requests.createEndpoint(ctx, config), purpose: 'create the async endpoint' },
    { ...requests.describeEndpoint(ctx.endpoint.name), purpose: 'wait until the endpoint is InService' },
  );
  const bounds = ctx.async.scaling;
  if (bounds) {
    plan.push(
      {
        ...scaling.registerScalableTarget(ctx, bounds.minInstances, bounds.maxInstances),
        purpose: `let the instance count scale from ${bounds.minInstances} to ${bounds.maxInstances}`,
      },
      {
        ...scaling.putBacklogPolicy(ctx),
        purpose: 'follow the queue per instance (scales in to the minimum)',
      },
    );
    if (bounds.minInstances === 0) {
      plan.push(
        { ...scaling.putWakePolicy(ctx), purpose: 'add an instance when requests wait with none running' },
        {
          ...scaling.putBacklogAlarm(ctx, PLAN_POLICY_ARN),
          purpose: 'fire that policy on HasBacklogWithoutCapacity',
        },
      );
    }
  }
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
