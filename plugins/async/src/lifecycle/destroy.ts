import type { AwsCall, DestroyOptions, DestroyResult, VerbContext } from '@mcc/sdk';
import { destroyRepository } from '@mcc/sdk/image';

import { ignoreNotFound } from '@mcc/sdk';
import { REPOSITORY_KEY } from './repository.js';
import { readAsync, saveAsync } from './state.js';
import { teardown } from './teardown.js';

/**
 * `mcc destroy`: what mcc recorded creating, newest first (see teardown.ts), then the ECR
 * repository unless images are kept. The S3 bucket and its results stay: they are the user's data.
 */
export async function destroy(
  context: VerbContext,
  options: DestroyOptions = { keepImages: false },
): Promise<DestroyResult> {
  const result: DestroyResult = { region: context.aws.region, deleted: [], alreadyGone: [] };
  const section = readAsync(context.state);
  if (section) {
    await teardown(context, section, (kind, name, deleted) =>
      (deleted ? result.deleted : result.alreadyGone).push({ kind, name }),
    );
    if (section.bucket?.createdByMcc) {
      context.progress.step(
        `Keeping the S3 bucket ${section.bucket.name}: it holds the requests and results`,
      );
    }
    saveAsync(context.state, undefined);
  }
  const remove = async (kind: string, name: string, call: AwsCall): Promise<boolean> => {
    context.progress.step(`Deleting the ${kind} ${name}`);
    const deleted = await ignoreNotFound(() => context.aws.call(call));
    (deleted ? result.deleted : result.alreadyGone).push({ kind, name });
    return deleted;
  };
  if (!options.keepImages) await destroyRepository(context, REPOSITORY_KEY, remove);
  return result;
}
