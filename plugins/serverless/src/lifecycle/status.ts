import { modelEndpointStatus } from '@mcc/sdk';
import type { DescribedEndpoint, StatusResult, VerbContext } from '@mcc/sdk';

import { readServerless } from './state.js';

interface Described extends DescribedEndpoint {
  ProductionVariants?: { CurrentServerlessConfig?: { MemorySizeInMB?: number; MaxConcurrency?: number } }[];
}

/** `mcc status`: the recorded endpoint as SageMaker reports it now, with its serverless sizes. */
export async function status(context: VerbContext): Promise<StatusResult> {
  return modelEndpointStatus<Described>(context, readServerless(context.state)?.endpoint?.name, (found) => {
    const serverless = found.ProductionVariants?.[0]?.CurrentServerlessConfig;
    return [
      serverless
        ? `${serverless.MemorySizeInMB ?? '?'} MB, up to ${serverless.MaxConcurrency ?? '?'} concurrent`
        : undefined,
    ];
  });
}
