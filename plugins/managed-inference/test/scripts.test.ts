import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { projectInput, renderProject } from './fixtures.js';
import { sandbox } from './sandbox.js';
import type { Sandbox } from './sandbox.js';

let project: string;
let podmanProject: string;
let gpuProject: string;
let s3Project: string;
let elsewhere: string;

beforeAll(async () => {
  project = await realpath((await renderProject(projectInput())).dir);
  podmanProject = (await renderProject(projectInput({ options: { 'container-engine': 'podman' } }))).dir;
  gpuProject = (
    await renderProject(
      projectInput({
        project: { name: 'llm', imageName: 'llm', version: '0.2.0' },
        model: { source: 'huggingface', sample: false, delivery: 'runtime', location: 'org/model' },
        instance: { instanceType: 'ml.g5.xlarge', acceleratorCount: 1 },
      }),
    )
  ).dir;
  s3Project = await realpath(
    (
      await renderProject(
        projectInput({
          project: { name: 'llm-s3', imageName: 'llm-s3', version: '0.2.0' },
          model: { source: 's3', sample: false, delivery: 'runtime', location: 's3://models/team/llm' },
          instance: { instanceType: 'ml.g5.xlarge', acceleratorCount: 1 },
        }),
      )
    ).dir,
  );
  elsewhere = await mkdtemp(join(tmpdir(), 'mcc-mi-cwd-'));
});

