import { usageError } from '../errors.js';
import type { OptionValues } from '../options.js';
import type { ProjectInput } from '../project.js';

/**
 * The tensor-parallel degree: the user's, else the sizer's, else every GPU of the instance. It
 * must fit the instance's GPUs. Whether it splits the model's heads is the GPU sizer's check
 * (`mcc generate` runs it before rendering), so the rule lives in one place.
 */
export function tensorParallelDegree(input: ProjectInput, options: OptionValues): number {
  const gpus = input.instance.acceleratorCount;
  if (gpus < 1) {
    throw usageError(
      'INSTANCE_NO_GPU',
      `${input.instance.instanceType} has no GPU; the ${input.server.id} server needs one.`,
      ['Pick a GPU instance such as ml.g5.2xlarge, or let the sizer recommend one.'],
    );
  }
  const given = options['tensor-parallel-degree'];
  const degree = typeof given === 'number' ? given : (input.instance.sizing?.tensorParallelDegree ?? gpus);
  if (!Number.isInteger(degree) || degree < 1) {
    throw usageError('OPTION_INVALID', `tensor-parallel-degree ${degree} is not a positive integer.`);
  }
  if (degree > gpus) {
    throw usageError(
      'OPTION_INVALID',
      `tensor-parallel-degree ${degree} is more than the ${gpus} GPU(s) of ${input.instance.instanceType}.`,
      [`Pass --option tensor-parallel-degree=${gpus}, or pick an instance with ${degree} GPUs.`],
    );
  }
  return degree;
}
