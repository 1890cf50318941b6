import { McError, usageError } from '../../errors.js';
import { awsErrorMessage } from '../aws.js';
import type { AwsCall } from '../aws.js';
import { ignoreNotFound, isNotFound, isRoleNotReady } from '../aws-faults.js';
import { lastLogLines } from '../cloudwatch-logs.js';
import { DEPLOY_SUFFIX_MAX_LENGTH } from '../resource-base.js';
import { retryWhileRoleNew } from '../role-retry.js';
import type { DeployOptions, DeployResult, VerbContext } from '../verbs.js';
import { waitFor } from '../wait.js';
import type { ModelEndpointRun, ModelEndpointSpec } from './spec.js';
import type { ModelEndpointState } from './state.js';
import type { DescribedEndpoint } from './status.js';

const FAILURE_LOG_LINES = 20;

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
 * The deploy of a model behind an endpoint of the target's configuration: role, the target's own
 * preparations, model, configuration, then a new endpoint or an update of the live one, then the
 * target's finishing steps. Each deployment gets its own model and configuration (SageMaker cannot
 * change either in place); once the endpoint serves them the earlier ones are deleted. Everything
 * created is recorded at once: a failure removes what this run made (unless --keep-failed), a run
 * cut short (Ctrl-C, timeout) is resumed by the next deploy without creating anything twice.
 */
export class ModelEndpointDeployment<S extends ModelEndpointState> implements ModelEndpointRun<S> {
  readonly state: S;
  readonly updating: boolean;
  private readonly calls: string[] = [];

  constructor(
    readonly context: VerbContext,
    readonly options: DeployOptions,
    private readonly spec: ModelEndpointSpec<S>,
  ) {
    this.state = spec.read(context.state) ?? spec.fresh(context.aws.region);
    if (this.state.region !== context.aws.region) {
      throw usageError(
        'REGION_MISMATCH',
        `This project is deployed in ${this.state.region}; the region now in use is ${context.aws.region}.`,
        [`Pass --region ${this.state.region} (or set AWS_REGION), or run mcc destroy there first.`],
      );
    }
    this.updating = this.state.endpoint !== undefined && !this.pending('endpoint');
  }

  async run(): Promise<DeployResult> {
    const image = imageToDeploy(this.context, this.options);
    for (const warning of this.spec.warnings ?? []) this.context.progress.warn(warning);
    const identity = await this.call<{ Account?: string }>(this.spec.requests.getCallerIdentity());
    this.state.account = identity.Account;
    this.state.pending ??= { startedAt: new Date(this.context.clock.now()).toISOString(), created: [] };
    this.save();
    try {
      const role = await this.ensureRole(identity.Account ?? '*');
      if (this.spec.prepare) await this.spec.prepare(this);
      const suffix = deploySuffix(this.context.clock.now());
      const model = await this.ensureModel(`${this.spec.modelBase}${suffix}`, image, role);
      const config = await this.ensureConfig(`${this.spec.configBase}${suffix}`, model);
      if (this.updating) await this.update(config);
      else await this.ensureEndpoint(config);
      if (this.spec.finish) await this.spec.finish(this);
    } catch (error) {
      throw await this.fail(error);
    }
    this.state.image = image;
    delete this.state.pending;
    this.save();
    await this.retireOld();
    return {
      endpointName: this.spec.endpointName,
      inferenceComponentName: '',
      imageUri: image,
      action: this.updating ? 'updated' : 'created',
      region: this.context.aws.region,
      calls: this.calls,
      summary: this.spec.summary(image, this.state),
    };
  }

  pending(kind: string): boolean {
    return this.state.pending?.created.includes(kind) ?? false;
  }

  save(): void {
    this.spec.save(this.context.state, this.state);
  }

  created(kind: string): void {
    this.state.pending?.created.push(kind);
    this.save();
  }

  step(text: string): void {
    this.context.progress.step(text);
  }

  async call<O>(call: AwsCall): Promise<O> {
    this.calls.push(call.operation);
    return this.context.aws.call<O>(call);
  }

