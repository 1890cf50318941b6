import { streamLogs } from '@mcc/sdk';
import type { LogsOptions, VerbContext } from '@mcc/sdk';

import { managedInferenceContext } from '../context.js';

/**
 * `mcc logs`: the containers' lines from the inference component's and the endpoint's log groups,
 * merged oldest first; a group that does not exist yet (nothing has started) is skipped.
 */
export async function logs(context: VerbContext, options: LogsOptions): Promise<void> {
  const ctx = managedInferenceContext(context.project.input);
  await streamLogs(
    context,
    [{ group: ctx.logGroups.inferenceComponent }, { group: ctx.logGroups.endpoint }],
    options,
  );
}
