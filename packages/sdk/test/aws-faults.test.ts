import { describe, expect, it } from 'vitest';

import { ignoreNotFound, isNotFound, isRoleNotReady } from '../src/lifecycle/aws-faults.js';
import { awsError } from '../src/testing/fake-aws.js';

describe('AWS faults every target reads the same way', () => {
  it('tells "no such thing" in each service’s words, and nothing else', () => {
    for (const name of ['NoSuchEntityException', 'ResourceNotFoundException', 'NoSuchKey', 'NotFound'])
      expect(isNotFound(awsError(name)), name).toBe(true);
    expect(isNotFound(awsError('ValidationException', 'Could not find endpoint "x".'))).toBe(true);
    expect(isNotFound(awsError('ValidationException', 'Endpoint name is too long.'))).toBe(false);
    expect(isNotFound(awsError('AccessDeniedException'))).toBe(false);
  });

  it('treats a deletion of something already gone as done, and rethrows anything else', async () => {
    expect(await ignoreNotFound(async () => undefined)).toBe(true);
    expect(await ignoreNotFound(() => Promise.reject(awsError('NoSuchEntityException')))).toBe(false);
    await expect(ignoreNotFound(() => Promise.reject(awsError('ThrottlingException')))).rejects.toThrow();
  });

  it('recognises a role IAM has only just created', () => {
    expect(
      isRoleNotReady(awsError('ValidationException', 'Could not assume role arn:aws:iam::1:role/r')),
    ).toBe(true);
    expect(isRoleNotReady(awsError('ValidationException', 'Invalid instance type'))).toBe(false);
  });
});
