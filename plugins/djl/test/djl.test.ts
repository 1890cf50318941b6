import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseProperties } from '@mcc/sdk/serving-properties';
import { createFakeRegistry } from '@mcc/sdk/testing';
import { validate } from 'dockerfile-utils';
import { afterEach, describe, expect, it } from 'vitest';

import register from '../src/hooks/register.js';
import { djlServer, DJL_SUMMARY } from '../src/server.js';
import { freePort, installFakeDjl, startServe, stop, waitForHttp } from './fake-djl.js';
import { projectInput, renderProject } from './fixtures.js';

const running: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => stop(child)));
});

describe('djl server', () => {
  it('offers the shared options its engine has, then its own', () => {
    expect(djlServer).toMatchObject({
      id: 'djl',
      accelerator: 'gpu',
      sources: ['huggingface', 's3'],
      httpLayers: [],
    });
    expect(djlServer.options.map((o) => o.key)).toEqual([
      'tensor-parallel-degree',
      'max-concurrency',
      'dtype',
      'rolling-batch',
      'quantization',
      'trust-remote-code',
      'model-loading-timeout',
    ]);
    expect(djlServer.defaultBaseImage).toBe('deepjavalibrary/djl-serving:0.36.0-pytorch-gpu');
  });

  it('writes the Python engine with the Hugging Face handler and the options', async () => {
    const { files } = await renderProject(
      projectInput({
        options: {
          dtype: 'fp16',
          quantization: 'bitsandbytes4',
          'rolling-batch': 'disable',
          'trust-remote-code': true,
        },
        instance: { acceleratorCount: 2, sizing: { sizer: 'gpu', tensorParallelDegree: 2 } },
      }),
    );
    expect(Object.fromEntries(parseProperties(files.get('serving.properties')!))).toEqual({
      engine: 'Python',
      'option.model_id': 'Qwen/Qwen2.5-0.5B-Instruct',
      'option.tensor_parallel_degree': '2',
      'option.max_rolling_batch_size': '32',
      'option.dtype': 'fp16',
      'option.entryPoint': 'djl_python.huggingface',
      'option.rolling_batch': 'disable',
      'option.quantize': 'bitsandbytes4',
      'option.trust_remote_code': 'true',
    });
    expect(files.get('requirements.txt')).toMatch(
      /^transformers==4\.51\.3\naccelerate==1\.6\.0\nbitsandbytes==0\.45\.5\n$/m,
    );
  });

  it('renders a Dockerfile that lints clean and installs requirements.txt over the image', async () => {
    const { files, readme, dir } = await renderProject(projectInput());
    expect([...files.keys()].sort()).toEqual([
      'Dockerfile',
      'code/aws_secret.py',
      'code/serve',
      'requirements.txt',
      'serving.properties',
      'tests/payloads/generate.json',
    ]);
    const dockerfile = files.get('Dockerfile')!;
    expect(validate(dockerfile).map((d) => d.message)).toEqual([]);
    expect(dockerfile).toContain('ARG BASE_IMAGE=deepjavalibrary/djl-serving:0.36.0-pytorch-gpu\n');
    expect(dockerfile).toContain('RUN pip3 install --no-cache-dir -r /tmp/requirements.txt');
    expect(files.get('requirements.txt')).not.toContain('bitsandbytes');
    for (const [path, text] of [...files, ['README section', readme] as const]) {
      expect(text, path).not.toMatch(/<%|%>|\bundefined\b|\bNaN\b|\[object Object\]/);
      expect(text, path).not.toContain(dir);
    }
    expect(readme).toContain('`OPTION_ENTRYPOINT`');
  });

  it('serves through code/serve with a fake djl-serving; OPTION_* overrides reach it', async () => {
    const project = await renderProject(projectInput());
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
      OPTION_ROLLING_BATCH: 'disable',
    });
    running.push(child);
    const ping = await waitForHttp(`http://127.0.0.1:${port}/ping`, child);
    expect(ping.status).toBe(200);
    const recorded = JSON.parse(await readFile(record, 'utf8')) as { properties: string };
    expect(parseProperties(recorded.properties).get('option.rolling_batch')).toBe('disable');
    expect(parseProperties(recorded.properties).get('option.entryPoint')).toBe('djl_python.huggingface');
  });

  it('registers one lazy server descriptor, djl', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries.map((e) => [e.point, e.descriptor.id, e.descriptor.summary])).toEqual([
      ['server', 'djl', DJL_SUMMARY],
    ]);
    expect((await fake.load('server', 'djl')).kind).toBe('server');
  });
});
