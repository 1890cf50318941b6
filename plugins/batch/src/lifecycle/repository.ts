import type { RepositorySpec } from '@mcc/sdk/image';

import type { BatchContext } from '../context.js';
import { tags } from './requests.js';

/** Where `.mcc/state.json` records the ECR repository `mcc push` created (destroy removes only that). */
export const REPOSITORY_KEY = 'batch:repository';

export function repositorySpec(ctx: BatchContext): RepositorySpec {
  return { repository: ctx.image.repository, stateKey: REPOSITORY_KEY, tags: tags(ctx) };
}
