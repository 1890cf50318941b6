import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { ProjectInput } from '@mcc/sdk';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';

import { lmiImage } from '../src/images.js';
import { lmiServer } from '../src/server.js';

export interface Overrides {
  model?: Partial<ProjectInput['model']>;
  options?: ProjectInput['server']['options'];
  baseImage?: string;
  instance?: Partial<ProjectInput['instance']>;
  region?: string;
}

/** A ProjectInput as core would resolve it for an LMI project with a small Hub model, with changes. */
export function projectInput(overrides: Overrides = {}): ProjectInput {
  return {
    project: { name: 'qwen-chat', imageName: 'qwen-chat', version: '0.1.0' },
    generator: { name: '@mcc/cli', version: '0.0.0-test' },
    model: {
      source: 'huggingface',
      sample: false,
      delivery: 'runtime',
      location: 'Qwen/Qwen2.5-0.5B-Instruct',
      hub: {
        id: 'Qwen/Qwen2.5-0.5B-Instruct',
        revision: 'main',
        gated: false,
        config: { num_attention_heads: 14, num_key_value_heads: 2 },
      },
      format: 'huggingface',
      fileName: 'model',
      ...overrides.model,
    },
    server: {
      id: 'lmi',
      // What core records without --base-image: the region's copy (the server's baseImageFor).
      baseImage: overrides.baseImage ?? lmiImage(overrides.region ?? 'us-east-1'),
      // What core resolves: the user's values over the spec defaults.
      options: {
        'max-concurrency': 32,
        'gpu-memory-utilization': 0.9,
        dtype: 'auto',
        'rolling-batch': 'vllm',
        quantization: 'none',
        'enable-lora': false,
        'trust-remote-code': false,
        ...overrides.options,
      },
    },
    target: { id: 'managed-inference', options: {} },
    instance: {
      instanceType: 'ml.g5.2xlarge',
      vcpu: 8,
      memoryGiB: 32,
      acceleratorCount: 1,
      catalogued: true,
      ...overrides.instance,
    },
    region: overrides.region ?? 'us-east-1',
  };
}

export interface RenderedProject {
  dir: string;
  files: Map<string, string>;
  readme: string;
}

/** Renders the server's templates as core does (shared kit, then the plugin's) into a temp dir. */
export async function renderProject(input: ProjectInput): Promise<RenderedProject> {
  const locals = { ...input, ctx: lmiServer.context(input) };
  const rendered = await renderTemplates({
    templatesDir: lmiServer.templatesDir,
    locals,
    rules: lmiServer.files ?? [],
  });
  const readme = (await renderPartial(lmiServer.templatesDir, '_README.md.ejs', locals)) ?? '';
  const dir = await mkdtemp(join(tmpdir(), 'mcc-lmi-'));
  const files = new Map<string, string>();
  for (const file of rendered) {
    const full = join(dir, file.path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, file.content);
    await chmod(full, file.mode);
    files.set(file.path, file.content.toString());
  }
  return { dir, files, readme };
}
