import type { ProjectState, StateStore } from '@mcc/sdk';

/**
 * The state of a project nothing was deployed for: planned against it, a target lists every resource
 * it would create, which is what a template must hold. The project's own `.mcc/state.json` (which
 * would turn the plan into an update) is never read through it, and nothing is ever written.
 */
export class FirstDeployState implements StateStore {
  read(): ProjectState {
    return { schema: 1, targets: {} };
  }

  write(): void {
    throw new Error('planning a deploy must not write the state');
  }
}
