import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

import {
  isWithin,
  lastLogLines,
  McError,
  S3_URI_PATTERN,
  s3Folder,
  s3Uri,
  usageError,
  waitFor,
} from '@mcc/sdk';
import type { AwsCall, InvokeOptions, InvokeResult, S3Location, VerbContext } from '@mcc/sdk';

import { batchContext } from '../context.js';
import type { BatchContext } from '../context.js';
import { jobName } from '../names.js';
import { explainFault } from './faults.js';
import { previewResults } from './preview.js';
import * as requests from './requests.js';
import { readBatch, recordJobStatus, saveBatch } from './state.js';
import type { BatchState } from './state.js';

/** How long `mcc invoke` follows a job before handing it to `mcc status`: the job keeps running. */
export const JOB_WAIT_MS = 2 * 60 * 60_000;
const FAILURE_LOG_LINES = 20;

interface DescribedJob {
  TransformJobStatus?: string;
  FailureReason?: string;
}

/** Where the job reads: a folder (every object under it) or one object, and how to list it. */
interface JobInput {
  uri: string;
  /** The ListObjectsV2 prefix proving it is not empty. */
  listed: S3Location;
}

function notDeployed(): McError {
  return usageError(
    'NOT_DEPLOYED',
    'This project has no batch model to run a job with: mcc has recorded none.',
    ['Run do/deploy (mcc deploy) first; `mcc status` shows what is recorded.'],
  );
}

/**
 * The S3 input a user named: a folder when it ends in `/` or its last part has no extension
 * (`s3://b/scoring/2026-11`), else one object (`s3://b/in/rows.csv`), which S3Prefix matches too.
 */
function namedInput(uri: string): JobInput {
  if (!S3_URI_PATTERN.test(uri)) {
    throw usageError('S3_URI_INVALID', `${uri} is not an S3 location.`, ['Write it as s3://bucket/prefix/.']);
  }
  const found = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri)!;
  const key = found[2]!;
  if (key === '' || key.endsWith('/') || !/\.[A-Za-z0-9]+$/.test(key)) {
    const folder = s3Folder(uri);
    return { uri: s3Uri(folder), listed: folder };
  }
  return { uri, listed: { bucket: found[1]!, prefix: key } };
}

/**
 * `mcc invoke` for batch: a transform job over an S3 folder (the one named, the payload file
 * uploaded into a folder of its own, or the project's input folder), followed until it ends, then
 * a preview of its results. The job is recorded before it is waited on, so Ctrl-C or a timeout
 * leaves it known to `mcc status`, `mcc logs` and `mcc destroy`.
 */
export async function invoke(context: VerbContext, options: InvokeOptions): Promise<InvokeResult> {
  const section = readBatch(context.state);
  const model = section?.models.at(-1);
  if (!section || !model || !section.paths) throw notDeployed();
  const ctx = batchContext(context.project.input);
  for (const warning of ctx.warnings) context.progress.warn(warning);
  const name = jobName(ctx.names.base, context.clock.now(), randomBytes(2).toString('hex'));
  const home = { input: s3Folder(section.paths.input), output: s3Folder(section.paths.output) };
  let current: AwsCall | undefined;
  const call = <O>(request: AwsCall): Promise<O> => {
    current = request;
    return context.aws.call<O>(request);
  };
  try {
    const input = await stageInput(context, ctx, options, home.input, name, call);
    checkReadable(ctx, section, input, home.input);
    const listed = await call<{ KeyCount?: number; Contents?: unknown[] }>(
      requests.listObjects(input.listed, 1),
    );
    if ((listed.KeyCount ?? listed.Contents?.length ?? 0) === 0) {
      throw usageError(
        'INPUT_EMPTY',
        `There is nothing to transform: ${s3Uri(input.listed)} holds no object.`,
        [
          `Upload the records first (aws s3 cp rows.csv ${s3Uri(home.input)}), or pass a local file: mcc invoke rows.csv`,
        ],
      );
    }
    const output = { bucket: home.output.bucket, prefix: `${home.output.prefix}${name}/` };
    const spec: requests.JobSpec = {
      name,
      model,
      inputUri: input.uri,
      output,
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(options.accept ? { accept: options.accept } : {}),
    };
    context.progress.step(
      `Starting the transform job ${name} on ${ctx.batch.instanceCount} × ${ctx.instanceType}: ${input.uri} → ${s3Uri(output)}`,
    );
    await call(requests.createTransformJob(ctx, spec));
    section.jobs.push({
      name,
      model,
      input: input.uri,
      output: s3Uri(output),
      startedAt: new Date(context.clock.now()).toISOString(),
      status: 'InProgress',
    });
    saveBatch(context.state, section);
    await follow(context, ctx, name, s3Uri(output), call);
    return await previewResults({ call }, output, spec.accept ?? ctx.batch.accept);
  } catch (error) {
    throw explainFault(error, current, ctx.instanceType, context.aws.region);
  }
}

