/**
 * SageMaker serverless inference's fixed limits (Developer Guide, "Serverless Inference"), in one
 * place so the options, the context's warnings, `mcc invoke` and the README agree.
 */

/** The memory sizes a serverless variant accepts: 1 GB steps from 1 to 6 GB. */
export const MEMORY_STEPS_MB = [1024, 2048, 3072, 4096, 5120, 6144] as const;

/** ProductionVariantServerlessConfig.MaxConcurrency's range is 1 to this. */
export const MAX_CONCURRENCY_LIMIT = 200;

/** The largest request body an invocation takes. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** An invocation is cut off after this long. */
export const INVOCATION_TIMEOUT_SECONDS = 60;

/** The largest container image a serverless endpoint runs. */
export const MAX_IMAGE_BYTES = 10 * 1024 ** 3;
