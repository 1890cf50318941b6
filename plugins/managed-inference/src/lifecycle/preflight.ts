import { McError, awsErrorMessage, awsErrorName } from '@mcc/sdk';
import type { AwsApi, AwsCall, PreflightCheck } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';
import type { S3Location } from '../s3-location.js';
import { s3PrefixUri } from '../s3-location.js';

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

export const getBucketLocation = (bucket: string): AwsCall => ({
  service: 's3',
  operation: 'GetBucketLocation',
  input: { Bucket: bucket },
});

/** One key under the model's prefix is enough to know it is not empty. */
export const listModelData = (data: S3Location): AwsCall => ({
  service: 's3',
  operation: 'ListObjectsV2',
  // With its slash, so `models/llama` does not match `models/llama-old/`.
  input: { Bucket: data.bucket, Prefix: s3PrefixUri(data).slice(`s3://${data.bucket}/`.length), MaxKeys: 1 },
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
 * region), a given role that SageMaker may assume, an S3 model's prefix (in this region and not
 * empty), and the account's endpoint quota for the instance type (best effort: a quota or a bucket
 * the deployer cannot read is a warning, not a failure).
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
  if (ctx.modelData) checks.push(await modelDataCheck(ctx.modelData, aws));
  if (quota) checks.push(await quotaCheck(ctx, aws));
  return checks;
}

/** SageMaker copies model data only from a bucket in the endpoint's region, and an empty prefix fails late. */
async function modelDataCheck(data: S3Location, aws: AwsApi): Promise<PreflightCheck> {
  const uri = s3PrefixUri(data);
  const unreadable = (error: unknown): PreflightCheck => ({
    name: 'model data',
    status: 'warn',
    detail: `could not read ${uri} (${awsErrorName(error) || awsErrorMessage(error)}); SageMaker will check it with the execution role.`,
  });
  try {
    const found = await aws.call<{ LocationConstraint?: string | null }>(getBucketLocation(data.bucket));
    // us-east-1 answers with no constraint; eu-west-1's oldest buckets with the legacy name EU.
    const region = !found.LocationConstraint
      ? 'us-east-1'
      : found.LocationConstraint === 'EU'
        ? 'eu-west-1'
        : found.LocationConstraint;
    if (region !== aws.region) {
      return {
        name: 'model data',
        status: 'fail',
        detail: `the bucket ${data.bucket} is in ${region}, and SageMaker copies model data only within the endpoint's region (${aws.region}); copy the model to a bucket in ${aws.region}, or deploy in ${region}.`,
      };
    }
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchBucket') {
      return { name: 'model data', status: 'fail', detail: `the bucket ${data.bucket} does not exist.` };
    }
    return unreadable(error);
  }
  try {
    const listed = await aws.call<{ KeyCount?: number; Contents?: unknown[] }>(listModelData(data));
    const count = listed.KeyCount ?? listed.Contents?.length ?? 0;
    return count > 0
      ? { name: 'model data', status: 'ok', detail: `${uri} holds the model` }
      : {
          name: 'model data',
          status: 'fail',
          detail: `nothing is stored under ${uri}; upload the model's files there (aws s3 sync ./model ${uri}).`,
        };
  } catch (error) {
    return unreadable(error);
  }
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
