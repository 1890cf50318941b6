import { rm } from 'node:fs/promises';

import { afterAll, describe, expect, it } from 'vitest';

import { S3_MODEL, llmInput, lintProject, renderLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import type { RenderedLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import { DEFAULT_IMAGE } from '../src/images.js';
import { vllmServer } from '../src/server.js';

const dirs: string[] = [];
async function render(change: Parameters<typeof llmInput>[0]): Promise<RenderedLlmProject> {
  const project = await renderLlmProject(vllmServer, llmInput(change));
  dirs.push(project.dir);
  return project;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const SCENARIOS = [
  { name: 'defaults from the Hub', change: { serverId: 'vllm', baseImage: DEFAULT_IMAGE.image } },
  {
    name: 'every option, a revision and an odd chat template',
    change: {
      serverId: 'vllm',
      baseImage: DEFAULT_IMAGE.image,
      model: { hub: { id: 'org/model', revision: 'v1.0', gated: false, chatTemplate: false } },
      options: {
        'tensor-parallel-degree': 2,
        'max-model-len': 8192,
        'max-concurrency': 64,
        'gpu-memory-utilization': 0.85,
        dtype: 'fp8',
        'chat-template': "{{ 'it''s' }} $HOME `x`",
        'enable-lora': true,
        'max-loras': 2,
        'lora-adapters': 'sql=org/sql-lora,chat=/opt/ml/model/chat',
      },
    },
  },
  { name: 'an S3 model', change: { serverId: 'vllm', baseImage: DEFAULT_IMAGE.image, model: S3_MODEL } },
] as const;

describe.each(SCENARIOS)('vllm project: $name', ({ change }) => {
  it('renders clean: no leftovers, valid Python and JSON, a Dockerfile that lints clean', async () => {
    const project = await render(change);
    expect(lintProject(project)).toEqual([]);
    const paths = project.files.map((f) => f.path).sort();
    expect(paths).toEqual(['Dockerfile', 'code/aws_secret.py', 'code/serve', 'tests/payloads/chat.json']);
    expect(project.files.find((f) => f.path === 'code/serve')?.mode).toBe(0o755);
  });

  it('starts from the pinned image and runs code/serve as the entrypoint, without nginx', async () => {
    const project = await render(change);
    const dockerfile = project.text('Dockerfile');
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=vllm\/vllm-openai:v0\.21\.0-cu129$/m);
    expect(dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\}$/m);
    expect(dockerfile).toContain('ENTRYPOINT ["/opt/program/serve"]');
    expect(dockerfile).toMatch(/^USER 10001/m);
    expect(dockerfile).not.toContain('nginx');
    expect(dockerfile).not.toMatch(/HF_TOKEN=|hf_[A-Za-z0-9]{10}/);
  });

  it('documents every VLLM_ variable of an option in the README section', async () => {
    const project = await render(change);
    for (const variable of [
      'VLLM_TENSOR_PARALLEL_SIZE',
      'VLLM_MAX_MODEL_LEN',
      'VLLM_MAX_NUM_SEQS',
      'VLLM_GPU_MEMORY_UTILIZATION',
      'VLLM_DTYPE',
      'VLLM_QUANTIZATION',
      'VLLM_CHAT_TEMPLATE',
      'VLLM_ENABLE_LORA',
      'VLLM_MAX_LORAS',
      'VLLM_LORA_MODULES',
      'SAGEMAKER_BIND_TO_PORT',
      'HF_MODEL_ID',
      'HF_TOKEN',
    ]) {
      expect(project.readme).toContain(`\`${variable}\``);
    }
    expect(project.readme).toContain('### About vLLM here');
  });
});

describe('vllm options and context', () => {
  it('offers the shared LLM options with the sizer-facing keys, quantization and LoRA', () => {
    const keys = vllmServer.options.map((o) => o.key);
    expect(keys).toEqual([
      'tensor-parallel-degree',
      'max-model-len',
      'max-concurrency',
      'gpu-memory-utilization',
      'dtype',
      'chat-template',
      'quantization',
      'enable-lora',
      'max-loras',
      'lora-adapters',
    ]);
    expect(vllmServer.accelerator).toBe('gpu');
    expect(vllmServer.sources).toEqual(['huggingface', 's3']);
    expect(vllmServer.formats.map((f) => [f.id, f.layout])).toEqual([['huggingface', 'directory']]);
    expect(vllmServer.samplePayloads).toEqual([
      { contentType: 'application/json', file: 'tests/payloads/chat.json' },
    ]);
  });

  it("maps mcc's dtypes to vLLM's: bf16 is bfloat16, fp8 is an fp8 quantization", () => {
    const flags = (dtype: string) =>
      vllmServer
        .context(llmInput({ serverId: 'vllm', options: { dtype } }))
        .defaults.map((d) => [d.flag, d.value]);
    expect(flags('bf16')).toContainEqual(['--dtype', 'bfloat16']);
    expect(flags('fp16')).toContainEqual(['--dtype', 'float16']);
    expect(flags('fp8')).toContainEqual(['--quantization', 'fp8']);
    expect(flags('auto').map(([flag]) => flag)).not.toContain('--dtype');
  });

  it("defaults the tensor-parallel degree to the sizer's, else the instance's GPU count", () => {
    const tp = (instance: Parameters<typeof llmInput>[0]['instance']) =>
      vllmServer.context(llmInput({ serverId: 'vllm', instance })).tensorParallelDegree;
    expect(tp({})).toBe(4);
    expect(tp({ sizing: { sizer: 'gpu', tensorParallelDegree: 2 } })).toBe(2);
    expect(tp({ instanceType: 'ml.g5.2xlarge', acceleratorCount: 1 })).toBe(1);
  });

  it('refuses an instance without GPUs and a degree above its GPU count, naming them', () => {
    expect(() =>
      vllmServer.context(
        llmInput({ serverId: 'vllm', instance: { instanceType: 'ml.m5.xlarge', acceleratorCount: 0 } }),
      ),
    ).toThrow(/vLLM needs GPUs, and ml\.m5\.xlarge has none/);
    expect(() =>
      vllmServer.context(llmInput({ serverId: 'vllm', options: { 'tensor-parallel-degree': 8 } })),
    ).toThrow(/tensor-parallel-degree 8 needs 8 GPUs, and ml\.g5\.12xlarge has 4/);
  });
});
