import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';

// The AWS verbs from the CLI, on the paths that make no AWS call: the plan, and the refusals.
// (The calls themselves are asserted in plugins/managed-inference/test/deploy.test.ts.)
const GOLDEN = fileURLToPath(new URL('./__golden__/deploy-plan/sample.txt', import.meta.url));
// No credentials or metadata service can be found, should anything try.
const NO_AWS = {
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};

let box: Sandbox;
let project: string;

beforeAll(async () => {
  box = await sandbox();
  const generated = await mcc(box, ['generate', 'abalone', '--yes', '--offline']);
  expect(generated.exitCode, generated.stderr).toBe(0);
  project = join(box.cwd, 'abalone');
}, 60_000);

afterAll(async () => {
  await rm(box.root, { recursive: true, force: true });
});

describe('mcc deploy --plan', () => {
  it('prints every call of a first deploy with its parameters, as the golden file has it', async () => {
    const run = await mcc(box, ['deploy', '--plan'], NO_AWS, project);
    expect(run.exitCode, run.stderr).toBe(0);
    if (process.env.UPDATE_GOLDEN) {
      await mkdir(dirname(GOLDEN), { recursive: true });
      await writeFile(GOLDEN, run.stdout);
    }
    expect(run.stdout).toBe(await readFile(GOLDEN, 'utf8'));
    expect(existsSync(join(project, '.mcc')), 'a plan writes nothing').toBe(false);
  });

  it('gives the same calls as JSON', async () => {
    const run = await mcc(
      box,
      ['deploy', '--plan', '--json', '--min-copies', '1', '--max-copies', '3'],
      NO_AWS,
      project,
    );
    const out = envelope<{ plan: { service: string; operation: string; input: Record<string, unknown> }[] }>(
      run,
    );
    expect(out.status).toBe(0);
    expect(out.result.plan.map((c) => `${c.service}:${c.operation}`)).toEqual([
      'sts:GetCallerIdentity',
      'service-quotas:ListServiceQuotas',
      'iam:GetRole',
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'sagemaker:CreateEndpointConfig',
      'sagemaker:CreateEndpoint',
      'sagemaker:DescribeEndpoint',
      'sagemaker:CreateInferenceComponent',
      'sagemaker:DescribeInferenceComponent',
      'cloudwatch:PutMetricAlarm',
      'application-auto-scaling:RegisterScalableTarget',
      'application-auto-scaling:PutScalingPolicy',
    ]);
    expect(out.result.plan.at(-2)!.input).toMatchObject({ MinCapacity: 1, MaxCapacity: 3 });
  });
});

describe('mcc deploy --plan for a serverless project', () => {
  const golden = fileURLToPath(new URL('./__golden__/deploy-plan/serverless.txt', import.meta.url));

  it('prints every call of a first deploy with its parameters, as the golden file has it', async () => {
    const generated = await mcc(box, [
      'generate',
      'abalone-serverless',
      '--target',
      'serverless',
      '--yes',
      '--offline',
    ]);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const dir = join(box.cwd, 'abalone-serverless');
    const run = await mcc(box, ['deploy', '--plan'], NO_AWS, dir);
    expect(run.exitCode, run.stderr).toBe(0);
    if (process.env.UPDATE_GOLDEN) await writeFile(golden, run.stdout);
    expect(run.stdout).toBe(await readFile(golden, 'utf8'));
    expect(existsSync(join(dir, '.mcc')), 'a plan writes nothing').toBe(false);
  }, 60_000);
});

describe('mcc deploy --plan for an async project', () => {
  const golden = fileURLToPath(new URL('./__golden__/deploy-plan/async.txt', import.meta.url));

  it('prints every call of a first deploy, topics and scale-to-zero included, as the golden file has it', async () => {
    const generated = await mcc(box, [
      'generate',
      'scoring',
      '--target',
      'async',
      '--option',
      'create-topics=true',
      '--option',
      'scale-to-zero=true',
      '--yes',
      '--offline',
    ]);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const dir = join(box.cwd, 'scoring');
    const run = await mcc(box, ['deploy', '--plan'], NO_AWS, dir);
    expect(run.exitCode, run.stderr).toBe(0);
    if (process.env.UPDATE_GOLDEN) await writeFile(golden, run.stdout);
    expect(run.stdout).toBe(await readFile(golden, 'utf8'));
    expect(existsSync(join(dir, '.mcc')), 'a plan writes nothing').toBe(false);
  }, 60_000);
});

