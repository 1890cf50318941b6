import { randomBytes } from 'node:crypto';

import { awsErrorName, isNotFound, McError, responseBodyText, s3Folder, usageError, waitFor } from '@mcc/sdk';
import type { InvokeOptions, InvokeResult, S3Location, VerbContext } from '@mcc/sdk';

import { MAX_INVOCATION_TIMEOUT_SECONDS, MAX_PAYLOAD_BYTES } from '../limits.js';
import * as s3 from './s3-requests.js';
import { readAsync } from './state.js';

/**
 * How long `mcc invoke` waits for a result: the longest a request may run, plus time for it to wait
 * in the queue and for a scaled-to-zero endpoint to start an instance.
 */
export const RESULT_WAIT_MS = (MAX_INVOCATION_TIMEOUT_SECONDS + 20 * 60) * 1000;

type Outcome = { kind: 'output' | 'failure'; location: S3Location } | { kind: 'pending' };

/** A key unique per request: the time for ordering in a listing, random bytes against collisions. */
export function requestKey(now: number): string {
  return `${now.toString(36)}-${randomBytes(4).toString('hex')}`;
}

function isForbidden(error: unknown): boolean {
  const name = awsErrorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return name === 'Forbidden' || name === 'AccessDenied' || status === 403;
}

/** Where SageMaker said it will write; it answers with `s3://` URIs. */
function located(uri: string | undefined): S3Location | undefined {
  if (!uri) return undefined;
  const { bucket, prefix } = s3Folder(uri);
  return { bucket, prefix: prefix.replace(/\/$/, '') };
}

/** The input object of this request: the user's own S3 object, or the payload uploaded to the project's input folder. */
async function stageInput(
  context: VerbContext,
  options: InvokeOptions,
  inputFolder: string,
): Promise<string> {
  if (options.s3Input) {
    if (!/^s3:\/\/[^/]+\/.*[^/]$/.test(options.s3Input)) {
      throw usageError(
        'S3_INPUT_NOT_OBJECT',
        `${options.s3Input} names a folder; an asynchronous request is one object (s3://bucket/key).`,
        ['Name the object, e.g. s3://my-bucket/requests/rows.csv, or pass a local file.'],
      );
    }
    context.progress.step(`Using ${options.s3Input} as the request (nothing uploaded)`);
    return options.s3Input;
  }
  const payload = options.payload;
  if (!payload)
    throw usageError('PAYLOAD_NOT_FOUND', 'No payload given.', ['Pass a payload file: mcc invoke rows.csv']);
  if (payload.bytes > MAX_PAYLOAD_BYTES) {
    throw usageError(
      'PAYLOAD_TOO_LARGE',
      `The payload ${payload.origin} has ${payload.bytes} bytes; SageMaker asynchronous endpoints take at most ${MAX_PAYLOAD_BYTES} (1 GB).`,
      ['Split the input, or use a batch transform job for larger data.'],
    );
  }
  const input = s3Folder(inputFolder);
  const key = `${input.prefix}${requestKey(context.clock.now())}`;
  const uri = `s3://${input.bucket}/${key}`;
  context.progress.step(`Uploading ${payload.bytes} bytes to ${uri}`);
  await context.aws.call(
    s3.putObject(
      input.bucket,
      key,
      payload.stream(),
      payload.bytes,
      options.contentType ?? 'application/octet-stream',
    ),
  );
  return uri;
}

/**
 * `mcc invoke`: streams the payload into the project's input folder (or takes the user's S3
 * object as it is), queues it with InvokeEndpointAsync, and polls for the result object (or the
 * failure object, whose content is the error) with progress, up to RESULT_WAIT_MS.
 */
export async function invoke(context: VerbContext, options: InvokeOptions): Promise<InvokeResult> {
  const section = readAsync(context.state);
  if (!section?.endpoint || !section.paths) {
    throw usageError('NOT_DEPLOYED', 'This project has no async endpoint to invoke: mcc has recorded none.', [
      'Run do/deploy (mcc deploy) first; `mcc status` shows what is recorded.',
    ]);
  }
  const inputUri = await stageInput(context, options, section.paths.input);
  const queued = await context.aws.call<{
    OutputLocation?: string;
    FailureLocation?: string;
    InferenceId?: string;
  }>(s3.invokeEndpointAsync(section.endpoint.name, inputUri, options.contentType, options.accept));
  const output = located(queued.OutputLocation);
  if (!output) {
    throw new McError('SageMaker queued the request but named no output location.', {
      code: 'INVOKE_FAILED',
    });
  }
  const failure = located(queued.FailureLocation);
  context.progress.step(
    `Queued as ${queued.InferenceId ?? 'a request'}; the result will be ${queued.OutputLocation}`,
  );
  const exists = async (location: S3Location) => {
    try {
      await context.aws.call(s3.headObject(location.bucket, location.prefix));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      // Without s3:ListBucket, S3 answers a missing object with 403, not 404: the two cannot be told
      // apart, so the wait cannot go on; the request itself is queued and will finish.
      if (isForbidden(error)) {
        throw new McError(
          `S3 refused to say whether the result exists yet (${awsErrorName(error) || 'Forbidden'} on s3://${location.bucket}/${location.prefix}).`,
          {
            code: 'RESULT_NOT_READABLE',
            cause: error,
            suggestions: [
              `Your AWS identity needs s3:ListBucket on the bucket ${location.bucket} (S3 answers 403 instead of 404 without it) and s3:GetObject on the results.`,
              `The request is queued regardless: its result will be ${queued.OutputLocation ?? ''}.`,
            ],
          },
        );
      }
      throw error;
    }
  };
  const outcome = await waitFor<Outcome>({
    what: `request ${queued.InferenceId ?? inputUri}`,
    check: async () => {
      if (await exists(output)) return { kind: 'output', location: output };
      if (failure && (await exists(failure))) return { kind: 'failure', location: failure };
      return { kind: 'pending' };
    },
    state: (o) => (o.kind === 'pending' ? 'waiting' : 'done'),
    describe: () => 'queued or running',
    timeoutMs: RESULT_WAIT_MS,
    timeoutCode: 'INVOKE_TIMEOUT',
    timeoutHint: `The request may still finish: its result will be ${queued.OutputLocation}.`,
    clock: context.clock,
    progress: context.progress,
    signal: context.signal,
  });
  if (outcome.kind === 'pending') throw new McError('unreachable', { code: 'INVOKE_FAILED' });
  const read = await context.aws.call<{ Body?: unknown; ContentType?: string }>(
    s3.getObject(outcome.location.bucket, outcome.location.prefix),
  );
  const text = await responseBodyText(read.Body);
  if (outcome.kind === 'failure') {
    throw new McError(`The endpoint failed the request: ${text.trim() || '(an empty failure object)'}`, {
      code: 'INVOKE_FAILED',
      suggestions: [
        `The failure is kept at ${queued.FailureLocation ?? ''}; \`mcc logs\` shows the container’s side.`,
      ],
    });
  }
  return { contentType: read.ContentType ?? '', body: text };
}
