import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox();
});
afterAll(async () => {
  await rm(box.root, { recursive: true, force: true });
});

describe('mcc generate --target hyperpod-eks (the built CLI)', () => {
  it('writes the Kubernetes objects, do/ scripts that call mcc, and a README section', async () => {
    const result = await mcc(box, [
      'generate',
      'llama',
      '--server',
      'vllm',
      '--model-source',
      'huggingface',
      '--model',
      'openai-community/gpt2',
      '--target',
      'hyperpod-eks',
      '--option',
      'cluster-name=ml-cluster',
      '--option',
      'namespace=team-a',
      '--option',
      'max-replicas=4',
      '--instance-type',
      'ml.g5.xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const out = envelope<{ files: string[] }>(result);
    // do/build and do/run run the engine themselves; the others hand over to the mcc verb.
    const engineScripts = ['build', 'run'].map((v) => `do/${v}`);
    const scripts = ['push', 'deploy', 'status', 'logs', 'invoke', 'destroy'].map((v) => `do/${v}`);
    expect(out.result.files).toEqual(
      expect.arrayContaining([
        'k8s/namespace.yaml',
        'k8s/inference-endpoint-config.yaml',
        ...engineScripts,
        ...scripts,
      ]),
    );
    const dir = join(box.cwd, 'llama');
    // The objects' schema validity is the plugin's test; here, that the files carry this project's values.
    const iec = await readFile(join(dir, 'k8s/inference-endpoint-config.yaml'), 'utf8');
    for (const line of [
      'apiVersion: "inference.sagemaker.aws.amazon.com/v1"',
      'kind: "InferenceEndpointConfig"',
      '  name: "llama"',
      '  namespace: "team-a"',
      '  instanceType: "ml.g5.xlarge"',
      '    modelSourceType: "huggingface"',
      '      modelId: "openai-community/gpt2"',
      '    maxReplicaCount: 4',
    ]) {
      expect(iec).toContain(line);
    }
    const namespace = await readFile(join(dir, 'k8s/namespace.yaml'), 'utf8');
    expect(namespace).toContain('kind: "Namespace"');
    expect(namespace).toContain('  name: "team-a"');

    for (const script of scripts) {
      const text = await readFile(join(dir, script), 'utf8');
      expect(text, script).toContain(`exec "$mcc" ${script.slice(3)} "$@"`);
      const check = spawnSync('shellcheck', ['--severity=style', join(dir, script)], { encoding: 'utf8' });
      expect(check.status, `${script}: ${check.stdout}`).toBe(0);
    }
    for (const script of engineScripts) {
      const text = await readFile(join(dir, script), 'utf8');
      expect(text, script).toMatch(/^image=llama(:0\.1\.0)?$/m);
      const check = spawnSync('shellcheck', ['--severity=style', join(dir, script)], { encoding: 'utf8' });
      expect(check.status, `${script}: ${check.stdout}`).toBe(0);
    }
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('## Deploying to SageMaker HyperPod on EKS');
    expect(readme).toContain('amazon-sagemaker-hyperpod-inference');
    expect(readme).toContain('3. `do/push` pushes it to the ECR repository `llama`');
  });

  it('refuses a bad option naming the value and what is accepted, writing nothing', async () => {
    const result = await mcc(box, [
      'generate',
      'bad',
      '--server',
      'vllm',
      '--model-source',
      'huggingface',
      '--model',
      'openai-community/gpt2',
      '--target',
      'hyperpod-eks',
      '--option',
      'cluster-name=ml-cluster',
      '--option',
      'namespace=kube-system',
      '--instance-type',
      'ml.g5.xlarge',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode).toBe(2);
    const out = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(out.error.code).toBe('HYPERPOD_NAMESPACE_RESERVED');
    expect(out.error.message).toContain('kube-system');
    await expect(readFile(join(box.cwd, 'bad', 'mcc.json'))).rejects.toThrow();
  });
});
