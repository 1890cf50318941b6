/**
 * SageMaker batch transform's fixed limits (API reference: CreateTransformJob, ModelClientConfig),
 * in one place so the options, the cross-option checks, `mcc invoke` and the README agree.
 */

/** MaxPayloadInMB accepts 0 (chunked streaming, for algorithms that support it) to this. */
export const MAX_PAYLOAD_MB_LIMIT = 100;

/** What SageMaker uses when MaxPayloadInMB is not given. */
export const DEFAULT_MAX_PAYLOAD_MB = 6;

/** MaxPayloadInMB × MaxConcurrentTransforms may not exceed this either. */
export const MAX_PAYLOAD_TIMES_CONCURRENCY_MB = 100;

/** The largest mini-batch the container is sent: the server in the image takes exactly this. */
export const MAX_PAYLOAD_BYTES = MAX_PAYLOAD_MB_LIMIT * 1024 * 1024;

/** ModelClientConfig.InvocationsTimeoutInSeconds: 1 to this (SageMaker's default is 600). */
export const MAX_INVOCATION_TIMEOUT_SECONDS = 3600;
export const DEFAULT_INVOCATION_TIMEOUT_SECONDS = 600;

/** ModelClientConfig.InvocationsMaxRetries: 0 to this (SageMaker's default is 3). */
export const MAX_INVOCATION_RETRIES = 3;
export const DEFAULT_INVOCATION_RETRIES = 3;

/** TransformJobName, like every SageMaker name, is at most 63 characters. */
export const JOB_NAME_MAX_LENGTH = 63;

/** A real-time endpoint's request limit, which a batch mini-batch may exceed (for the README). */
export const REAL_TIME_PAYLOAD_MB = 6;