/** Runs a generated script from an unrelated directory, with only the sandbox on PATH. */
function run(
  dir: string,
  script: string,
  box: Sandbox,
  args: string[] = [],
  env: Record<string, string> = {},
) {
  const result = spawnSync(join(dir, 'do', script), args, {
    cwd: elsewhere,
    env: box.env(env),
    encoding: 'utf8',
    // stdin from /dev/null: on a socket (Node's default pipe) bash would read ~/.bashrc.
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return result;
}

describe('do/build', () => {
  it('prefers docker, builds for linux/amd64 and tags the version and latest, from the project root', async () => {
    const box = await sandbox(['docker', 'podman']);
    const result = run(project, 'build', box);
    expect(result.stderr).toContain('Building abalone:0.1.0 for linux/amd64 with docker');
    expect(result.status).toBe(0);
    expect(await box.calls()).toEqual([
      {
        command: 'docker',
        cwd: project,
        args: [
          'build',
          '--platform',
          'linux/amd64',
          '--tag',
          'abalone:0.1.0',
          '--tag',
          'abalone:latest',
          '.',
        ],
      },
    ]);
  });

  it('falls back to podman when docker is absent', async () => {
    const box = await sandbox(['podman']);
    expect(run(project, 'build', box).status).toBe(0);
    const calls = await box.calls();
    expect(calls.map((c) => c.command)).toEqual(['podman']);
    expect(calls[0]!.args.slice(0, 3)).toEqual(['build', '--platform', 'linux/amd64']);
  });

  it('fails naming docker and podman when neither is installed', async () => {
    const box = await sandbox([]);
    const result = run(project, 'build', box);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/neither docker nor podman/);
  });

  it('honours MCC_CONTAINER_ENGINE over the automatic choice', async () => {
    const box = await sandbox(['docker', 'podman']);
    expect(run(project, 'build', box, [], { MCC_CONTAINER_ENGINE: 'podman' }).status).toBe(0);
    expect((await box.calls()).map((c) => c.command)).toEqual(['podman']);
  });

  it('honours the container-engine option, which MCC_CONTAINER_ENGINE still overrides', async () => {
    const box = await sandbox(['docker', 'podman']);
    expect(run(podmanProject, 'build', box).status).toBe(0);
    expect(run(podmanProject, 'build', box, [], { MCC_CONTAINER_ENGINE: 'docker' }).status).toBe(0);
    expect((await box.calls()).map((c) => c.command)).toEqual(['podman', 'docker']);
  });

  it('refuses a chosen engine that is not installed, and an unknown engine', async () => {
    const box = await sandbox(['podman']);
    const missing = run(project, 'build', box, [], { MCC_CONTAINER_ENGINE: 'docker' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/docker was not found on PATH/);
    const unknown = run(project, 'build', box, [], { MCC_CONTAINER_ENGINE: 'nerdctl' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/must be auto, docker or podman, not 'nerdctl'/);
    expect(await box.calls()).toEqual([]);
  });

  it('takes the platform from MCC_PLATFORM, a base image from BASE_IMAGE, and passes extra options on', async () => {
    const box = await sandbox(['docker']);
    const env = { MCC_PLATFORM: 'linux/arm64', BASE_IMAGE: 'python:3.11-slim' };
    expect(run(project, 'build', box, ['--no-cache'], env).status).toBe(0);
    const [call] = await box.calls();
    expect(call!.args).toEqual([
      'build',
      '--platform',
      'linux/arm64',
      '--tag',
      'abalone:0.1.0',
      '--tag',
      'abalone:latest',
      '--build-arg',
      'BASE_IMAGE=python:3.11-slim',
      '--no-cache',
      '.',
    ]);
  });

  it('stops with the engine’s exit status when the build fails', async () => {
    const box = await sandbox(['docker']);
    expect(run(project, 'build', box, [], { STUB_ENGINE_STATUS: '3' }).status).toBe(3);
  });
});

describe('do/run', () => {
  it('starts the image with serve on 8080, waits for /ping and says how to invoke and stop it', async () => {
    const box = await sandbox(['docker', 'podman', 'curl']);
    const result = run(project, 'run', box);
    expect(result.stderr).toContain('abalone-local is serving on http://127.0.0.1:8080');
    expect(result.stderr).toMatch(/invoke: curl .*\/invocations/);
    expect(result.stderr).toContain('stop:   docker rm --force abalone-local');
    expect(result.status).toBe(0);
    const calls = await box.calls();
    expect(calls.map((c) => [c.command, ...c.args])).toEqual([
      ['docker', 'image', 'inspect', 'abalone:0.1.0'],
      ['docker', 'rm', '--force', 'abalone-local'],
      [
        'docker',
        'run',
        '--detach',
        '--name',
        'abalone-local',
        '--publish',
        '127.0.0.1:8080:8080',
        'abalone:0.1.0',
        'serve',
      ],
      [
        'curl',
        '--silent',
        '--fail',
        '--max-time',
        '5',
        '--output',
        '/dev/null',
        'http://127.0.0.1:8080/ping',
      ],
    ]);
  });

  it('publishes on PORT and keeps polling /ping until it answers', async () => {
    const box = await sandbox(['podman', 'curl']);
    const result = run(project, 'run', box, [], { PORT: '9090', STUB_CURL_FAILS: '1' });
    expect(result.status).toBe(0);
    const calls = await box.calls();
    expect(calls.find((c) => c.args[0] === 'run')!.args).toContain('127.0.0.1:9090:8080');
    expect(calls.filter((c) => c.command === 'curl').map((c) => c.args.at(-1))).toEqual([
      'http://127.0.0.1:9090/ping',
      'http://127.0.0.1:9090/ping',
    ]);
  });

  it('gives up after MCC_RUN_TIMEOUT seconds, showing the container logs', async () => {
    const box = await sandbox(['docker', 'curl']);
    const result = run(project, 'run', box, [], { MCC_RUN_TIMEOUT: '1', STUB_CURL_FAILS: '1000' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no answer from http:\/\/127.0.0.1:8080\/ping within 1s/);
    expect((await box.calls()).some((c) => c.args.join(' ') === 'logs --tail 50 abalone-local')).toBe(true);
  });

  it('stops waiting as soon as the container exits', async () => {
    const box = await sandbox(['docker', 'curl']);
    const result = run(project, 'run', box, [], { STUB_RUNNING: 'false', STUB_CURL_FAILS: '1000' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/container stopped before answering \/ping/);
  });

  it('asks for do/build when the image is missing, and refuses a bad PORT', async () => {
    const box = await sandbox(['docker', 'curl']);
    const missing = run(project, 'run', box, [], { STUB_IMAGE_STATUS: '1' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/image abalone:0.1.0 not found; build it first with do\/build/);
    const badPort = run(project, 'run', box, [], { PORT: '80a' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/PORT must be a number from 1 to 65535, not '80a'/);
  });

  it('fails naming docker and podman when neither is installed', async () => {
    const box = await sandbox(['curl']);
    const result = run(project, 'run', box);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/neither docker nor podman/);
  });

  it('gives a GPU project the GPUs and passes the hub token by name only', async () => {
    const docker = await sandbox(['docker', 'curl']);
    expect(run(gpuProject, 'run', docker, [], { HF_TOKEN: 'hf_secret_value' }).status).toBe(0);
    const dockerRun = (await docker.calls()).find((c) => c.args[0] === 'run')!;
    expect(dockerRun.args).toEqual(expect.arrayContaining(['--env', 'HF_TOKEN', '--gpus', 'all']));
    expect(dockerRun.args).not.toContain('HF_ENDPOINT');
    expect(JSON.stringify(await docker.calls())).not.toContain('hf_secret_value');

    const podman = await sandbox(['podman', 'curl']);
    expect(run(gpuProject, 'run', podman, [], { MCC_GPUS: 'none' }).status).toBe(0);
    expect(run(gpuProject, 'run', podman).status).toBe(0);
    const podmanRuns = (await podman.calls()).filter((c) => c.args[0] === 'run');
    expect(podmanRuns[0]!.args.join(' ')).not.toContain('nvidia.com/gpu');
    expect(podmanRuns[1]!.args).toEqual(expect.arrayContaining(['--device', 'nvidia.com/gpu=all']));
  });
});

describe('do/run with a model in S3', () => {
  const volumeOf = (args: string[]) => args[args.indexOf('--volume') + 1];

  it('syncs a copy with the AWS CLI and mounts it read-only where SageMaker puts the model', async () => {
    const box = await sandbox(['docker', 'curl', 'aws']);
    const result = run(s3Project, 'run', box, [], { AWS_SECRET_ACCESS_KEY: 'not-for-the-container' });
    expect(result.stderr).toContain('Syncing s3://models/team/llm/ into .mcc/model');
    expect(result.status).toBe(0);
    const calls = await box.calls();
    const sync = calls.find((c) => c.command === 'aws')!;
    expect(sync).toEqual({
      command: 'aws',
      cwd: s3Project,
      args: ['s3', 'sync', '--only-show-errors', 's3://models/team/llm/', '.mcc/model'],
    });
    const dockerRun = calls.find((c) => c.args[0] === 'run')!;
    expect(volumeOf(dockerRun.args)).toBe(`${s3Project}/.mcc/model:/opt/ml/model:ro`);
    // The host syncs; the container gets no AWS keys.
    expect(dockerRun.args.join(' ')).not.toMatch(/AWS_/);
  });

  it('mounts MCC_MODEL_DIR as it is, without the AWS CLI', async () => {
    const box = await sandbox(['docker', 'curl']);
    const result = run(s3Project, 'run', box, [], { MCC_MODEL_DIR: elsewhere });
    expect(result.status).toBe(0);
    const dockerRun = (await box.calls()).find((c) => c.args[0] === 'run')!;
    expect(volumeOf(dockerRun.args)).toBe(`${await realpath(elsewhere)}:/opt/ml/model:ro`);
  });

  it('says what to do without the AWS CLI or with a MCC_MODEL_DIR that is not a directory', async () => {
    const box = await sandbox(['docker', 'curl']);
    const noCli = run(s3Project, 'run', box);
    expect(noCli.status).toBe(1);
    expect(noCli.stderr).toContain(
      'the model is in s3://models/team/llm/; install the AWS CLI to copy it, or set MCC_MODEL_DIR to a local copy',
    );
    const notDir = run(s3Project, 'run', box, [], { MCC_MODEL_DIR: join(elsewhere, 'missing') });
    expect(notDir.status).toBe(2);
    expect(notDir.stderr).toContain('is not a directory');
    expect((await box.calls()).some((c) => c.args[0] === 'run')).toBe(false);
  });
});

describe('the AWS do/ scripts', () => {
  it.each(['push', 'submit', 'deploy', 'invoke', 'status', 'logs', 'destroy'])(
    'do/%s runs the same mcc verb from the project root, passing its arguments on',
    async (verb) => {
      const box = await sandbox(['mcc']);
      const result = run(project, verb, box, ['--plan', 'a b']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(await box.calls()).toEqual([{ command: 'mcc', cwd: project, args: [verb, '--plan', 'a b'] }]);
    },
  );

  it('passes mcc’s exit status back', async () => {
    const box = await sandbox(['mcc']);
    expect(run(project, 'deploy', box, [], { STUB_MCC_STATUS: '4' }).status).toBe(4);
  });

  it('uses MCC_BIN when it is set', async () => {
    const box = await sandbox(['mcc-dev']);
    const result = run(project, 'deploy', box, [], { MCC_BIN: join(box.bin, 'mcc-dev') });
    expect(result.status).toBe(0);
    expect(await box.calls()).toEqual([{ command: 'mcc-dev', cwd: project, args: ['deploy'] }]);
  });

  it('says how to install mcc when it is not on PATH', async () => {
    const box = await sandbox([]);
    const result = run(project, 'deploy', box, ['--plan']);
    expect(result.status).toBe(127);
    expect(result.stderr).toContain("the mcc CLI ('mcc') was not found on PATH");
    expect(result.stderr).toContain('npm install -g @mcc/cli');
    expect(result.stderr).toContain('MCC_BIN');
  });
});

describe('buildspec.yml commands, run as CodeBuild would with stub aws and docker', () => {
  async function runBuildspec(env: Record<string, string>) {
    const spec = parseYaml(await readFile(join(project, 'buildspec.yml'), 'utf8')) as {
      env: { variables: Record<string, string> };
      phases: Record<string, { commands: string[] }>;
    };
    const box = await sandbox(['aws', 'docker']);
    const commands = Object.values(spec.phases).flatMap((phase) => phase.commands);
    const result = spawnSync(join(box.bin, 'bash'), ['-c', ['set -eo pipefail', ...commands].join('\n')], {
      cwd: project,
      env: { ...box.env(), ...spec.env.variables, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { result, box };
  }

  it('logs in to the project registry, builds, pushes both tags and writes the image URI', async () => {
    const arn = 'arn:aws:codebuild:us-east-1:123456789012:build/abalone-build:6f1c2d3e';
    const { result, box } = await runBuildspec({ CODEBUILD_BUILD_ARN: arn });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const registry = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
    const uri = `${registry}/abalone:0.1.0`;
    const calls = (await box.calls()).map((c) => [c.command, ...c.args]);
    // The two sides of the login pipe run at once, so they may be recorded in either order.
    expect(calls.slice(0, 2).sort()).toEqual([
      ['aws', 'ecr', 'get-login-password', '--region', 'us-east-1'],
      ['docker', 'login', '--username', 'AWS', '--password-stdin', registry],
    ]);
    expect(calls.slice(2)).toEqual([
      [
        'docker',
        'build',
        '--platform',
        'linux/amd64',
        '--tag',
        uri,
        '--tag',
        `${registry}/abalone:latest`,
        '.',
      ],
      ['docker', 'push', uri],
      ['docker', 'push', `${registry}/abalone:latest`],
    ]);
    expect(await box.stdinOfLogins()).toBe('stub-ecr-password\n');
    expect(await readFile(join(project, 'image-uri.txt'), 'utf8')).toBe(`${uri}\n`);
  });

  it('prefers AWS_ACCOUNT_ID from mcc submit and passes BASE_IMAGE as a build argument', async () => {
    const { result, box } = await runBuildspec({
      AWS_ACCOUNT_ID: '210987654321',
      BASE_IMAGE: 'python:3.11-slim',
      ECR_REGION: 'eu-west-1',
    });
    expect(result.status).toBe(0);
    const build = (await box.calls()).find((c) => c.args[0] === 'build')!;
    expect(build.args).toEqual(expect.arrayContaining(['--build-arg', 'BASE_IMAGE=python:3.11-slim']));
    expect(build.args).toContain('210987654321.dkr.ecr.eu-west-1.amazonaws.com/abalone:0.1.0');
  });

  it('stops before building when no account id is available', async () => {
    const { result, box } = await runBuildspec({});
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/AWS_ACCOUNT_ID is not set/);
    expect((await box.calls()).some((c) => c.args[0] === 'build')).toBe(false);
  });
});
