import type { ProjectInput } from '@mcc/sdk';

/**
 * The framework parts the shared predictive layer (`@mcc/sdk/predictive`) merges into
 * requirements.txt, the Dockerfile and the README. numpy is all the model needs, and the shared
 * layer pins it already, so there is no pip line of its own and no apt package.
 */
export interface NumpyLinearContext {
  pip: readonly string[];
  debian: readonly string[];
}

/** Pure: the same answer for the same input, whatever the model. */
export function numpyLinearContext(_input: ProjectInput): NumpyLinearContext {
  return { pip: [], debian: ['python3-numpy'] };
}
