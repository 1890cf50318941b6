import { describe, expect, it } from 'vitest';

import { BUCKET_PATTERN, ROLE_ARN_PATTERN, managedInferenceOptions } from '../src/options.js';

const spec = (key: string) => {
  const option = managedInferenceOptions.find((o) => o.key === key);
  if (!option) throw new Error(`no option ${key}`);
  return option;
};

describe('managed-inference options', () => {
  it('has unique kebab-case keys, each described', () => {
    const keys = managedInferenceOptions.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const option of managedInferenceOptions) {
      expect(option.key).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(option.description.length).toBeGreaterThan(10);
    }
  });

  it('instance-count is an integer from 1 to 100, default 1', () => {
    expect(spec('instance-count')).toMatchObject({ type: 'integer', min: 1, max: 100, default: 1 });
  });

  it('copies is an integer of at least 1, default 1', () => {
    expect(spec('copies')).toMatchObject({ type: 'integer', min: 1, default: 1 });
  });

  it('container-engine is auto, docker or podman, default auto', () => {
    expect(spec('container-engine')).toMatchObject({
      type: 'enum',
      choices: ['auto', 'docker', 'podman'],
      default: 'auto',
    });
  });

  it('role-arn is an optional IAM role ARN, in any partition', () => {
    const option = spec('role-arn');
    expect(option).toMatchObject({ type: 'string' });
    expect(option.default).toBeUndefined();
    expect(option.required).toBeFalsy();
    expect(option.pattern).toBe(ROLE_ARN_PATTERN);
    expect(option.patternHint).toMatch(/arn:aws:iam::/);
    for (const good of [
      'arn:aws:iam::123456789012:role/sm',
      'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-2024',
      'arn:aws-cn:iam::123456789012:role/sm',
      'arn:aws-us-gov:iam::123456789012:role/sm',
    ]) {
      expect(ROLE_ARN_PATTERN.test(good), good).toBe(true);
    }
    for (const bad of [
      'arn:aws:iam::12345678901:role/sm',
      'arn:aws:iam::123456789012:user/sm',
      'arn:aws:iam::123456789012:role/',
      'arn:aws:sts::123456789012:role/sm',
      'my-role',
    ]) {
      expect(ROLE_ARN_PATTERN.test(bad), bad).toBe(false);
    }
  });

  it('bucket is an optional S3 bucket name', () => {
    expect(spec('bucket').default).toBeUndefined();
    for (const good of ['abc', 'my.team-bucket', 'sagemaker-us-east-1-123456789012'])
      expect(BUCKET_PATTERN.test(good), good).toBe(true);
    for (const bad of ['ab', 'My-Bucket', '-bucket', 'bucket-', 'a'.repeat(64)])
      expect(BUCKET_PATTERN.test(bad), bad).toBe(false);
  });
});
