import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox, tree } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox();
});
afterAll(async () => {
  await rm(box.root, { recursive: true, force: true });
});

describe('mcc generate --server triton (the built CLI)', () => {
  it.each(['fil', 'python'])('generates the %s sample as a Triton model repository', async (backend) => {
    const name = `triton-${backend}`;
    const result = await mcc(box, [
      'generate',
      name,
      '--server',
      'triton',
      '--option',
      `backend=${backend}`,
      '--instance-type',
      'ml.m5.xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    const out = envelope<{ files: string[] }>(result);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(out.result.files).toEqual(
      expect.arrayContaining([
        'Dockerfile',
        'code/serve',
        'model_repository/model/config.pbtxt',
        'sample/train.py',
        'sample/abalone.csv',
        'tests/payloads/abalone.json',
        ...(backend === 'python' ? ['model_repository/model/1/model.py', 'requirements.txt'] : []),
      ]),
    );
    const dir = join(box.cwd, name);
    const config = await readFile(join(dir, 'model_repository/model/config.pbtxt'), 'utf8');
    expect(config).toContain(`backend: "${backend}"`);
    const manifest = JSON.parse(await readFile(join(dir, 'mcc.json'), 'utf8')) as {
      plugins: { server: { plugin: string } };
      options: { server: Record<string, unknown> };
    };
    expect(manifest.plugins.server.plugin).toBe('@mcc/plugin-triton');
    expect(manifest.options.server.backend).toBe(backend);
  });

  it('refuses a backend that cannot serve the model, naming both, and writes nothing', async () => {
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(join(box.cwd, 'net.onnx'), Buffer.from([0x08, 0x07])),
    );
    const result = await mcc(box, [
      'generate',
      'triton-bad',
      '--server',
      'triton',
      '--model',
      'net.onnx',
      '--option',
      'backend=fil',
      '--instance-type',
      'ml.m5.xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode).toBe(2);
    const out = envelope(result);
    expect(out.error?.code).toBe('MODEL_BACKEND_MISMATCH');
    expect(out.error?.message).toContain('net.onnx');
    expect(out.error?.message).toContain('fil backend');
    expect(out.error?.suggestions.join(' ')).toContain('backend=onnxruntime');
    expect(await tree(box.cwd)).not.toContain('triton-bad');
  });

  it('generates the vllm backend for an S3 model behind nginx, with the repository out of /opt/ml/model', async () => {
    const result = await mcc(box, [
      'generate',
      'triton-vllm-s3',
      '--server',
      'triton',
      '--option',
      'backend=vllm',
      '--model-source',
      's3',
      '--model',
      's3://team-models/llama/',
      '--instance-type',
      'ml.g5.2xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    // The vllm backend is a GPU server for core (acceleratorFor): no "CPU instance costs less".
    expect(envelope(result).warnings.join(' ')).not.toContain('does not use');
    const files = envelope<{ files: string[] }>(result).result.files;
    expect(files).toEqual(
      expect.arrayContaining([
        'code/serve',
        'code/adapter.py',
        'code/nginx.conf',
        'code/aws_secret.py',
        'tests/payloads/generate.json',
        'model_repository/model/1/model.json',
      ]),
    );
    expect(files).not.toContain('tests/payloads/abalone.json');
    const dir = join(box.cwd, 'triton-vllm-s3');
    expect(JSON.parse(await readFile(join(dir, 'model_repository/model/1/model.json'), 'utf8')).model).toBe(
      '/opt/ml/model',
    );
    const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY model_repository/ /opt/program/model_repository/');
    // mcc.json names the image the Dockerfile builds FROM: the vLLM family's.
    const recorded = JSON.parse(await readFile(join(dir, 'mcc.json'), 'utf8'));
    expect(recorded.settings.baseImage).toMatch(/^nvcr\.io\/nvidia\/tritonserver:[\d.]+-vllm-python-py3$/);
    expect(recorded.settings.modelFormat).toBe('huggingface');
    expect(dockerfile).toContain(`ARG BASE_IMAGE=${recorded.settings.baseImage}`);
  });

  it('refuses an S3 model for a backend that bakes its model into the image', async () => {
    const result = await mcc(box, [
      'generate',
      'triton-fil-s3',
      '--server',
      'triton',
      '--option',
      'backend=tensorflow',
      '--model-source',
      's3',
      '--model',
      's3://team-models/net/',
      '--model-format',
      'savedmodel',
      '--instance-type',
      'ml.m5.xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode).toBe(2);
    const out = envelope(result);
    expect(out.error?.code).toBe('MODEL_SOURCE_UNSUPPORTED');
    expect(out.error?.message).toContain('s3://team-models/net/');
    expect(out.error?.message).toContain('vllm or tensorrtllm');
    expect(await tree(box.cwd)).not.toContain('triton-fil-s3');
  });

  it('refuses a CPU instance for an LLM backend, as a GPU server', async () => {
    const result = await mcc(box, [
      'generate',
      'triton-vllm-cpu',
      '--server',
      'triton',
      '--option',
      'backend=vllm',
      '--model-source',
      'huggingface',
      '--model',
      'Qwen/Qwen2.5-0.5B-Instruct',
      '--instance-type',
      'ml.m5.xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode).toBe(2);
    expect(envelope(result).error?.code).toBe('INSTANCE_NEEDS_GPU');
    expect(envelope(result).error?.message).toContain('ml.m5.xlarge');
  });

  it('refuses a sample for a backend that has none', async () => {
    const result = await mcc(box, [
      'generate',
      'triton-nosample',
      '--server',
      'triton',
      '--option',
      'backend=pytorch',
      '--instance-type',
      'ml.m5.xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode).toBe(2);
    expect(envelope(result).error?.code).toBe('SAMPLE_NOT_AVAILABLE');
  });
});
