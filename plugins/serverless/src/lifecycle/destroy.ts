import type { AwsCall, DestroyOptions, DestroyResult, VerbContext } from '@mcc/sdk';
import { destroyRepository } from '@mcc/sdk/image';

import { ignoreNotFound, isNotFound, waitFor } from '@mcc/sdk';
import * as requests from './requests.js';
import { REPOSITORY_KEY } from './repository.js';
import { readServerless, saveServerless } from './state.js';

const GONE_TIMEOUT_MS = 30 * 60_000;

/**
 * `mcc destroy`: removes what mcc recorded creating, in reverse order of creation: the endpoint
 * (waiting until it is gone, since SageMaker refuses to delete a configuration or model in use),
 * the configurations, the models, the role, then the ECR repository unless images are kept.
 * Something already gone is noted, not an error; what mcc found rather than created is left alone.
 * The state is saved after each deletion, so an interrupted destroy resumes.
 */
export async function destroy(
  context: VerbContext,
  options: DestroyOptions = { keepImages: false },
): Promise<DestroyResult> {
  const section = readServerless(context.state);
  const result: DestroyResult = { region: context.aws.region, deleted: [], alreadyGone: [] };
  const remove = async (kind: string, name: string, call: AwsCall): Promise<boolean> => {
    context.progress.step(`Deleting the ${kind} ${name}`);
    const deleted = await ignoreNotFound(() => context.aws.call(call));
    (deleted ? result.deleted : result.alreadyGone).push({ kind, name });
    return deleted;
  };
  if (section) {
    const save = () => saveServerless(context.state, section);
    if (section.endpoint?.createdByMcc) {
      const name = section.endpoint.name;
      if (await remove('endpoint', name, requests.deleteEndpoint(name))) {
        await waitFor<{ gone: boolean; status?: string }>({
          what: `endpoint ${name}`,
          check: async () => {
            try {
              const found = await context.aws.call<{ EndpointStatus?: string }>(
                requests.describeEndpoint(name),
              );
              return { gone: false, ...(found.EndpointStatus ? { status: found.EndpointStatus } : {}) };
            } catch (error) {
              if (isNotFound(error)) return { gone: true };
              throw error;
            }
          },
          state: (s) => (s.gone ? 'done' : 'waiting'),
          describe: (s) => s.status ?? 'deleting',
          timeoutMs: GONE_TIMEOUT_MS,
          clock: context.clock,
          progress: context.progress,
          signal: context.signal,
        });
      }
      delete section.endpoint;
      save();
    }
    while (section.endpointConfigs.length > 0) {
      const name = section.endpointConfigs.at(-1)!;
      await remove('endpoint configuration', name, requests.deleteEndpointConfig(name));
      section.endpointConfigs.pop();
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
    }
    saveServerless(context.state, undefined);
  }
  // The image repository last, since the endpoint pulled from it; only when mcc created it.
  if (!options.keepImages) await destroyRepository(context, REPOSITORY_KEY, remove);
  return result;
}
