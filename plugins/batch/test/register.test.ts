import { readFile } from 'node:fs/promises';

import { checkTargetConformance, createFakeRegistry } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import register from '../src/hooks/register.js';
import { BATCH_SUMMARY } from '../src/target.js';

describe('mcc:register hook', () => {
  it('adds one lazy target, batch, for CPU and GPU, the image-only sources, and batch-sized requests', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries.map((e) => [e.point, e.descriptor.id, e.descriptor.summary])).toEqual([
      ['target', 'batch', BATCH_SUMMARY],
    ]);
    const target = await fake.load('target', 'batch');
    expect(target.kind).toBe('target');
    expect(target.accelerators).toEqual(['cpu', 'gpu']);
    expect(target.sources).toEqual(['sample', 'local']);
    expect(target.maxPayloadBytes).toBe(100 * 1024 * 1024);
    expect(target.requestTimeoutSeconds).toBe(3600);
    expect(target.options.map((o) => o.key)).toEqual([
      'input-path',
      'output-path',
      'content-type',
      'accept',
      'split-type',
      'assemble-with',
      'batch-strategy',
      'max-payload-mb',
      'max-concurrent-transforms',
      'instance-count',
      'invocation-timeout',
      'invocation-retries',
      'role-arn',
      'container-engine',
    ]);
    expect([target.templatesDir].flat()).toHaveLength(2);
  });

  it('keeps the hook module tiny and is the hook package.json declares', async () => {
    const source = await readFile(new URL('../src/hooks/register.ts', import.meta.url), 'utf8');
    expect([...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual(['@mcc/sdk']);
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      name: string;
      oclif: { hooks: Record<string, string> };
    };
    expect(pkg.name).toBe('@mcc/plugin-batch');
    expect(pkg.oclif.hooks['mcc:register']).toBe('./dist/hooks/register.js');
  });

  it('passes the sdk’s target conformance: renders clean (shellcheck on do/), pure context and plan', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    const target = await fake.load('target', 'batch');
    expect(
      await checkTargetConformance(target, {
        shellcheck: 'require',
        requirePlan: true,
        optionSets: [
          {
            'container-engine': 'podman',
            'role-arn': 'arn:aws:iam::123456789012:role/own',
            'input-path': 's3://my-data/scoring/in/',
            'output-path': 's3://my-data/scoring/out',
            'content-type': 'application/json',
            accept: 'application/json',
            'split-type': 'None',
            'assemble-with': 'None',
            'batch-strategy': 'SingleRecord',
            'max-payload-mb': 20,
            'max-concurrent-transforms': 5,
            'instance-count': 4,
            'invocation-timeout': 3600,
            'invocation-retries': 0,
          },
        ],
      }),
    ).toEqual([]);
  });
});
