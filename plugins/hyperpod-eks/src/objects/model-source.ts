import { listOf, usageError } from '@mcc/sdk';
import type { ProjectModel } from '@mcc/sdk';

import type { ModelSourceConfig, SecretKeyRef } from './types.js';

/** The CRD's pattern for a Hub id (`org/name`); ids without an organisation are refused by it. */
const HUB_ID_PATTERN = /^[a-zA-Z0-9_.-]+\/[a-zA-Z0-9_.-]+$/;
/** The CRD takes a full commit only; a branch or tag is left to the operator's default (`main`). */
const COMMIT_PATTERN = /^[0-9a-f]{40}$/;

/** The model sources this target can hand to the operator, which fetches the model itself. */
export const SUPPORTED_SOURCES = ['huggingface', 's3'] as const;

/**
 * How the operator gets the model into the pod's model volume: a Hub model by id (at the commit the
 * project was generated against, when known), or an S3 prefix mounted from its bucket. Models baked
 * into the image have no place here: the operator's volume would hide them at /opt/ml/model.
 */
export function modelSourceConfig(
  model: ProjectModel,
  region: string,
  tokenSecret: SecretKeyRef | undefined,
): ModelSourceConfig {
  if (model.delivery === 'runtime' && model.source === 'huggingface' && model.location) {
    const modelId = model.hub?.id ?? model.location;
    if (!HUB_ID_PATTERN.test(modelId)) {
      throw usageError(
        'HYPERPOD_MODEL_ID_INVALID',
        `The HyperPod inference operator takes Hub ids of the form org/name; "${modelId}" is not one.`,
        ['Use the model’s full id, with its organisation, e.g. openai-community/gpt2.'],
      );
    }
    const commit = model.hub?.commit;
    return {
      modelSourceType: 'huggingface',
      huggingFaceModel: {
        modelId,
        ...(commit !== undefined && COMMIT_PATTERN.test(commit) ? { commitSHA: commit } : {}),
        ...(tokenSecret ? { tokenSecretRef: tokenSecret } : {}),
      },
    };
  }
  const s3 = model.delivery === 'runtime' && model.source === 's3' ? s3Location(model) : undefined;
  if (s3) {
    return { modelSourceType: 's3', s3Storage: { bucketName: s3.bucket, region }, modelLocation: s3.prefix };
  }
  throw usageError(
    'HYPERPOD_MODEL_SOURCE_UNSUPPORTED',
    `The hyperpod-eks target deploys models the HyperPod inference operator fetches (${listOf([...SUPPORTED_SOURCES])}); this project's model is "${model.source}" (${model.delivery === 'runtime' ? 'fetched at runtime' : 'built into the image'}).`,
    [
      'Generate with a Hugging Face Hub id (e.g. --model openai-community/gpt2) or an S3 URI (--model s3://bucket/prefix/).',
      'Or use the managed-inference target, which serves models built into the image.',
    ],
  );
}

/** The bucket and key prefix of an S3 model: as the source resolved them, else from its URI. */
function s3Location(model: ProjectModel): { bucket: string; prefix: string } | undefined {
  if (model.s3) return { bucket: model.s3.bucket, prefix: model.s3.prefix };
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(model.location ?? '');
  return match ? { bucket: match[1]!, prefix: match[2]! } : undefined;
}