describe('mcc deploy --plan for a batch project', () => {
  const golden = fileURLToPath(new URL('./__golden__/deploy-plan/batch.txt', import.meta.url));

  it('prints the role and model calls, then the transform job mcc invoke would start, as the golden file has it', async () => {
    const generated = await mcc(box, [
      'generate',
      'abalone-batch',
      '--target',
      'batch',
      '--yes',
      '--offline',
    ]);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const dir = join(box.cwd, 'abalone-batch');
    const run = await mcc(box, ['deploy', '--plan'], NO_AWS, dir);
    expect(run.exitCode, run.stderr).toBe(0);
    if (process.env.UPDATE_GOLDEN) await writeFile(golden, run.stdout);
    expect(run.stdout).toBe(await readFile(golden, 'utf8'));
    expect(run.stdout).toContain('CreateTransformJob');
    expect(existsSync(join(dir, '.mcc')), 'a plan writes nothing').toBe(false);
  }, 60_000);
});

describe('mcc build', () => {
  it('runs do/build with the engine found on PATH, its output on stderr and the result as JSON', async () => {
    const bin = join(box.root, 'fake-bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'docker'),
      `#!/bin/sh\necho "docker $*" >&2\n[ -n "$FAKE_FAIL" ] && exit 3\nexit 0\n`,
      { mode: 0o755 },
    );
    const env = { ...NO_AWS, PATH: `${bin}:/usr/bin:/bin` };
    const run = await mcc(box, ['build', '--json'], env, project);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(envelope(run).result).toEqual({ image: 'abalone:0.1.0', platform: 'linux/amd64' });
    expect(run.stderr).toContain(
      'docker build --platform linux/amd64 --tag abalone:0.1.0 --tag abalone:latest .',
    );
    const failed = await mcc(box, ['build', '--json'], { ...env, FAKE_FAIL: '1' }, project);
    expect(failed.exitCode).toBe(1);
    expect(envelope(failed).error).toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringContaining('exit 3'),
    });
  });
});

describe('the verbs refuse clearly', () => {
  it('outside a project, naming the folder, with exit code 2', async () => {
    const run = await mcc(box, ['deploy', '--json'], NO_AWS);
    expect(run.exitCode).toBe(2);
    expect(envelope(run).error).toMatchObject({
      code: 'PROJECT_NOT_FOUND',
      message: expect.stringContaining(box.cwd),
    });
  });

  it('rejects a copy range that is not one', async () => {
    const run = await mcc(box, ['deploy', '--plan', '--min-copies', '0'], NO_AWS, project);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/min-copies/);
  });

  it('destroy asks for --yes when it cannot ask', async () => {
    const run = await mcc(box, ['destroy', '--json'], NO_AWS, project);
    expect(run.exitCode).toBe(2);
    expect(envelope(run).error?.code).toBe('CONFIRMATION_REQUIRED');
  });

  it('status says nothing is deployed before a deploy, without calling AWS', async () => {
    const run = await mcc(box, ['status', '--json'], NO_AWS, project);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(envelope(run).result).toEqual({ region: 'us-east-1', deployed: false, resources: [] });
  });

  it('invoke needs a deployment, and a payload whose type it can tell', async () => {
    const before = await mcc(box, ['invoke', '--json'], NO_AWS, project);
    expect(before.exitCode).toBe(2);
    expect(envelope(before).error?.code).toBe('NOT_DEPLOYED');
    await writeFile(join(box.cwd, 'rows.txt'), '1,2,3\n');
    const unknown = await mcc(box, ['invoke', join(box.cwd, 'rows.txt'), '--json'], NO_AWS, project);
    expect(unknown.exitCode).toBe(2);
    expect(envelope(unknown).error).toMatchObject({
      code: 'CONTENT_TYPE_UNKNOWN',
      message: expect.stringContaining('rows.txt'),
    });
  });

  it('invoke --local is refused by a target that has none, naming it, before anything else', async () => {
    const run = await mcc(box, ['invoke', '--local', '--json'], NO_AWS, project);
    expect(run.exitCode).toBe(2);
    expect(envelope(run).error).toMatchObject({
      code: 'INVOKE_LOCAL_UNSUPPORTED',
      message: expect.stringContaining('The managed-inference target cannot invoke with --local'),
      suggestions: expect.arrayContaining([expect.stringContaining('mcc run')]),
    });
  });

  it('a second deploy or destroy refuses while another holds the project', async () => {
    await mkdir(join(project, '.mcc'), { recursive: true });
    await writeFile(
      join(project, '.mcc', 'lock'),
      JSON.stringify({ pid: process.pid, verb: 'deploy', since: 'now' }),
    );
    try {
      const run = await mcc(box, ['destroy', '--yes', '--json'], NO_AWS, project);
      expect(run.exitCode).toBe(1);
      expect(envelope(run).error).toMatchObject({
        code: 'PROJECT_BUSY',
        message: expect.stringContaining(`pid ${process.pid}`),
      });
    } finally {
      await rm(join(project, '.mcc'), { recursive: true, force: true });
    }
  });
});
