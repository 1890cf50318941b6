import {
  McError,
  awsErrorMessage,
  ignoreNotFound,
  isNotFound,
  isRoleNotReady,
  usageError,
  waitFor,
} from '@mcc/sdk';
import type { AwsCall, DeployOptions, DeployResult, VerbContext } from '@mcc/sdk';

import { iamScope, serverlessContext } from '../context.js';
import type { ServerlessContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import { DEPLOY_SUFFIX_MAX_LENGTH } from '../names.js';
import { explainLimit } from './faults.js';
import * as requests from './requests.js';
import { readServerless, saveServerless } from './state.js';
import type { ServerlessState } from './state.js';

const FAILURE_LOG_LINES = 20;
/** A role IAM has just created may take this many tries, RETRY_MS apart, before SageMaker can use it. */
export const ROLE_RETRIES = 8;
export const ROLE_RETRY_MS = 5_000;

interface DescribedEndpoint {
  EndpointStatus?: string;
  EndpointConfigName?: string;
  FailureReason?: string;
}

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

/**
 * The serverless deploy: role, model, endpoint configuration, then a new endpoint or an update of
 * the live one. Each deployment gets its own model and configuration (SageMaker cannot change
 * either in place); once the endpoint serves the new ones, the old ones are deleted.
 */
export class ServerlessDeployment {
  private readonly ctx: ServerlessContext;
  private readonly calls: string[] = [];
  private state: ServerlessState;

  constructor(
    private readonly context: VerbContext,
    private readonly options: DeployOptions,
  ) {
    this.ctx = serverlessContext(context.project.input);
    this.state = readServerless(context.state) ?? {
      region: context.aws.region,
      models: [],
      endpointConfigs: [],
    };
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
    const identity = await this.call<{ Account?: string }>(requests.getCallerIdentity());
    this.state.account = identity.Account;
    const updating = this.state.endpoint !== undefined && !this.pending('endpoint');
    this.state.pending ??= { startedAt: new Date(this.context.clock.now()).toISOString(), created: [] };
    this.save();
    try {
      const role = await this.ensureRole(identity.Account ?? '*');
      const suffix = deploySuffix(this.context.clock.now());
      const model = await this.ensureModel(`${this.ctx.model.name}${suffix}`, image, role);
      const config = await this.ensureConfig(`${this.ctx.endpoint.configName}${suffix}`, model);
      if (updating) await this.update(config);
      else await this.ensureEndpoint(config);
    } catch (error) {
      throw await this.fail(error);
    }
    this.state.image = image;
    delete this.state.pending;
    this.save();
    await this.retireOld();
    return {
      endpointName: this.ctx.endpoint.name,
      inferenceComponentName: '',
      imageUri: image,
      action: updating ? 'updated' : 'created',
      region: this.context.aws.region,
      calls: this.calls,
      summary: `serverless endpoint ${this.ctx.endpoint.name} (${this.ctx.serverless.memoryMb} MB, up to ${this.ctx.serverless.maxConcurrency} concurrent invocations) running ${image}`,
    };
  }

  private pending(kind: string): boolean {
    return this.state.pending?.created.includes(kind) ?? false;
  }

  private save(): void {
    saveServerless(this.context.state, this.state);
  }

  private created(kind: string): void {
    this.state.pending?.created.push(kind);
    this.save();
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

  private async ensureModel(
    name: string,
    image: string,
    role: { arn: string; fresh: boolean },
  ): Promise<string> {
    const last = this.state.models.at(-1);
    if (this.pending('model') && last) return last; // created by the interrupted run being resumed
    this.context.progress.step(`Creating the model ${name}: ${image}`);
    await this.withNewRole(role.fresh, () =>
      this.call(requests.createModel(this.ctx, name, image, role.arn)),
    );
    this.state.models.push(name);
    this.created('model');
    return name;
  }

  private async ensureConfig(name: string, model: string): Promise<string> {
    const last = this.state.endpointConfigs.at(-1);
    if (this.pending('endpoint-config') && last) return last;
    const { memoryMb, maxConcurrency, provisionedConcurrency } = this.ctx.serverless;
    this.context.progress.step(
      `Creating the endpoint configuration ${name} (serverless, ${memoryMb} MB, up to ${maxConcurrency} concurrent${provisionedConcurrency ? `, ${provisionedConcurrency} provisioned` : ''})`,
    );
    await this.call(requests.createEndpointConfig(this.ctx, name, model));
    this.state.endpointConfigs.push(name);
    this.created('endpoint-config');
    return name;
  }

  private async ensureEndpoint(config: string): Promise<void> {
    const name = this.ctx.endpoint.name;
    if (!this.pending('endpoint')) {
      this.context.progress.step(`Creating the serverless endpoint ${name}`);
      await this.call(requests.createEndpoint(this.ctx, config));
      this.state.endpoint = { name, createdByMcc: true };
      this.created('endpoint');
    }
    await this.waitForEndpoint((d) =>
      d.EndpointStatus === 'InService' ? 'done' : d.EndpointStatus === 'Failed' ? 'failed' : 'waiting',
    );
  }

  /**
   * Switches the live endpoint to the new configuration. SageMaker keeps serving the old one until
   * the new one is ready and goes back to it when the new one fails: InService on the old
   * configuration after the update started is a rollback.
   */
  private async update(config: string): Promise<void> {
    const name = this.ctx.endpoint.name;
    if (!this.pending('update')) {
      this.context.progress.step(`Updating the endpoint ${name} to ${config}`);
      await this.call(requests.updateEndpoint(this.ctx, config));
      this.created('update');
    }
    let started = false;
    await this.waitForEndpoint((d) => {
      if (d.EndpointStatus === 'Failed') return 'failed';
      if (d.EndpointStatus !== 'InService') {
        started ||= d.EndpointStatus === 'Updating';
        return 'waiting';
      }
      if (d.EndpointConfigName === undefined || d.EndpointConfigName === config) return 'done';
      return started ? 'failed' : 'waiting';
    });
  }

  private waitForEndpoint(
    state: (d: DescribedEndpoint) => 'done' | 'failed' | 'waiting',
  ): Promise<DescribedEndpoint> {
    const name = this.ctx.endpoint.name;
    return waitFor<DescribedEndpoint>({
      what: `endpoint ${name}`,
      check: () => this.call<DescribedEndpoint>(requests.describeEndpoint(name)),
      state,
      failure: (d) =>
        this.failure(
          d.EndpointStatus === 'InService'
            ? `The update of ${name} was rolled back; it still serves ${d.EndpointConfigName ?? 'the previous configuration'}`
            : `The endpoint ${name} failed`,
          d.FailureReason,
        ),
      describe: (d) => d.EndpointStatus ?? 'unknown',
      timeoutMs: this.options.timeoutSeconds * 1000,
      clock: this.context.clock,
      progress: this.context.progress,
      signal: this.context.signal,
    });
  }

  /** The failure with SageMaker's reason and the container's last log lines. */
  private async failure(what: string, reason: string | undefined): Promise<McError> {
    const lines = await this.lastLogLines();
    const detail = [reason ? `${what}: ${reason}` : `${what}.`, ...lines.map((line) => `  | ${line}`)];
    return new McError(detail.join('\n'), {
      code: 'DEPLOY_FAILED',
      suggestions: [
        'Run the image locally with do/run to see it start, and `mcc logs` for the endpoint’s whole log.',
        `Serverless endpoints start the container within ${this.ctx.serverless.memoryMb} MB: a model that needs more fails to load.`,
      ],
    });
  }

  private async lastLogLines(): Promise<string[]> {
    const since = Date.parse(this.state.pending?.startedAt ?? '') || this.context.clock.now() - 3_600_000;
    try {
      const found = await this.call<{ events?: { message?: string }[] }>(
        requests.filterLogEvents(this.ctx.logGroup, since, FAILURE_LOG_LINES),
      );
      return (found.events ?? []).map((event) => (event.message ?? '').trimEnd()).slice(-FAILURE_LOG_LINES);
    } catch {
      return []; // no log group yet: the container never started
    }
  }

  /** After a failure: removes what this run created (unless --keep-failed) and explains the error. */
  private async fail(error: unknown): Promise<unknown> {
    const explained = explainLimit(error, this.context.aws.region);
    if (this.context.signal.aborted || (explained as { code?: string }).code === 'DEPLOY_TIMEOUT') {
      return explained; // interrupted or slow, not failed: the next deploy resumes
    }
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

  /** Newest first: the endpoint (only when this run created it), then configuration, model, role. */
  private async removeCreated(created: readonly string[]): Promise<void> {
    const gone = (call: AwsCall) => ignoreNotFound(() => this.call(call));
    const step = (text: string) => this.context.progress.step(text);
    if (created.includes('endpoint') && this.state.endpoint) {
      step(`Removing the endpoint ${this.state.endpoint.name}`);
      await gone(requests.deleteEndpoint(this.state.endpoint.name));
      delete this.state.endpoint;
      this.save();
    }
    if (created.includes('endpoint-config')) {
      const config = this.state.endpointConfigs.pop();
      if (config) {
        step(`Removing the endpoint configuration ${config}`);
        await gone(requests.deleteEndpointConfig(config));
        this.save();
      }
    }
    if (created.includes('model')) {
      const model = this.state.models.pop();
      if (model) {
        step(`Removing the model ${model}`);
        await gone(requests.deleteModel(model));
        this.save();
      }
    }
    if (created.includes('role') && this.state.role?.createdByMcc) {
      step(`Removing the execution role ${this.state.role.name}`);
      await gone(
        requests.deleteRolePolicy(
          this.state.role.name,
          this.state.role.policyName ?? this.ctx.role.policyName,
        ),
      );
      await gone(requests.deleteRole(this.state.role.name));
      delete this.state.role;
    }
    delete this.state.pending;
    const empty =
      !this.state.endpoint && this.state.endpointConfigs.length === 0 && this.state.models.length === 0;
    saveServerless(this.context.state, empty ? undefined : this.state);
  }

  /** Once the endpoint serves the new version, the earlier models and configurations serve nothing. */
  private async retireOld(): Promise<void> {
    const retire = async (
      list: 'endpointConfigs' | 'models',
      kind: string,
      call: (name: string) => AwsCall,
    ) => {
      for (const name of this.state[list].slice(0, -1)) {
        this.context.progress.step(`Deleting the ${kind} ${name}, which the previous version used`);
        try {
          await ignoreNotFound(() => this.call(call(name)));
        } catch (error) {
          this.context.progress.warn(
            `Could not delete the ${kind} ${name} (${awsErrorMessage(error)}); \`mcc destroy\` retries it.`,
          );
          continue;
        }
        this.state[list] = this.state[list].filter((other) => other !== name);
        this.save();
      }
    };
    await retire('endpointConfigs', 'endpoint configuration', requests.deleteEndpointConfig);
    await retire('models', 'model', requests.deleteModel);
  }
}

/** `mcc deploy` for a serverless endpoint. */
export function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  return new ServerlessDeployment(context, options).run();
}
