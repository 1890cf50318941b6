import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { renderTemplates } from '@mcc/sdk/render';
import { describe, expect, it } from 'vitest';

import { hyperpodEksContext } from '../src/context.js';
import { hyperpodEksTarget } from '../src/target.js';
import { VARIANTS, projectInput } from './fixtures.js';
import type { Overrides } from './fixtures.js';

const IMAGE_SCRIPTS = ['do/build', 'do/run', 'do/push'];

/** Renders the target's templates as core does, into a new folder, with their modes. */
async function render(overrides: Overrides): Promise<{ dir: string; files: Map<string, string> }> {
  const input = projectInput(overrides);
  const rendered = await renderTemplates({
    templatesDir: hyperpodEksTarget.templatesDir,
    locals: { ...input, ctx: hyperpodEksContext(input) },
  });
  const dir = await mkdtemp(join(tmpdir(), 'mcc-hp-scripts-'));
  const files = new Map<string, string>();
  for (const file of rendered) {
    const full = join(dir, file.path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, file.content);
    await chmod(full, file.mode);
    files.set(file.path, file.content.toString());
  }
  return { dir, files };
}

describe.each(VARIANTS)('the image scripts for $name', ({ overrides }) => {
  it('are written, executable and shellcheck-clean', async () => {
    const { dir, files } = await render(overrides);
    expect([...files.keys()]).toEqual(expect.arrayContaining(IMAGE_SCRIPTS));
    const scripts = [...files.keys()].filter((path) => path.startsWith('do/'));
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '--format=gcc', ...scripts], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (result.error) throw result.error;
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
    for (const script of IMAGE_SCRIPTS) {
      expect(files.get(script), script).not.toMatch(/undefined|NaN|\[object Object\]|<%|%>/);
    }
  });
});

describe('what the image scripts say for HyperPod', () => {
  it('build and push the project image to its ECR repository, with no CodeBuild step', async () => {
    const { files } = await render({});
    const build = files.get('do/build')!;
    expect(build).toContain('image=llama\ntag=0.1.0\n');
    expect(build).toContain('platform="${MCC_PLATFORM:-linux/amd64}"');
    expect(build).toContain('Next: do/run to try it locally, then do/push." >&2');
    expect(build).not.toContain('submit');
    const push = files.get('do/push')!;
    expect(push).toContain('Amazon ECR repository llama in us-west-2');
    expect(push).toContain('exec "$mcc" push "$@"');
  });

  it('run a Hub model with the caller’s token passed by name, on the GPUs, at the invocation path', async () => {
    const { files } = await render({ options: { 'invocation-path': 'v1/chat/completions' } });
    const run = files.get('do/run')!;
    expect(run).toContain('name=llama-local\n');
    expect(run).toContain('for var in HF_TOKEN HF_ENDPOINT; do');
    expect(run).toContain('args+=(--gpus "$gpus")');
    expect(run).toContain('$url/v1/chat/completions" >&2');
    expect(run).toContain('timeout="${MCC_RUN_TIMEOUT:-600}"');
    expect(run).not.toContain('/opt/ml/model');
  });

  it('run an S3 model from a local copy mounted read-only at /opt/ml/model, as the operator mounts it', async () => {
    const s3 = VARIANTS.find((v) => v.name === 'S3 model')!;
    const { files } = await render(s3.overrides);
    const run = files.get('do/run')!;
    expect(run).toContain('model_uri=s3://models-bucket/team/llama/\n');
    expect(run).toContain(':/opt/ml/model:ro")');
    expect(run).not.toContain('HF_TOKEN');
  });

  it('run without GPUs on a CPU instance, with the engine the project chose', async () => {
    const { files } = await render({
      instance: { instanceType: 'ml.c5.xlarge', acceleratorCount: 0 },
      options: { 'container-engine': 'podman' },
    });
    expect(files.get('do/run')).not.toContain('--gpus');
    expect(files.get('do/build')).toContain('engine="${MCC_CONTAINER_ENGINE:-podman}"');
  });
});
