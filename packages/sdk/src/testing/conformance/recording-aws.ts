import type { AwsApi, AwsCall } from '../../lifecycle/aws.js';

/**
 * An `AwsApi` that refuses every call and remembers it: handed to code that promised not to call
 * AWS, so that a call is both a failure where it happens and a finding afterwards, even when the
 * plugin catches the error.
 */
export class ForbiddenAws implements AwsApi {
  readonly calls: AwsCall[] = [];

  constructor(
    readonly region = 'us-east-1',
    private readonly why = 'no AWS call is allowed here',
  ) {}

  async call<O>(call: AwsCall): Promise<O> {
    this.calls.push(structuredClone(call));
    const error = new Error(`${call.service}:${call.operation} refused: ${this.why}`);
    error.name = 'AccessDeniedException';
    throw error;
  }
}
