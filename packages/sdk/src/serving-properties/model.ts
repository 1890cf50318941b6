import { usageError } from '../errors.js';
import type { ProjectInput } from '../project.js';

/** Where the engine gets the model: `option.model_id` and, for a Hub model, its revision. */
export interface ModelReference {
  /** A Hub id (`org/name`) or an S3 prefix (`s3://bucket/prefix/`). */
  modelId: string;
  /** Hub revision to pin (`option.revision`); absent for S3 and for the default branch. */
  revision?: string;
  /** True when downloading needs `HF_TOKEN` at deploy time. */
  gated: boolean;
  source: 'huggingface' | 's3';
}

/**
 * The model reference from the resolved model. The engine downloads it at start-up: a Hub model
 * with `HF_TOKEN` from the container's environment (never from a file), an S3 prefix with the
 * execution role.
 */
export function modelReference(input: ProjectInput): ModelReference {
  const { model } = input;
  if (model.s3 || model.source === 's3') {
    const uri = model.s3?.uri ?? model.location;
    if (!uri?.startsWith('s3://')) {
      throw usageError('MODEL_INVALID', `The S3 model "${uri ?? ''}" is not an s3://bucket/prefix/ URI.`);
    }
    return { modelId: uri, gated: false, source: 's3' };
  }
  const id = model.hub?.id ?? model.location;
  if (model.source !== 'huggingface' || !id) {
    throw usageError(
      'MODEL_SOURCE_UNSUPPORTED',
      `The ${input.server.id} server serves models from the Hugging Face Hub or S3, not "${model.source}".`,
      ['Pass a Hub id such as Qwen/Qwen2.5-0.5B-Instruct, or an s3://bucket/prefix/ URI.'],
    );
  }
  const revision = model.hub?.revision;
  return {
    modelId: id,
    ...(revision && revision !== 'main' ? { revision } : {}),
    gated: model.hub?.gated ?? false,
    source: 'huggingface',
  };
}
