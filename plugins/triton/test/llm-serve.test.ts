import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort } from '../../../testkit/free-port.js';
import { secretEnv, secretString, startFakeSecretsManager } from '../../../testkit/fake-secrets-manager.js';
import { httpRequest, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { SCENARIOS, projectInput } from './helpers/input.js';
import type { Scenario } from './helpers/input.js';
import { renderProject } from './helpers/render.js';
import type { RenderedProject } from './helpers/render.js';

/**
 * A stand-in `tritonserver` with its HTTP endpoint on --http-address/--http-port: records its argv
 * and HF_TOKEN, answers /v2/health/ready (400 until the file FAKE_TRITON_READY exists, as Triton
 * answers while the model loads) and /v2/models/model/generate (echoing the prompt, recording each
 * body; the prompt "fail" gets Triton's 400 error), and exits 0 on SIGTERM, noting it.
 */
const FAKE = `#!/usr/bin/python3
import http.server, json, os, signal, sys
args = sys.argv[1:]
record = os.environ["FAKE_TRITON_DIR"]
with open(os.path.join(record, "argv.json"), "w") as out:
    json.dump({"argv": args, "hf_token": os.environ.get("HF_TOKEN")}, out)
flags = dict(a[2:].split("=", 1) for a in args if a.startswith("--") and "=" in a)
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        if self.path == "/v2/health/ready":
            ready = os.path.exists(os.environ["FAKE_TRITON_READY"])
            self.answer(200 if ready else 400, {} if ready else {"error": "not ready"})
        else:
            self.answer(404, {"error": "no route"})
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with open(os.path.join(record, "bodies.jsonl"), "a") as out:
            out.write(json.dumps({"path": self.path, "body": body}) + "\\n")
        if self.path != "/v2/models/model/generate":
            self.answer(404, {"error": "no route"})
        elif body.get("text_input") == "fail":
            self.answer(400, {"error": "Error generating request: prompt too long"})
        else:
            self.answer(200, {"model_name": "model", "model_version": "1", "text_output": " answer to " + body["text_input"]})
    def log_message(self, *_):
        pass
def stop(*_):
    open(os.path.join(record, "sigterm"), "w").close()
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
http.server.ThreadingHTTPServer((flags["http-address"], int(flags["http-port"])), Handler).serve_forever()
`;

const SYSTEM_PATH = '/usr/bin:/usr/sbin:/bin:/sbin';

interface Fake {
  dir: string;
  ready: string;
  env: Record<string, string>;
  argv(): Promise<{ argv: string[]; hf_token: string | null }>;
  bodies(): Promise<{ path: string; body: Record<string, unknown> }[]>;
}

const cleanup: string[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fakeTriton(ready: boolean): Promise<Fake> {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-fake-tritonserver-'));
  cleanup.push(dir);
  await writeFile(join(dir, 'tritonserver'), FAKE, { mode: 0o755 });
  const readyFile = join(dir, 'ready');
  if (ready) await writeFile(readyFile, '');
  return {
    dir,
    ready: readyFile,
    env: { PATH: `${dir}:${SYSTEM_PATH}`, FAKE_TRITON_DIR: dir, FAKE_TRITON_READY: readyFile },
    argv: async () => JSON.parse(await readFile(join(dir, 'argv.json'), 'utf8')) as never,
    bodies: async () =>
      (await readFile(join(dir, 'bodies.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as never),
  };
}

async function render(scenario: Scenario): Promise<RenderedProject> {
  const project = await renderProject(projectInput(scenario));
  cleanup.push(project.dir);
  return project;
}

function start(
  project: RenderedProject,
  fake: Fake,
  env: Record<string, string> = {},
  port?: number,
): Promise<ServeProcess> {
  return startServe({
    ...(port ? { port } : {}),
    projectDir: project.dir,
    modelDir: join(project.dir, 'no-model'),
    env: { ...fake.env, MCC_TRITON_REPOSITORY: join(project.dir, 'model_repository'), ...env },
  });
}

const flag = (argv: string[], name: string): string | undefined =>
  argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);

const invoke = async (server: ServeProcess, body: string): Promise<{ status: number; json: unknown }> => {
  const answer = await post(`${server.url}/invocations`, 'application/json', body);
  return { status: answer.status, json: JSON.parse(answer.body) as unknown };
};

describe('the vLLM backend behind nginx: a fake tritonserver on PATH, real nginx, the generated adapter', () => {
  let project: RenderedProject;
  beforeAll(async () => {
    project = await render(SCENARIOS.find((s) => s.name === 'vllm')!);
  });

  it('answers 503 on /ping until Triton is ready, then maps /invocations onto the generate route', async () => {
    const fake = await fakeTriton(false);
    const port = await freePort();
    const starting = start(project, fake, {}, port);
    // Poll /ping through nginx until it answers: Triton says 400 (loading), nginx must say 503.
    let early: number | undefined;
    for (let tries = 0; tries < 200 && early === undefined; tries += 1) {
      try {
        early = (await httpRequest(`http://127.0.0.1:${port}/ping`)).status;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(early).toBe(503);
    await writeFile(fake.ready, '');
    const server = await starting;
    try {
      const { argv } = await fake.argv();
      expect(argv).toEqual(
        expect.arrayContaining([
          `--model-repository=${join(project.dir, 'model_repository')}`,
          '--model-control-mode=explicit',
          '--load-model=model',
          '--allow-sagemaker=false',
          '--allow-http=true',
          '--http-address=127.0.0.1',
          '--allow-grpc=false',
          '--allow-metrics=false',
          '--backend-config=python,shm-default-byte-size=16777216',
        ]),
      );
      // Triton listens on loopback, on another port than nginx.
      expect(flag(argv, '--http-port')).not.toBe(String(server.port));
      expect(argv).not.toContain('serve');

      const ping = await httpRequest(`${server.url}/ping`);
      expect(ping.status).toBe(200);

      // The project's own sample request, TGI-style.
      const sample = await invoke(server, project.text('tests/payloads/generate.json'));
      expect(sample).toEqual({
        status: 200,
        json: { generated_text: ' answer to What is Amazon SageMaker? Answer in one sentence.' },
      });
      const sent = (await fake.bodies()).at(-1)!;
      expect(sent.path).toBe('/v2/models/model/generate');
      expect(sent.body).toEqual({
        text_input: 'What is Amazon SageMaker? Answer in one sentence.',
        stream: false,
        exclude_input_in_output: true,
        sampling_parameters: expect.any(String) as string,
      });
      expect(JSON.parse(sent.body.sampling_parameters as string)).toEqual({
        max_tokens: 64,
        temperature: 0.2,
      });

      // A list of prompts, the prompt put back in front, greedy decoding.
      const many = await invoke(
        server,
        JSON.stringify({ inputs: ['Hi', 'Yo'], parameters: { return_full_text: true, do_sample: false } }),
      );
      expect(many).toEqual({
        status: 200,
        json: [{ generated_text: 'Hi answer to Hi' }, { generated_text: 'Yo answer to Yo' }],
      });
      const greedy = (await fake.bodies()).at(-1)!.body;
      expect(JSON.parse(greedy.sampling_parameters as string)).toEqual({ temperature: 0 });

      // The simple form, settings by the engine's names.
      const simple = await invoke(server, JSON.stringify({ prompt: 'Hey', max_tokens: 8, stop: 'x' }));
      expect(simple).toEqual({ status: 200, json: { generated_text: ' answer to Hey' } });
      const simpleSent = (await fake.bodies()).at(-1)!.body;
      expect(JSON.parse(simpleSent.sampling_parameters as string)).toEqual({ max_tokens: 8, stop: ['x'] });

      // Malformed bodies: 400 naming the problem, and nothing reaches Triton.
      const before = (await fake.bodies()).length;
      for (const [body, message] of [
        ['not json', /malformed request/],
        ['{"nothing": 1}', /expected "inputs"/],
        ['{"inputs": ""}', /non-empty string/],
        ['{"inputs": "Hi", "parameters": {"max_new_tokens": "many"}}', /"max_tokens" must be a number/],
        ['{"messages": [{"role": "user", "content": "Hi"}]}', /chat "messages" are not supported/],
      ] as const) {
        const bad = await invoke(server, body);
        expect(bad.status, body).toBe(400);
        expect((bad.json as { error: string }).error).toMatch(message);
      }
      expect(await fake.bodies()).toHaveLength(before);

      // Triton's own refusal keeps its status and says where it came from.
      const refused = await invoke(server, '{"inputs": "fail"}');
      expect(refused.status).toBe(400);
      expect((refused.json as { error: string }).error).toBe(
        'Triton: Error generating request: prompt too long',
      );

      expect((await httpRequest(`${server.url}/v2/health/ready`)).status).toBe(404);
    } finally {
      const stopped = await server.stop(15_000);
      expect(stopped.code).toBe(0);
      expect(stopped.killed).toBe(false);
    }
    // SIGTERM reached tritonserver, which drained and exited.
    expect(spawnSync('test', ['-e', join(fake.dir, 'sigterm')]).status).toBe(0);
  });

  it('reads HF_TOKEN from the secret in MCC_HF_TOKEN_SECRET_ARN and gives it to tritonserver alone', async () => {
    const fake = await fakeTriton(true);
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf-QwErTy';
    const token = 'hf_TritonFakeTokenForTests42';
    const sm = await startFakeSecretsManager(() => secretString(arn, token));
    const runDir = await mkdtemp(join(tmpdir(), 'mcc-run-'));
    cleanup.push(runDir);
    const server = await start(project, fake, { ...secretEnv(sm.url, arn), MCC_RUN_DIR: runDir });
    try {
      expect(sm.requests).toHaveLength(1);
      expect(sm.requests[0]!.signatureValid).toBe(true);
      expect(sm.requests[0]!.scope?.region).toBe('eu-west-1');
      expect((await fake.argv()).hf_token).toBe(token);
      expect((await fake.argv()).argv.join(' ')).not.toContain(token);
      expect((await httpRequest(`${server.url}/ping`)).status).toBe(200);
      // Not on disk: neither in the project nor in the runtime directory (nginx.conf …).
      const files = spawnSync('grep', ['-rl', token, project.dir, runDir], { encoding: 'utf8' });
      expect(files.stdout).toBe('');
    } finally {
      expect((await server.stop(15_000)).code).toBe(0);
      await sm.close();
    }
    expect(server.stderr()).not.toContain(token);
    expect(server.stdout()).not.toContain(token);
  });

  it('stops before Triton starts when the secret cannot be read', async () => {
    const fake = await fakeTriton(true);
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf-QwErTy';
    const sm = await startFakeSecretsManager(() => ({
      status: 400,
      body: { __type: 'AccessDeniedException', message: 'not allowed' },
    }));
    try {
      await expect(start(project, fake, secretEnv(sm.url, arn))).rejects.toThrow(/AccessDeniedException/);
      await expect(readdir(fake.dir)).resolves.not.toContain('argv.json');
    } finally {
      await sm.close();
    }
  });
});

describe('the TensorRT-LLM backend behind nginx', () => {
  it('sends each sampling setting as the LLM API model input config.pbtxt declares for it', async () => {
    const project = await render(SCENARIOS.find((s) => s.name === 'tensorrtllm')!);
    const fake = await fakeTriton(true);
    const server = await start(project, fake);
    try {
      const answer = await invoke(
        server,
        JSON.stringify({
          inputs: 'Hi',
          parameters: { max_new_tokens: 16, temperature: 0.5, top_k: 4, seed: 7, stop_sequences: ['\n'] },
        }),
      );
      expect(answer).toEqual({ status: 200, json: { generated_text: ' answer to Hi' } });
      const sent = (await fake.bodies()).at(-1)!.body;
      expect(sent).toEqual({
        text_input: 'Hi',
        streaming: false,
        sampling_param_exclude_input_from_output: true,
        sampling_param_max_tokens: 16,
        sampling_param_temperature: 0.5,
        sampling_param_top_k: 4,
        sampling_param_seed: 7,
        sampling_param_stop: ['\n'],
      });
      const config = project.text('model_repository/model/config.pbtxt');
      for (const name of Object.keys(sent)) expect(config).toContain(`name: "${name}"`);
      // repetition_penalty is vLLM's; the LLM API model has no input for it, so it is left out.
      await invoke(server, JSON.stringify({ inputs: 'Hi', parameters: { repetition_penalty: 1.2 } }));
      expect((await fake.bodies()).at(-1)!.body).not.toHaveProperty('sampling_param_repetition_penalty');
    } finally {
      expect((await server.stop(15_000)).code).toBe(0);
    }
  });

  it('with an S3 model, refuses to start when SageMaker put no Hugging Face model in /opt/ml/model', async () => {
    const project = await render({
      name: 'tensorrtllm-s3',
      source: 's3',
      options: { backend: 'tensorrtllm' },
      instanceType: 'ml.g5.2xlarge',
      gpus: 1,
    });
    expect(project.text('model_repository/model/1/model.yaml')).toMatch(/^model: "\/opt\/ml\/model"$/m);
    const fake = await fakeTriton(true);
    // This machine has no /opt/ml/model/config.json, as a deployment without model data would not.
    await expect(start(project, fake)).rejects.toThrow(/\/opt\/ml\/model holds no config.json/);
    await expect(readdir(fake.dir)).resolves.not.toContain('argv.json');
  });
});
