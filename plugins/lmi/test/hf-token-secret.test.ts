import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  FAKE_CREDENTIALS,
  awsJsonError,
  secretEnv,
  secretString,
  startFakeSecretsManager,
} from '../../../testkit/fake-secrets-manager.js';
import type { FakeAnswer, FakeHttp, SecretsManagerRequest } from '../../../testkit/fake-secrets-manager.js';
import { projectInput, renderProject } from './fixtures.js';
import { freePort, installFakeDjl, startServe, stop, waitForHttp } from './fake-djl.js';

/**
 * The generated LMI code/serve (the serving-properties kit) reading HF_TOKEN from a fake Secrets
 * Manager on loopback before it hands over to a fake djl-serving, which records its HF_* variables.
 */
const ARN = 'arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:lmi-hf-token-XyZ123';
const TOKEN = 'hf_LmiFakeTokenForTests0123456789';

const running: ChildProcess[] = [];
const fakes: FakeHttp<SecretsManagerRequest>[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => stop(child)));
  await Promise.all(fakes.splice(0).map((server) => server.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function secretsManager(answer: () => FakeAnswer) {
  const server = await startFakeSecretsManager(() => answer());
  fakes.push(server);
  return server;
}

/** Starts code/serve with a fake djl-serving first on PATH; `ready` waits for /ping, `exited` for the end. */
async function start(env: Record<string, string>) {
  const project = await renderProject(projectInput());
  dirs.push(project.dir);
  const bin = await installFakeDjl(project.dir);
  const port = await freePort();
  const record = join(project.dir, 'record.json');
  const child = startServe(join(project.dir, 'code/serve'), {
    PATH: `${bin}:/usr/bin:/bin`,
    MCC_SERVING_PROPERTIES: join(project.dir, 'serving.properties'),
    MCC_RUN_DIR: project.dir,
    MCC_DJL_ENTRYPOINT: '',
    MCC_BIND_HOST: '127.0.0.1',
    SAGEMAKER_BIND_TO_PORT: String(port),
    FAKE_DJL_RECORD: record,
    AWS_REGION: 'us-east-1',
    ...env,
  });
  running.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    project,
    record,
    stderr: () => stderr,
    exited,
    ready: async () => {
      expect((await waitForHttp(`http://127.0.0.1:${port}/ping`, child)).status).toBe(200);
      return JSON.parse(await readFile(record, 'utf8')) as {
        env: Record<string, string>;
        properties: string;
      };
    },
  };
}

describe('the generated LMI code/serve with MCC_HF_TOKEN_SECRET_ARN', () => {
  it('emits code/aws_secret.py and copies it next to code/serve in the image', async () => {
    const project = await renderProject(projectInput());
    dirs.push(project.dir);
    expect(project.files.has('code/aws_secret.py')).toBe(true);
    expect(project.files.get('Dockerfile')).toMatch(/^COPY code\/aws_secret\.py \S+\/aws_secret\.py$/m);
  });

  it('reads the secret with a valid SigV4 signature and gives DJL Serving HF_TOKEN, without logging it', async () => {
    const sm = await secretsManager(() => secretString(ARN, JSON.stringify({ HF_TOKEN: TOKEN })));
    const serve = await start(secretEnv(sm.url, ARN));
    const recorded = await serve.ready();
    expect(recorded.env['HF_TOKEN']).toBe(TOKEN);
    expect(sm.requests).toHaveLength(1);
    const request = sm.requests[0]!;
    expect(request.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(request.json).toEqual({ SecretId: ARN });
    expect(request.scope).toMatchObject({
      accessKeyId: FAKE_CREDENTIALS.accessKeyId,
      region: 'ap-southeast-2',
      service: 'secretsmanager',
    });
    expect(request.signatureValid).toBe(true);
    expect(serve.stderr()).toContain(`read from Secrets Manager secret ${ARN}`);
    expect(serve.stderr()).not.toContain(TOKEN);
    // The effective serving.properties in the run directory holds no token.
    expect(recorded.properties).not.toContain(TOKEN);
  });

  it('exits non-zero before DJL Serving starts on AccessDenied, naming the ARN and the code', async () => {
    const sm = await secretsManager(() =>
      awsJsonError(400, 'AccessDeniedException', 'not authorized to perform: secretsmanager:GetSecretValue'),
    );
    const serve = await start(secretEnv(sm.url, ARN));
    expect(await serve.exited).not.toBe(0);
    expect(existsSync(serve.record)).toBe(false);
    const line = serve
      .stderr()
      .split('\n')
      .find((text) => text.includes('cannot read the Hugging Face token'));
    expect(line).toContain(ARN);
    expect(line).toContain('AccessDeniedException');
    expect(line).toContain('execution role allows secretsmanager:GetSecretValue');
  });

  it('lets an HF_TOKEN already set win: no request', async () => {
    const sm = await secretsManager(() => secretString(ARN, TOKEN));
    const own = 'hf_LmiOwnTokenInTheEnvironment';
    const serve = await start({ ...secretEnv(sm.url, ARN), HF_TOKEN: own });
    const recorded = await serve.ready();
    expect(sm.requests).toHaveLength(0);
    expect(recorded.env['HF_TOKEN']).toBe(own);
    expect(serve.stderr()).toContain('HF_TOKEN is already set');
    expect(serve.stderr()).not.toContain(own);
  });
});
