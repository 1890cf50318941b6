import type { AwsCall, DestroyOptions, DestroyResult, VerbContext } from '@mcc/sdk';
import { destroyRepository } from '@mcc/sdk/image';

import { deleteAlarms } from './alarms.js';
import { ignoreNotFound, isNotFound, waitFor } from '@mcc/sdk';
import * as requests from './requests.js';
import { REPOSITORY_KEY } from './repository.js';
import { readDeployment, saveDeployment } from './state.js';
import type { DeploymentState } from './state.js';
import { SUBMIT_KEY } from './submit.js';
import type { SubmitState } from './submit.js';

const GONE_TIMEOUT_MS = 30 * 60_000;

/**
 * `mcc destroy`: removes what mcc recorded creating, newest first: submit's CodeBuild project and
 * role, then autoscaling, the rollback alarm, component, endpoint, configurations and role, then the
 * ECR repository (unless images are kept). Something already gone is noted, not an error; a
 * resource mcc found rather than created (a role passed with --role-arn, a repository that existed)
 * is left alone. The state is saved after each deletion, so an interrupted destroy resumes.
 */
export async function destroy(
  context: VerbContext,
  options: DestroyOptions = { keepImages: false },
): Promise<DestroyResult> {
  const deployment = readDeployment(context.state);
  const result: DestroyResult = { region: context.aws.region, deleted: [], alreadyGone: [] };
  const remove = async (kind: string, name: string, call: AwsCall): Promise<boolean> => {
    context.progress.step(`Deleting the ${kind} ${name}`);
    const deleted = await ignoreNotFound(() => context.aws.call(call));
    (deleted ? result.deleted : result.alreadyGone).push({ kind, name });
    return deleted;
  };
  const untilGone = (what: string, call: AwsCall) =>
    waitFor<{ gone: boolean; status?: string }>({
      what,
      check: async () => {
        try {
          const found = await context.aws.call<{
            EndpointStatus?: string;
            InferenceComponentStatus?: string;
          }>(call);
          return { gone: false, status: found.EndpointStatus ?? found.InferenceComponentStatus };
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

  await destroyBuild(context, remove);
  if (deployment) await destroyDeployment(context, deployment, remove, untilGone);
  // The image repository last, since the endpoint pulled from it; only when mcc created it.
  if (!options.keepImages) await destroyRepository(context, REPOSITORY_KEY, remove);
  return result;
}

type Remove = (kind: string, name: string, call: AwsCall) => Promise<boolean>;

async function destroyDeployment(
  context: VerbContext,
  deployment: DeploymentState,
  remove: Remove,
  untilGone: (what: string, call: AwsCall) => Promise<unknown>,
): Promise<void> {
  if (deployment.autoscaling && deployment.inferenceComponent) {
    await remove(
      'autoscaling target',
      deployment.autoscaling.resourceId,
      requests.deregisterScalableTarget(deployment.inferenceComponent.name),
    );
    delete deployment.autoscaling;
    saveDeployment(context.state, deployment);
  }
  if (deployment.rollbackAlarm?.createdByMcc) {
    const name = deployment.rollbackAlarm.name;
    await remove('CloudWatch alarm', name, deleteAlarms([name]));
    delete deployment.rollbackAlarm;
    saveDeployment(context.state, deployment);
  }
  if (deployment.inferenceComponent?.createdByMcc) {
    const name = deployment.inferenceComponent.name;
    if (await remove('inference component', name, requests.deleteInferenceComponent(name))) {
      await untilGone(`inference component ${name}`, requests.describeInferenceComponent(name));
    }
    delete deployment.inferenceComponent;
    saveDeployment(context.state, deployment);
  }
  // The models the component ran (S3 model data), once nothing runs them.
  while ((deployment.models ?? []).length > 0) {
    const name = deployment.models!.at(-1)!;
    await remove('model', name, requests.deleteModel(name));
    deployment.models!.pop();
    saveDeployment(context.state, deployment);
  }
  if (deployment.endpoint?.createdByMcc) {
    const name = deployment.endpoint.name;
    if (await remove('endpoint', name, requests.deleteEndpoint(name))) {
      await untilGone(`endpoint ${name}`, requests.describeEndpoint(name));
    }
    delete deployment.endpoint;
    saveDeployment(context.state, deployment);
  }
  while (deployment.endpointConfigs.length > 0) {
    const name = deployment.endpointConfigs.at(-1)!;
    await remove('endpoint configuration', name, requests.deleteEndpointConfig(name));
    deployment.endpointConfigs.pop();
    saveDeployment(context.state, deployment);
  }
  if (deployment.role?.createdByMcc) {
    const { name, policyName } = deployment.role;
    if (policyName) await ignoreNotFound(() => context.aws.call(requests.deleteRolePolicy(name, policyName)));
    await remove('execution role', name, requests.deleteRole(name));
  }
  saveDeployment(context.state, undefined);
}

/** What mcc submit created: the CodeBuild project and, if mcc made it, its role. */
async function destroyBuild(context: VerbContext, remove: Remove): Promise<void> {
  const state = context.state.read();
  const record = state.targets[SUBMIT_KEY] as SubmitState | undefined;
  if (!record) return;
  if (record.project) {
    await remove('CodeBuild project', record.project.name, {
      service: 'codebuild',
      operation: 'DeleteProject',
      input: { name: record.project.name },
    });
  }
  if (record.role?.createdByMcc) {
    const { name, policyName } = record.role;
    await ignoreNotFound(() => context.aws.call(requests.deleteRolePolicy(name, policyName)));
    await remove('CodeBuild role', record.role.name, requests.deleteRole(record.role.name));
  }
  const after = context.state.read();
  delete after.targets[SUBMIT_KEY];
  context.state.write(after);
  if (record.bucket) {
    context.progress.warn(
      `Kept the S3 bucket ${record.bucket.name}, which may hold other data; empty and delete it yourself if it is not needed.`,
    );
  }
}
