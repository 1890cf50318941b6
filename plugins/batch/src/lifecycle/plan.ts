import { defaultBucket, PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';
import type { DeployOptions, GeneratedProject, PlannedCall, StateStore } from '@mcc/sdk';

import { batchContext, iamScope, pathsFor } from '../context.js';
import { iamDocuments } from '../iam.js';
import { usesDefaultBucket } from '../paths.js';
import * as requests from './requests.js';
import { readBatch } from './state.js';

// The stand-ins every plan shares are the sdk's.
export { PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';
export const PLAN_JOB_SUFFIX = '-<job-id>';

/**
 * Every AWS call `mcc deploy` would make for this project and its recorded state, with the very
 * parameters, without making any; last, the CreateTransformJob `mcc invoke` would then start on the
 * project's input folder (deploy itself starts no job and runs no instance).
 */
export function planDeploy(
  project: GeneratedProject,
  store: StateStore,
  options: DeployOptions,
): PlannedCall[] {
  const ctx = batchContext(project.input);
  const state = readBatch(store);
  const image = options.imageUri ?? store.read().image?.uri ?? PLAN_IMAGE;
  const paths = pathsFor(ctx, state?.account ?? PLAN_ACCOUNT);
  const plan: PlannedCall[] = [{ ...requests.getCallerIdentity(), purpose: 'find the account' }];
  let roleArn = options.roleArn ?? ctx.role.arn ?? state?.role?.arn;
  if (!roleArn) {
    const docs = iamDocuments(iamScope(ctx, PLAN_ACCOUNT));
    roleArn = `arn:${ctx.partition}:iam::${PLAN_ACCOUNT}:role/${ctx.role.name}`;
    plan.push(
      { ...requests.getRole(ctx.role.name), purpose: 'look for the execution role' },
      { ...requests.createRole(ctx, docs), purpose: 'create the execution role (when it does not exist)' },
      {
        ...requests.putRolePolicy(ctx, docs),
        purpose: 'let it pull the image, read the input folder, write the output folder and logs (iam/)',
      },
    );
  }
  if (usesDefaultBucket(ctx.batch) && !state?.bucket) {
    const bucket = defaultBucket(ctx.region, state?.account ?? PLAN_ACCOUNT);
    plan.push(
      { ...requests.headBucket(bucket), purpose: 'look for the SageMaker default bucket' },
      { ...requests.createBucket(bucket, ctx.region), purpose: 'create it (when it does not exist)' },
    );
  }
  const model = `${ctx.model.name}${PLAN_SUFFIX}`;
  plan.push({
    ...requests.createModel(ctx, model, image, roleArn),
    purpose: 'create the model: the image and its role',
  });
  for (const previous of state?.models ?? []) {
    plan.push({
      ...requests.deleteModel(previous),
      purpose: 'delete the previous model once the new one exists',
    });
  }
  const job = `${ctx.names.base}${PLAN_JOB_SUFFIX}`;
  plan.push({
    ...requests.createTransformJob(ctx, {
      name: job,
      model,
      inputUri: `s3://${paths.input.bucket}/${paths.input.prefix}`,
      output: { bucket: paths.output.bucket, prefix: `${paths.output.prefix}${job}/` },
    }),
    madeBy: 'invoke',
    purpose: `not made by deploy: the job \`mcc invoke\` starts over the default input (${ctx.batch.instanceCount} × ${ctx.instanceType}, billed while it runs)`,
  });
  return plan;
}
