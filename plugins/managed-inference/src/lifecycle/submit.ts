import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';

import { McError, awsErrorName, isNotFound, isRoleNotReady } from '@mcc/sdk';
import type { SubmitResult, VerbContext } from '@mcc/sdk';
import { ensureRepository } from '@mcc/sdk/image';

import { defaultBucket, iamScope, managedInferenceContext } from '../context.js';
import type { ManagedInferenceContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import { repositorySpec } from './repository.js';
import { retryWhileRoleNew } from './role-retry.js';
import * as requests from './requests.js';

/** Folders never uploaded: mcc's state, version control, caches. */
const SKIPPED = new Set(['.mcc', '.git', 'node_modules', '__pycache__', '.pytest_cache', '.venv']);
const POLL_MS = 5_000;
const LOG_TAIL = 20;
const FAILED = new Set(['FAILED', 'FAULT', 'TIMED_OUT', 'STOPPED']);

interface Build {
  id?: string;
  buildStatus?: string;
  currentPhase?: string;
  phases?: {
    phaseType?: string;
    phaseStatus?: string;
    contexts?: { statusCode?: string; message?: string }[];
  }[];
  logs?: { groupName?: string; streamName?: string };
  exportedEnvironmentVariables?: { name?: string; value?: string }[];
}

/** The project folder as a zip, without state, caches or version control. Paths use `/`. */
export function zipProject(dir: string): Uint8Array {
  const files: Zippable = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const mode = statSync(full).mode;
        // Unix mode in the entry, so do/ scripts and code/serve stay executable in the build.
        files[relative(dir, full).split(sep).join('/')] = [
          readFileSync(full),
          { os: 3, attrs: (mode & 0o777) << 16 },
        ];
      }
    }
  };
  walk(dir);
  return zipSync(files, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}

function codebuildProjectInput(
  ctx: ManagedInferenceContext,
  bucket: string,
  sourceKey: string,
  roleArn: string,
  account: string,
): Record<string, unknown> {
  return {
    name: ctx.codebuild.project,
    source: { type: 'S3', location: `${bucket}/${sourceKey}`, buildspec: 'buildspec.yml' },
    artifacts: {
      type: 'S3',
      location: bucket,
      path: ctx.codebuild.artifactPrefix,
      packaging: 'NONE',
      name: '/',
    },
    environment: {
      type: 'LINUX_CONTAINER',
      image: 'aws/codebuild/standard:7.0',
      computeType: 'BUILD_GENERAL1_MEDIUM',
      privilegedMode: true, // the build runs docker
      environmentVariables: [{ name: 'AWS_ACCOUNT_ID', value: account, type: 'PLAINTEXT' }],
    },
    serviceRole: roleArn,
    logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: ctx.logGroups.codebuild } },
    timeoutInMinutes: 60,
    tags: [
      { key: 'mcc:project', value: ctx.names.base },
      { key: 'mcc:managed-by', value: 'mcc' },
    ],
  };
}

/** The state's record of what submit created, kept beside the deployment's. */
export interface SubmitState {
  role?: { name: string; arn: string; createdByMcc: boolean; policyName: string };
  project?: { name: string };
  bucket?: { name: string; createdByMcc: boolean };
}

export const SUBMIT_KEY = 'managed-inference:submit';

/**
 * `mcc submit`: builds and pushes the image in AWS CodeBuild with the project's buildspec.yml. It
 * ensures the ECR repository, the source bucket, a least-privilege role and the CodeBuild project,
 * uploads the project as a zip, starts the build, shows each phase and the build's log lines as they
 * come, and records the pushed image for deploy; a failed build ends with its failing phase's reason.
 */
