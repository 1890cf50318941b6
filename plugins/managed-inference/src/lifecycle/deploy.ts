import {
  McError,
  awsErrorMessage,
  ignoreNotFound,
  isNotFound,
  isRoleNotReady,
  lastLogLines,
  usageError,
  waitFor,
} from '@mcc/sdk';
import type { AwsCall, DeployOptions, DeployResult, VerbContext } from '@mcc/sdk';

import { iamScope, managedInferenceContext } from '../context.js';
import type { ManagedInferenceContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import { DEPLOY_SUFFIX_MAX_LENGTH } from '../names.js';
import { alarmsIn, deleteAlarms, describeAlarms, errorRateAlarmName, putErrorRateAlarm } from './alarms.js';
import type { DescribedAlarms } from './alarms.js';
import { computeRequirements } from './compute-requirements.js';
import { copyRange, instanceRange } from './copies.js';
import { explainLimit } from './faults.js';
import { preflightChecks, requirePassed } from './preflight.js';
import { s3PrefixUri } from '../s3-location.js';
import * as requests from './requests.js';
import type { ComponentSpec } from './requests.js';
import { componentSpec } from './component-spec.js';
import { containerEnvironment } from './environment.js';
import { retryWhileRoleNew } from './role-retry.js';
import { isUpdate, readDeployment, saveDeployment } from './state.js';
import type { DeploymentState } from './state.js';
import type { WaitOptions } from '@mcc/sdk';

const FAILURE_LOG_LINES = 20;

interface Described {
  EndpointStatus?: string;
  InferenceComponentStatus?: string;
  FailureReason?: string;
  Specification?: {
    ModelName?: string;
    Container?: { Image?: string; DeployedImage?: { SpecifiedImage?: string } };
  };
}

/** The version a component runs, as DescribeInferenceComponent reports it: its model, else its image. */
function deployedVersion(described: Described, byModel: boolean): string | undefined {
  if (byModel) return described.Specification?.ModelName;
  const container = described.Specification?.Container;
  return container?.DeployedImage?.SpecifiedImage ?? container?.Image;
}

/** A short suffix that makes each deployment's configuration name new: base-36 seconds. */
export function deploySuffix(now: number): string {
  return `-${Math.floor(now / 1000).toString(36)}`.slice(0, DEPLOY_SUFFIX_MAX_LENGTH);
}

/** The image to deploy: the flag, else what the last push or submit recorded. */
export function imageToDeploy(context: Pick<VerbContext, 'state'>, options: DeployOptions): string {
  const uri = options.imageUri ?? context.state.read().image?.uri;
  if (!uri) {
    throw usageError(
      'IMAGE_NOT_PUSHED',
      'There is no image to deploy: no `mcc push` or `mcc submit` has recorded one.',
      [
        'Run do/push (or do/submit to build in AWS CodeBuild) first, or pass --image-uri with an image in ECR.',
      ],
    );
  }
  return uri;
}

/** The managed-inference deploy: role, endpoint configuration, endpoint, inference component, autoscaling. */
export class Deployment {
  private readonly ctx: ManagedInferenceContext;
  private readonly calls: string[] = [];
  private state: DeploymentState;

  constructor(
    private readonly context: VerbContext,
    private readonly options: DeployOptions,
  ) {
    this.ctx = managedInferenceContext(context.project.input);
    this.state = readDeployment(context.state) ?? { region: context.aws.region, endpointConfigs: [] };
    if (this.state.region !== context.aws.region) {
      throw usageError(
        'REGION_MISMATCH',
        `This project is deployed in ${this.state.region}; the region now in use is ${context.aws.region}.`,
        [`Pass --region ${this.state.region} (or set AWS_REGION), or run mcc destroy there first.`],
      );
    }
  }

  async run(): Promise<DeployResult> {
    copyRange(this.options, this.ctx.inferenceComponent.copies); // a bad range fails before any call
    const image = imageToDeploy(this.context, this.options);
    // Copies that cannot fit fail before any call, like a bad range.
    const compute = computeRequirements(this.context.project.input.instance, {
      copies: this.ctx.inferenceComponent.copies,
      instanceCount: this.ctx.endpoint.instanceCount,
    });
    const input = this.context.project.input;
    const environment = containerEnvironment(input, this.ctx, this.options);
    const modelName = `${this.ctx.model.name}${deploySuffix(this.context.clock.now())}`;
    let spec = componentSpec(
      input,
      this.ctx,
      { image, compute, environment: environment.variables },
      modelName,
    );
    if (environment.plainToken) {
      this.context.progress.warn(
        'HF_TOKEN goes into the inference component’s environment, readable by anyone allowed to describe it; a Secrets Manager secret (--option hf-token-secret=ARN at generation) keeps it out.',
      );
    }
    const identity = await this.call<{ Account?: string }>(requests.getCallerIdentity());
    this.state.account = identity.Account;
    const updating = isUpdate(this.state);
    await this.preflight(image, updating);
    this.state.pending ??= { startedAt: new Date(this.context.clock.now()).toISOString(), created: [] };
    this.save();
    try {
      const role = await this.ensureRole(identity.Account ?? '*');
      if (updating) {
        // Alarms first: a missing or firing one refuses the update before anything is created.
        const alarms = await this.rollbackAlarms();
        spec = await this.ensureModel(spec, role);
        await this.update(spec, alarms);
      } else {
        const config = await this.ensureEndpointConfig(role.arn, role.fresh);
        await this.ensureEndpoint(config);
        spec = await this.ensureModel(spec, role);
        await this.ensureComponent(spec);
        await this.ensureErrorAlarm();
      }
      await this.ensureAutoscaling();
    } catch (error) {
      throw await this.fail(error);
    }
    delete this.state.pending;
    this.save();
    return {
      endpointName: this.ctx.endpoint.name,
      inferenceComponentName: this.ctx.inferenceComponent.name,
      imageUri: image,
      action: updating ? 'updated' : 'created',
      region: this.context.aws.region,
      calls: this.calls,
    };
  }

  /** Everything checkable before anything is created; warnings shown, failures stop the deploy. */
  private async preflight(image: string, updating: boolean): Promise<void> {
    const recording = { region: this.context.aws.region, call: <O>(call: AwsCall) => this.call<O>(call) };
    const checks = await preflightChecks({
      ctx: this.ctx,
      aws: recording,
      image,
      givenRole: this.options.roleArn ?? this.ctx.roles.execution.arn,
      quota: !updating,
    });
    for (const check of checks)
      if (check.status === 'warn') this.context.progress.warn(`${check.name}: ${check.detail}`);
    requirePassed(checks);
  }

  private save(): void {
    saveDeployment(this.context.state, this.state);
  }

  private async call<O>(call: AwsCall): Promise<O> {
    this.calls.push(call.operation);
    return this.context.aws.call<O>(call);
  }

  private created(kind: string): void {
    this.state.pending?.created.push(kind);
    this.save();
  }

  private async ensureRole(account: string): Promise<{ arn: string; fresh: boolean }> {
    const given = this.options.roleArn ?? this.ctx.roles.execution.arn;
    if (given) {
      this.state.role = { name: given.split('/').pop() ?? given, arn: given, createdByMcc: false };
      return { arn: given, fresh: false };
    }
    if (this.state.role) return { arn: this.state.role.arn, fresh: false };
    const name = this.ctx.roles.execution.name;
    try {
      const found = await this.call<{ Role?: { Arn?: string } }>(requests.getRole(name));
      const arn = found.Role?.Arn ?? `arn:${this.ctx.partition}:iam::${account}:role/${name}`;
      this.context.progress.step(`Using the existing execution role ${name}`);
      this.state.role = { name, arn, createdByMcc: false };
      this.save();
      return { arn, fresh: false };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.context.progress.step(`Creating the execution role ${name}`);
    const docs = iamDocuments(iamScope(this.ctx, account));
    const created = await this.call<{ Role?: { Arn?: string } }>(
      requests.createRole(this.ctx, 'execution', docs),
    );
    const arn = created.Role?.Arn ?? `arn:${this.ctx.partition}:iam::${account}:role/${name}`;
    this.state.role = { name, arn, createdByMcc: true, policyName: this.ctx.roles.execution.policyName };
    this.created('role');
    await this.call(requests.putRolePolicy(this.ctx, 'execution', docs));
    return { arn, fresh: true };
  }

  private async ensureEndpointConfig(roleArn: string, freshRole: boolean): Promise<string> {
    const pending = this.state.pending?.created.includes('endpoint-config');
    const last = this.state.endpointConfigs.at(-1);
    if (pending && last) return last; // created by the interrupted run being resumed
    const name = `${this.ctx.endpoint.configName}${deploySuffix(this.context.clock.now())}`;
    this.context.progress.step(
      `Creating the endpoint configuration ${name} (${this.ctx.endpoint.instanceCount} x ${this.ctx.endpoint.instanceType})`,
    );
    const instances = instanceRange(this.ctx, copyRange(this.options, this.ctx.inferenceComponent.copies));
    await retryWhileRoleNew(
      () => this.call(requests.createEndpointConfig(this.ctx, name, roleArn, instances)),
      {
        fresh: freshRole,
        notReady: isRoleNotReady,
        clock: this.context.clock,
        progress: this.context.progress,
      },
    );
    this.state.endpointConfigs.push(name);
    this.state.instances = instances;
    this.created('endpoint-config');
    return name;
  }

  private async ensureEndpoint(config: string): Promise<void> {
    const name = this.ctx.endpoint.name;
    if (!this.state.endpoint) {
      this.context.progress.step(`Creating the endpoint ${name}`);
      await this.call(requests.createEndpoint(this.ctx, config));
      this.state.endpoint = { name, createdByMcc: true };
      this.created('endpoint');
    }
    await waitFor<Described>({
      what: `endpoint ${name}`,
      check: () => this.call<Described>(requests.describeEndpoint(name)),
      state: (d) =>
        d.EndpointStatus === 'InService' ? 'done' : d.EndpointStatus === 'Failed' ? 'failed' : 'waiting',
      failure: (d) => this.failure(`The endpoint ${name} failed`, d.FailureReason),
      describe: (d) => d.EndpointStatus ?? 'unknown',
      timeoutMs: this.options.timeoutSeconds * 1000,
      clock: this.context.clock,
      progress: this.context.progress,
      signal: this.context.signal,
    });
  }

  /**
   * The SageMaker model of this version, for S3 model data; a resumed deploy reuses the one it
   * created. Returns the spec with the model's actual name.
   */
  private async ensureModel(
    spec: ComponentSpec,
    role: { arn: string; fresh: boolean },
  ): Promise<ComponentSpec> {
    if (!spec.model) return spec;
    const last = this.state.models?.at(-1);
    if (this.state.pending?.created.includes('model') && last) {
      return { ...spec, model: { ...spec.model, name: last } };
    }
    const { name, data } = spec.model;
    this.context.progress.step(
      `Creating the model ${name}: ${spec.image}, with ${s3PrefixUri(data)} copied into /opt/ml/model`,
    );
    const model = { ...spec, model: spec.model };
    await retryWhileRoleNew(() => this.call(requests.createModel(this.ctx, model, role.arn)), {
      fresh: role.fresh,
      notReady: isRoleNotReady,
      clock: this.context.clock,
      progress: this.context.progress,
    });
    this.state.models = [...(this.state.models ?? []), name];
    this.created('model');
    return spec;
  }

  /** After an update: the models older versions ran are not needed by anything any more. */
  private async retireModels(live: string): Promise<void> {
    for (const name of (this.state.models ?? []).filter((model) => model !== live)) {
      this.context.progress.step(`Deleting the model ${name}, which the previous version ran`);
      try {
        await ignoreNotFound(() => this.call(requests.deleteModel(name)));
      } catch (error) {
        this.context.progress.warn(
          `Could not delete the model ${name} (${awsErrorMessage(error)}); \`mcc destroy\` retries it.`,
        );
        continue;
      }
      this.state.models = (this.state.models ?? []).filter((model) => model !== name);
      this.save();
    }
  }

  private async ensureComponent(spec: ComponentSpec): Promise<void> {
    const { image } = spec;
    const name = this.ctx.inferenceComponent.name;
    if (!this.state.pending?.created.includes('inference-component')) {
      this.context.progress.step(
        `Creating the inference component ${name}: ${this.ctx.inferenceComponent.copies} cop${this.ctx.inferenceComponent.copies === 1 ? 'y' : 'ies'} of ${image}`,
      );
      await this.call(requests.createInferenceComponent(this.ctx, spec));
      this.state.inferenceComponent = {
        name,
        createdByMcc: true,
        image,
        version: 1,
        ...(spec.model ? { model: spec.model.name } : {}),
      };
      this.created('inference-component');
    }
    await this.waitForComponent(name);
  }

  private async update(spec: ComponentSpec, alarms: readonly string[]): Promise<void> {
    const { image } = spec;
    const component = this.state.inferenceComponent!;
    this.context.progress.step(
      `Rolling out ${image} to ${component.name}, one copy at a time (rolls back by itself if a new copy fails${alarms.length > 0 ? ` or ${alarms.join(', ')} fires` : ''})`,
    );
    await this.call(requests.updateInferenceComponent(this.ctx, spec, alarms));
    const byModel = spec.model !== undefined;
    const target = spec.model?.name ?? image;
    const previous = (byModel ? component.model : undefined) ?? component.image;
    let started = false;
    await this.waitForComponent(component.name, {
      state: (d) => {
        const status = d.InferenceComponentStatus;
        if (status === 'Failed') return 'failed';
        if (status !== 'InService') {
          started ||= status === 'Updating';
          return 'waiting';
        }
        const running = deployedVersion(d, byModel);
        if (running === undefined || running === target) return 'done';
        // Still the old image: either the update has not shown yet, or it ran and was rolled back.
        return started ? 'failed' : 'waiting';
      },
      failure: (d) =>
        d.InferenceComponentStatus === 'Failed'
          ? this.failure(`The update of ${component.name} failed`, d.FailureReason)
          : this.rolledBack(
              component.name,
              target,
              deployedVersion(d, byModel) ?? previous,
              d.FailureReason,
              alarms,
            ),
    });
    this.state.inferenceComponent = {
      name: component.name,
      createdByMcc: component.createdByMcc,
      image,
      version: component.version + 1,
      ...(spec.model ? { model: spec.model.name } : {}),
    };
    this.save();
    if (spec.model) await this.retireModels(spec.model.name);
  }

  /**
   * The alarms this update rolls back on: mcc's 5XX-rate alarm (set up first if this deployment has
   * none yet) and the user's own. A user's alarm that is missing or already firing stops the update
   * before it starts; mcc's own alarm firing means the running version is failing, so the fix is
   * rolled out without it rather than rolled back at once.
   */
  private async rollbackAlarms(): Promise<string[]> {
    const given = [...new Set(this.options.rollbackAlarms ?? [])];
    const own = this.state.rollbackAlarm?.name;
    const names = own ? [...given, own] : given;
    const found = names.length > 0 ? alarmsIn(await this.call<DescribedAlarms>(describeAlarms(names))) : [];
    const missing = given.filter((name) => !found.some((alarm) => alarm.AlarmName === name));
    if (missing.length > 0) {
      throw usageError(
        'ROLLBACK_ALARM_NOT_FOUND',
        `No CloudWatch alarm named ${missing.join(', ')} in ${this.context.aws.region}.`,
        ['Check the name with `aws cloudwatch describe-alarms`, or leave out --rollback-alarm.'],
      );
    }
    const firing = (name: string) =>
      found.find((alarm) => alarm.AlarmName === name && alarm.StateValue === 'ALARM');
    const givenFiring = given.filter((name) => firing(name));
    if (givenFiring.length > 0) {
      throw usageError(
        'ROLLBACK_ALARM_FIRING',
        `The alarm ${givenFiring.join(', ')} is in ALARM now, so the update would roll back as soon as it starts.`,
        ['Wait until it is OK again, or leave it out of --rollback-alarm for this update.'],
      );
    }
    const alarms = [...given];
    if (!own || !found.some((alarm) => alarm.AlarmName === own)) {
      await this.ensureErrorAlarm('replace');
      alarms.push(this.state.rollbackAlarm!.name);
    } else if (firing(own)) {
      this.context.progress.warn(
        `${own} is in ALARM: the running version is failing (${firing(own)?.StateReason ?? 'no reason given'}). Rolling out without rollback on it.`,
      );
    } else {
      alarms.push(own);
    }
    return alarms;
  }

  /**
   * Sets up mcc's 5XX-rate alarm for the component, which later updates roll back on. Made during
   * an update (a deployment from before mcc kept one, or the alarm was deleted), it belongs to the
   * deployment rather than to this run, so a failed update leaves it in place.
   */
  private async ensureErrorAlarm(mode: 'create' | 'replace' = 'create'): Promise<void> {
    if (this.state.rollbackAlarm && mode === 'create') return;
    const name = errorRateAlarmName(this.ctx.inferenceComponent.name);
    this.context.progress.step(`Setting up the alarm ${name}, which updates roll back on`);
    await this.call(putErrorRateAlarm(this.ctx));
    this.state.rollbackAlarm = { name, createdByMcc: true };
    if (mode === 'create') this.created('alarm');
    else this.save();
  }

  /** An update SageMaker rolled back: the old version still serves; says why as far as AWS tells. */
  private async rolledBack(
    component: string,
    image: string,
    running: string,
    reason: string | undefined,
    alarms: readonly string[],
  ): Promise<McError> {
    let fired: string[] = [];
    if (alarms.length > 0) {
      try {
        const found = alarmsIn(await this.call<DescribedAlarms>(describeAlarms(alarms)));
        fired = found
          .filter((alarm) => alarm.StateValue === 'ALARM')
          .map((alarm) => `${alarm.AlarmName}: ${alarm.StateReason ?? 'in ALARM'}`);
      } catch {
        // the rollback itself is what matters; the alarms' states only explain it
      }
    }
    const lines = await this.lastLogLines();
    const detail = [
      `The update of ${component} to ${image} was rolled back; it still serves ${running}.`,
      ...(reason ? [`Reason: ${reason}`] : []),
      ...fired.map((alarm) => `Alarm fired: ${alarm}`),
      ...lines.map((line) => `  | ${line}`),
    ];
    return new McError(detail.join('\n'), {
      code: 'DEPLOY_ROLLED_BACK',
      suggestions: [
        'Nothing was lost: the endpoint kept answering with the previous version. Run the new image with do/run, and `mcc logs` for its errors.',
      ],
    });
  }

  private waitForComponent(
    name: string,
    update?: Pick<WaitOptions<Described>, 'state' | 'failure'>,
  ): Promise<Described> {
    return waitFor<Described>({
      what: `inference component ${name}`,
      check: () => this.call<Described>(requests.describeInferenceComponent(name)),
      state: (d) =>
        d.InferenceComponentStatus === 'InService'
          ? 'done'
          : d.InferenceComponentStatus === 'Failed'
            ? 'failed'
            : 'waiting',
      failure: (d) => this.failure(`The inference component ${name} failed`, d.FailureReason),
      ...update,
      describe: (d) => d.InferenceComponentStatus ?? 'unknown',
      timeoutMs: this.options.timeoutSeconds * 1000,
      clock: this.context.clock,
      progress: this.context.progress,
      signal: this.context.signal,
    });
  }

  private async ensureAutoscaling(): Promise<void> {
    const range = copyRange(this.options, this.ctx.inferenceComponent.copies);
    if (!range) return;
    const { min, max } = range;
    const component = this.ctx.inferenceComponent.name;
    const ceiling = this.state.instances?.max;
    if (ceiling !== undefined && instanceRange(this.ctx, range).max > ceiling) {
      this.context.progress.warn(
        `The endpoint may grow to ${ceiling} instance(s), set by its first deploy; copies beyond what they hold will wait unplaced. Run mcc destroy and deploy again with --max-copies ${max} to raise it.`,
      );
    }
    this.context.progress.step(
      `Scaling ${component} between ${min} and ${max} copies on invocations per copy`,
    );
    await this.call(requests.registerScalableTarget(component, min, max));
    await this.call(requests.putScalingPolicy(component));
    this.state.autoscaling = {
      resourceId: requests.scalableResourceId(component),
      policyName: requests.scalingPolicyName(component),
      min,
      max,
    };
    this.save();
  }

  /** The failure with its reason and the containers' last log lines. */
  private async failure(what: string, reason: string | undefined): Promise<McError> {
    const lines = await this.lastLogLines();
    const detail = [reason ? `${what}: ${reason}` : `${what}.`, ...lines.map((line) => `  | ${line}`)];
    return new McError(detail.join('\n'), {
      code: 'DEPLOY_FAILED',
      suggestions: [
        'Run the image locally with do/run to see it start, and `mcc logs` for the endpoint’s whole log.',
      ],
    });
  }

  private async lastLogLines(): Promise<string[]> {
    const since = Date.parse(this.state.pending?.startedAt ?? '') || this.context.clock.now() - 3_600_000;
    return lastLogLines(
      { call: (call) => this.call(call) },
      { group: this.ctx.logGroups.endpoint },
      since,
      FAILURE_LOG_LINES,
    );
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
    const created = this.state.pending?.created ?? [];
    try {
      await this.removeCreated(created);
    } catch (cleanup) {
      this.context.progress.warn(
        `Could not remove everything this deploy created (${awsErrorMessage(cleanup)}); \`mcc destroy\` finishes it.`,
      );
      return explained;
    }
    return explained;
  }

  private async removeCreated(created: readonly string[]): Promise<void> {
    const progress = this.context.progress;
    const gone = (call: AwsCall) => ignoreNotFound(() => this.call(call));
    if (created.includes('alarm') && this.state.rollbackAlarm?.createdByMcc) {
      progress.step(`Removing the alarm ${this.state.rollbackAlarm.name}`);
      await gone(deleteAlarms([this.state.rollbackAlarm.name]));
      delete this.state.rollbackAlarm;
      this.save();
    }
    if (created.includes('inference-component') && this.state.inferenceComponent) {
      progress.step(`Removing the inference component ${this.state.inferenceComponent.name}`);
      await gone(requests.deleteInferenceComponent(this.state.inferenceComponent.name));
      delete this.state.inferenceComponent;
      this.save();
    }
    if (created.includes('model')) {
      // The model this run created; a rolled-back update's component still runs the one before it.
      const model = this.state.models?.pop();
      if (model) {
        progress.step(`Removing the model ${model}`);
        await gone(requests.deleteModel(model));
        this.save();
      }
    }
    if (created.includes('endpoint') && this.state.endpoint) {
      progress.step(`Removing the endpoint ${this.state.endpoint.name}`);
      await gone(requests.deleteEndpoint(this.state.endpoint.name));
      delete this.state.endpoint;
      this.save();
    }
    if (created.includes('endpoint-config')) {
      const config = this.state.endpointConfigs.pop();
      if (config) {
        progress.step(`Removing the endpoint configuration ${config}`);
        await gone(requests.deleteEndpointConfig(config));
        this.save();
      }
    }
    if (created.includes('role') && this.state.role?.createdByMcc) {
      progress.step(`Removing the execution role ${this.state.role.name}`);
      await gone(
        requests.deleteRolePolicy(
          this.state.role.name,
          this.state.role.policyName ?? this.ctx.roles.execution.policyName,
        ),
      );
      await gone(requests.deleteRole(this.state.role.name));
      delete this.state.role;
    }
    delete this.state.pending;
    const empty =
      !this.state.endpoint &&
      !this.state.role &&
      this.state.endpointConfigs.length === 0 &&
      (this.state.models ?? []).length === 0;
    saveDeployment(this.context.state, empty ? undefined : this.state);
  }
}

/** `mcc deploy` for managed inference. */
export function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  return new Deployment(context, options).run();
}
