import type { ProjectState, StateStore } from '@mcc/sdk';

export const TARGET_ID = 'async';

/** A resource mcc created (and so may delete) or found in place (and so leaves alone). */
export interface Owned {
  name: string;
  createdByMcc: boolean;
}

/** This target's section of `.mcc/state.json`. */
export interface AsyncState {
  region: string;
  account?: string;
  role?: Owned & { arn: string; policyName?: string };
  /** The bucket mcc created for the default paths; recorded, never deleted (it holds results). */
  bucket?: Owned;
  /** The SNS topics create-topics made (success, then error), which destroy deletes. */
  topics?: (Owned & { arn: string })[];
  models: string[];
  endpointConfigs: string[];
  endpoint?: Owned;
  /** The S3 folders as resolved for the account, which `mcc invoke` uses. */
  paths?: { input: string; output: string; failure: string };
  /** Present when mcc registered autoscaling: what destroy deregisters and deletes. */
  scaling?: { resourceId: string; alarm?: string };
  image?: string;
}

export function readAsync(store: StateStore): AsyncState | undefined {
  return store.read().targets[TARGET_ID] as AsyncState | undefined;
}

/** Saves this target's section at once, so an interruption after any call loses nothing. */
export function saveAsync(store: StateStore, section: AsyncState | undefined): void {
  const state: ProjectState = store.read();
  if (section === undefined) delete state.targets[TARGET_ID];
  else state.targets[TARGET_ID] = section;
  store.write(state);
}
