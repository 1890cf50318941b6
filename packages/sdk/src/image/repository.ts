import { awsErrorName } from '../lifecycle/aws.js';
import type { AwsCall } from '../lifecycle/aws.js';
import type { StateStore } from '../lifecycle/state.js';
import type { VerbContext } from '../lifecycle/verbs.js';
import * as requests from './requests.js';
import type { ResourceTag } from './requests.js';

/**
 * The project's ECR repository as a target names it: the repository, and the key under
 * `.mcc/state.json`'s `targets` where a repository mcc created is recorded (one per target, so a
 * target's destroy reads only its own record).
 */
export interface RepositorySpec {
  repository: string;
  stateKey: string;
  /** Tags on the repository if mcc creates it, so a console filter finds the project's resources. */
  tags: readonly ResourceTag[];
}

/** What `.mcc/state.json` keeps about the repository under the target's key. */
export interface RepositoryState {
  name: string;
  createdByMcc: boolean;
}

export function readRepository(store: StateStore, stateKey: string): RepositoryState | undefined {
  return store.read().targets[stateKey] as RepositoryState | undefined;
}

/**
 * The project's ECR repository, created with scan on push and encryption when it is missing, and
 * then recorded, so `mcc destroy` removes a repository mcc made and never one it found.
 */
export async function ensureRepository(context: VerbContext, spec: RepositorySpec): Promise<void> {
  try {
    await context.aws.call(requests.describeRepositories(spec.repository));
    return;
  } catch (error) {
    if (awsErrorName(error) !== 'RepositoryNotFoundException') throw error;
  }
  context.progress.step(`Creating the ECR repository ${spec.repository} (scan on push, AES-256 encryption)`);
  await context.aws.call(requests.createRepository(spec.repository, spec.tags));
  const state = context.state.read();
  state.targets[spec.stateKey] = { name: spec.repository, createdByMcc: true } satisfies RepositoryState;
  context.state.write(state);
}

/** How a target's destroy deletes one thing and reports it: true when deleted, false when already gone. */
export type RemoveResource = (kind: string, name: string, call: AwsCall) => Promise<boolean>;

/** The kind `mcc destroy` reports for the repository, the same for every target. */
export const REPOSITORY_KIND = 'ECR repository (with its images)';

/**
 * For `mcc destroy` without `--keep-images`: deletes the repository when mcc created it (never one
 * it found), then forgets it and the pushed image recorded with it, which is gone too.
 */
export async function destroyRepository(
  context: VerbContext,
  stateKey: string,
  remove: RemoveResource,
): Promise<void> {
  const repository = readRepository(context.state, stateKey);
  if (!repository?.createdByMcc) return;
  await remove(REPOSITORY_KIND, repository.name, requests.deleteRepository(repository.name));
  const state = context.state.read();
  delete state.targets[stateKey];
  delete state.image;
  context.state.write(state);
}
