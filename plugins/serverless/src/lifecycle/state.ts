import type { ProjectState, StateStore } from '@mcc/sdk';

export const TARGET_ID = 'serverless';

/** A resource mcc created (and so may delete) or found in place (and so leaves alone). */
export interface Owned {
  name: string;
  createdByMcc: boolean;
}

/** This target's section of `.mcc/state.json`. */
export interface ServerlessState {
  region: string;
  account?: string;
  role?: Owned & { arn: string; policyName?: string };
  /** Every SageMaker model mcc created (one per deployment), the live one last. */
  models: string[];
  /** Every endpoint configuration mcc created (one per deployment), the live one last. */
  endpointConfigs: string[];
  endpoint?: Owned;
  /** The image the live version runs. */
  image?: string;
  /** What a deploy that has not finished created: removed if it fails, reused if it was cut short. */
  pending?: { startedAt: string; created: string[] };
}

export function readServerless(store: StateStore): ServerlessState | undefined {
  return store.read().targets[TARGET_ID] as ServerlessState | undefined;
}

/** Saves this target's section at once, so an interruption after any call loses nothing. */
export function saveServerless(store: StateStore, section: ServerlessState | undefined): void {
  const state: ProjectState = store.read();
  if (section === undefined) delete state.targets[TARGET_ID];
  else state.targets[TARGET_ID] = section;
  store.write(state);
}
