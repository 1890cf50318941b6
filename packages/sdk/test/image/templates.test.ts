import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { imageNames, localRun } from '../../src/image/context.js';
import type { ImageKitContext } from '../../src/image/context.js';
import { imageTemplatesDir } from '../../src/image/templates-dir.js';
import type { ProjectInput } from '../../src/project.js';
import { listTemplates, renderTemplates } from '../../src/render.js';

/** Just what `localRun` reads of a project: its model and its accelerators. */
function input(model: Partial<ProjectInput['model']>, acceleratorCount: number): ProjectInput {
  return {
    model: { source: 'local', sample: false, delivery: 'build', ...model },
    instance: { acceleratorCount },
  } as unknown as ProjectInput;
}

// Two targets' contexts: managed-inference's (a CodeBuild alternative, a baked-in CPU model) and
// HyperPod's (no cloud build, models fetched at runtime on GPUs, its own invocation path).
const CONTEXTS: { name: string; ctx: ImageKitContext }[] = [
  {
    name: 'managed-inference, baked-in model on CPU',
    ctx: {
      region: 'us-east-1',
      containerEngine: 'auto',
      image: imageNames('abalone', '0.1.0'),
      run: localRun(input({}, 0), 'abalone-local'),
      installHint: 'npm install -g @mcc/cli',
      remoteBuild: { verb: 'submit', service: 'CodeBuild' },
    },
  },
  {
    name: 'hyperpod-eks, Hub model on a GPU',
    ctx: {
      region: 'us-west-2',
      containerEngine: 'podman',
      image: imageNames('llama', '1.0.0+rc.1'),
      run: localRun(
        input({ source: 'huggingface', delivery: 'runtime', location: 'org/m' }, 1),
        'llama-local',
        'v1/chat/completions',
      ),
      installHint: 'npm install -g @mcc/cli',
    },
  },
  {
    name: 'hyperpod-eks, S3 model on a GPU',
    ctx: {
      region: 'eu-west-1',
      containerEngine: 'docker',
      image: imageNames('llama-s3', '0.2.0'),
      run: localRun(
        input({ source: 's3', delivery: 'runtime', location: 's3://bucket/team/m' }, 4),
        'x-local',
      ),
      installHint: "npm install -g '@mcc/cli'",
    },
  },
];

async function render(ctx: ImageKitContext): Promise<{ dir: string; files: Map<string, string> }> {
  const rendered = await renderTemplates({ templatesDir: imageTemplatesDir, locals: { ctx } });
  const dir = await mkdtemp(join(tmpdir(), 'mcc-image-kit-'));
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

describe('the image kit templates', () => {
  it('emit exactly do/build, do/run and do/push (the partials stay partials)', async () => {
    expect((await listTemplates(imageTemplatesDir)).sort()).toEqual(['do/build', 'do/push', 'do/run']);
  });

  it.each(CONTEXTS)('render executable and shellcheck-clean for $name', async ({ ctx }) => {
    const { dir, files } = await render(ctx);
    for (const [path, content] of files) {
      expect(content, path).not.toMatch(/undefined|NaN|\[object Object\]|<%|%>/);
    }
    const result = spawnSync(
      'shellcheck',
      ['--shell=bash', '--severity=style', '--format=gcc', ...files.keys()],
      { cwd: dir, encoding: 'utf8' },
    );
    if (result.error) throw result.error;
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });

  it('name the cloud build only when the target has one', async () => {
    const [withSubmit, withoutSubmit] = await Promise.all([
      render(CONTEXTS[0]!.ctx),
      render(CONTEXTS[1]!.ctx),
    ]);
    expect(withSubmit.files.get('do/build')).toContain(
      'then do/push (or do/submit to build in CodeBuild)." >&2',
    );
    expect(withoutSubmit.files.get('do/build')).toContain('then do/push." >&2');
  });

  it('mount a local copy of an S3 model, and pass a Hub token by name only', async () => {
    const hub = (await render(CONTEXTS[1]!.ctx)).files.get('do/run')!;
    const s3 = (await render(CONTEXTS[2]!.ctx)).files.get('do/run')!;
    expect(hub).toContain('for var in HF_TOKEN HF_ENDPOINT; do');
    expect(hub).not.toContain('/opt/ml/model');
    expect(hub).toContain('image=llama:1.0.0-rc.1\n');
    expect(s3).toContain('model_uri=s3://bucket/team/m/\n');
    expect(s3).toContain(':/opt/ml/model:ro")');
    expect(s3).not.toContain('HF_TOKEN');
  });
});
