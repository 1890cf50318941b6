import type { AwsCall, VerbContext } from '@mcc/sdk';

import { ignoreNotFound, isNotFound, waitFor } from '@mcc/sdk';
import * as requests from './requests.js';
import { deleteAlarms, deregisterScalableTarget } from './scaling-requests.js';
import { saveAsync } from './state.js';
import type { AsyncState } from './state.js';

const GONE_TIMEOUT_MS = 30 * 60_000;

/** Called for each deletion: true when deleted, false when it was already gone. */
export type Removed = (kind: string, name: string, deleted: boolean) => void;

/**
 * Deletes what the section records mcc creating, newest first: the scaling alarm and target (which
 * act on the endpoint), the endpoint (waiting until it is gone, since SageMaker refuses to delete a
 * configuration or model in use), configurations, models, the topics create-topics made, then the role. Shared by `mcc destroy`
 * and a failed deploy, so both leave the same nothing behind. The bucket is never deleted: it holds
 * the results. The section is saved after each step, so an interrupted teardown resumes.
 */
export async function teardown(context: VerbContext, section: AsyncState, removed: Removed): Promise<void> {
  const save = () => saveAsync(context.state, section);
  const remove = async (kind: string, name: string, call: AwsCall) => {
    context.progress.step(`Deleting the ${kind} ${name}`);
    const deleted = await ignoreNotFound(() => context.aws.call(call));
    removed(kind, name, deleted);
    return deleted;
  };
  if (section.scaling) {
    if (section.scaling.alarm)
      await remove('alarm', section.scaling.alarm, deleteAlarms(section.scaling.alarm));
    await remove(
      'scalable target',
      section.scaling.resourceId,
      deregisterScalableTarget(section.scaling.resourceId),
    );
    delete section.scaling;
    save();
  }
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
        timeoutHint: 'Run `mcc destroy` again later: it resumes where this one stopped.',
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
  while (section.topics && section.topics.length > 0) {
    const topic = section.topics.at(-1)!;
    if (topic.createdByMcc) await remove('SNS topic', topic.name, requests.deleteTopic(topic.arn));
    section.topics.pop();
    save();
  }
  delete section.topics;
  if (section.role?.createdByMcc) {
    const { name, policyName } = section.role;
    if (policyName) await ignoreNotFound(() => context.aws.call(requests.deleteRolePolicy(name, policyName)));
    await remove('execution role', name, requests.deleteRole(name));
    delete section.role;
    save();
  }
}
