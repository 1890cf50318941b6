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
  inferenceComponent?: Owned & { image: string; version: number };
  /** The 5XX-rate alarm updates roll back on (see alarms.ts). */
  rollbackAlarm?: Owned;
  autoscaling?: { resourceId: string; policyName: string; min: number; max: number };
  /** Resources created by a deploy that has not finished: removed if it fails, resumed if it was cut short. */
  pending?: { startedAt: string; created: string[] };
}

/** True when a finished deployment exists, so a deploy updates it rather than creating one. */
export function isUpdate(deployment: DeploymentState | undefined): boolean {
  return deployment?.inferenceComponent !== undefined && deployment.pending === undefined;
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
