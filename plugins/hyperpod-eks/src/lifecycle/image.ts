import type { BuildResult, PushResult, RunResult, VerbContext } from '@mcc/sdk';
import { buildImage, pushImage, runImage } from '@mcc/sdk/image';
import type { RepositorySpec } from '@mcc/sdk/image';

import { hyperpodEksContext } from '../context.js';
import type { HyperpodEksContext } from '../context.js';
import { MANAGED_BY } from '../names.js';

/** Where `.mcc/state.json` records the ECR repository `mcc push` created, for `mcc destroy`. */
export const REPOSITORY_KEY = 'hyperpod-eks:repository';

/** The project's ECR repository: named after the image, tagged so a console filter finds it. */
export function repositorySpec(ctx: HyperpodEksContext): RepositorySpec {
  return {
    repository: ctx.image.repository,
    stateKey: REPOSITORY_KEY,
    tags: [
      { Key: 'mcc:project', Value: ctx.settings.name },
      { Key: 'mcc:managed-by', Value: MANAGED_BY.value },
    ],
  };
}

/** `mcc build`: the project's do/build (the image kit's), for the nodes' x86_64. */
export function build(context: VerbContext, args: readonly string[]): Promise<BuildResult> {
  return buildImage(context, hyperpodEksContext(context.project.input), args);
}

/** `mcc run`: the project's do/run, serving the image on this machine until /ping answers. */
export function run(context: VerbContext, args: readonly string[]): Promise<RunResult> {
  return runImage(context, hyperpodEksContext(context.project.input), args);
}

/**
 * `mcc push`: the built image to ECR, where the cluster's nodes pull it; the recorded image URI is
 * what `mcc deploy` then puts in the InferenceEndpointConfig.
 */
export function push(context: VerbContext): Promise<PushResult> {
  const ctx = hyperpodEksContext(context.project.input);
  const { stateKey, tags } = repositorySpec(ctx);
  return pushImage(context, {
    image: ctx.image,
    containerEngine: ctx.containerEngine,
    repositoryState: { stateKey, tags },
  });
}
