import type { BuildResult, RunResult, VerbContext } from '@mcc/sdk';
import { buildImage, runImage } from '@mcc/sdk/image';

import { batchContext } from '../context.js';

/** `mcc build`: the project's do/build, through the image kit. */
export function build(context: VerbContext, args: readonly string[]): Promise<BuildResult> {
  return buildImage(context, batchContext(context.project.input), args);
}

/** `mcc run`: the project's do/run, which starts the image locally and waits for /ping. */
export function run(context: VerbContext, args: readonly string[]): Promise<RunResult> {
  return runImage(context, batchContext(context.project.input), args);
}