export async function submit(context: VerbContext): Promise<SubmitResult> {
  const ctx = managedInferenceContext(context.project.input);
  const { aws, progress, clock } = context;
  const state = context.state.read();
  const record = (state.targets[SUBMIT_KEY] as SubmitState | undefined) ?? {};
  const save = () => {
    const current = context.state.read();
    current.targets[SUBMIT_KEY] = record;
    context.state.write(current);
  };
  const identity = await aws.call<{ Account?: string }>(requests.getCallerIdentity());
  const account = identity.Account ?? '';
  await ensureRepository(context, repositorySpec(ctx));

  const bucket = ctx.codebuild.bucket ?? defaultBucket(aws.region, account);
  try {
    await aws.call({ service: 's3', operation: 'HeadBucket', input: { Bucket: bucket } });
  } catch (error) {
    if (!['NotFound', 'NoSuchBucket'].includes(awsErrorName(error))) throw error;
    progress.step(`Creating the S3 bucket ${bucket}`);
    await aws.call({
      service: 's3',
      operation: 'CreateBucket',
      // us-east-1 is the default location and must not be named.
      input: {
        Bucket: bucket,
        ...(aws.region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: aws.region } }),
      },
    });
    record.bucket = { name: bucket, createdByMcc: true };
    save();
  }

  const docs = iamDocuments(iamScope(ctx, account)); // the bucket: ctx's, else the same default
  let roleArn = record.role?.arn;
  let freshRole = false;
  if (!roleArn) {
    const name = ctx.roles.codebuild.name;
    try {
      const found = await aws.call<{ Role?: { Arn?: string } }>(requests.getRole(name));
      roleArn = found.Role?.Arn ?? `arn:${ctx.partition}:iam::${account}:role/${name}`;
      record.role = { name, arn: roleArn, createdByMcc: false, policyName: ctx.roles.codebuild.policyName };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      progress.step(`Creating the CodeBuild role ${name}`);
      const created = await aws.call<{ Role?: { Arn?: string } }>(
        requests.createRole(ctx, 'codebuild', docs),
      );
      roleArn = created.Role?.Arn ?? `arn:${ctx.partition}:iam::${account}:role/${name}`;
      record.role = { name, arn: roleArn, createdByMcc: true, policyName: ctx.roles.codebuild.policyName };
      save();
      await aws.call(requests.putRolePolicy(ctx, 'codebuild', docs));
      freshRole = true;
    }
    save();
  }

  const key = `${ctx.codebuild.sourcePrefix}source.zip`;
  const zip = zipProject(context.project.dir);
  progress.step(`Uploading the project (${Math.ceil(zip.length / 1024)} KiB) to s3://${bucket}/${key}`);
  await aws.call({
    service: 's3',
    operation: 'PutObject',
    input: {
      Bucket: bucket,
      Key: key,
      Body: zip,
      ContentType: 'application/zip',
      ServerSideEncryption: 'AES256',
    },
  });

  const project = codebuildProjectInput(ctx, bucket, key, roleArn, account);
  const existing = await aws.call<{ projects?: unknown[] }>({
    service: 'codebuild',
    operation: 'BatchGetProjects',
    input: { names: [ctx.codebuild.project] },
  });
  const operation = (existing.projects ?? []).length > 0 ? 'UpdateProject' : 'CreateProject';
  progress.step(
    `${operation === 'CreateProject' ? 'Creating' : 'Updating'} the CodeBuild project ${ctx.codebuild.project}`,
  );
  // CodeBuild checks it can assume a role IAM has just created; that takes some seconds.
  const codebuildNotReady = (error: unknown) =>
    isRoleNotReady(error) ||
    (awsErrorName(error) === 'InvalidInputException' && /assume/i.test((error as Error).message));
  await retryWhileRoleNew(() => aws.call({ service: 'codebuild', operation, input: project }), {
    fresh: freshRole,
    notReady: codebuildNotReady,
    clock,
    progress,
  });
  record.project = { name: ctx.codebuild.project };
  save();

  const started = await aws.call<{ build?: Build }>({
    service: 'codebuild',
    operation: 'StartBuild',
    input: { projectName: ctx.codebuild.project },
  });
  const id = started.build?.id;
  if (!id) throw new McError('CodeBuild started no build.', { code: 'SUBMIT_FAILED' });
  progress.step(`Build ${id} started`);
  const build = await follow(context, id);
  if (build.buildStatus !== 'SUCCEEDED') throw await buildFailure(context, build);
  const uri =
    build.exportedEnvironmentVariables?.find((v) => v.name === 'IMAGE_URI')?.value ??
    `${account}.dkr.ecr.${aws.region}.${ctx.dnsSuffix}/${ctx.image.repository}:${ctx.image.tag}`;
  const after = context.state.read();
  after.image = { uri, pushedAt: new Date(clock.now()).toISOString(), by: 'submit' };
  after.targets[SUBMIT_KEY] = record;
  context.state.write(after);
  return { buildId: id, imageUri: uri, region: aws.region };
}

