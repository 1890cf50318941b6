import type { AwsCall } from './aws.js';

/** One AWS call of a plan: the call exactly as a run makes it, and why. */
export interface PlannedAwsCall extends AwsCall {
  /**
   * Never set: it only makes `kind` the union's discriminant, so `call.kind === 'kube'` narrows both
   * ways. Plans written before Kubernetes requests existed carry none and read the same.
   */
  kind?: undefined;
  /** What the call is for, in words: `create the endpoint configuration`. */
  purpose: string;
  /**
   * Set when another verb makes this call, shown for the reader (batch's `CreateTransformJob`,
   * made by `invoke`): it is not part of what deploy makes, so `mcc export` leaves it out.
   */
  madeBy?: 'invoke';
}

/**
 * One Kubernetes API request of a plan, as the API server would receive it. Targets that deploy to
 * a cluster make most of their deploy this way; the fields are the request's own, so a test can
 * hold a plan against what a fake API server received, and a reader can replay one with `kubectl
 * --raw`. AWS calls carry no `kind`, so plans written before this variant read the same.
 */
export interface PlannedKubeRequest {
  kind: 'kube';
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The path on the API server, without its address: `/api/v1/namespaces/team-a`. */
  path: string;
  /** The body's media type (`application/merge-patch+json` for a merge patch); absent without a body. */
  contentType?: string;
  /** The JSON body, exactly as it would be sent. */
  body?: unknown;
  /** What the request is for, in words: `create the namespace (when it does not exist)`. */
  purpose: string;
}

/** One step of a plan: an AWS call or a Kubernetes API request, each with its purpose. */
export type PlannedCall = PlannedAwsCall | PlannedKubeRequest;

/** Whether a plan's step is a Kubernetes request (otherwise it is an AWS call). */
export function isPlannedKubeRequest(call: PlannedCall): call is PlannedKubeRequest {
  return call.kind === 'kube';
}

/**
 * Stand-ins a plan writes for what only a real run knows, the same in every target's plan so that
 * readers (and `mcc export cloudformation`) recognise them: the deploying account, the per-deploy
 * suffix of names that change with every deploy, and the image no push has recorded yet.
 */
export const PLAN_ACCOUNT = '<account>';
export const PLAN_SUFFIX = '-<deploy-id>';
export const PLAN_IMAGE = '<image recorded by mcc push>';
