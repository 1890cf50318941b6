import type { ModelEndpointState, OwnedResource, ProjectState, StateStore } from '@mcc/sdk';

export const TARGET_ID = 'async';

/** This target's section of `.mcc/state.json`: the sdk's model-endpoint state and what only async makes. */
export interface AsyncState extends ModelEndpointState {
  /** The bucket mcc created for the default paths; recorded, never deleted (it holds results). */
  bucket?: OwnedResource;
  /** The SNS topics create-topics made (success, then error), which destroy deletes. */
  topics?: (OwnedResource & { arn: string })[];
  /** The S3 folders as resolved for the account, which `mcc invoke` uses. */
  paths?: { input: string; output: string; failure: string };
  /** Present when mcc registered autoscaling: what destroy deregisters and deletes. */
  scaling?: { resourceId: string; alarm?: string };
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
