import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  FAKE_CREDENTIALS,
  awsJsonError,
  secretEnv,
  secretString,
  startFakeCredentialsEndpoint,
  startFakeSecretsManager,
} from '../../../testkit/fake-secrets-manager.js';
import type { FakeAnswer, FakeHttp, RecordedRequest } from '../../../testkit/fake-secrets-manager.js';
import { freePort } from '../../../testkit/free-port.js';
import { python } from '../../../testkit/python.js';
import {
  fakeEngine,
  llmInput,
  renderLlmProject,
  startWithFake,
} from '../../../packages/sdk/test/llm/harness.js';
import type { FakeEngine, RenderedLlmProject } from '../../../packages/sdk/test/llm/harness.js';
import { vllmServer } from '../src/server.js';

/**
 * The generated vllm code/serve reading HF_TOKEN from a fake Secrets Manager on loopback
 * (code/aws_secret.py without boto3: a SigV4-signed POST), with a fake vllm on PATH that records
 * the environment it was started with.
 */
const VLLM_FLAGS = ['--host', '--port', '--served-model-name', '--tensor-parallel-size', '--dtype'];
// The ARN's region differs from AWS_REGION: the ARN's wins.
const ARN = 'arn:aws:secretsmanager:eu-west-3:111122223333:secret:hf-token-AbCdEf';
const TOKEN = 'hf_FakeTokenValueForTests0123456789';

let project: RenderedLlmProject;
let fake: FakeEngine;
const fakes: FakeHttp<RecordedRequest>[] = [];

beforeAll(async () => {
  project = await renderLlmProject(vllmServer, llmInput({ serverId: 'vllm' }));
});

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((server) => server.close()));
  if (fake) await rm(fake.dir, { recursive: true, force: true });
});

afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
});

async function secretsManager(answer: (index: number) => FakeAnswer) {
  const server = await startFakeSecretsManager((_request, index) => answer(index));
  fakes.push(server);
  return server;
}

/** Serves with the fake engine until /ping answers; returns the engine's recorded environment and stderr. */
async function serve(env: Record<string, string>) {
  fake = await fakeEngine('vllm', 'executable', VLLM_FLAGS, true);
  const server = await startWithFake(project, fake, { AWS_REGION: 'us-east-1', ...env });
  try {
    return { engineEnv: await fake.engineEnv(), stderr: server.stderr() };
  } finally {
    expect((await server.stop(10_000)).code).toBe(0);
  }
}

/** Runs code/serve to its end (it fails before the engine starts); resolves with its code and output. */
async function serveFailing(env: Record<string, string>) {
  fake = await fakeEngine('vllm', 'executable', VLLM_FLAGS, true);
  const modelDir = await mkdtemp(join(tmpdir(), 'mcc-no-model-'));
  try {
    const run = await python([join(project.dir, 'code', 'serve')], project.dir, {
      ...fake.env,
      PATH: `${fake.dir}:/usr/bin:/bin`,
      SM_MODEL_DIR: modelDir,
      SAGEMAKER_BIND_TO_PORT: String(await freePort()),
      MCC_BIND_HOST: '127.0.0.1',
      AWS_REGION: 'us-east-1',
      ...env,
    });
    return { ...run, engineStarted: existsSync(fake.argvFile) };
  } finally {
    await rm(modelDir, { recursive: true, force: true });
  }
}

