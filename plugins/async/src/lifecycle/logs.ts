import { streamLogs } from '@mcc/sdk';
import type { LogsOptions, VerbContext } from '@mcc/sdk';

import { asyncContext } from '../context.js';

/**
 * `mcc logs`: the container's lines from `/aws/sagemaker/Endpoints/<endpoint>`; a group that does
 * not exist yet (no request has started a container) prints nothing.
 */
export async function logs(context: VerbContext, options: LogsOptions): Promise<void> {
  await streamLogs(context, [{ group: asyncContext(context.project.input).logGroup }], options);
}
