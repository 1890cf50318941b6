import type { StatusResult, VerbContext } from '@mcc/sdk';

import { isNotFound } from '@mcc/sdk';
import * as requests from './requests.js';
import { readServerless } from './state.js';

interface Described {
  EndpointStatus?: string;
  EndpointConfigName?: string;
  FailureReason?: string;
  ProductionVariants?: { CurrentServerlessConfig?: { MemorySizeInMB?: number; MaxConcurrency?: number } }[];
}

/** `mcc status`: the recorded endpoint as SageMaker reports it now (one DescribeEndpoint). */
export async function status(context: VerbContext): Promise<StatusResult> {
  const section = readServerless(context.state);
  const resources: StatusResult['resources'] = [];
  if (section?.endpoint) {
    const name = section.endpoint.name;
    try {
      const found = await context.aws.call<Described>(requests.describeEndpoint(name));
      const serverless = found.ProductionVariants?.[0]?.CurrentServerlessConfig;
      const detail = [
        found.FailureReason,
        found.EndpointConfigName ? `configuration ${found.EndpointConfigName}` : undefined,
        serverless
          ? `${serverless.MemorySizeInMB ?? '?'} MB, up to ${serverless.MaxConcurrency ?? '?'} concurrent`
          : undefined,
      ]
        .filter(Boolean)
        .join('; ');
      resources.push({
        kind: 'endpoint',
        name,
        status: found.EndpointStatus ?? 'unknown',
        ...(detail ? { detail } : {}),
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      resources.push({
        kind: 'endpoint',
        name,
        status: 'missing',
        detail: 'recorded in .mcc/state.json but not found in AWS',
      });
    }
  }
  return { region: context.aws.region, deployed: resources.some((r) => r.status === 'InService'), resources };
}
