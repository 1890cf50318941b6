import type { ProjectState, StateStore } from '@mcc/sdk';

export const TARGET_ID = 'managed-inference';

/** A resource mcc created (and so may delete) or found in place (and so leaves alone). */
export interface Owned {
  name: string;
  createdByMcc: boolean;
}

/** This target's section of `.mcc/state.json`. */
export interface DeploymentState {
  region: string;
  account?: string;
  role?: Owned & { arn: string; policyName?: string };
  /** Every endpoint configuration mcc created, the live one last. */
  endpointConfigs: string[];
  /** The instances managed instance scaling may run, fixed by the endpoint configuration. */
  instances?: { min: number; max: number };
  endpoint?: Owned;
  /** `model`: the SageMaker model the live version runs, when the model data comes from S3. */
  inferenceComponent?: Owned & { image: string; version: number; model?: string };
  /** Every SageMaker model mcc created (one per version of an S3 model), the live one last. */
  models?: string[];
  /** The 5XX-rate alarm updates roll back on (see alarms.ts). */
  rollbackAlarm?: Owned;
  autoscaling?: { resourceId: string; policyName: string; min: number; max: number };
  /** Resources created by a deploy that has not finished: removed if it fails, resumed if it was cut short. */
  pending?: { startedAt: string; created: string[] };
}

/**
 * True when the component exists from an earlier deploy, so this one updates it. A first deploy cut
 * short after creating the component resumes as a creation (waiting for it); an update cut short
 * is still an update.
 */
export function isUpdate(deployment: DeploymentState | undefined): boolean {
  if (deployment?.inferenceComponent === undefined) return false;
  return !(deployment.pending?.created.includes('inference-component') ?? false);
}

export function readDeployment(store: StateStore): DeploymentState | undefined {
  return store.read().targets[TARGET_ID] as DeploymentState | undefined;
}

/** Saves this target's section at once, so an interruption after any call loses nothing. */
export function saveDeployment(store: StateStore, deployment: DeploymentState | undefined): void {
  const state: ProjectState = store.read();
  if (deployment === undefined) delete state.targets[TARGET_ID];
  else state.targets[TARGET_ID] = deployment;
  store.write(state);
}
