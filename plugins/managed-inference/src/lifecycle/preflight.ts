import { McError, awsErrorMessage, awsErrorName } from '@mcc/sdk';
import type { AwsApi, AwsCall, PreflightCheck } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';

/** `<account>.dkr.ecr.<region>.<suffix>/<repository>` then `:tag` or `@sha256:…`. */
const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.[a-z0-9.]+\/([^:@]+)(?::([\w][\w.-]{0,127})|@(sha256:[a-f0-9]{64}))?$/;

export interface EcrImageRef {
  account: string;
  region: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseEcrImageUri(uri: string): EcrImageRef | undefined {
  const m = ECR_IMAGE.exec(uri);
  if (!m) return undefined;
  return {
    account: m[1]!,
    region: m[2]!,
    repository: m[3]!,
    ...(m[4] ? { tag: m[4] } : {}),
    ...(m[5] ? { digest: m[5] } : {}),
  };
}

export function describeImage(ref: EcrImageRef): AwsCall {
  return {
    service: 'ecr',
    operation: 'DescribeImages',
    input: {
      registryId: ref.account,
      repositoryName: ref.repository,
      imageIds: [ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag ?? 'latest' }],
    },
  };
}

export const getRoleByArn = (arn: string): AwsCall => ({
  service: 'iam',
  operation: 'GetRole',
  input: { RoleName: arn.split('/').pop() ?? arn },
});

export const listSageMakerQuotas = (nextToken?: string): AwsCall => ({
  service: 'service-quotas',
  operation: 'ListServiceQuotas',
  input: { ServiceCode: 'sagemaker', MaxResults: 100, ...(nextToken ? { NextToken: nextToken } : {}) },
});

/** The quota SageMaker checks for an endpoint's instances. */
export const endpointQuotaName = (instanceType: string): string => `${instanceType} for endpoint usage`;

interface Inputs {
  ctx: ManagedInferenceContext;
  aws: AwsApi;
  image: string | undefined;
  /** A role mcc will use but not create. */
  givenRole: string | undefined;
  /** Check the instance quota (a first deploy; an update adds no instances). */
  quota: boolean;
}

/**
 * What a deploy needs that can be checked before anything is created: the image in ECR (in this
 * region), a given role that SageMaker may assume, and the account's endpoint quota for the
 * instance type (best effort: a quota that cannot be read is a warning, not a failure).
 */
export async function preflightChecks({
  ctx,
  aws,
  image,
  givenRole,
  quota,
}: Inputs): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  if (image) {
    const ref = parseEcrImageUri(image);
    if (!ref) {
      checks.push({
        name: 'image',
        status: 'fail',
        detail: `${image} is not an Amazon ECR image; SageMaker pulls bring-your-own images from ECR. Run do/push.`,
      });
    } else if (ref.region !== aws.region) {
      checks.push({
        name: 'image',
        status: 'fail',
        detail: `${image} is in ${ref.region}, but the endpoint would be in ${aws.region}; push the image to ${aws.region} (mcc push --region ${aws.region}).`,
      });
    } else {
      try {
        await aws.call(describeImage(ref));
        checks.push({ name: 'image', status: 'ok', detail: `${image} is in ECR` });
      } catch (error) {
        const name = awsErrorName(error);
        if (name !== 'ImageNotFoundException' && name !== 'RepositoryNotFoundException') throw error;
        checks.push({
          name: 'image',
          status: 'fail',
          detail: `${image} is not in ECR (${name}); run do/push (mcc push).`,
        });
      }
    }
  }
  if (givenRole) {
    try {
      const found = await aws.call<{ Role?: { AssumeRolePolicyDocument?: string } }>(getRoleByArn(givenRole));
      const trust = decodeURIComponent(found.Role?.AssumeRolePolicyDocument ?? '');
      checks.push(
        trust.includes('sagemaker.amazonaws.com')
          ? { name: 'role', status: 'ok', detail: `${givenRole} trusts SageMaker` }
          : {
              name: 'role',
              status: 'fail',
              detail: `${givenRole} does not let sagemaker.amazonaws.com assume it; add it to the role's trust policy (see iam/execution-role-trust.json).`,
            },
      );
    } catch (error) {
      if (!/NoSuchEntity/.test(awsErrorName(error))) throw error;
      checks.push({ name: 'role', status: 'fail', detail: `${givenRole} does not exist.` });
    }
  }
  if (quota) checks.push(await quotaCheck(ctx, aws));
  return checks;
}

async function quotaCheck(ctx: ManagedInferenceContext, aws: AwsApi): Promise<PreflightCheck> {
  const wanted = endpointQuotaName(ctx.endpoint.instanceType);
  try {
    let token: string | undefined;
    do {
      const page = await aws.call<{ Quotas?: { QuotaName?: string; Value?: number }[]; NextToken?: string }>(
        listSageMakerQuotas(token),
      );
      const quota = page.Quotas?.find((q) => q.QuotaName === wanted);
      if (quota) {
        const value = quota.Value ?? 0;
        return value >= ctx.endpoint.instanceCount
          ? { name: 'quota', status: 'ok', detail: `"${wanted}" is ${value}` }
          : {
              name: 'quota',
              status: 'fail',
              detail: `"${wanted}" is ${value} in ${aws.region}, and the endpoint needs ${ctx.endpoint.instanceCount}; ask for more in Service Quotas (Amazon SageMaker), or choose another instance type.`,
            };
      }
      token = page.NextToken;
    } while (token);
    return {
      name: 'quota',
      status: 'warn',
      detail: `no quota named "${wanted}" was found; SageMaker will check it.`,
    };
  } catch (error) {
    return {
      name: 'quota',
      status: 'warn',
      detail: `could not read the SageMaker quotas (${awsErrorName(error) || awsErrorMessage(error)}); SageMaker will check them.`,
    };
  }
}

/** Throws one error listing every failed check, before anything is created. */
export function requirePassed(checks: readonly PreflightCheck[]): void {
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return;
  throw new McError(
    `The deploy cannot start:\n${failed.map((c) => `  - ${c.name}: ${c.detail}`).join('\n')}`,
    {
      code: 'PREFLIGHT_FAILED',
      suggestions: ['Fix the items above and run mcc deploy again; nothing was created.'],
    },
  );
}
