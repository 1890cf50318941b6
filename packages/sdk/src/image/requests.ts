import type { AwsCall } from '../lifecycle/aws.js';

/**
 * The AWS requests of `mcc push`, built in one place so the verb, `--plan` and the tests of every
 * target see the same shapes (checked against the ECR and STS API references).
 */

/** A tag on what mcc creates, in ECR's `{Key, Value}` form. */
export interface ResourceTag {
  Key: string;
  Value: string;
}

export const getCallerIdentity = (): AwsCall => ({
  service: 'sts',
  operation: 'GetCallerIdentity',
  input: {},
});

export const describeRepositories = (repository: string): AwsCall => ({
  service: 'ecr',
  operation: 'DescribeRepositories',
  input: { repositoryNames: [repository] },
});

/** A new repository scans what is pushed and encrypts at rest; tags are mutable so a rebuild can move them. */
export function createRepository(repository: string, tags: readonly ResourceTag[]): AwsCall {
  return {
    service: 'ecr',
    operation: 'CreateRepository',
    input: {
      repositoryName: repository,
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'AES256' },
      imageTagMutability: 'MUTABLE',
      tags: [...tags],
    },
  };
}

/** Deletes the repository with its images (`force`): only ever one mcc created for the project. */
export const deleteRepository = (repository: string): AwsCall => ({
  service: 'ecr',
  operation: 'DeleteRepository',
  input: { repositoryName: repository, force: true },
});

export const getAuthorizationToken = (): AwsCall => ({
  service: 'ecr',
  operation: 'GetAuthorizationToken',
  input: {},
});