describe('the generated vllm code/serve with MCC_HF_TOKEN_SECRET_ARN', () => {
  it('emits code/aws_secret.py next to code/serve', () => {
    expect(project.files.map((f) => f.path)).toContain('code/aws_secret.py');
    expect(project.text('code/serve')).toContain('import aws_secret');
  });

  it('reads the secret with a SigV4-signed GetSecretValue and gives the engine HF_TOKEN, without logging it', async () => {
    const sm = await secretsManager(() => secretString(ARN, TOKEN));
    const { engineEnv, stderr } = await serve(secretEnv(sm.url, ARN));

    expect(sm.requests).toHaveLength(1);
    const [request] = sm.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/');
    expect(request!.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request!.json).toEqual({ SecretId: ARN });
    expect(request!.scope).toMatchObject({
      accessKeyId: FAKE_CREDENTIALS.accessKeyId,
      region: 'eu-west-3',
      service: 'secretsmanager',
    });
    expect(request!.scope!.signedHeaders).toEqual(
      expect.arrayContaining(['host', 'x-amz-date', 'x-amz-target', 'x-amz-security-token']),
    );
    expect(request!.headers['x-amz-security-token']).toBe(FAKE_CREDENTIALS.sessionToken);
    expect(request!.signatureValid).toBe(true);

    expect(engineEnv['HF_TOKEN']).toBe(TOKEN);
    expect(stderr).toContain(`HF_TOKEN for the engine read from Secrets Manager secret ${ARN}`);
    expect(stderr).not.toContain(TOKEN);
    // Nothing generated or left in the project holds the token.
    for (const name of await readdir(join(project.dir, 'code')))
      expect(await readFile(join(project.dir, 'code', name), 'utf8')).not.toContain(TOKEN);
  });

  it.each([
    ['HF_TOKEN', { HF_TOKEN: TOKEN }],
    ['hf_token', { hf_token: TOKEN, note: 'for the endpoint' }],
    ['token', { token: TOKEN }],
  ])('takes the token from a JSON secret under the %s key', async (_key, document) => {
    const sm = await secretsManager(() => secretString(ARN, JSON.stringify(document)));
    const { engineEnv, stderr } = await serve(secretEnv(sm.url, ARN));
    expect(engineEnv['HF_TOKEN']).toBe(TOKEN);
    expect(stderr).not.toContain(TOKEN);
  });

  it('retries a throttled call', async () => {
    const sm = await secretsManager((index) =>
      index === 0 ? awsJsonError(400, 'ThrottlingException', 'Rate exceeded') : secretString(ARN, TOKEN),
    );
    const { engineEnv } = await serve(secretEnv(sm.url, ARN));
    expect(sm.requests).toHaveLength(2);
    expect(sm.requests.every((r) => r.signatureValid)).toBe(true);
    expect(engineEnv['HF_TOKEN']).toBe(TOKEN);
  });

  it('exits non-zero before the engine starts on AccessDenied, naming the ARN, the code and what to check', async () => {
    const sm = await secretsManager(() =>
      awsJsonError(
        400,
        'AccessDeniedException',
        `User: arn:aws:sts::111122223333:assumed-role/mcc-exec/SageMaker is not authorized to perform: secretsmanager:GetSecretValue on resource: ${ARN}`,
      ),
    );
    const run = await serveFailing(secretEnv(sm.url, ARN));
    expect(run.code).not.toBe(0);
    expect(run.engineStarted).toBe(false);
    expect(sm.requests).toHaveLength(1);
    const lines = run.output
      .split('\n')
      .filter((line) => line.includes('cannot read the Hugging Face token'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(ARN);
    expect(lines[0]).toContain('AccessDeniedException');
    expect(lines[0]).toContain('execution role allows secretsmanager:GetSecretValue');
  });

  it('refuses a JSON secret without a known key, and never prints its value', async () => {
    const value = 'hf_ValueUnderAnUnknownKey987';
    const sm = await secretsManager(() => secretString(ARN, JSON.stringify({ password: value })));
    const run = await serveFailing(secretEnv(sm.url, ARN));
    expect(run.code).not.toBe(0);
    expect(run.engineStarted).toBe(false);
    expect(run.output).toContain(`secret ${ARN}: UnknownSecretShape`);
    expect(run.output).toContain('HF_TOKEN, hf_token, token');
    expect(run.output).not.toContain(value);
  });

  it('refuses a binary secret', async () => {
    const sm = await secretsManager(() => ({
      status: 200,
      body: { ARN, Name: 'hf-token', SecretBinary: Buffer.from(TOKEN).toString('base64') },
    }));
    const run = await serveFailing(secretEnv(sm.url, ARN));
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('BinarySecret');
    expect(run.output).toContain('SecretString');
  });

  it('lets an HF_TOKEN already set win: the secret is not read', async () => {
    const sm = await secretsManager(() => secretString(ARN, TOKEN));
    const own = 'hf_AlreadyInTheEnvironment42';
    const { engineEnv, stderr } = await serve({ ...secretEnv(sm.url, ARN), HF_TOKEN: own });
    expect(sm.requests).toHaveLength(0);
    expect(engineEnv['HF_TOKEN']).toBe(own);
    expect(stderr).toContain('HF_TOKEN is already set; the secret in MCC_HF_TOKEN_SECRET_ARN is not read');
    expect(stderr).not.toContain(own);
  });

  it('changes nothing without MCC_HF_TOKEN_SECRET_ARN', async () => {
    const sm = await secretsManager(() => secretString(ARN, TOKEN));
    const { engineEnv } = await serve({ ...secretEnv(sm.url, ARN), MCC_HF_TOKEN_SECRET_ARN: '' });
    expect(sm.requests).toHaveLength(0);
    expect(engineEnv['HF_TOKEN'] ?? '').toBe(''); // the test's empty value, untouched
  });

  it('signs with the container credentials endpoint’s credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)', async () => {
    const container = {
      accessKeyId: 'ASIACONTAINERFAKE001',
      secretAccessKey: 'container-fake-secret-key',
      sessionToken: 'container-fake-session',
    };
    const authorization = 'fake-container-authorization';
    const credentials = await startFakeCredentialsEndpoint(authorization, container);
    fakes.push(credentials);
    const sm = await startFakeSecretsManager(() => secretString(ARN, TOKEN), container.secretAccessKey);
    fakes.push(sm);
    const dir = await mkdtemp(join(tmpdir(), 'mcc-container-auth-'));
    try {
      const tokenFile = join(dir, 'token');
      await writeFile(tokenFile, `${authorization}\n`);
      const { engineEnv } = await serve({
        ...secretEnv(sm.url, ARN, null),
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${credentials.url}/v2/credentials/fake`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
      });
      expect(credentials.requests).toHaveLength(1);
      expect(credentials.requests[0]!.url).toBe('/v2/credentials/fake');
      expect(credentials.requests[0]!.headers['authorization']).toBe(authorization);
      expect(sm.requests).toHaveLength(1);
      expect(sm.requests[0]!.scope?.accessKeyId).toBe(container.accessKeyId);
      expect(sm.requests[0]!.headers['x-amz-security-token']).toBe(container.sessionToken);
      expect(sm.requests[0]!.signatureValid).toBe(true);
      expect(engineEnv['HF_TOKEN']).toBe(TOKEN);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
