import { readFile, rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { secretEnv, secretString, startFakeSecretsManager } from '../../../testkit/fake-secrets-manager.js';
import { httpRequest, post } from '../../../testkit/http.js';
import {
  fakeEngine,
  flagValue,
  llmInput,
  renderLlmProject,
  startWithFake,
} from '../../../packages/sdk/test/llm/harness.js';
import type { FakeEngine, RenderedLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import { trtllmServer } from '../src/server.js';

/** The flags the fake `trtllm-serve serve --help` lists: snake_case, as click prints them. */
const TRTLLM_FLAGS = [
  '--host',
  '--port',
  '--revision',
  '--tensor_parallel_size',
  '--tp_size',
  '--max_seq_len',
  '--max_batch_size',
  '--max_num_tokens',
  '--kv_cache_free_gpu_memory_fraction',
  '--chat_template',
  '--extra_llm_api_options',
  '--trust_remote_code',
];

let project: RenderedLlmProject;
let fake: FakeEngine;

beforeAll(async () => {
  const input = llmInput({
    serverId: 'trtllm',
    options: { 'max-model-len': 4096, dtype: 'bf16' },
    instance: { sizing: { sizer: 'gpu', tensorParallelDegree: 2 } },
  });
  project = await renderLlmProject(trtllmServer, input);
  // trtllm-serve answers /health and OpenAI routes only: the fake serves no /ping or /invocations.
  fake = await fakeEngine('trtllm-serve', 'executable', TRTLLM_FLAGS, false);
});

afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
  await rm(fake.dir, { recursive: true, force: true });
});

describe('the generated trtllm code/serve: nginx and the adapter in front of a fake trtllm-serve', () => {
  it('maps TRTLLM_* variables to snake_case flags and the dtype to the config file, and SageMaker routes through nginx', async () => {
    const server = await startWithFake(project, fake, {
      TRTLLM_MAX_NUM_TOKENS: '8192',
      TRTLLM_TRUST_REMOTE_CODE: 'true',
      TRTLLM_NOT_A_FLAG: '3',
    });
    try {
      const argv = await fake.argv();
      expect(argv.slice(0, 3)).toEqual(['trtllm-serve', 'serve', 'meta-llama/Llama-3.2-1B-Instruct']);
      // The engine listens on loopback, on another port than nginx.
      expect(flagValue(argv, '--host')).toBe('127.0.0.1');
      expect(flagValue(argv, '--port')).not.toBe(String(server.port));
      expect(flagValue(argv, '--tp_size')).toBe('2');
      expect(flagValue(argv, '--max_seq_len')).toBe('4096');
      expect(flagValue(argv, '--max_num_tokens')).toBe('8192');
      expect(argv).toContain('--trust_remote_code');
      expect(argv).not.toContain('--not_a_flag');
      expect(server.stderr()).toMatch(
        /warning: TensorRT-LLM has no --not_a_flag flag; TRTLLM_NOT_A_FLAG=3 is not passed/,
      );
      const config = await readFile(flagValue(argv, '--extra_llm_api_options')!, 'utf8');
      expect(config).toBe('dtype: "bfloat16"\n');

      // /ping is the engine's /health (the fake has no /ping of its own).
      const ping = await httpRequest(`${server.url}/ping`);
      expect(ping.status).toBe(200);
      expect(JSON.parse(ping.body).route).toBe('/health');

      // TGI-style /invocations through the adapter to /v1/completions, and back.
      const tgi = await post(
        `${server.url}/invocations`,
        'application/json',
        project.text('tests/payloads/generate.json'),
      );
      expect(tgi.status, tgi.body).toBe(200);
      expect(JSON.parse(tgi.body)).toEqual([{ generated_text: ' fake answer 0' }]);

      const full = await post(
        `${server.url}/invocations`,
        'application/json',
        JSON.stringify({ inputs: ['Hi', 'Yo'], parameters: { return_full_text: true, do_sample: false } }),
      );
      expect(JSON.parse(full.body)).toEqual([
        { generated_text: 'Hi fake answer 0' },
        { generated_text: 'Yo fake answer 1' },
      ]);

      // OpenAI chat bodies pass through to /v1/chat/completions with the served model filled in.
      const chat = await post(
        `${server.url}/invocations`,
        'application/json',
        JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
      );
      expect(chat.status, chat.body).toBe(200);
      expect(JSON.parse(chat.body)).toMatchObject({
        route: '/v1/chat/completions',
        request: { model: 'meta-llama/Llama-3.2-1B-Instruct' },
      });

      const bad = await post(`${server.url}/invocations`, 'application/json', '{"nothing": 1}');
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).error).toMatch(/expected "inputs"/);
      expect((await post(`${server.url}/invocations`, 'application/json', 'not json')).status).toBe(400);
    } finally {
      const stopped = await server.stop(15_000);
      expect(stopped.code).toBe(0);
      expect(stopped.killed).toBe(false);
    }
  });

  it('reads HF_TOKEN from the secret in MCC_HF_TOKEN_SECRET_ARN and gives it to the engine behind nginx', async () => {
    const arn = 'arn:aws:secretsmanager:us-west-2:111122223333:secret:hf-AbCdEf';
    const token = 'hf_TrtllmFakeTokenForTests42';
    const sm = await startFakeSecretsManager(() => secretString(arn, token));
    const server = await startWithFake(project, fake, secretEnv(sm.url, arn));
    try {
      expect(sm.requests).toHaveLength(1);
      expect(sm.requests[0]!.signatureValid).toBe(true);
      expect(sm.requests[0]!.scope?.region).toBe('us-west-2');
      expect((await fake.engineEnv())['HF_TOKEN']).toBe(token);
      expect((await httpRequest(`${server.url}/ping`)).status).toBe(200);
      expect(server.stderr()).not.toContain(token);
    } finally {
      expect((await server.stop(15_000)).code).toBe(0);
      await sm.close();
    }
  });
});
