import { streamLogs } from '@mcc/sdk';
import type { LogsOptions, VerbContext } from '@mcc/sdk';

import { TRANSFORM_LOG_GROUP } from '../iam.js';
import { readBatch } from './state.js';

/**
 * `mcc logs`: the newest job's lines. Every transform job logs to /aws/sagemaker/TransformJobs,
 * in streams named `<job>/<instance>…`, so the job's name with a slash selects its streams only.
 */
export async function logs(context: VerbContext, options: LogsOptions): Promise<void> {
  const job = readBatch(context.state)?.jobs.at(-1);
  if (!job) {
    context.progress.warn(
      'No transform job has run yet: `mcc invoke` starts one, and its lines appear here.',
    );
    return;
  }
  context.progress.step(`Log lines of the transform job ${job.name} (${job.status})`);
  await streamLogs(context, [{ group: TRANSFORM_LOG_GROUP, streamPrefix: `${job.name}/` }], options);
}
