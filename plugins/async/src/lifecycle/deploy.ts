import { McError, awsErrorMessage, isNotFound, isRoleNotReady, usageError, waitFor } from '@mcc/sdk';
import type { AwsCall, DeployOptions, DeployResult, VerbContext } from '@mcc/sdk';

import { asyncContext, iamScope, pathsFor, topicArns } from '../context.js';
import type { AsyncContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import { DEPLOY_SUFFIX_MAX_LENGTH } from '../names.js';
import { defaultBucket, s3Uri } from '../s3-uri.js';
import * as requests from './requests.js';
import * as scaling from './scaling-requests.js';
import { readAsync, saveAsync } from './state.js';
import type { AsyncState } from './state.js';
import { teardown } from './teardown.js';

/** A role IAM has just created may take this many tries, RETRY_MS apart, before SageMaker can use it. */
export const ROLE_RETRIES = 8;
export const ROLE_RETRY_MS = 5_000;

/** A short suffix that makes each deployment's model and configuration names new: base-36 seconds. */
export function deploySuffix(now: number): string {
  return `-${Math.floor(now / 1000).toString(36)}`.slice(0, DEPLOY_SUFFIX_MAX_LENGTH);
}

/** The image to deploy: the flag, else what the last push recorded. */
export function imageToDeploy(context: Pick<VerbContext, 'state'>, options: DeployOptions): string {
  const uri = options.imageUri ?? context.state.read().image?.uri;
  if (!uri) {
    throw usageError('IMAGE_NOT_PUSHED', 'There is no image to deploy: no `mcc push` has recorded one.', [
      'Run do/build and do/push first, or pass --image-uri with an image in ECR.',
    ]);
  }
  return uri;
}

/** True when the project keeps anything in the SageMaker default bucket, which may not exist yet. */
export function usesDefaultBucket(ctx: AsyncContext): boolean {
  return ctx.async.outputPath === undefined || ctx.async.failurePath === undefined;
}

/**
 * The async deploy: role, the default bucket when used, model, endpoint configuration with
 * AsyncInferenceConfig, endpoint, then autoscaling when asked. Every creation is recorded at once;
 * on failure what this run created is deleted again (unless --keep-failed), so a retry starts clean.
 */
export class AsyncDeployment {
  private readonly ctx: AsyncContext;
  private readonly calls: string[] = [];
  private readonly state: AsyncState;

  constructor(
    private readonly context: VerbContext,
    private readonly options: DeployOptions,
  ) {
    this.ctx = asyncContext(context.project.input);
    const recorded = readAsync(context.state);
    if (recorded?.endpoint) {
      throw usageError(
        'ALREADY_DEPLOYED',
        `The async endpoint ${recorded.endpoint.name} is already deployed; this version of the async target does not update it in place.`,
        ['Run `mcc destroy` and then `mcc deploy` to deploy the new image.'],
      );
    }
    this.state = recorded ?? { region: context.aws.region, models: [], endpointConfigs: [] };
    if (this.state.region !== context.aws.region) {
      throw usageError(
        'REGION_MISMATCH',
        `This project has resources in ${this.state.region}; the region now in use is ${context.aws.region}.`,
        [`Pass --region ${this.state.region}, or run mcc destroy there first.`],
      );
    }
  }

  async run(): Promise<DeployResult> {
    const image = imageToDeploy(this.context, this.options);
    const identity = await this.call<{ Account?: string }>(requests.getCallerIdentity());
    const account = identity.Account ?? '*';
    this.state.account = account;
    const paths = pathsFor(this.ctx, account);
    this.state.paths = {
      input: s3Uri(paths.input),
      output: s3Uri(paths.output),
      failure: s3Uri(paths.failure),
    };
    this.save();
    try {
      const role = await this.ensureRole(account);
      if (usesDefaultBucket(this.ctx)) await this.ensureBucket(defaultBucket(this.ctx.region, account));
      const topics = this.ctx.async.createTopics
        ? await this.createTopics(account)
        : topicArns(this.ctx, account);
      const suffix = deploySuffix(this.context.clock.now());
      const model = `${this.ctx.model.name}${suffix}`;
      this.step(`Creating the model ${model}: ${image}`);
      await this.withNewRole(role.fresh, () =>
        this.call(requests.createModel(this.ctx, model, image, role.arn)),
      );
      this.state.models.push(model);
      this.save();
      const config = `${this.ctx.endpoint.configName}${suffix}`;
      this.step(
        `Creating the endpoint configuration ${config} (async, results to ${this.state.paths.output})`,
      );
      await this.call(requests.createEndpointConfig(this.ctx, config, model, paths, topics));
      this.state.endpointConfigs.push(config);
      this.save();
      this.step(`Creating the async endpoint ${this.ctx.endpoint.name}`);
      await this.call(requests.createEndpoint(this.ctx, config));
      this.state.endpoint = { name: this.ctx.endpoint.name, createdByMcc: true };
      this.save();
      await this.waitInService();
      if (this.ctx.async.scaling) await this.registerScaling(this.ctx.async.scaling);
    } catch (error) {
      throw await this.fail(error);
    }
    this.state.image = image;
    this.save();
    const { instanceCount, scaling: bounds } = this.ctx.async;
    return {
      endpointName: this.ctx.endpoint.name,
      inferenceComponentName: '',
      imageUri: image,
      action: 'created',
      region: this.context.aws.region,
      calls: this.calls,
      summary: `async endpoint ${this.ctx.endpoint.name} (${instanceCount} × ${this.ctx.endpoint.instanceType}${bounds ? `, scaling ${bounds.minInstances}–${bounds.maxInstances}` : ''}) running ${image}; results in ${this.state.paths?.output ?? ''}`,
    };
  }

  private step(text: string): void {
    this.context.progress.step(text);
  }

  private save(): void {
    saveAsync(this.context.state, this.state);
  }

  private async call<O>(call: AwsCall): Promise<O> {
    this.calls.push(call.operation);
    return this.context.aws.call<O>(call);
  }

  private async ensureRole(account: string): Promise<{ arn: string; fresh: boolean }> {
    const given = this.options.roleArn ?? this.ctx.role.arn;
    if (given) {
      this.state.role = { name: given.split('/').pop() ?? given, arn: given, createdByMcc: false };
      return { arn: given, fresh: false };
    }
    if (this.state.role) return { arn: this.state.role.arn, fresh: false };
    const name = this.ctx.role.name;
    const fallbackArn = `arn:${this.ctx.partition}:iam::${account}:role/${name}`;
    try {
      const found = await this.call<{ Role?: { Arn?: string } }>(requests.getRole(name));
      this.step(`Using the existing execution role ${name}`);
      this.state.role = { name, arn: found.Role?.Arn ?? fallbackArn, createdByMcc: false };
      this.save();
      return { arn: this.state.role.arn, fresh: false };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.step(`Creating the execution role ${name}`);
    const docs = iamDocuments(iamScope(this.ctx, account));
    const created = await this.call<{ Role?: { Arn?: string } }>(requests.createRole(this.ctx, docs));
    this.state.role = {
      name,
      arn: created.Role?.Arn ?? fallbackArn,
      createdByMcc: true,
      policyName: this.ctx.role.policyName,
    };
    this.save();
    await this.call(requests.putRolePolicy(this.ctx, docs));
    return { arn: this.state.role.arn, fresh: true };
  }

  /** Tries `attempt` again while a role IAM has just created is not yet usable by SageMaker. */
  private async withNewRole<O>(fresh: boolean, attempt: () => Promise<O>): Promise<O> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!fresh || !isRoleNotReady(error) || tries >= ROLE_RETRIES) throw error;
        this.context.progress.waiting('waiting for the new role to be usable', tries * ROLE_RETRY_MS);
        await this.context.clock.sleep(ROLE_RETRY_MS);
      }
    }
  }

  /** The SageMaker default bucket: created when missing, and kept by destroy (it holds results). */
  private async ensureBucket(bucket: string): Promise<void> {
    try {
      await this.call(requests.headBucket(bucket));
      return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.step(`Creating the S3 bucket ${bucket} for requests and results`);
    await this.call(requests.createBucket(bucket, this.ctx.region));
    this.state.bucket = { name: bucket, createdByMcc: true };
    this.save();
  }

  /** create-topics: the project's success and error topics, each recorded as soon as it exists. */
  private async createTopics(account: string): Promise<{ success: string; error: string }> {
    const expected = topicArns(this.ctx, account);
    const arns: string[] = [];
    for (const [name, fallback] of [
      [this.ctx.names.successTopic, expected.success!],
      [this.ctx.names.errorTopic, expected.error!],
    ] as const) {
      const recorded = this.state.topics?.find((t) => t.name === name);
      if (recorded) {
        arns.push(recorded.arn);
        continue;
      }
      this.step(`Creating the SNS topic ${name}`);
      const created = await this.call<{ TopicArn?: string }>(requests.createTopic(this.ctx, name));
      const arn = created.TopicArn ?? fallback;
      (this.state.topics ??= []).push({ name, arn, createdByMcc: true });
      this.save();
      arns.push(arn);
    }
    return { success: arns[0]!, error: arns[1]! };
  }

  private async waitInService(): Promise<void> {
    const name = this.ctx.endpoint.name;
    await waitFor<{ EndpointStatus?: string; FailureReason?: string }>({
      what: `endpoint ${name}`,
      check: () => this.call(requests.describeEndpoint(name)),
      state: (d) =>
        d.EndpointStatus === 'InService' ? 'done' : d.EndpointStatus === 'Failed' ? 'failed' : 'waiting',
      failure: (d) =>
        new McError(`The endpoint ${name} failed: ${d.FailureReason ?? 'SageMaker gave no reason'}.`, {
          code: 'DEPLOY_FAILED',
          suggestions: [
            'Run the image locally with do/run to see it start, and `mcc logs` for the endpoint’s log.',
          ],
        }),
      describe: (d) => d.EndpointStatus ?? 'unknown',
      timeoutMs: this.options.timeoutSeconds * 1000,
      clock: this.context.clock,
      progress: this.context.progress,
      signal: this.context.signal,
    });
  }

  private async registerScaling(bounds: { minInstances: number; maxInstances: number }): Promise<void> {
    const resourceId = scaling.scalingResourceId(this.ctx);
    this.step(
      `Registering autoscaling of ${resourceId}: ${bounds.minInstances} to ${bounds.maxInstances} instances`,
    );
    await this.call(scaling.registerScalableTarget(this.ctx, bounds.minInstances, bounds.maxInstances));
    this.state.scaling = { resourceId };
    this.save();
    await this.call(scaling.putBacklogPolicy(this.ctx));
    if (bounds.minInstances === 0) {
      const wake = await this.call<{ PolicyARN?: string }>(scaling.putWakePolicy(this.ctx));
      if (!wake.PolicyARN)
        throw new McError('Application Auto Scaling returned no ARN for the scale-out policy.', {
          code: 'DEPLOY_FAILED',
        });
      await this.call(scaling.putBacklogAlarm(this.ctx, wake.PolicyARN));
      this.state.scaling.alarm = this.ctx.names.backlogAlarm;
      this.save();
    }
  }

  /** After a failure: removes what was created (unless --keep-failed or merely slow) and rethrows. */
  private async fail(error: unknown): Promise<unknown> {
    const code = (error as { code?: string }).code;
    if (this.context.signal.aborted || code === 'DEPLOY_TIMEOUT') return error;
    if (this.options.keepFailed) {
      this.context.progress.warn(
        'Keeping what this deploy created (--keep-failed); `mcc destroy` removes it.',
      );
      return error;
    }
    try {
      await teardown(this.context, this.state, () => undefined);
      saveAsync(this.context.state, undefined);
    } catch (cleanup) {
      this.context.progress.warn(
        `Could not remove everything this deploy created (${awsErrorMessage(cleanup)}); \`mcc destroy\` finishes it.`,
      );
    }
    return error;
  }
}

/** `mcc deploy` for an async endpoint. */
export function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  return new AsyncDeployment(context, options).run();
}
