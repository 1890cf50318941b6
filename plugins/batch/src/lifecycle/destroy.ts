import { ignoreNotFound, isNotFound } from '@mcc/sdk';
import type { AwsCall, DestroyOptions, DestroyResult, VerbContext } from '@mcc/sdk';
import { destroyRepository } from '@mcc/sdk/image';

import { REPOSITORY_KEY } from './repository.js';
import * as requests from './requests.js';
import { FINISHED, readBatch, saveBatch } from './state.js';

/**
 * `mcc destroy`: stops the jobs still running (they bill per instance), then deletes the models and
 * the execution role mcc created (policy first), newest first, then the ECR repository unless
 * --keep-images. The S3 folders and the bucket are the user's data and stay. Something already gone
 * is reported as such; the state is saved after each step, so an interrupted destroy resumes.
 */
export async function destroy(
  context: VerbContext,
  options: DestroyOptions = { keepImages: false },
): Promise<DestroyResult> {
  const result: DestroyResult = { region: context.aws.region, deleted: [], alreadyGone: [] };
  const remove = async (kind: string, name: string, call: AwsCall): Promise<boolean> => {
    context.progress.step(`Deleting the ${kind} ${name}`);
    const deleted = await ignoreNotFound(() => context.aws.call(call));
    (deleted ? result.deleted : result.alreadyGone).push({ kind, name });
    return deleted;
  };
  const section = readBatch(context.state);
  if (section) {
    const save = () => saveBatch(context.state, section);
    for (const job of section.jobs.filter((j) => !FINISHED.has(j.status))) {
      await stopIfRunning(context, job.name, result);
      job.status = 'Stopping';
      save();
    }
    while (section.models.length > 0) {
      const name = section.models.at(-1)!;
      await remove('model', name, requests.deleteModel(name));
      section.models.pop();
      save();
    }
    if (section.role?.createdByMcc) {
      const { name, policyName } = section.role;
      if (policyName)
        await ignoreNotFound(() => context.aws.call(requests.deleteRolePolicy(name, policyName)));
      await remove('execution role', name, requests.deleteRole(name));
      delete section.role;
      save();
    }
    if (section.bucket?.createdByMcc || section.paths) {
      context.progress.step(
        `Keeping the S3 data${section.paths ? ` (${section.paths.input}, ${section.paths.output})` : ''}: it is yours`,
      );
    }
    saveBatch(context.state, undefined);
  }
  if (!options.keepImages) await destroyRepository(context, REPOSITORY_KEY, remove);
  return result;
}

/** StopTransformJob for a job SageMaker still runs; one already ended is left as it is. */
async function stopIfRunning(context: VerbContext, name: string, result: DestroyResult): Promise<void> {
  let status: string | undefined;
  try {
    status = (await context.aws.call<{ TransformJobStatus?: string }>(requests.describeTransformJob(name)))
      .TransformJobStatus;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (status !== 'InProgress') {
    if (status === undefined) result.alreadyGone.push({ kind: 'transform job', name });
    return;
  }
  context.progress.step(`Stopping the transform job ${name} (its instances stop billing)`);
  const stopped = await ignoreNotFound(() => context.aws.call(requests.stopTransformJob(name)));
  (stopped ? result.deleted : result.alreadyGone).push({ kind: 'transform job (stopped)', name });
}
