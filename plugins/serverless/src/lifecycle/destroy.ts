import type { AwsCall, DestroyOptions, DestroyResult, VerbContext } from '@mcc/sdk';
import { destroyRepository } from '@mcc/sdk/image';

import { ignoreNotFound, teardownModelEndpoint } from '@mcc/sdk';
import { serverlessContext } from '../context.js';
import { REPOSITORY_KEY } from './repository.js';
import { readServerless, saveServerless } from './state.js';
import { serverlessSpec } from './spec.js';

/**
 * `mcc destroy`: what mcc recorded creating, newest first (the endpoint, configurations, models,
 * role: the sdk's model-endpoint teardown), then the ECR repository unless images are kept.
 */
export async function destroy(
  context: VerbContext,
  options: DestroyOptions = { keepImages: false },
): Promise<DestroyResult> {
  const result: DestroyResult = { region: context.aws.region, deleted: [], alreadyGone: [] };
  const told = (kind: string, name: string, deleted: boolean) =>
    (deleted ? result.deleted : result.alreadyGone).push({ kind, name });
  const section = readServerless(context.state);
  if (section) {
    const spec = serverlessSpec(serverlessContext(context.project.input));
    await teardownModelEndpoint(context, spec, section, told);
    saveServerless(context.state, undefined);
  }
  // The image repository last, since the endpoint pulled from it; only when mcc created it.
  const remove = async (kind: string, name: string, call: AwsCall): Promise<boolean> => {
    context.progress.step(`Deleting the ${kind} ${name}`);
    const deleted = await ignoreNotFound(() => context.aws.call(call));
    told(kind, name, deleted);
    return deleted;
  };
  if (!options.keepImages) await destroyRepository(context, REPOSITORY_KEY, remove);
  return result;
}
