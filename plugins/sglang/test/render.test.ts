import { rm } from 'node:fs/promises';

import { afterAll, describe, expect, it } from 'vitest';

import { S3_MODEL, llmInput, lintProject, renderLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import type { RenderedLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import { DEFAULT_IMAGE } from '../src/images.js';
import { sglangServer } from '../src/server.js';

const dirs: string[] = [];
async function render(change: Parameters<typeof llmInput>[0]): Promise<RenderedLlmProject> {
  const project = await renderLlmProject(sglangServer, llmInput(change));
  dirs.push(project.dir);
  return project;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const SCENARIOS = [
  { name: 'defaults from the Hub', change: { serverId: 'sglang', baseImage: DEFAULT_IMAGE.image } },
  {
    name: 'every option and a revision',
    change: {
      serverId: 'sglang',
      baseImage: DEFAULT_IMAGE.image,
      model: { hub: { id: 'org/model', revision: 'v1.0', gated: false, chatTemplate: false } },
      options: {
        'tensor-parallel-degree': 2,
        'max-model-len': 32768,
        'max-concurrency': 128,
        'gpu-memory-utilization': 0.8,
        dtype: 'fp16',
        quantization: 'w8a8_int8',
        'chat-template': 'chatml',
        'enable-lora': true,
        'max-loras': 4,
        'lora-adapters': 'sql=org/sql-lora',
      },
    },
  },
  { name: 'an S3 model', change: { serverId: 'sglang', baseImage: DEFAULT_IMAGE.image, model: S3_MODEL } },
] as const;

describe.each(SCENARIOS)('sglang project: $name', ({ change }) => {
  it('renders clean: no leftovers, valid Python and JSON, a Dockerfile that lints clean', async () => {
    const project = await render(change);
    expect(lintProject(project)).toEqual([]);
    expect(project.files.map((f) => f.path).sort()).toEqual([
      'Dockerfile',
      'code/aws_secret.py',
      'code/serve',
      'tests/payloads/chat.json',
    ]);
  });

  it('starts from the pinned SGLang image without nginx', async () => {
    const project = await render(change);
    expect(project.text('Dockerfile')).toMatch(/^ARG BASE_IMAGE=lmsysorg\/sglang:v0\.5\.12-cu129$/m);
    expect(project.text('Dockerfile')).not.toContain('nginx');
    expect(project.text('code/serve')).toContain(
      'COMMAND = json.loads("[\\"python3\\",\\"-m\\",\\"sglang.launch_server\\"]")',
    );
  });

  it('documents every SGLANG_ variable of an option in the README section', async () => {
    const project = await render(change);
    for (const variable of [
      'SGLANG_TP_SIZE',
      'SGLANG_CONTEXT_LENGTH',
      'SGLANG_MAX_RUNNING_REQUESTS',
      'SGLANG_MEM_FRACTION_STATIC',
      'SGLANG_DTYPE',
      'SGLANG_QUANTIZATION',
      'SGLANG_CHAT_TEMPLATE',
      'SGLANG_ENABLE_LORA',
      'SGLANG_MAX_LORAS_PER_BATCH',
      'SGLANG_LORA_PATHS',
      'HF_MODEL_ID',
    ]) {
      expect(project.readme).toContain(`\`${variable}\``);
    }
    expect(project.readme).toContain('### About SGLang here');
  });
});

describe('sglang options', () => {
  it('has the shared keys, its quantization methods and LoRA', () => {
    expect(sglangServer.options.map((o) => o.key)).toContain('max-concurrency');
    expect(sglangServer.options.find((o) => o.key === 'quantization')?.choices).toContain('w8a8_int8');
    expect(sglangServer.options.map((o) => o.key)).toContain('lora-adapters');
  });

  it('maps bf16 to bfloat16 and fp8 to an fp8 quantization', () => {
    const flags = (dtype: string) =>
      sglangServer
        .context(llmInput({ serverId: 'sglang', options: { dtype } }))
        .defaults.map((d) => [d.flag, d.value]);
    expect(flags('bf16')).toContainEqual(['--dtype', 'bfloat16']);
    expect(flags('fp8')).toContainEqual(['--quantization', 'fp8']);
  });
});
