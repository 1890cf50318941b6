import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';

import type { VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';

import { destroy } from '../src/lifecycle/destroy.js';
import { SUBMIT_KEY, submit, zipProject } from '../src/lifecycle/submit.js';
import { projectInput } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcc-submit-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'do'));
  mkdirSync(join(dir, '.mcc'));
  mkdirSync(join(dir, 'code', '__pycache__'), { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12\n');
  writeFileSync(join(dir, 'buildspec.yml'), 'version: 0.2\n');
  writeFileSync(join(dir, 'do', 'build'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(dir, '.mcc', 'state.json'), '{"secret": "arns"}');
  writeFileSync(join(dir, 'code', '__pycache__', 'x.pyc'), 'cache');
  return dir;
}

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone:0.1.0';
const CODEBUILD_ROLE = 'arn:aws:iam::123456789012:role/mcc-abalone-codebuild';

function harness(dir: string, state = new MemoryState()) {
  const aws = new FakeAws()
    .on('GetCallerIdentity', { Account: '123456789012' })
    .on('DescribeRepositories', { repositories: [{}] })
    .on('HeadBucket', awsError('NotFound', 'Not Found'))
    .on('GetRole', awsError('NoSuchEntityException', 'not found'))
    .on('CreateRole', { Role: { Arn: CODEBUILD_ROLE } })
    .on('BatchGetProjects', { projects: [] })
    .on('StartBuild', { build: { id: 'abalone-build:1' } })
    .on(
      'BatchGetBuilds',
      {
        builds: [
          {
            buildStatus: 'IN_PROGRESS',
            currentPhase: 'BUILD',
            logs: { groupName: '/aws/codebuild/abalone-build', streamName: 's1' },
          },
        ],
      },
      {
        builds: [
          {
            buildStatus: 'SUCCEEDED',
            currentPhase: 'COMPLETED',
            logs: { groupName: '/aws/codebuild/abalone-build', streamName: 's1' },
            exportedEnvironmentVariables: [{ name: 'IMAGE_URI', value: IMAGE }],
          },
        ],
      },
    )
    .on(
      'GetLogEvents',
      { events: [{ message: 'Step 1/9 : FROM python\n' }], nextForwardToken: 'f1' },
      { events: [], nextForwardToken: 'f1' },
    );
  const progress = new RecordedProgress();
  const context: VerbContext = {
    project: { dir, input: projectInput() },
    aws,
    state,
    progress,
    clock: new FakeClock(),
    signal: new AbortController().signal,
  };
  return { aws, state, progress, context };
}

describe('mcc submit', () => {
  it('zips the project without state, caches or version control, keeping modes', () => {
    const files = unzipSync(zipProject(projectDir()));
    expect(Object.keys(files).sort()).toEqual(['Dockerfile', 'buildspec.yml', 'do/build']);
  });

  it('ensures bucket, role and project, uploads, builds with logs shown, and records the image', async () => {
    const h = harness(projectDir());
    const result = await submit(h.context);
    expect(h.aws.operations()).toEqual([
      'GetCallerIdentity',
      'DescribeRepositories',
      'HeadBucket',
      'CreateBucket',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'PutObject',
      'BatchGetProjects',
      'CreateProject',
      'StartBuild',
      'BatchGetBuilds',
      'GetLogEvents',
      'BatchGetBuilds',
      'GetLogEvents',
    ]);
    expect(h.aws.input('CreateBucket')).toEqual({ Bucket: 'sagemaker-us-east-1-123456789012' });
    const put = h.aws.input('PutObject');
    expect(put).toMatchObject({
      Bucket: 'sagemaker-us-east-1-123456789012',
      Key: 'mcc/abalone/source/source.zip',
      ServerSideEncryption: 'AES256',
    });
    expect(Object.keys(unzipSync(put.Body as Uint8Array))).toContain('buildspec.yml');
    const trust = JSON.parse(h.aws.input('CreateRole').AssumeRolePolicyDocument as string);
    expect(trust.Statement[0].Principal).toEqual({ Service: 'codebuild.amazonaws.com' });
    expect(trust.Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': '123456789012' });
    expect(h.aws.input('CreateProject')).toMatchObject({
      name: 'abalone-build',
      source: {
        type: 'S3',
        location: 'sagemaker-us-east-1-123456789012/mcc/abalone/source/source.zip',
        buildspec: 'buildspec.yml',
      },
      environment: {
        privilegedMode: true,
        environmentVariables: [{ name: 'AWS_ACCOUNT_ID', value: '123456789012', type: 'PLAINTEXT' }],
      },
      serviceRole: CODEBUILD_ROLE,
      logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: '/aws/codebuild/abalone-build' } },
    });
    expect(h.aws.input('GetLogEvents', 1)).toMatchObject({ nextToken: 'f1' });
    expect(h.progress.lines).toContain('step: phase BUILD');
    expect(h.progress.lines).toContain('step:   | Step 1/9 : FROM python');
    expect(result).toEqual({ buildId: 'abalone-build:1', imageUri: IMAGE, region: 'us-east-1' });
    expect(h.state.read().image).toMatchObject({ uri: IMAGE, by: 'submit' });
  });

  it('names the failing phase and its reason, with the last log lines', async () => {
    const h = harness(projectDir());
    h.aws.on('BatchGetBuilds', {
      builds: [
        {
          buildStatus: 'FAILED',
          logs: { groupName: 'g', streamName: 's' },
          phases: [
            { phaseType: 'PRE_BUILD', phaseStatus: 'SUCCEEDED' },
            {
              phaseType: 'BUILD',
              phaseStatus: 'FAILED',
              contexts: [
                {
                  statusCode: 'COMMAND_EXECUTION_ERROR',
                  message: 'Error while executing command: docker build. Reason: exit status 1',
                },
              ],
            },
          ],
        },
      ],
    });
    await expect(submit(h.context)).rejects.toMatchObject({
      code: 'SUBMIT_FAILED',
      message: expect.stringContaining(
        'The build FAILED in phase BUILD: Error while executing command: docker build',
      ),
    });
    expect(h.state.read().image).toBeUndefined();
  });

  it('reuses what exists, and destroy removes the project and the role it created', async () => {
    const h = harness(projectDir());
    await submit(h.context);
    const again = harness(h.context.project.dir, h.state);
    again.aws.on('HeadBucket', {}).on('BatchGetProjects', { projects: [{ name: 'abalone-build' }] });
    await submit(again.context);
    expect(again.aws.operations()).not.toContain('CreateRole');
    expect(again.aws.operations()).not.toContain('CreateBucket');
    expect(again.aws.operations()).toContain('UpdateProject');

    const gone = harness(h.context.project.dir, h.state);
    const result = await destroy(gone.context);
    expect(gone.aws.operations()).toEqual(['DeleteProject', 'DeleteRolePolicy', 'DeleteRole']);
    expect(result.deleted.map((d) => d.kind)).toEqual(['CodeBuild project', 'CodeBuild role']);
    expect(h.state.read().targets[SUBMIT_KEY]).toBeUndefined();
    expect(
      gone.progress.lines.some((line) =>
        line.includes('Kept the S3 bucket sagemaker-us-east-1-123456789012'),
      ),
    ).toBe(true);
  });
});
