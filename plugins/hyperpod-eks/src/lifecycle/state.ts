import type { StateStore } from '@mcc/sdk';

export const TARGET_ID = 'hyperpod-eks';

/** What `mcc deploy` created, kept so status and destroy find it, and destroy removes only that. */
export interface HyperpodState {
  cluster: string;
  namespace: string;
  name: string;
  /** True when mcc created the namespace (destroy deletes it only then). */
  createdNamespace: boolean;
  imageUri: string;
  deployedAt: string;
}

export function readHyperpodState(state: StateStore): HyperpodState | undefined {
  return state.read().targets[TARGET_ID] as HyperpodState | undefined;
}

export function writeHyperpodState(state: StateStore, record: HyperpodState): void {
  const current = state.read();
  state.write({ ...current, targets: { ...current.targets, [TARGET_ID]: record } });
}
