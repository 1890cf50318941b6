/**
 * AWS as the lifecycle verbs see it: plain descriptions of API calls, made through an `AwsApi` that
 * core provides (the AWS SDK for JavaScript, loaded only by these verbs) and tests replace. A call is
 * data, so `--plan` prints the very calls a run would make, and tests assert them field by field.
 */

/** The services mcc's targets call, by the AWS SDK's client name (`@aws-sdk/client-<service>`). */
export const AWS_SERVICES = [
  'sts',
  'iam',
  'ecr',
  's3',
  'sagemaker',
  'sagemaker-runtime',
  'application-auto-scaling',
  'cloudwatch',
  'cloudwatch-logs',
  'codebuild',
  'service-quotas',
  'eks',
  'sns',
] as const;

export type AwsService = (typeof AWS_SERVICES)[number];

/** One API call: `{service: 'sagemaker', operation: 'CreateEndpoint', input: {...}}`. */
export interface AwsCall {
  service: AwsService;
  /** The API's operation name as in the AWS API reference, e.g. `CreateEndpointConfig`. */
  operation: string;
  /** The request, shaped exactly as the API reference (and the SDK's `<Operation>Command`) takes it. */
  input: Readonly<Record<string, unknown>>;
}

/** Makes AWS calls. Errors are the SDK's: an `Error` whose `name` is the AWS error code. */
export interface AwsApi {
  /** The region calls go to. */
  readonly region: string;
  call<O = Record<string, unknown>>(call: AwsCall): Promise<O>;
}

/** The AWS error code of an error from `AwsApi.call` (`ThrottlingException`, `ValidationException` …). */
export function awsErrorName(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : '';
}

/** The error's message, or its string form. */
export function awsErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
