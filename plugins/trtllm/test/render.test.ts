import { rm } from 'node:fs/promises';

import { afterAll, describe, expect, it } from 'vitest';

import { S3_MODEL, llmInput, lintProject, renderLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import type { RenderedLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import { DEFAULT_IMAGE } from '../src/images.js';
import { trtllmServer } from '../src/server.js';

const dirs: string[] = [];
async function render(change: Parameters<typeof llmInput>[0]): Promise<RenderedLlmProject> {
  const project = await renderLlmProject(trtllmServer, llmInput(change));
  dirs.push(project.dir);
  return project;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const SCENARIOS = [
  { name: 'defaults from the Hub', change: { serverId: 'trtllm', baseImage: DEFAULT_IMAGE.image } },
  {
    name: 'every option',
    change: {
      serverId: 'trtllm',
      baseImage: DEFAULT_IMAGE.image,
      options: {
        'tensor-parallel-degree': 4,
        'max-model-len': 4096,
        'max-concurrency': 64,
        'gpu-memory-utilization': 0.9,
        dtype: 'bf16',
        'chat-template': '/opt/program/template.jinja',
      },
    },
  },
  { name: 'an S3 model', change: { serverId: 'trtllm', baseImage: DEFAULT_IMAGE.image, model: S3_MODEL } },
] as const;

describe.each(SCENARIOS)('trtllm project: $name', ({ change }) => {
  it('renders clean: no leftovers, valid Python and JSON, a Dockerfile that lints clean', async () => {
    const project = await render(change);
    expect(lintProject(project)).toEqual([]);
    expect(project.files.map((f) => f.path).sort()).toEqual([
      'Dockerfile',
      'code/adapter.py',
      'code/aws_secret.py',
      'code/nginx.conf',
      'code/proxy.py',
      'code/serve',
      'tests/payloads/generate.json',
    ]);
  });

  it('starts from the pinned NGC image and installs nginx', async () => {
    const project = await render(change);
    expect(project.text('Dockerfile')).toMatch(
      /^ARG BASE_IMAGE=nvcr\.io\/nvidia\/tensorrt-llm\/release:1\.2\.0$/m,
    );
    expect(project.text('Dockerfile')).toMatch(/apt-get install -y --no-install-recommends nginx/);
    expect(JSON.parse(project.text('tests/payloads/generate.json'))).toMatchObject({
      inputs: expect.any(String),
      parameters: { max_new_tokens: 64 },
    });
  });

  it('documents every TRTLLM_ variable of an option in the README section', async () => {
    const project = await render(change);
    for (const variable of [
      'TRTLLM_TP_SIZE',
      'TRTLLM_MAX_SEQ_LEN',
      'TRTLLM_MAX_BATCH_SIZE',
      'TRTLLM_KV_CACHE_FREE_GPU_MEMORY_FRACTION',
      'TRTLLM_DTYPE',
      'TRTLLM_CHAT_TEMPLATE',
      'MCC_ENGINE_PORT',
    ]) {
      expect(project.readme).toContain(`\`${variable}\``);
    }
    expect(project.readme).toContain('### About TensorRT-LLM here');
  });
});

describe('trtllm options', () => {
  it('has the shared keys but no quantization or LoRA options', () => {
    const keys = trtllmServer.options.map((o) => o.key);
    expect(keys).toEqual([
      'tensor-parallel-degree',
      'max-model-len',
      'max-concurrency',
      'gpu-memory-utilization',
      'dtype',
      'chat-template',
    ]);
    expect(trtllmServer.samplePayloads).toEqual([
      { contentType: 'application/json', file: 'tests/payloads/generate.json' },
    ]);
  });

  it('refuses an option TensorRT-LLM has no setting for, naming it', () => {
    expect(() =>
      trtllmServer.context(llmInput({ serverId: 'trtllm', options: { quantization: 'awq' } })),
    ).toThrow(/The trtllm server has no "quantization" setting/);
  });
});
