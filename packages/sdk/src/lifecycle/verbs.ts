import type { ProjectInput } from '../project.js';
import type { AwsApi } from './aws.js';
import type { KubeConnector } from './kube.js';
import type { InvokePayload } from './invoke-payload.js';
import type { PlannedCall } from './plan.js';
import type { Clock, Progress } from './progress.js';
import type { StateStore } from './state.js';

/** A generated project the verbs run in: its folder and the input it was generated from (`mcc.json`). */
export interface GeneratedProject {
  dir: string;
  input: ProjectInput;
}

/** What every lifecycle verb receives from core. */
export interface VerbContext {
  project: GeneratedProject;
  /** AWS, already set to the region and credentials the user chose; throws before any call with `--plan`. */
  aws: AwsApi;
  /**
   * Kubernetes, for targets that deploy to a cluster: connects on first use (so verbs of other
   * targets never load a Kubernetes client). Absent where the caller offers no cluster access.
   */
  kube?: KubeConnector;
  /** `.mcc/state.json`, locked for this run. */
  state: StateStore;
  progress: Progress;
  clock: Clock;
  /** Aborted on Ctrl-C: a verb stops waiting, records what it made, and returns. */
  signal: AbortSignal;
}

export interface DeployOptions {
  /** The image to deploy; default: the one the last `mcc push` or `mcc submit` recorded. */
  imageUri?: string;
  /** An existing execution role instead of the one mcc manages. */
  roleArn?: string;
  /** Leave what a failed deploy created, to inspect it. */
  keepFailed: boolean;
  /** Copies of the model autoscaling keeps between (target tracking on invocations per copy). */
  minCopies?: number;
  maxCopies?: number;
  /**
   * CloudWatch alarms of the user's own that also roll an update back, besides the 5XX-rate alarm
   * mcc keeps for the inference component. Each must exist and not be firing when the update starts.
   */
  rollbackAlarms?: readonly string[];
  /**
   * A Hugging Face token from the deployer's environment (`HF_TOKEN`), for a gated Hub model when no
   * secret is configured: passed to the container, never written anywhere by mcc.
   */
  hfToken?: string;
  /** Longest wait for the endpoint and the component to be in service, in seconds. */
  timeoutSeconds: number;
  /**
   * `--kube-context`, for Kubernetes targets: the cluster is reached through this kubeconfig context
   * rather than found through SageMaker, so a plan shows no lookup. Deploy itself needs no copy of
   * it (the connector was given it).
   */
  kubeContext?: string;
}

export interface DeployResult {
  endpointName: string;
  inferenceComponentName: string;
  imageUri: string;
  /** `created` the first time, `updated` when an existing deployment got the new version. */
  action: 'created' | 'updated';
  region: string;
  /** Every AWS call made, in order (operation names); Kubernetes targets list their API requests. */
  calls: string[];
  /**
   * What was deployed, in one line, for targets whose resources are not an endpoint and a component
   * (`InferenceEndpointConfig team-a/llama on HyperPod cluster ml`); printed instead of those names.
   */
  summary?: string;
}

export interface StatusResult {
  region: string;
  deployed: boolean;
  resources: { kind: string; name: string; status: string; detail?: string }[];
}

export interface DestroyOptions {
  /** Keep the image repository mcc created (and the images in it), to deploy them again later. */
  keepImages: boolean;
}

export interface DestroyResult {
  region: string;
  deleted: { kind: string; name: string }[];
  /** Recorded in the state but already gone. */
  alreadyGone: { kind: string; name: string }[];
}

/**
 * What `mcc invoke` sends: a local payload, or an S3 location the target reads itself (batch
 * transform's input prefix; an asynchronous endpoint's input object). Targets that send the
 * request in the call read it with `readSyncPayload`, which refuses an S3 location by name.
 */
export interface InvokeOptions {
  /** A local file (or the project's sample request); absent when the user named an S3 location. */
  payload?: InvokePayload;
  /** `s3://bucket/key` or `s3://bucket/prefix/` given instead of a file. */
  s3Input?: string;
  /** From --content-type or the payload's extension; absent only with s3Input when neither tells it. */
  contentType?: string;
  accept?: string;
}

export interface InvokeResult {
  contentType: string;
  body: string;
}

export interface LogsOptions {
  follow: boolean;
  /** Only lines from the last this many minutes. */
  sinceMinutes: number;
  /** Called for every line, as it arrives. */
  onLine: (line: { timestamp: number; stream: string; message: string }) => void;
}

/** One pre-flight check: `fail` stops a deploy before anything is created, `warn` does not. */
export interface PreflightCheck {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
}

export interface DoctorResult {
  region: string;
  account?: string;
  checks: PreflightCheck[];
}

export interface PushResult {
  /** What deploy will use: the image by digest when the engine reported one. */
  imageUri: string;
  /** The tag pushed. */
  tag: string;
  region: string;
}

export interface SubmitResult {
  buildId: string;
  imageUri: string;
  region: string;
}

export interface BuildResult {
  /** The local image name and tag. */
  image: string;
  platform: string;
}

export interface RunResult {
  url: string;
  /** The local container's name, to stop it. */
  container: string;
}

/**
 * A target's verbs. A target implements those it supports; the CLI answers the others with an error
 * naming the target. `planDeploy` is pure: it makes no call, needs no credentials, and returns every
 * call `deploy` would make from the recorded state.
 */
export interface TargetLifecycle {
  planDeploy?(project: GeneratedProject, state: StateStore, options: DeployOptions): PlannedCall[];
  deploy?(context: VerbContext, options: DeployOptions): Promise<DeployResult>;
  status?(context: VerbContext): Promise<StatusResult>;
  destroy?(context: VerbContext, options?: DestroyOptions): Promise<DestroyResult>;
  invoke?(context: VerbContext, options: InvokeOptions): Promise<InvokeResult>;
  /**
   * True when `mcc invoke` without a payload means the target's own input (batch: the project's
   * input folder in S3) rather than the project's sample request: `invoke` then gets neither a
   * payload nor an S3 location.
   */
  invokeReadsOwnInput?: boolean;
  /**
   * `mcc invoke --local`: the model reached without the cloud's endpoint (for a cluster, through the
   * API server's pod proxy). A verb of its own rather than a flag of `invoke`, so a target that does
   * not know it is refused by name instead of silently calling its endpoint.
   */
  invokeLocal?(context: VerbContext, options: InvokeOptions): Promise<InvokeResult>;
  logs?(context: VerbContext, options: LogsOptions): Promise<void>;
  push?(context: VerbContext): Promise<PushResult>;
  /** Builds and pushes the image in the cloud (AWS CodeBuild for managed inference). */
  submit?(context: VerbContext): Promise<SubmitResult>;
  /** The deploy's pre-flight, reported rather than enforced. */
  doctor?(context: VerbContext, options: DeployOptions): Promise<DoctorResult>;
  /** Extra arguments go to the container engine. */
  build?(context: VerbContext, args: readonly string[]): Promise<BuildResult>;
  run?(context: VerbContext, args: readonly string[]): Promise<RunResult>;
}

/** The verbs, for messages and the CLI's dispatch. */
export const LIFECYCLE_VERBS = [
  'deploy',
  'status',
  'destroy',
  'invoke',
  'logs',
  'build',
  'push',
  'run',
  'doctor',
  'submit',
] as const;
export type LifecycleVerb = (typeof LIFECYCLE_VERBS)[number];
