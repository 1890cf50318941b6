import type { AwsApi } from './lifecycle/aws.js';
import type { ResolvedModel } from './model.js';

/** What the user said about the model. */
export interface ModelSourceInput {
  /** `--model`: a path, hub id or URI, as typed. */
  location?: string;
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** `--offline`: make no network call. */
  offline: boolean;
  /**
   * AWS for a source that can look (the S3 source lists a prefix to size the model). Core loads the
   * SDK only when this is called; it answers undefined when AWS is not usable (no credentials
   * configured, or `--offline`), and a source then goes on without looking.
   */
  aws?: () => Promise<AwsApi | undefined>;
}

/** ModelSource extension point: where a model comes from. */
export interface ModelSource {
  /** The brand `defineModelSource` adds. */
  readonly kind: 'model-source';
  /** Kebab-case, unique among sources: the value of `--model-source`. */
  readonly id: string;
  /** One line for `mcc list` and prompts. */
  readonly summary: string;
  /** Whether `--model` must name something for this source. */
  readonly needsLocation: boolean;
  /** Words shown when prompting for the location, e.g. `Path to the model file`. */
  readonly locationHint?: string;
  /** Validate and resolve what the user named; throw an McError naming the value when it is wrong. */
  resolve(input: ModelSourceInput): Promise<ResolvedModel>;
}
