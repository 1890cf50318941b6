/**
 * SageMaker asynchronous inference's fixed limits (Developer Guide, "Asynchronous inference"), in
 * one place so the options, `mcc invoke` and the README agree.
 */

/** AsyncInferenceClientConfig.MaxConcurrentInvocationsPerInstance accepts 1 to this. */
export const MAX_CONCURRENT_INVOCATIONS_LIMIT = 1000;

/** The largest request an asynchronous endpoint takes from S3. */
export const MAX_PAYLOAD_BYTES = 1024 ** 3;

/** InvokeEndpointAsync's InvocationTimeoutSeconds accepts at most this (one hour). */
export const MAX_INVOCATION_TIMEOUT_SECONDS = 3600;

/** What SageMaker allows a request when InvocationTimeoutSeconds is not given (15 minutes). */
export const DEFAULT_INVOCATION_TIMEOUT_SECONDS = 900;
