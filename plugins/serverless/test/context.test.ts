import { describe, expect, it } from 'vitest';

import { serverlessContext } from '../src/context.js';
import { projectInput, thrown } from './fixtures.js';

const GIB = 1024 ** 3;

describe('serverless context', () => {
  it('reads the ServerlessConfig from the options, leaving provisioned concurrency out when unset', () => {
    expect(serverlessContext(projectInput()).serverless).toEqual({ memoryMb: 2048, maxConcurrency: 5 });
    const ctx = serverlessContext(
      projectInput({
        options: { 'memory-mb': 6144, 'max-concurrency': 200, 'provisioned-concurrency': 200 },
      }),
    );
    expect(ctx.serverless).toEqual({ memoryMb: 6144, maxConcurrency: 200, provisionedConcurrency: 200 });
  });

  it('accepts exactly the six memory steps and names the value and the steps otherwise', () => {
    for (const mb of [1024, 2048, 3072, 4096, 5120, 6144]) {
      expect(serverlessContext(projectInput({ options: { 'memory-mb': mb } })).serverless.memoryMb).toBe(mb);
    }
    const error = thrown(() => serverlessContext(projectInput({ options: { 'memory-mb': 1536 } })));
    expect(error.code).toBe('OPTION_INVALID');
    expect(error.message).toContain('memory-mb is 1536');
    expect(error.message).toContain('1024, 2048, 3072, 4096, 5120 or 6144 MB');
    expect(error.suggestions?.join(' ')).toContain('memory-mb=2048');
  });

  it('refuses max-concurrency outside 1–200 and provisioned concurrency above it', () => {
    expect(
      thrown(() => serverlessContext(projectInput({ options: { 'max-concurrency': 201 } }))).message,
    ).toContain('from 1 to 200');
    const error = thrown(() =>
      serverlessContext(projectInput({ options: { 'max-concurrency': 4, 'provisioned-concurrency': 5 } })),
    );
    expect(error.code).toBe('OPTION_INVALID');
    expect(error.message).toContain('provisioned-concurrency is 5');
    expect(error.message).toContain('max-concurrency (4)');
  });

  it('refuses a GPU instance without the CLI (core refuses GPU servers by accelerators)', () => {
    const error = thrown(() =>
      serverlessContext(projectInput({ instance: { instanceType: 'ml.g5.xlarge', acceleratorCount: 1 } })),
    );
    expect(error.code).toBe('TARGET_NO_GPU');
    expect(error.message).toContain('ml.g5.xlarge');
    expect(error.suggestions?.join(' ')).toContain('managed-inference');
  });

  it('refuses a role from another partition than the region', () => {
    const error = thrown(() =>
      serverlessContext(
        projectInput({ options: { 'role-arn': 'arn:aws:iam::123456789012:role/x' }, region: 'cn-north-1' }),
      ),
    );
    expect(error.code).toBe('ROLE_ARN_PARTITION_MISMATCH');
  });

  it('has no warning when the sizer’s estimate and the model fit the memory', () => {
    const input = projectInput({ model: { sizeBytes: 50 * 1024 * 1024 } });
    input.instance.sizing = { sizer: 'cpu', hostMemoryBytes: 1.5 * GIB };
    expect(serverlessContext(input).warnings).toEqual([]);
  });

  it('warns when memory is below the sizer’s estimate, naming the step to choose', () => {
    const input = projectInput();
    input.instance.sizing = { sizer: 'cpu', hostMemoryBytes: 2.5 * GIB };
    const [warning] = serverlessContext(input).warnings;
    expect(warning).toContain('2560 MB, more than memory-mb=2048');
    expect(warning).toContain('--option memory-mb=3072');
  });

  it('warns when the estimate exceeds what serverless can ever give, pointing to managed-inference', () => {
    const input = projectInput({ options: { 'memory-mb': 6144 } });
    input.instance.sizing = { sizer: 'cpu', hostMemoryBytes: 7 * GIB };
    expect(serverlessContext(input).warnings[0]).toMatch(/at most 6144 MB.*managed-inference/);
  });

  it('warns when the model is larger than the memory, and when it would make the image over 10 GB', () => {
    const small = serverlessContext(projectInput({ model: { sizeBytes: 3 * GIB, delivery: 'copy' } }));
    expect(small.warnings).toEqual([expect.stringContaining('use --option memory-mb=3072 or more')]);
    const huge = serverlessContext(projectInput({ model: { sizeBytes: 11 * GIB, delivery: 'copy' } }));
    expect(huge.warnings).toEqual([
      expect.stringContaining('even at 6144 MB'),
      expect.stringContaining('limit to 10 GB'),
    ]);
  });

  it('scopes the execution role to the project’s repository and log group, in the region’s partition', () => {
    const ctx = serverlessContext(projectInput({ region: 'cn-north-1' }));
    const policy = JSON.stringify(ctx.iam['execution-role-policy']);
    expect(policy).toContain('arn:aws-cn:ecr:cn-north-1:*:repository/abalone');
    expect(policy).toContain('arn:aws-cn:logs:cn-north-1:*:log-group:/aws/sagemaker/Endpoints/abalone*');
    expect(policy).not.toMatch(/s3:|iam:|sagemaker:/);
    expect(ctx.dnsSuffix).toBe('amazonaws.com.cn');
  });
});
