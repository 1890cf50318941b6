import { usageError } from '../errors.js';
import type { OptionValues } from '../options.js';
import type { ProjectInput } from '../project.js';

function attentionHeads(input: ProjectInput): number | undefined {
  const config = input.model.hub?.config;
  const heads = config?.['num_attention_heads'] ?? config?.['n_head'] ?? config?.['num_heads'];
  return typeof heads === 'number' && Number.isInteger(heads) && heads > 0 ? heads : undefined;
}

/**
 * The tensor-parallel degree: the user's, else the sizer's, else every GPU of the instance. It
 * must fit the instance's GPUs and divide the model's attention heads when the config is known.
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
  const heads = attentionHeads(input);
  if (heads !== undefined && heads % degree !== 0) {
    throw usageError(
      'OPTION_INVALID',
      `tensor-parallel-degree ${degree} does not divide the ${heads} attention heads of ${input.model.hub?.id ?? 'the model'}.`,
      ['Pick a degree that divides the number of attention heads (1, 2, 4 or 8 usually do).'],
    );
  }
  return degree;
}
