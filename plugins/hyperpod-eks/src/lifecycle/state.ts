import type { StateStore } from '@mcc/sdk';

import type { InferenceEndpointConfigSpec } from '../objects/types.js';

export const TARGET_ID = 'hyperpod-eks';

/** What `mcc deploy` created, kept so status and destroy find it, and destroy removes only that. */
export interface HyperpodState {
  cluster: string;
  namespace: string;
  name: string;
  /**
   * The SageMaker endpoint the object declares (`spec.endpointName`), which the operator registers;
   * invoke calls it without reaching the cluster. Absent in states written before it was recorded.
   */
  endpointName?: string;
  /** True when mcc created the namespace (destroy deletes it only then). */
  createdNamespace: boolean;
  imageUri: string;
  deployedAt: string;
  /**
   * The spec the last deploy applied, so `mcc deploy --plan` can show the merge patch a new deploy
   * would send without reading the cluster. Absent in states written before it was recorded.
   */
  appliedSpec?: InferenceEndpointConfigSpec;
}

export function readHyperpodState(state: StateStore): HyperpodState | undefined {
  return state.read().targets[TARGET_ID] as HyperpodState | undefined;
}

export function writeHyperpodState(state: StateStore, record: HyperpodState): void {
  const current = state.read();
  state.write({ ...current, targets: { ...current.targets, [TARGET_ID]: record } });
}

/** Forgets the deployment, once destroy has removed it; other targets' records stay. */
export function clearHyperpodState(state: StateStore): void {
  const current = state.read();
  const targets = Object.fromEntries(Object.entries(current.targets).filter(([id]) => id !== TARGET_ID));
  state.write({ ...current, targets });
}
