/**
 * Kubernetes as the lifecycle verbs see it: a few typed requests against one cluster's API server,
 * made through a `KubeApi` that core provides (over `@kubernetes/client-node`, loaded only by the
 * verbs that reach a cluster) and tests point at a fake API server. Targets never import a
 * Kubernetes client themselves, exactly as they never import the AWS SDK.
 */

/** The media type of a JSON merge patch (RFC 7386), which the API server requires for one. */
export const KUBE_MERGE_PATCH = 'application/merge-patch+json';

/** A resource type as the API paths name it: `/apis/<group>/<version>/namespaces/<ns>/<plural>`. */
export interface KubeResource {
  /** `''` for the core group (namespaces, pods, secrets). */
  group: string;
  version: string;
  /** Lower-case plural, as in paths: `namespaces`, `inferenceendpointconfigs`. */
  plural: string;
  namespaced: boolean;
}

export interface KubeObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  generation?: number;
  uid?: string;
  deletionTimestamp?: string;
}

/** Any object the API returns or takes. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
}

export interface KubeListOptions {
  namespace?: string;
  /** `app.kubernetes.io/managed-by=mcc`. */
  labelSelector?: string;
}

export interface KubeLogOptions {
  container?: string;
  sinceSeconds?: number;
  tailLines?: number;
  /** Keep the stream open and report lines as they come, until the signal aborts. */
  follow?: boolean;
  /**
   * Prefix each line with the time the container wrote it (RFC 3339, as the kubelet recorded it),
   * so lines from several pods can be told apart in time; the caller parses it off.
   */
  timestamps?: boolean;
  signal?: AbortSignal;
  onLine: (line: string) => void;
}

/** A request of any kind, for what the typed methods do not cover (a pod proxy, an access review). */
export interface KubeRawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path on the API server, with its query if any: `/api/v1/namespaces/a/pods/p:8080/proxy/ping`. */
  path: string;
  body?: Buffer | string;
  /** The body's media type; sent only with a body. */
  contentType?: string;
  /** Default `application/json`. */
  accept?: string;
  signal?: AbortSignal;
}

/** Whatever the server answered, refusals included: the caller reads the status itself. */
export interface KubeRawResponse {
  status: number;
  /** The answer's `Content-Type`, `''` when it sent none. */
  contentType: string;
  body: Buffer;
}

/**
 * One cluster's API. Errors are `KubeApiError`s carrying the HTTP status and the API's `reason`
 * (`Forbidden`, `NotFound`, `AlreadyExists`, `Invalid` …); `get` answers `undefined` for 404.
 */
export interface KubeApi {
  /** The API server's URL, for messages. */
  readonly server: string;
  get<T extends KubeObject = KubeObject>(
    resource: KubeResource,
    name: string,
    namespace?: string,
  ): Promise<T | undefined>;
  /** Creates the object in `object.metadata.namespace` (for a namespaced resource). */
  create<T extends KubeObject = KubeObject>(resource: KubeResource, object: KubeObject): Promise<T>;
  /** A JSON merge patch (RFC 7386), sent as `application/merge-patch+json`. */
  mergePatch<T extends KubeObject = KubeObject>(
    resource: KubeResource,
    name: string,
    patch: Readonly<Record<string, unknown>>,
    namespace?: string,
  ): Promise<T>;
  /** Deletes the object; `false` when it was already gone. */
  delete(resource: KubeResource, name: string, namespace?: string): Promise<boolean>;
  list<T extends KubeObject = KubeObject>(resource: KubeResource, options?: KubeListOptions): Promise<T[]>;
  /** A pod's log lines, through the API server (no access to the nodes needed). */
  podLogs(namespace: string, pod: string, options: KubeLogOptions): Promise<void>;
  /**
   * One request as given, with the same credentials and TLS. It does not throw for an HTTP error
   * status (a proxied model's 4xx is an answer, not a failure of the API); only for no answer.
   */
  request(request: KubeRawRequest): Promise<KubeRawResponse>;
}

/** Where to connect: a HyperPod cluster by name or ARN, whose EKS cluster core finds. */
export interface KubeConnectRequest {
  hyperpodCluster: string;
}

export interface KubeConnection {
  api: KubeApi;
  /** How the cluster was reached, in words: `EKS cluster my-eks (from HyperPod cluster ml-team)`. */
  description: string;
  /** The EKS cluster's ARN when core found it through SageMaker (absent with `--kube-context`). */
  eksClusterArn?: string;
}

/**
 * Opens a connection. Core's implementation finds the EKS cluster behind the HyperPod cluster and
 * signs in with a short-lived token, or uses the user's kubeconfig context when `--kube-context`
 * was given (then the request's cluster is not looked up).
 */
export interface KubeConnector {
  connect(request: KubeConnectRequest): Promise<KubeConnection>;
}

/** An error answered by the API server: its HTTP status and the `Status` object's reason. */
export interface KubeApiError extends Error {
  readonly kubeStatus: number;
  readonly kubeReason: string;
}

/** Builds a `KubeApiError` (recognised by its fields, as the sdk may be loaded twice). */
export function kubeApiError(status: number, reason: string, message: string): KubeApiError {
  const error = new Error(message) as Error & { kubeStatus: number; kubeReason: string };
  error.name = 'KubeApiError';
  error.kubeStatus = status;
  error.kubeReason = reason;
  return error;
}

/** The HTTP status of an error from a `KubeApi`, or `undefined` for any other error. */
export function kubeErrorStatus(error: unknown): number | undefined {
  const status = (error as { kubeStatus?: unknown } | null)?.kubeStatus;
  return typeof status === 'number' ? status : undefined;
}

/** The API's reason (`Forbidden`, `AlreadyExists` …) of an error from a `KubeApi`, or `''`. */
export function kubeErrorReason(error: unknown): string {
  const reason = (error as { kubeReason?: unknown } | null)?.kubeReason;
  return typeof reason === 'string' ? reason : '';
}
