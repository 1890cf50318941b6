import { isNotFound } from '@mcc/sdk';
import type { StatusResult, VerbContext } from '@mcc/sdk';

import * as requests from './requests.js';
import { FINISHED, readBatch, recordJobStatus } from './state.js';

/** Jobs described per `mcc status`, newest first; older ones stay recorded for destroy. */
export const STATUS_JOBS = 10;

interface DescribedJob {
  TransformJobStatus?: string;
  FailureReason?: string;
  TransformStartTime?: Date | string;
  TransformEndTime?: Date | string;
}

function seconds(start: Date | string | undefined, end: Date | string | undefined): string | undefined {
  if (!start || !end) return undefined;
  const ms = new Date(end).getTime() - new Date(start).getTime();
  return Number.isFinite(ms) ? `ran ${Math.round(ms / 1000)} s` : undefined;
}

/**
 * `mcc status`: the live model (DescribeModel), the execution role as recorded, and the recorded
 * jobs newest first as SageMaker reports them now (DescribeTransformJob), with where their results are.
 */
export async function status(context: VerbContext): Promise<StatusResult> {
  const section = readBatch(context.state);
  const resources: StatusResult['resources'] = [];
  if (!section) return { region: context.aws.region, deployed: false, resources };
  const model = section.models.at(-1);
  if (model) {
    try {
      await context.aws.call(requests.describeModel(model));
      resources.push({
        kind: 'model',
        name: model,
        status: 'ready',
        ...(section.image ? { detail: `image ${section.image}` } : {}),
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      resources.push({
        kind: 'model',
        name: model,
        status: 'missing',
        detail: 'recorded in .mcc/state.json but not found in AWS',
      });
    }
  }
  if (section.role) {
    resources.push({
      kind: 'execution role',
      name: section.role.name,
      status: section.role.createdByMcc ? 'created by mcc' : 'yours',
      detail: section.role.arn,
    });
  }
  for (const job of [...section.jobs].reverse().slice(0, STATUS_JOBS)) {
    try {
      const found = await context.aws.call<DescribedJob>(requests.describeTransformJob(job.name));
      const now = found.TransformJobStatus ?? 'unknown';
      if (now !== job.status && FINISHED.has(now)) recordJobStatus(context.state, job.name, now);
      const detail = [
        found.FailureReason,
        seconds(found.TransformStartTime, found.TransformEndTime),
        `${job.input} → ${job.output}`,
      ]
        .filter(Boolean)
        .join('; ');
      resources.push({ kind: 'transform job', name: job.name, status: now, detail });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      resources.push({
        kind: 'transform job',
        name: job.name,
        status: 'missing',
        detail: 'not found in AWS',
      });
    }
  }
  return {
    region: context.aws.region,
    deployed: resources.some((r) => r.kind === 'model' && r.status === 'ready'),
    resources,
  };
}
