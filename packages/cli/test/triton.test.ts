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
