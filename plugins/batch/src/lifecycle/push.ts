import type { PushResult, VerbContext } from '@mcc/sdk';
import { pushImage } from '@mcc/sdk/image';

import { batchContext } from '../context.js';
import { repositorySpec } from './repository.js';

/** `mcc push`: the image kit's push, to this project's repository, with its partition's registry host. */
export function push(context: VerbContext): Promise<PushResult> {
  const ctx = batchContext(context.project.input);
  const { stateKey, tags } = repositorySpec(ctx);
  return pushImage(context, {
    image: ctx.image,
    containerEngine: ctx.containerEngine,
    repositoryState: { stateKey, tags },
    dnsSuffix: ctx.dnsSuffix,
  });
}
