import type { AwsCall } from '../aws.js';
import { ignoreNotFound, isNotFound } from '../aws-faults.js';
import type { VerbContext } from '../verbs.js';
import { waitFor } from '../wait.js';
import type { ModelEndpointSpec } from './spec.js';
import type { ModelEndpointState } from './state.js';

const GONE_TIMEOUT_MS = 30 * 60_000;

/** Told of each deletion: true when deleted, false when it was already gone. */
export type Removed = (kind: string, name: string, deleted: boolean) => void;

/** Deletes one thing, telling `removed` whether it was there. */
export type Remove = (kind: string, name: string, call: AwsCall) => Promise<boolean>;

/** The target's own deletions around the shared ones (what only it creates). */
export interface TeardownSteps {
  /** Before the endpoint: what acts on it (autoscaling, alarms). */
  beforeEndpoint?(remove: Remove): Promise<void>;
  /** After the models, before the role: what the endpoint configuration pointed at (topics). */
  afterModels?(remove: Remove): Promise<void>;
}

/**
 * Deletes what the section records mcc creating, newest first: the target's steps, the endpoint
 * (waiting until it is gone, since SageMaker refuses to delete a configuration or model in use),
 * configurations, models, the target's steps, then the role. Something already gone is told as
 * such, not an error; what mcc found rather than created is left alone. The section is saved after
 * each step, so an interrupted teardown resumes where it stopped.
 */
export async function teardownModelEndpoint<S extends ModelEndpointState>(
  context: VerbContext,
  spec: ModelEndpointSpec<S>,
  section: S,
  removed: Removed,
  steps: TeardownSteps = {},
): Promise<void> {
  const save = () => spec.save(context.state, section);
  const remove: Remove = async (kind, name, call) => {
    context.progress.step(`Deleting the ${kind} ${name}`);
    const deleted = await ignoreNotFound(() => context.aws.call(call));
    removed(kind, name, deleted);
    return deleted;
  };
  if (steps.beforeEndpoint) {
    await steps.beforeEndpoint(remove);
    save();
  }
  if (section.endpoint?.createdByMcc) {
    const name = section.endpoint.name;
    if (await remove('endpoint', name, spec.requests.deleteEndpoint(name))) {
      await waitFor<{ gone: boolean; status?: string }>({
        what: `endpoint ${name}`,
        check: async () => {
          try {
            const found = await context.aws.call<{ EndpointStatus?: string }>(
              spec.requests.describeEndpoint(name),
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
    await remove('endpoint configuration', name, spec.requests.deleteEndpointConfig(name));
    section.endpointConfigs.pop();
    save();
  }
  while (section.models.length > 0) {
    const name = section.models.at(-1)!;
    await remove('model', name, spec.requests.deleteModel(name));
    section.models.pop();
    save();
  }
  if (steps.afterModels) {
    await steps.afterModels(remove);
    save();
  }
  if (section.role?.createdByMcc) {
    const { name, policyName } = section.role;
    if (policyName)
      await ignoreNotFound(() => context.aws.call(spec.requests.deleteRolePolicy(name, policyName)));
    await remove('execution role', name, spec.requests.deleteRole(name));
    delete section.role;
    save();
  }
}
