import type { RepositorySpec } from '@mcc/sdk/image';

import type { ManagedInferenceContext } from '../context.js';
import { TAGS } from './requests.js';

/** Where `.mcc/state.json` records the ECR repository push or submit created. */
export const REPOSITORY_KEY = 'managed-inference:repository';

/** The project's repository as the image kit ensures and destroys it, tagged like the endpoint. */
export function repositorySpec(ctx: ManagedInferenceContext): RepositorySpec {
  return { repository: ctx.image.repository, stateKey: REPOSITORY_KEY, tags: TAGS(ctx) };
}
