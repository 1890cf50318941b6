import type { FileRule } from './files.js';
import type { TargetLifecycle } from './lifecycle/verbs.js';
import type { OptionSpec } from './options.js';
import type { ProjectInput } from './project.js';

/** Target extension point: where and how the project is deployed. */
export interface Target<C extends object = object> {
  /** The brand `defineTarget` adds. */
  readonly kind: 'target';
  /** Kebab-case, unique among targets: the value of `--target`. */
  readonly id: string;
  /** One line for `mcc list` and prompts. */
  readonly summary: string;
  /** Server accelerators this target can host. */
  readonly accelerators: readonly ('cpu' | 'gpu')[];
  /**
   * Model sources this target can deploy, when not every one (HyperPod's operator fetches the model
   * itself, from the Hub or S3 only). Core offers and accepts the target only for those.
   */
  readonly sources?: readonly string[];
  /**
   * SageMaker's request-size limit for this endpoint type, in bytes, when it differs from a
   * real-time endpoint's 6 MB (serverless: 4 MB; asynchronous: 1 GB). Core passes it to the server
   * as `input.target.maxPayloadBytes`, so the server's proxy and handler take exactly what the
   * endpoint takes: larger bodies get 413 locally instead of failing once deployed, and an
   * asynchronous endpoint's large requests are not refused by a real-time limit.
   */
  readonly maxPayloadBytes?: number;
  /**
   * How long one request may run on this endpoint type, in seconds, when it differs from a
   * real-time endpoint's 60 (asynchronous: up to 3600). Passed as `input.target.requestTimeoutSeconds`;
   * a server uses it as its timeout when the user sets none.
   */
  readonly requestTimeoutSeconds?: number;
  /** The target's options (`--option key=value`), parsed and validated by core from these specs. */
  readonly options: readonly OptionSpec[];
  /**
   * Folder(s) whose tree mirrors the generated project (`new URL('../templates/', import.meta.url)`).
   * Several are composed in order, e.g. a shared kit's and then the plugin's own; two folders
   * generating the same path is an error.
   */
  readonly templatesDir: URL | readonly URL[];
  /** Files emitted conditionally or renamed; every other template is always emitted. */
  readonly files?: readonly FileRule<ProjectInput & { ctx: C }>[];
  /** The typed values this target's templates read under `ctx`. Pure: no I/O. */
  context(input: ProjectInput): C;
  /**
   * The verbs (`deploy`, `status`, `destroy` …) run inside a generated project, loaded only by those
   * commands so that `generate` and `list` never import a cloud SDK.
   */
  lifecycle?: () => Promise<TargetLifecycle>;
}
