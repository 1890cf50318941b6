import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { httpRequest, post } from '../../../testkit/http.js';
import {
  fakeEngine,
  flagValue,
  llmInput,
  renderLlmProject,
  startWithFake,
} from '../../../packages/sdk/test/llm/harness.js';
import type { FakeEngine, RenderedLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import { sglangServer } from '../src/server.js';

/** The flags the fake `python3 -m sglang.launch_server --help` lists (no `--not-a-flag`). */
const SGLANG_FLAGS = [
  '--model-path',
  '--host',
  '--port',
  '--revision',
  '--served-model-name',
  '--tp-size',
  '--context-length',
  '--max-running-requests',
  '--mem-fraction-static',
  '--dtype',
  '--quantization',
  '--chat-template',
  '--enable-lora',
  '--max-loras-per-batch',
  '--lora-paths',
  '--disable-radix-cache',
];

let project: RenderedLlmProject;
let fake: FakeEngine;

beforeAll(async () => {
  const input = llmInput({
    serverId: 'sglang',
    options: { 'max-concurrency': 48, 'gpu-memory-utilization': 0.85, dtype: 'fp8' },
    // No sizing: the degree is the instance's GPU count.
    instance: { instanceType: 'ml.g6.12xlarge', acceleratorCount: 4 },
    model: { hub: { id: 'Qwen/Qwen2.5-7B-Instruct', revision: 'a09a354', gated: false, chatTemplate: true } },
  });
  project = await renderLlmProject(sglangServer, input);
  fake = await fakeEngine('sglang.launch_server', 'python-module', SGLANG_FLAGS, true);
});

afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
  await rm(fake.dir, { recursive: true, force: true });
});

describe('the generated sglang code/serve, run against a fake `python3 -m sglang.launch_server`', () => {
  it('maps SGLANG_* variables and the baked options to flags, drops an unknown one with a warning, and answers /ping and /invocations', async () => {
    const server = await startWithFake(project, fake, {
      SGLANG_CONTEXT_LENGTH: '16384',
      SGLANG_MAX_RUNNING_REQUESTS: '96', // overrides the baked 48
      SGLANG_DISABLE_RADIX_CACHE: 'TRUE', // a bare flag
      SGLANG_NOT_A_FLAG: 'x', // dropped with a warning
    });
    try {
      const argv = await fake.argv();
      expect(argv[0]).toBe('sglang.launch_server');
      expect(flagValue(argv, '--model-path')).toBe('Qwen/Qwen2.5-7B-Instruct');
      expect(flagValue(argv, '--revision')).toBe('a09a354');
      expect(flagValue(argv, '--port')).toBe(String(server.port));
      expect(flagValue(argv, '--tp-size')).toBe('4');
      expect(flagValue(argv, '--context-length')).toBe('16384');
      expect(flagValue(argv, '--max-running-requests')).toBe('96');
      expect(flagValue(argv, '--mem-fraction-static')).toBe('0.85');
      expect(flagValue(argv, '--quantization')).toBe('fp8');
      expect(argv).toContain('--disable-radix-cache');
      expect(argv).not.toContain('--not-a-flag');
      expect(server.stderr()).toMatch(
        /warning: SGLang has no --not-a-flag flag; SGLANG_NOT_A_FLAG=x is not passed/,
      );

      expect((await httpRequest(`${server.url}/ping`)).status).toBe(200);
      const answer = await post(
        `${server.url}/invocations`,
        'application/json',
        project.text('tests/payloads/chat.json'),
      );
      expect(answer.status, answer.body).toBe(200);
      expect(JSON.parse(answer.body).request.model).toBe('sglang-llama');
    } finally {
      expect((await server.stop(10_000)).code).toBe(0);
    }
  });
});
