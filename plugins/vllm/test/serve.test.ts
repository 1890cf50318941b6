import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { httpRequest, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import {
  fakeEngine,
  flagValue,
  llmInput,
  renderLlmProject,
  startWithFake,
} from '../../../packages/sdk/test/llm/harness.js';
import type { FakeEngine, RenderedLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import { vllmServer } from '../src/server.js';

/** The flags the fake `vllm serve --help=all` lists: a real subset (no `--not-a-flag`). */
const VLLM_FLAGS = [
  '--host',
  '--port',
  '--revision',
  '--served-model-name',
  '--tensor-parallel-size',
  '--max-model-len',
  '--max-num-seqs',
  '--gpu-memory-utilization',
  '--dtype',
  '--quantization',
  '--chat-template',
  '--enable-lora',
  '--max-loras',
  '--lora-modules',
  '--enforce-eager',
  '--disable-log-stats',
];

let project: RenderedLlmProject;
let fake: FakeEngine;

beforeAll(async () => {
  // Sized for 2 of the instance's 4 GPUs; max-model-len and dtype baked in from the options.
  const input = llmInput({
    serverId: 'vllm',
    options: { 'max-model-len': 8192, dtype: 'bf16', 'lora-adapters': 'sql=org/sql-lora,chat=org/chat-lora' },
    instance: { sizing: { sizer: 'gpu', tensorParallelDegree: 2 } },
  });
  project = await renderLlmProject(vllmServer, input);
  fake = await fakeEngine('vllm', 'executable', VLLM_FLAGS, true);
});

afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
  await rm(fake.dir, { recursive: true, force: true });
});

describe('the generated vllm code/serve, run against a fake vllm on PATH', () => {
  it('maps VLLM_* variables and the baked options to flags, drops an unknown one with a warning, and answers /ping and /invocations', async () => {
    const server = await startWithFake(project, fake, {
      VLLM_MAX_NUM_SEQS: '32', // a flag without an option default
      VLLM_MAX_MODEL_LEN: '4096', // overrides the baked 8192
      VLLM_ENFORCE_EAGER: 'true', // a bare flag
      VLLM_DISABLE_LOG_STATS: 'false', // left out
      VLLM_NOT_A_FLAG: '1', // vllm has no --not-a-flag: dropped with a warning
      VLLM_PORT: '1', // serve sets the port itself
    });
    try {
      const argv = await fake.argv();
      expect(argv.slice(0, 3)).toEqual(['vllm', 'serve', 'meta-llama/Llama-3.2-1B-Instruct']);
      expect(flagValue(argv, '--host')).toBe('127.0.0.1');
      expect(flagValue(argv, '--port')).toBe(String(server.port));
      expect(flagValue(argv, '--served-model-name')).toBe('vllm-llama');
      // The sizer's degree (2), not the instance's 4 GPUs.
      expect(flagValue(argv, '--tensor-parallel-size')).toBe('2');
      expect(flagValue(argv, '--max-model-len')).toBe('4096');
      expect(flagValue(argv, '--max-num-seqs')).toBe('32');
      expect(flagValue(argv, '--dtype')).toBe('bfloat16');
      expect(argv).toContain('--enforce-eager');
      expect(argv[argv.indexOf('--enforce-eager') + 1] ?? '--').toMatch(/^--/);
      expect(argv).toContain('--enable-lora');
      const lora = argv.indexOf('--lora-modules');
      expect(argv.slice(lora + 1, lora + 3)).toEqual(['sql=org/sql-lora', 'chat=org/chat-lora']);
      expect(argv).not.toContain('--disable-log-stats');
      expect(argv).not.toContain('--not-a-flag');
      expect(argv.filter((a) => a === '--port')).toHaveLength(1);
      expect(server.stderr()).toMatch(
        /warning: vLLM has no --not-a-flag flag; VLLM_NOT_A_FLAG=1 is not passed/,
      );
      expect(server.stderr()).toMatch(/VLLM_PORT is ignored: serve sets --port itself/);

      expect((await httpRequest(`${server.url}/ping`)).status).toBe(200);
      const answer = await post(
        `${server.url}/invocations`,
        'application/json',
        project.text('tests/payloads/chat.json'),
      );
      expect(answer.status, answer.body).toBe(200);
      const reply = JSON.parse(answer.body);
      expect(reply.route).toBe('/invocations');
      expect(reply.request.model).toBe('vllm-llama');
      expect(reply.request.messages[0].role).toBe('user');
    } finally {
      expect((await server.stop(10_000)).code).toBe(0);
    }
  });

  it('serves the model SageMaker mounted when it holds a config.json, and the tensor-parallel default is the GPU count without a sizer', async () => {
    const plain = await renderLlmProject(vllmServer, llmInput({ serverId: 'vllm' }));
    const modelDir = await mkdtemp(join(tmpdir(), 'mcc-s3-model-'));
    await writeFile(join(modelDir, 'config.json'), '{"architectures": ["LlamaForCausalLM"]}');
    const server = await startServe({ projectDir: plain.dir, modelDir, env: fake.env });
    try {
      const argv = await fake.argv();
      expect(argv[2]).toBe(modelDir);
      expect(flagValue(argv, '--tensor-parallel-size')).toBe('4');
      expect(argv).not.toContain('--dtype');
    } finally {
      expect((await server.stop(10_000)).code).toBe(0);
      await rm(plain.dir, { recursive: true, force: true });
      await rm(modelDir, { recursive: true, force: true });
    }
  });
});
