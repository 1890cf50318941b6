import { defaultBucket, ignoreNotFound, isNotFound, McError, s3Uri } from '@mcc/sdk';
import type { ModelEndpointRun, ModelEndpointSpec } from '@mcc/sdk';

import { iamScope, pathsFor, topicArns } from '../context.js';
import type { AsyncContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import * as requests from './requests.js';
import * as scaling from './scaling-requests.js';
import { readAsync, saveAsync } from './state.js';
import type { AsyncState } from './state.js';

type Run = ModelEndpointRun<AsyncState>;

/** True when the project keeps anything in the SageMaker default bucket, which may not exist yet. */
export function usesDefaultBucket(ctx: AsyncContext): boolean {
  return ctx.async.outputPath === undefined || ctx.async.failurePath === undefined;
}

/** The SageMaker default bucket: created when missing, and kept by destroy (it holds results). */
async function ensureBucket(run: Run, ctx: AsyncContext, bucket: string): Promise<void> {
  if (run.state.bucket?.name === bucket) return;
  try {
    await run.call(requests.headBucket(bucket));
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  run.step(`Creating the S3 bucket ${bucket} for requests and results`);
  await run.call(requests.createBucket(bucket, ctx.region));
  run.state.bucket = { name: bucket, createdByMcc: true };
  run.save();
}

/** create-topics: the project's success and error topics, each recorded as soon as it exists. */
async function ensureTopics(run: Run, ctx: AsyncContext, account: string): Promise<void> {
  const expected = topicArns(ctx, account);
  for (const [name, fallback] of [
    [ctx.names.successTopic, expected.success!],
    [ctx.names.errorTopic, expected.error!],
  ] as const) {
    if (run.state.topics?.some((t) => t.name === name)) continue;
    run.step(`Creating the SNS topic ${name}`);
    const created = await run.call<{ TopicArn?: string }>(requests.createTopic(ctx, name));
    (run.state.topics ??= []).push({ name, arn: created.TopicArn ?? fallback, createdByMcc: true });
    run.created('topic');
  }
}

/** The topics the configuration names: those mcc created (with the ARNs SNS gave), else the given ones. */
function topicsOf(ctx: AsyncContext, state: AsyncState): { success?: string; error?: string } {
  if (!ctx.async.createTopics) return topicArns(ctx, state.account ?? '*');
  const arn = (name: string) => state.topics?.find((t) => t.name === name)?.arn;
  const success = arn(ctx.names.successTopic);
  const error = arn(ctx.names.errorTopic);
  return { ...(success ? { success } : {}), ...(error ? { error } : {}) };
}

/**
 * Autoscaling, paused for an update: SageMaker refuses an update that changes a scaled variant's
 * instance type, and the registration (with its policies) is put back once the endpoint serves.
 */
async function pauseScaling(run: Run): Promise<void> {
  const registered = run.state.scaling;
  if (!registered) return;
  run.step(`Pausing autoscaling of ${registered.resourceId} for the update`);
  await ignoreNotFound(() => run.call(scaling.deregisterScalableTarget(registered.resourceId)));
  delete run.state.scaling;
  run.save();
}

async function registerScaling(run: Run, ctx: AsyncContext): Promise<void> {
  const bounds = ctx.async.scaling;
  if (!bounds) return;
  const resourceId = scaling.scalingResourceId(ctx);
  run.step(
    `Registering autoscaling of ${resourceId}: ${bounds.minInstances} to ${bounds.maxInstances} instances`,
  );
  await run.call(scaling.registerScalableTarget(ctx, bounds.minInstances, bounds.maxInstances));
  run.state.scaling = { resourceId };
  run.created('scaling');
  await run.call(scaling.putBacklogPolicy(ctx));
  if (bounds.minInstances === 0) {
    const wake = await run.call<{ PolicyARN?: string }>(scaling.putWakePolicy(ctx));
    if (!wake.PolicyARN)
      throw new McError('Application Auto Scaling returned no ARN for the scale-out policy.', {
        code: 'DEPLOY_FAILED',
      });
    await run.call(scaling.putBacklogAlarm(ctx, wake.PolicyARN));
    run.state.scaling.alarm = ctx.names.backlogAlarm;
    run.save();
  }
}

/** What a failed run made of the async extras, newest first: scaling, then the topics it created. */
async function removeCreated(run: Run, created: readonly string[]): Promise<void> {
  const gone = (call: Parameters<Run['call']>[0]) => ignoreNotFound(() => run.call(call));
  if (created.includes('scaling') && run.state.scaling) {
    if (run.state.scaling.alarm) await gone(scaling.deleteAlarms(run.state.scaling.alarm));
    await gone(scaling.deregisterScalableTarget(run.state.scaling.resourceId));
    delete run.state.scaling;
    run.save();
  }
  if (created.includes('topic')) {
    for (const topic of [...(run.state.topics ?? [])].reverse()) {
      if (!topic.createdByMcc) continue;
      run.step(`Removing the SNS topic ${topic.name}`);
      await gone(requests.deleteTopic(topic.arn));
    }
    delete run.state.topics;
    run.save();
  }
}

/** The async target as the sdk's model-endpoint deploy and teardown see it. */
export function asyncSpec(ctx: AsyncContext): ModelEndpointSpec<AsyncState> {
  const docs = (account: string) => iamDocuments(iamScope(ctx, account));
  return {
    label: 'async endpoint',
    endpointName: ctx.endpoint.name,
    modelBase: ctx.model.name,
    configBase: ctx.endpoint.configName,
    role: {
      name: ctx.role.name,
      policyName: ctx.role.policyName,
      partition: ctx.partition,
      ...(ctx.role.arn ? { arn: ctx.role.arn } : {}),
    },
    logGroup: ctx.logGroup,
    requests: {
      ...requests,
      createRole: (account) => requests.createRole(ctx, docs(account)),
      putRolePolicy: (account) => requests.putRolePolicy(ctx, docs(account)),
      createModel: (name, image, roleArn) => requests.createModel(ctx, name, image, roleArn),
      createEndpointConfig: (name, model, state) =>
        requests.createEndpointConfig(
          ctx,
          name,
          model,
          pathsFor(ctx, state.account ?? '*'),
          topicsOf(ctx, state),
        ),
      createEndpoint: (config) => requests.createEndpoint(ctx, config),
      updateEndpoint: (config) => requests.updateEndpoint(ctx, config),
    },
    read: readAsync,
    save: saveAsync,
    fresh: (region) => ({ region, models: [], endpointConfigs: [] }),
    describeConfig: (name, state) =>
      `Creating the endpoint configuration ${name} (async, ${ctx.async.instanceCount} × ${ctx.endpoint.instanceType}, results to ${state.paths?.output ?? ''})`,
    failureSuggestions: [],
    async prepare(run) {
      const account = run.state.account ?? '*';
      const paths = pathsFor(ctx, account);
      run.state.paths = {
        input: s3Uri(paths.input),
        output: s3Uri(paths.output),
        failure: s3Uri(paths.failure),
      };
      run.save();
      if (usesDefaultBucket(ctx)) await ensureBucket(run, ctx, defaultBucket(ctx.region, account));
      if (ctx.async.createTopics) await ensureTopics(run, ctx, account);
      if (run.updating) await pauseScaling(run);
    },
    finish: (run) => registerScaling(run, ctx),
    removeCreated,
    summary: (image, state) => {
      const bounds = ctx.async.scaling;
      return `async endpoint ${ctx.endpoint.name} (${ctx.async.instanceCount} × ${ctx.endpoint.instanceType}${bounds ? `, scaling ${bounds.minInstances}–${bounds.maxInstances}` : ''}) running ${image}; results in ${state.paths?.output ?? ''}`;
    },
  };
}