/** The job's input: the folder named, the payload uploaded under a folder of this job, or the project's. */
async function stageInput(
  context: VerbContext,
  ctx: BatchContext,
  options: InvokeOptions,
  home: S3Location,
  job: string,
  call: (request: AwsCall) => Promise<unknown>,
): Promise<JobInput> {
  if (options.s3Input) return namedInput(options.s3Input);
  if (!options.payload) return { uri: s3Uri(home), listed: home };
  const payload = options.payload;
  const folder = { bucket: home.bucket, prefix: `${home.prefix}${job}/` };
  const key = `${folder.prefix}${basename(payload.origin) || 'request'}`;
  context.progress.step(`Uploading ${payload.bytes} bytes to s3://${folder.bucket}/${key}`);
  await call(
    requests.putObject(
      folder.bucket,
      key,
      payload.stream(),
      payload.bytes,
      options.contentType ?? ctx.batch.contentType,
    ),
  );
  return { uri: s3Uri(folder), listed: folder };
}

/**
 * The role mcc made from iam/ reads the configured input folder only: another folder would fail
 * the job minutes later with AccessDenied, so it is refused now. A role of the user's is theirs to scope.
 */
function checkReadable(ctx: BatchContext, section: BatchState, input: JobInput, home: S3Location): void {
  const usersRole =
    ctx.role.arn !== undefined || (section.role !== undefined && section.role.name !== ctx.role.name);
  if (usersRole || isWithin(input.listed, home)) return;
  throw usageError(
    'INPUT_NOT_READABLE',
    `The execution role ${ctx.role.name} may read only ${s3Uri(home)}, not ${input.uri}.`,
    [
      `Copy the data under ${s3Uri(home)}, e.g. aws s3 sync ${input.uri} ${s3Uri(home)}`,
      `Or regenerate with --option input-path=${input.uri} and run mcc deploy (the role is updated), or use --option role-arn with a role of your own.`,
    ],
  );
}

/** Polls DescribeTransformJob until the job ends; a failure carries SageMaker's reason and the job's last log lines. */
async function follow(
  context: VerbContext,
  ctx: BatchContext,
  name: string,
  output: string,
  call: <O>(request: AwsCall) => Promise<O>,
): Promise<void> {
  const started = context.clock.now();
  const hint = `The job ${name} keeps running: \`mcc status\` shows it, \`mcc logs --follow\` follows it, and its results will be in ${output}.`;
  try {
    const done = await waitFor<DescribedJob>({
      what: `transform job ${name}`,
      check: () => call<DescribedJob>(requests.describeTransformJob(name)),
      state: (d) =>
        d.TransformJobStatus === 'Completed'
          ? 'done'
          : d.TransformJobStatus === 'Failed' || d.TransformJobStatus === 'Stopped'
            ? 'failed'
            : 'waiting',
      failure: async (d) => {
        recordJobStatus(context.state, name, d.TransformJobStatus ?? 'Failed');
        if (d.TransformJobStatus === 'Stopped') {
          return new McError(`The transform job ${name} was stopped before it finished.`, {
            code: 'JOB_STOPPED',
            suggestions: [`Results written before it stopped are in ${output}.`],
          });
        }
        const lines = await lastLogLines(
          { call },
          { group: ctx.logGroup, streamPrefix: `${name}/` },
          started,
          FAILURE_LOG_LINES,
        );
        const detail = [
          `The transform job ${name} failed: ${d.FailureReason ?? 'SageMaker gave no reason'}`,
          ...lines.map((line) => `  | ${line}`),
        ];
        return new McError(detail.join('\n'), {
          code: 'JOB_FAILED',
          suggestions: [
            'Try the records against the image locally: do/run, then curl --data-binary @rows.csv localhost:8080/invocations.',
            `\`mcc logs\` shows the job's whole log (${ctx.logGroup}, streams ${name}/…).`,
          ],
        });
      },
      describe: (d) => d.TransformJobStatus ?? 'unknown',
      timeoutMs: JOB_WAIT_MS,
      timeoutCode: 'INVOKE_TIMEOUT',
      timeoutHint: hint,
      clock: context.clock,
      progress: context.progress,
      signal: context.signal,
    });
    recordJobStatus(context.state, name, done.TransformJobStatus ?? 'Completed');
  } catch (error) {
    if ((error as { code?: string }).code === 'INTERRUPTED') {
      throw new McError(
        `Stopped waiting for the transform job ${name}; it keeps running (and billing) in SageMaker.`,
        {
          code: 'INTERRUPTED',
          suggestions: [hint, '`mcc destroy` stops it.'],
        },
      );
    }
    throw error;
  }
}
