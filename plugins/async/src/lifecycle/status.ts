import { modelEndpointStatus } from '@mcc/sdk';
import type { DescribedEndpoint, StatusResult, VerbContext } from '@mcc/sdk';

import { readAsync } from './state.js';

interface Described extends DescribedEndpoint {
  ProductionVariants?: { CurrentInstanceCount?: number; DesiredInstanceCount?: number }[];
}

/**
 * `mcc status`: the recorded endpoint as SageMaker reports it now, with its instance count (0 is
 * normal for a scaled-to-zero endpoint) and where results go.
 */
export async function status(context: VerbContext): Promise<StatusResult> {
  const section = readAsync(context.state);
  return modelEndpointStatus<Described>(context, section?.endpoint?.name, (found) => {
    const variant = found.ProductionVariants?.[0];
    return [
      variant?.CurrentInstanceCount === undefined ? undefined : `${variant.CurrentInstanceCount} instance(s)`,
      section?.paths ? `results in ${section.paths.output}` : undefined,
      section?.scaling ? `autoscaling ${section.scaling.resourceId}` : undefined,
    ];
  });
}
