import { McError, awsErrorName } from '@mcc/sdk';
import type { AwsApi, AwsCall, Clock } from '@mcc/sdk';

/** Error codes AWS answers when a caller goes too fast; always safe to retry after a pause. */
export const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
]);

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Pause before the second attempt; doubled each time, with up to half of it added at random. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 6, firstDelayMs: 500, maxDelayMs: 10_000 };

function isStream(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function'
  );
}

/**
 * Retries throttled calls with exponential backoff and jitter, then gives up with an error naming
 * the operation. Every other error passes through unchanged: the verbs decide what it means.
 */
export class RetryingAwsApi implements AwsApi {
  readonly region: string;

  constructor(
    private readonly inner: AwsApi,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly random: () => number = Math.random,
  ) {
    this.region = inner.region;
  }

  async call<O>(call: AwsCall): Promise<O> {
    // A streamed body (an upload from a file) is spent by the first attempt: resending it would
    // send nothing, so such a call is tried once and the verb decides.
    if (Object.values(call.input).some(isStream)) return this.inner.call<O>(call);
    let delay = this.policy.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inner.call<O>(call);
      } catch (error) {
        if (!THROTTLING_ERRORS.has(awsErrorName(error))) throw error;
        if (attempt >= this.policy.attempts) {
          throw new McError(
            `AWS kept throttling ${call.operation} (${awsErrorName(error)}) after ${attempt} attempts.`,
            {
              code: 'AWS_THROTTLED',
              cause: error,
              suggestions: [
                'Wait a minute and run the command again; what was done so far is recorded and is not repeated.',
                'If it persists, other tools in this account may be using up the API rate; Service Quotas shows the limits.',
              ],
            },
          );
        }
        await this.clock.sleep(Math.min(this.policy.maxDelayMs, delay * (1 + this.random() / 2)));
        delay *= 2;
      }
    }
  }
}
