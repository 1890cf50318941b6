import type { StatusResult, VerbContext } from '@mcc/sdk';

import { isNotFound } from '@mcc/sdk';
import * as requests from './requests.js';
import { readAsync } from './state.js';

interface Described {
  EndpointStatus?: string;
  EndpointConfigName?: string;
  FailureReason?: string;
  ProductionVariants?: { CurrentInstanceCount?: number; DesiredInstanceCount?: number }[];
}

/**
 * `mcc status`: the recorded endpoint as SageMaker reports it now (one DescribeEndpoint), with its
 * instance count (0 is normal for a scaled-to-zero endpoint) and where results go.
 */
export async function status(context: VerbContext): Promise<StatusResult> {
  const section = readAsync(context.state);
  const resources: StatusResult['resources'] = [];
  if (section?.endpoint) {
    const name = section.endpoint.name;
    try {
      const found = await context.aws.call<Described>(requests.describeEndpoint(name));
      const variant = found.ProductionVariants?.[0];
      const detail = [
        found.FailureReason,
        found.EndpointConfigName ? `configuration ${found.EndpointConfigName}` : undefined,
        variant?.CurrentInstanceCount === undefined
          ? undefined
          : `${variant.CurrentInstanceCount} instance(s)`,
        section.paths ? `results in ${section.paths.output}` : undefined,
        section.scaling ? `autoscaling ${section.scaling.resourceId}` : undefined,
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
