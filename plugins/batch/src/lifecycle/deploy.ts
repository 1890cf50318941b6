import {
  awsErrorMessage,
  defaultBucket,
  deploySuffix,
  ignoreNotFound,
  imageToDeploy,
  isNotFound,
  isRoleNotReady,
  retryWhileRoleNew,
  s3Uri,
  usageError,
} from '@mcc/sdk';
import type { AwsCall, DeployOptions, DeployResult, VerbContext } from '@mcc/sdk';

import { batchContext, iamScope, pathsFor } from '../context.js';
import type { BatchContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import { usesDefaultBucket } from '../paths.js';
import { explainFault } from './faults.js';
import * as requests from './requests.js';
import { FINISHED, readBatch, saveBatch } from './state.js';
import type { BatchState } from './state.js';

// The bounded wait for a new role is the sdk's.
export { ROLE_RETRIES, ROLE_RETRY_MS } from '@mcc/sdk';

/**
 * The batch deploy: the role (created or reused), the default bucket when a folder is in it, and
 * a model for the image. Nothing runs (or costs) until `mcc invoke` starts a job. A new image gets
 * a new model, and the previous one is deleted once the new one exists. Each creation is recorded
 * at once; an interrupted deploy resumes, a failed one removes what it created (unless --keep-failed).
 */
export class BatchDeployment {
  private readonly ctx: BatchContext;
  private readonly calls: string[] = [];
  private readonly state: BatchState;
  private current: AwsCall | undefined;

  constructor(
    private readonly context: VerbContext,
    private readonly options: DeployOptions,
  ) {
    this.ctx = batchContext(context.project.input);
    this.state = readBatch(context.state) ?? { region: context.aws.region, models: [], jobs: [] };
    if (this.state.region !== context.aws.region) {
      throw usageError(
        'REGION_MISMATCH',
        `This project is deployed in ${this.state.region}; the region now in use is ${context.aws.region}.`,
        [`Pass --region ${this.state.region} (or set AWS_REGION), or run mcc destroy there first.`],
      );
    }
  }

  async run(): Promise<DeployResult> {
    const image = imageToDeploy(this.context, this.options);
    for (const warning of this.ctx.warnings) this.context.progress.warn(warning);
    const live = this.state.models.at(-1);
    if (live && !this.state.pending && this.state.image === image) {
      this.context.progress.step(`The model ${live} already runs ${image}: nothing to change`);
      return this.result(image, live, 'updated');
    }
    const updating = live !== undefined && !this.pending('model');
    let model: string;
    try {
      const identity = await this.call<{ Account?: string }>(requests.getCallerIdentity());
      const account = identity.Account ?? '*';
      this.state.account = account;
      const paths = pathsFor(this.ctx, account);
      this.state.paths = { input: s3Uri(paths.input), output: s3Uri(paths.output) };
      this.state.pending ??= { startedAt: new Date(this.context.clock.now()).toISOString(), created: [] };
      this.save();
      const role = await this.ensureRole(account);
      if (usesDefaultBucket(this.ctx.batch)) await this.ensureBucket(defaultBucket(this.ctx.region, account));
      model = await this.ensureModel(
        `${this.ctx.model.name}${deploySuffix(this.context.clock.now())}`,
        image,
        role,
      );
    } catch (error) {
      throw await this.fail(error);
    }
    this.state.image = image;
    delete this.state.pending;
    this.save();
    await this.retireOld();
    return this.result(image, model, updating ? 'updated' : 'created');
  }

  private result(image: string, model: string, action: DeployResult['action']): DeployResult {
    const { instanceCount } = this.ctx.batch;
    return {
      endpointName: model,
      inferenceComponentName: '',
      imageUri: image,
      action,
      region: this.context.aws.region,
      calls: this.calls,
      summary: `batch model ${model} running ${image}; \`mcc invoke\` starts a transform job on ${instanceCount} × ${this.ctx.instanceType} over ${this.state.paths?.input ?? this.ctx.shownPaths.input}`,
    };
  }

  private pending(kind: string): boolean {
    return this.state.pending?.created.includes(kind) ?? false;
  }

  private save(): void {
    saveBatch(this.context.state, this.state);
  }

  private created(kind: string): void {
    this.state.pending?.created.push(kind);
    this.save();
  }

  private async call<O>(call: AwsCall): Promise<O> {
    this.calls.push(call.operation);
    this.current = call;
    return this.context.aws.call<O>(call);
  }

  private async ensureRole(account: string): Promise<{ arn: string; fresh: boolean }> {
    const given = this.options.roleArn ?? this.ctx.role.arn;
    if (given) {
      this.state.role = { name: given.split('/').pop() ?? given, arn: given, createdByMcc: false };
      return { arn: given, fresh: false };
    }
    if (this.state.role) return { arn: this.state.role.arn, fresh: this.pending('role') };
    const name = this.ctx.role.name;
    const fallbackArn = `arn:${this.ctx.partition}:iam::${account}:role/${name}`;
    try {
      const found = await this.call<{ Role?: { Arn?: string } }>(requests.getRole(name));
      this.context.progress.step(`Using the existing execution role ${name}`);
      this.state.role = { name, arn: found.Role?.Arn ?? fallbackArn, createdByMcc: false };
      this.save();
      return { arn: this.state.role.arn, fresh: false };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.context.progress.step(`Creating the execution role ${name}`);
    const docs = iamDocuments(iamScope(this.ctx, account));
    const created = await this.call<{ Role?: { Arn?: string } }>(requests.createRole(this.ctx, docs));
    const arn = created.Role?.Arn ?? fallbackArn;
    this.state.role = { name, arn, createdByMcc: true, policyName: this.ctx.role.policyName };
    this.created('role');
    await this.call(requests.putRolePolicy(this.ctx, docs));
    return { arn, fresh: true };
  }

  /** SageMaker's default bucket: created when missing, and kept by destroy (it holds the data). */
  private async ensureBucket(bucket: string): Promise<void> {
    if (this.state.bucket?.name === bucket) return;
    try {
      await this.call(requests.headBucket(bucket));
      return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.context.progress.step(`Creating the S3 bucket ${bucket} for the job inputs and results`);
    await this.call(requests.createBucket(bucket, this.ctx.region));
    this.state.bucket = { name: bucket, createdByMcc: true };
    this.save();
  }

  private async ensureModel(
    name: string,
    image: string,
    role: { arn: string; fresh: boolean },
  ): Promise<string> {
    const last = this.state.models.at(-1);
    if (this.pending('model') && last) return last; // created by the interrupted run being resumed
    this.context.progress.step(`Creating the model ${name}: ${image}`);
    // A role IAM has only just created is refused for some seconds: tried again, a bounded number of times.
    await retryWhileRoleNew(() => this.call(requests.createModel(this.ctx, name, image, role.arn)), {
      fresh: role.fresh,
      notReady: isRoleNotReady,
      clock: this.context.clock,
      progress: this.context.progress,
    });
    this.state.models.push(name);
    this.created('model');
    return name;
  }

  /** After a failure: removes what this run created (unless --keep-failed) and explains the error. */
  private async fail(error: unknown): Promise<unknown> {
    const explained = explainFault(error, this.current, this.ctx.instanceType, this.context.aws.region);
    if (this.context.signal.aborted) return explained; // interrupted, not failed: the next deploy resumes
    if (this.options.keepFailed) {
      this.context.progress.warn(
        'Keeping what this deploy created (--keep-failed); `mcc destroy` removes it.',
      );
      return explained;
    }
    try {
      await this.removeCreated(this.state.pending?.created ?? []);
    } catch (cleanup) {
      this.context.progress.warn(
        `Could not remove everything this deploy created (${awsErrorMessage(cleanup)}); \`mcc destroy\` finishes it.`,
      );
    }
    return explained;
  }

  /** Newest first: the model, then the role (its policy first). The default bucket stays. */
  private async removeCreated(created: readonly string[]): Promise<void> {
    const gone = (call: AwsCall) => ignoreNotFound(() => this.context.aws.call(call));
    if (created.includes('model')) {
      const model = this.state.models.pop();
      if (model) {
        this.context.progress.step(`Removing the model ${model}`);
        await gone(requests.deleteModel(model));
        this.save();
      }
    }
    if (created.includes('role') && this.state.role?.createdByMcc) {
      const { name, policyName } = this.state.role;
      this.context.progress.step(`Removing the execution role ${name}`);
      await gone(requests.deleteRolePolicy(name, policyName ?? this.ctx.role.policyName));
      await gone(requests.deleteRole(name));
      delete this.state.role;
    }
    delete this.state.pending;
    const empty = this.state.models.length === 0 && this.state.jobs.length === 0 && !this.state.role;
    saveBatch(this.context.state, empty ? undefined : this.state);
  }

  /**
   * Once the new model exists, the earlier ones serve nothing, except a model a job may still be
   * running with: that one is kept (destroy removes it) rather than pulled from under the job.
   */
  private async retireOld(): Promise<void> {
    for (const name of this.state.models.slice(0, -1)) {
      const running = this.state.jobs.find((job) => job.model === name && !FINISHED.has(job.status));
      if (running) {
        this.context.progress.warn(
          `Keeping the model ${name}: the job ${running.name} may still be running with it (\`mcc destroy\` removes it).`,
        );
        continue;
      }
      this.context.progress.step(`Deleting the model ${name}, which the previous image used`);
      try {
        await ignoreNotFound(() => this.call(requests.deleteModel(name)));
      } catch (error) {
        this.context.progress.warn(
          `Could not delete the model ${name} (${awsErrorMessage(error)}); \`mcc destroy\` retries it.`,
        );
        continue;
      }
      this.state.models = this.state.models.filter((other) => other !== name);
      this.save();
    }
  }
}

/** `mcc deploy` for batch transform. */
export function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  return new BatchDeployment(context, options).run();
}
