import { usageError } from '../errors.js';
import type { ProjectInput } from '../project.js';

/** Where SageMaker puts model data from S3, as every target delivers it. */
export const S3_MODEL_DIR = '/opt/ml/model';

/** Where the engine gets the model: `option.model_id` and, for a Hub model, its revision. */
export interface ModelReference {
  /** A Hub id (`org/name`), or for an S3 model the directory SageMaker copies it into. */
  modelId: string;
  /** The S3 prefix of an S3 model (`s3://bucket/prefix/`). */
  s3Uri?: string;
  /**
   * Hub revision to pin (`option.revision`): the commit the named revision resolved to when the Hub
   * said, else the named one; absent for S3 and for `main` when no commit is known.
   */
  revision?: string;
  /** The branch or tag the user named, when `revision` is the commit it resolved to. */
  revisionName?: string;
  /** True when downloading needs `HF_TOKEN` at deploy time. */
  gated: boolean;
  source: 'huggingface' | 's3';
}

/**
 * The model reference from the resolved model. The engine downloads a Hub model at start-up, with
 * `HF_TOKEN` from the container's environment (never from a file). An S3 model is copied into
 * /opt/ml/model by SageMaker before the container starts (the target's model data source), so the
 * engine reads it there rather than downloading it a second time.
 */
export function modelReference(input: ProjectInput): ModelReference {
  const { model } = input;
  if (model.s3 || model.source === 's3') {
    const uri = model.s3?.uri ?? model.location;
    if (!uri?.startsWith('s3://')) {
      throw usageError('MODEL_INVALID', `The S3 model "${uri ?? ''}" is not an s3://bucket/prefix/ URI.`);
    }
    return { modelId: S3_MODEL_DIR, s3Uri: uri, gated: false, source: 's3' };
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
  const commit = model.hub?.commit;
  // The commit, so a redeploy serves the same weights after the branch moves on.
  const pinned =
    commit && commit !== revision
      ? { revision: commit, revisionName: revision ?? 'main' }
      : revision && revision !== 'main'
        ? { revision }
        : {};
  return {
    modelId: id,
    ...pinned,
    gated: model.hub?.gated ?? false,
    source: 'huggingface',
  };
}
