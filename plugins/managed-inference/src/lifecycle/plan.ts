import { PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';
import type { DeployOptions, GeneratedProject, PlannedCall, StateStore } from '@mcc/sdk';

import { iamScope, managedInferenceContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import { describeAlarms, errorRateAlarmName, putErrorRateAlarm } from './alarms.js';
import { computeRequirements } from './compute-requirements.js';
import { copyRange, instanceRange } from './copies.js';
import {
  describeImage,
  getBucketLocation,
  getRoleByArn,
  listModelData,
  listSageMakerQuotas,
  parseEcrImageUri,
} from './preflight.js';
import { s3PrefixUri } from '../s3-location.js';
import * as requests from './requests.js';
import type { ComponentSpec } from './requests.js';
import { componentSpec } from './component-spec.js';
import { PLAN_TOKEN, containerEnvironment } from './environment.js';
import { isUpdate, readDeployment } from './state.js';

// The stand-ins every plan shares are the sdk's.
export { PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';

/**
 * Every AWS call `mcc deploy` would make for this project and its recorded state, with the very
 * parameters, without making any (no credentials needed). Status checks repeated while waiting are
 * shown once each. Existing resources found on the way (a role with mcc's name, say) would make a
 * real run skip their creation.
 */
export function planDeploy(
  project: GeneratedProject,
  store: StateStore,
  options: DeployOptions,
): PlannedCall[] {
  const ctx = managedInferenceContext(project.input);
  const deployment = readDeployment(store);
  const image = options.imageUri ?? store.read().image?.uri ?? PLAN_IMAGE;
  const compute = computeRequirements(project.input.instance, {
    copies: ctx.inferenceComponent.copies,
    instanceCount: ctx.endpoint.instanceCount,
  });
  // The token's value never reaches the plan: a placeholder stands in.
  const environment = containerEnvironment(project.input, ctx, options, () => PLAN_TOKEN);
  const spec: ComponentSpec = componentSpec(
    project.input,
    ctx,
    { image, compute, environment: environment.variables },
    `${ctx.model.name}${PLAN_SUFFIX}`,
  );
  const createModel = (role: string): PlannedCall[] =>
    spec.model
      ? [
          {
            ...requests.createModel(ctx, { ...spec, model: spec.model }, role),
            purpose: `a SageMaker model that copies ${s3PrefixUri(spec.model.data)} into /opt/ml/model`,
          },
        ]
      : [];
  const plan: PlannedCall[] = [{ ...requests.getCallerIdentity(), purpose: 'find the account (pre-flight)' }];
  const given = options.roleArn ?? ctx.roles.execution.arn;
  const updating = isUpdate(deployment);
  const ecrImage = parseEcrImageUri(image);
  if (ecrImage) plan.push({ ...describeImage(ecrImage), purpose: 'check the image is in ECR (pre-flight)' });
  if (given)
    plan.push({
      ...getRoleByArn(given),
      purpose: 'check the given role exists and trusts SageMaker (pre-flight)',
    });
  if (ctx.modelData) {
    plan.push(
      {
        ...getBucketLocation(ctx.modelData.bucket),
        purpose: "check the model's bucket is in the endpoint's region (pre-flight)",
      },
      { ...listModelData(ctx.modelData), purpose: "check the model's prefix is not empty (pre-flight)" },
    );
  }
  if (!updating) {
    plan.push({
      ...listSageMakerQuotas(),
      purpose: `check the "${ctx.endpoint.instanceType} for endpoint usage" quota (pre-flight; more pages as needed)`,
    });
  }
  let roleArn = given ?? deployment?.role?.arn;
  if (!roleArn) {
    const docs = iamDocuments(iamScope(ctx, PLAN_ACCOUNT));
    roleArn = `arn:${ctx.partition}:iam::${PLAN_ACCOUNT}:role/${ctx.roles.execution.name}`;
    plan.push(
      { ...requests.getRole(ctx.roles.execution.name), purpose: 'look for the execution role' },
      {
        ...requests.createRole(ctx, 'execution', docs),
        purpose: 'create the execution role (when it does not exist)',
      },
      {
        ...requests.putRolePolicy(ctx, 'execution', docs),
        purpose: 'give the execution role its permissions (iam/)',
      },
    );
  }
  if (updating) {
    const given = [...new Set(options.rollbackAlarms ?? [])];
    const own = deployment?.rollbackAlarm?.name;
    const alarms = own ? [...given, own] : given;
    if (alarms.length > 0) {
      plan.push({
        ...describeAlarms(alarms),
        purpose: 'check the rollback alarms exist and are not firing',
      });
    }
    if (!own) {
      plan.push({
        ...putErrorRateAlarm(ctx),
        purpose: 'set up the 5XX-rate alarm updates roll back on (this deployment has none yet)',
      });
    }
    plan.push(
      ...createModel(roleArn),
      {
        ...requests.updateInferenceComponent(ctx, spec, [
          ...given,
          own ?? errorRateAlarmName(ctx.inferenceComponent.name),
        ]),
        purpose: 'roll the new version out one copy at a time, rolling back on failure or alarm',
      },
      {
        ...requests.describeInferenceComponent(ctx.inferenceComponent.name),
        purpose: 'wait until it is InService',
      },
      ...(deployment?.models ?? []).map((name) => ({
        ...requests.deleteModel(name),
        purpose: 'delete the model the previous version ran, once the new one serves',
      })),
    );
  } else {
    const config = `${ctx.endpoint.configName}${PLAN_SUFFIX}`;
    plan.push(
      {
        ...requests.createEndpointConfig(
          ctx,
          config,
          roleArn,
          instanceRange(ctx, copyRange(options, ctx.inferenceComponent.copies)),
        ),
        purpose: 'create the endpoint configuration',
      },
      { ...requests.createEndpoint(ctx, config), purpose: 'create the endpoint' },
      { ...requests.describeEndpoint(ctx.endpoint.name), purpose: 'wait until the endpoint is InService' },
      ...createModel(roleArn),
      {
        ...requests.createInferenceComponent(ctx, spec),
        purpose: 'host the model on the endpoint as an inference component',
      },
      {
        ...requests.describeInferenceComponent(ctx.inferenceComponent.name),
        purpose: 'wait until the inference component is InService',
      },
      {
        ...putErrorRateAlarm(ctx),
        purpose: 'set up the 5XX-rate alarm later updates roll back on',
      },
    );
  }
  const range = copyRange(options, ctx.inferenceComponent.copies);
  if (range) {
    const { min, max } = range;
    plan.push(
      {
        ...requests.registerScalableTarget(ctx.inferenceComponent.name, min, max),
        purpose: 'let autoscaling set the copy count',
      },
      {
        ...requests.putScalingPolicy(ctx.inferenceComponent.name),
        purpose: 'scale copies on invocations per copy',
      },
    );
  }
  return plan;
}
