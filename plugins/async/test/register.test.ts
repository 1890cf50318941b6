import { readFile } from 'node:fs/promises';

import { checkTargetConformance, createFakeRegistry } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import register from '../src/hooks/register.js';

describe('mcc:register hook', () => {
  it('adds one lazy target, async, that loads a CPU and GPU Target with its options', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries.map((e) => [e.point, e.descriptor.id])).toEqual([['target', 'async']]);
    const target = await fake.load('target', 'async');
    expect(target.kind).toBe('target');
    expect(target.accelerators).toEqual(['cpu', 'gpu']);
    expect(target.options.map((o) => o.key)).toEqual([
      'output-path',
      'failure-path',
      'success-topic',
      'error-topic',
      'create-topics',
      'max-concurrent-invocations',
      'instance-count',
      'scale-to-zero',
      'min-instances',
      'max-instances',
      'role-arn',
      'container-engine',
    ]);
    expect([target.templatesDir].flat()).toHaveLength(2);
  });

  it('keeps the hook module tiny and is the hook package.json declares', async () => {
    const source = await readFile(new URL('../src/hooks/register.ts', import.meta.url), 'utf8');
    expect([...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual(['@mcc/sdk']);
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      oclif: { hooks: Record<string, string> };
    };
    expect(pkg.oclif.hooks['mcc:register']).toBe('./dist/hooks/register.js');
  });

  it('passes the sdk’s target conformance: renders clean (shellcheck on do/), pure context and plan', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    const target = await fake.load('target', 'async');
    expect(
      await checkTargetConformance(target, {
        shellcheck: 'require',
        requirePlan: true,
        optionSets: [
          {
            'container-engine': 'podman',
            'role-arn': 'arn:aws:iam::123456789012:role/own',
            'output-path': 's3://my-results/async/',
            'success-topic': 'arn:aws:sns:us-east-1:123456789012:done',
            'error-topic': 'arn:aws:sns:us-east-1:123456789012:failed',
            'max-concurrent-invocations': 1000,
            'instance-count': 2,
            'scale-to-zero': true,
            'max-instances': 4,
          },
          { 'create-topics': true },
        ],
      }),
    ).toEqual([]);
  });
});
