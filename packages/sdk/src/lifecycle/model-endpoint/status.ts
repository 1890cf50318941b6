import { isNotFound } from '../aws-faults.js';
import type { StatusResult, VerbContext } from '../verbs.js';
import { modelEndpointRequests } from './requests.js';

/** What DescribeEndpoint answers that every model-endpoint status reads. */
export interface DescribedEndpoint {
  EndpointStatus?: string;
  EndpointConfigName?: string;
  FailureReason?: string;
}

/**
 * `mcc status` for a model-based endpoint: the recorded endpoint as SageMaker reports it now (one
 * DescribeEndpoint), its failure reason and configuration, then the target's own details; an
 * endpoint recorded but gone is reported as `missing`, not an error.
 */
export async function modelEndpointStatus<D extends DescribedEndpoint>(
  context: VerbContext,
  endpoint: string | undefined,
  details: (found: D) => (string | undefined)[],
): Promise<StatusResult> {
  const resources: StatusResult['resources'] = [];
  if (endpoint) {
    try {
      const found = await context.aws.call<D>(modelEndpointRequests.describeEndpoint(endpoint));
      const detail = [
        found.FailureReason,
        found.EndpointConfigName ? `configuration ${found.EndpointConfigName}` : undefined,
        ...details(found),
      ]
        .filter(Boolean)
        .join('; ');
      resources.push({
        kind: 'endpoint',
        name: endpoint,
        status: found.EndpointStatus ?? 'unknown',
        ...(detail ? { detail } : {}),
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      resources.push({
        kind: 'endpoint',
        name: endpoint,
        status: 'missing',
        detail: 'recorded in .mcc/state.json but not found in AWS',
      });
    }
  }
  return { region: context.aws.region, deployed: resources.some((r) => r.status === 'InService'), resources };
}