/** Polls the build, printing phase changes and new log lines, until it ends. */
async function follow(context: VerbContext, id: string): Promise<Build> {
  let phase = '';
  let token: string | undefined;
  for (;;) {
    const found = await context.aws.call<{ builds?: Build[] }>({
      service: 'codebuild',
      operation: 'BatchGetBuilds',
      input: { ids: [id] },
    });
    const build = found.builds?.[0] ?? {};
    if (build.currentPhase && build.currentPhase !== phase) {
      phase = build.currentPhase;
      context.progress.step(`phase ${phase}`);
    }
    if (build.logs?.groupName && build.logs.streamName) {
      try {
        const page = await context.aws.call<{ events?: { message?: string }[]; nextForwardToken?: string }>({
          service: 'cloudwatch-logs',
          operation: 'GetLogEvents',
          input: {
            logGroupName: build.logs.groupName,
            logStreamName: build.logs.streamName,
            startFromHead: true,
            ...(token ? { nextToken: token } : {}),
          },
        });
        for (const event of page.events ?? [])
          context.progress.step(`  | ${(event.message ?? '').trimEnd()}`);
        token = page.nextForwardToken ?? token;
      } catch (error) {
        if (!isNotFound(error)) throw error; // the stream appears a little after the build starts
      }
    }
    if (build.buildStatus && build.buildStatus !== 'IN_PROGRESS') return build;
    if (context.signal.aborted) {
      throw new McError(`Stopped following build ${id}; it goes on in CodeBuild.`, {
        code: 'INTERRUPTED',
        suggestions: ['Its result is in the CodeBuild console; run mcc submit again to build anew.'],
      });
    }
    await context.clock.sleep(POLL_MS);
  }
}

async function buildFailure(context: VerbContext, build: Build): Promise<McError> {
  const failed = build.phases?.find((p) => FAILED.has(p.phaseStatus ?? ''));
  const reason = failed?.contexts
    ?.map((c) => c.message)
    .filter(Boolean)
    .join('; ');
  let lines: string[] = [];
  if (build.logs?.groupName && build.logs.streamName) {
    try {
      const page = await context.aws.call<{ events?: { message?: string }[] }>({
        service: 'cloudwatch-logs',
        operation: 'GetLogEvents',
        input: {
          logGroupName: build.logs.groupName,
          logStreamName: build.logs.streamName,
          limit: LOG_TAIL,
          startFromHead: false,
        },
      });
      lines = (page.events ?? []).map((e) => `  | ${(e.message ?? '').trimEnd()}`);
    } catch {
      lines = [];
    }
  }
  const head = failed
    ? `The build ${build.buildStatus ?? 'failed'} in phase ${failed.phaseType}${reason ? `: ${reason}` : '.'}`
    : `The build ended ${build.buildStatus ?? 'without a status'}.`;
  return new McError([head, ...lines].join('\n'), {
    code: 'SUBMIT_FAILED',
    suggestions: ['do/build builds the same Dockerfile locally, which is quicker to debug.'],
  });
}