  private async ensureRole(account: string): Promise<{ arn: string; fresh: boolean }> {
    const given = this.options.roleArn ?? this.spec.role.arn;
    if (given) {
      this.state.role = { name: given.split('/').pop() ?? given, arn: given, createdByMcc: false };
      return { arn: given, fresh: false };
    }
    // A role this run's interrupted predecessor created may still be propagating.
    if (this.state.role) return { arn: this.state.role.arn, fresh: this.pending('role') };
    const { name, partition, policyName } = this.spec.role;
    const fallbackArn = `arn:${partition}:iam::${account}:role/${name}`;
    try {
      const found = await this.call<{ Role?: { Arn?: string } }>(this.spec.requests.getRole(name));
      this.step(`Using the existing execution role ${name}`);
      this.state.role = { name, arn: found.Role?.Arn ?? fallbackArn, createdByMcc: false };
      this.save();
      return { arn: this.state.role.arn, fresh: false };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.step(`Creating the execution role ${name}`);
    const created = await this.call<{ Role?: { Arn?: string } }>(this.spec.requests.createRole(account));
    const arn = created.Role?.Arn ?? fallbackArn;
    this.state.role = { name, arn, createdByMcc: true, policyName };
    this.created('role');
    await this.call(this.spec.requests.putRolePolicy(account));
    return { arn, fresh: true };
  }

  private async ensureModel(
    name: string,
    image: string,
    role: { arn: string; fresh: boolean },
  ): Promise<string> {
    const last = this.state.models.at(-1);
    if (this.pending('model') && last) return last; // created by the interrupted run being resumed
    this.step(`Creating the model ${name}: ${image}`);
    await retryWhileRoleNew(() => this.call(this.spec.requests.createModel(name, image, role.arn)), {
      fresh: role.fresh,
      notReady: isRoleNotReady,
      clock: this.context.clock,
      progress: this.context.progress,
    });
    this.state.models.push(name);
    this.created('model');
    return name;
  }

  private async ensureConfig(name: string, model: string): Promise<string> {
    const last = this.state.endpointConfigs.at(-1);
    if (this.pending('endpoint-config') && last) return last;
    this.step(this.spec.describeConfig(name, this.state));
    await this.call(this.spec.requests.createEndpointConfig(name, model, this.state));
    this.state.endpointConfigs.push(name);
    this.created('endpoint-config');
    return name;
  }

  private async ensureEndpoint(config: string): Promise<void> {
    const name = this.spec.endpointName;
    if (!this.pending('endpoint')) {
      this.step(`Creating the ${this.spec.label} ${name}`);
      await this.call(this.spec.requests.createEndpoint(config));
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
    const name = this.spec.endpointName;
    if (!this.pending('update')) {
      this.step(`Updating the ${this.spec.label} ${name} to ${config}`);
      await this.call(this.spec.requests.updateEndpoint(config));
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
    const name = this.spec.endpointName;
    return waitFor<DescribedEndpoint>({
      what: `endpoint ${name}`,
      check: () => this.call<DescribedEndpoint>(this.spec.requests.describeEndpoint(name)),
      state,
      failure: (d) =>
        this.failure(
          d.EndpointStatus === 'InService'
            ? `The update of ${name} was rolled back; it still serves ${d.EndpointConfigName ?? 'the previous configuration'}`
            : `The ${this.spec.label} ${name} failed`,
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
    const since = Date.parse(this.state.pending?.startedAt ?? '') || this.context.clock.now() - 3_600_000;
    const lines = await lastLogLines(
      { call: (call) => this.call(call) },
      { group: this.spec.logGroup },
      since,
      FAILURE_LOG_LINES,
    );
    const detail = [reason ? `${what}: ${reason}` : `${what}.`, ...lines.map((line) => `  | ${line}`)];
    return new McError(detail.join('\n'), {
      code: 'DEPLOY_FAILED',
      suggestions: [
        'Run the image locally with do/run to see it start, and `mcc logs` for the endpoint’s whole log.',
        ...this.spec.failureSuggestions,
      ],
    });
  }

  /** After a failure: removes what this run created (unless --keep-failed) and explains the error. */
  private async fail(error: unknown): Promise<unknown> {
    const explained = this.spec.explain ? this.spec.explain(error, this.context.aws.region) : error;
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

  /** Newest first: the target's own, the endpoint (only when this run created it), configuration, model, role. */
  private async removeCreated(created: readonly string[]): Promise<void> {
    const { requests } = this.spec;
    const gone = (call: AwsCall) => ignoreNotFound(() => this.call(call));
    if (this.spec.removeCreated) await this.spec.removeCreated(this, created);
    if (created.includes('endpoint') && this.state.endpoint) {
      this.step(`Removing the ${this.spec.label} ${this.state.endpoint.name}`);
      await gone(requests.deleteEndpoint(this.state.endpoint.name));
      delete this.state.endpoint;
      this.save();
    }
    if (created.includes('endpoint-config')) {
      const config = this.state.endpointConfigs.pop();
      if (config) {
        this.step(`Removing the endpoint configuration ${config}`);
        await gone(requests.deleteEndpointConfig(config));
        this.save();
      }
    }
    if (created.includes('model')) {
      const model = this.state.models.pop();
      if (model) {
        this.step(`Removing the model ${model}`);
        await gone(requests.deleteModel(model));
        this.save();
      }
    }
    if (created.includes('role') && this.state.role?.createdByMcc) {
      this.step(`Removing the execution role ${this.state.role.name}`);
      await gone(
        requests.deleteRolePolicy(
          this.state.role.name,
          this.state.role.policyName ?? this.spec.role.policyName,
        ),
      );
      await gone(requests.deleteRole(this.state.role.name));
      delete this.state.role;
    }
    delete this.state.pending;
    const empty =
      !this.state.endpoint && this.state.endpointConfigs.length === 0 && this.state.models.length === 0;
    this.spec.save(this.context.state, empty ? undefined : this.state);
  }

  /** Once the endpoint serves the new version, the earlier models and configurations serve nothing. */
  private async retireOld(): Promise<void> {
    const retire = async (
      list: 'endpointConfigs' | 'models',
      kind: string,
      call: (name: string) => AwsCall,
    ) => {
      for (const name of this.state[list].slice(0, -1)) {
        this.step(`Deleting the ${kind} ${name}, which the previous version used`);
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
    await retire('endpointConfigs', 'endpoint configuration', (name) =>
      this.spec.requests.deleteEndpointConfig(name),
    );
    await retire('models', 'model', (name) => this.spec.requests.deleteModel(name));
  }
}
