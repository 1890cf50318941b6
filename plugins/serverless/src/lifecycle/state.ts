import type { ModelEndpointState, ProjectState, StateStore } from '@mcc/sdk';

export const TARGET_ID = 'serverless';

/** This target's section of `.mcc/state.json`: the sdk's model-endpoint state, nothing more. */
export type ServerlessState = ModelEndpointState;

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
