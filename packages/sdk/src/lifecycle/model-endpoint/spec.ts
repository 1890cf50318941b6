import type { AwsCall } from '../aws.js';
import type { DeployOptions, VerbContext } from '../verbs.js';
import type { StateStore } from '../state.js';
import type { ModelEndpointState } from './state.js';

/** The requests of a model-based endpoint, built by the target (its tags, descriptions, shapes). */
export interface ModelEndpointRequests<S extends ModelEndpointState> {
  getCallerIdentity(): AwsCall;
  getRole(name: string): AwsCall;
  /** CreateRole with the trust policy, for the account the deploy runs in. */
  createRole(account: string): AwsCall;
  /** PutRolePolicy with the permissions (the project's iam/ documents). */
  putRolePolicy(account: string): AwsCall;
  createModel(name: string, image: string, roleArn: string): AwsCall;
  /** The target's configuration (ServerlessConfig, AsyncInferenceConfig …), from what prepare recorded. */
  createEndpointConfig(name: string, model: string, state: S): AwsCall;
  createEndpoint(config: string): AwsCall;
  updateEndpoint(config: string): AwsCall;
  describeEndpoint(name: string): AwsCall;
  deleteEndpoint(name: string): AwsCall;
  deleteEndpointConfig(name: string): AwsCall;
  deleteModel(name: string): AwsCall;
  deleteRolePolicy(role: string, policy: string): AwsCall;
  deleteRole(role: string): AwsCall;
}

/** What a target's own steps get: the run's state, and the calls that record as the run does. */
export interface ModelEndpointRun<S extends ModelEndpointState> {
  readonly context: VerbContext;
  readonly options: DeployOptions;
  readonly state: S;
  /** True when this deployment replaces a live version rather than creating the endpoint. */
  readonly updating: boolean;
  call<O>(call: AwsCall): Promise<O>;
  step(text: string): void;
  save(): void;
  /** Records a kind of thing this run created, so a failure removes it and a resume reuses it. */
  created(kind: string): void;
  /** Whether the interrupted run being resumed already created this kind of thing. */
  pending(kind: string): boolean;
}

/**
 * A target deploying a SageMaker model behind an endpoint of its own configuration (serverless,
 * asynchronous): its names, requests and state, and hooks for the steps only it has.
 */
export interface ModelEndpointSpec<S extends ModelEndpointState> {
  /** `serverless endpoint`, `async endpoint`: how messages name what is deployed. */
  label: string;
  endpointName: string;
  /** Model and configuration names before the per-deployment suffix. */
  modelBase: string;
  configBase: string;
  role: {
    name: string;
    policyName: string;
    partition: string;
    /** The user's own role, when configured. */ arn?: string;
  };
  /** The endpoint's CloudWatch log group, for the last lines of a failure. */
  logGroup: string;
  requests: ModelEndpointRequests<S>;
  read(store: StateStore): S | undefined;
  save(store: StateStore, section: S | undefined): void;
  /** The section of a project never deployed, in this region. */
  fresh(region: string): S;
  /** Progress text for creating the configuration: `… (serverless, 2048 MB, up to 5 concurrent)`. */
  describeConfig(name: string, state: S): string;
  warnings?: readonly string[];
  /** Added to a DEPLOY_FAILED error's suggestions (what to try for this endpoint type). */
  failureSuggestions: readonly string[];
  /** Rewrites an AWS error into the target's terms (a quota in words); returns it unchanged otherwise. */
  explain?(error: unknown, region: string): unknown;
  /** The target's steps before the model (the async bucket and topics); records what they make. */
  prepare?(run: ModelEndpointRun<S>): Promise<void>;
  /** The target's steps once the endpoint serves (async autoscaling). */
  finish?(run: ModelEndpointRun<S>): Promise<void>;
  /** Removes what prepare and finish created in a failed run, before the shared parts are removed. */
  removeCreated?(run: ModelEndpointRun<S>, created: readonly string[]): Promise<void>;
  /** The one-line summary of the result. */
  summary(image: string, state: S): string;
}
