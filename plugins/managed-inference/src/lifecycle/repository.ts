import { awsErrorName } from '@mcc/sdk';
import type { StateStore, VerbContext } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';
import * as requests from './requests.js';

/** Where `.mcc/state.json` records the ECR repository push or submit created. */
export const REPOSITORY_KEY = 'managed-inference:repository';

export interface RepositoryState {
  name: string;
  createdByMcc: boolean;
}

export function readRepository(store: StateStore): RepositoryState | undefined {
  return store.read().targets[REPOSITORY_KEY] as RepositoryState | undefined;
}

/**
 * The project's ECR repository, created with scan on push and encryption when it is missing, and
 * then recorded, so `mcc destroy` removes a repository mcc made and never one it found.
 */
export async function ensureRepository(context: VerbContext, ctx: ManagedInferenceContext): Promise<void> {
  try {
    await context.aws.call(requests.describeRepositories(ctx.image.repository));
    return;
  } catch (error) {
    if (awsErrorName(error) !== 'RepositoryNotFoundException') throw error;
  }
  context.progress.step(
    `Creating the ECR repository ${ctx.image.repository} (scan on push, AES-256 encryption)`,
  );
  await context.aws.call(requests.createRepository(ctx));
  const state = context.state.read();
  state.targets[REPOSITORY_KEY] = {
    name: ctx.image.repository,
    createdByMcc: true,
  } satisfies RepositoryState;
  context.state.write(state);
}
