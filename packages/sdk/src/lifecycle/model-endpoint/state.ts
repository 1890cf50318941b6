/** A resource mcc created (and so may delete) or found in place (and so leaves alone). */
export interface OwnedResource {
  name: string;
  createdByMcc: boolean;
}

/**
 * The part of a model-based endpoint target's `.mcc/state.json` section that the shared deploy and
 * teardown keep: a target's own section extends it with what only it makes (topics, scaling …).
 */
export interface ModelEndpointState {
  region: string;
  account?: string;
  role?: OwnedResource & { arn: string; policyName?: string };
  /** Every SageMaker model mcc created (one per deployment), the live one last. */
  models: string[];
  /** Every endpoint configuration mcc created (one per deployment), the live one last. */
  endpointConfigs: string[];
  endpoint?: OwnedResource;
  /** The image the live version runs. */
  image?: string;
  /** What a deploy that has not finished created: removed if it fails, reused if it was cut short. */
  pending?: { startedAt: string; created: string[] };
}
