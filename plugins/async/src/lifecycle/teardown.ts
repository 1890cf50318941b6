import { teardownModelEndpoint } from '@mcc/sdk';
import type { Removed, VerbContext } from '@mcc/sdk';

import { asyncContext } from '../context.js';
import * as requests from './requests.js';
import { deleteAlarms, deregisterScalableTarget } from './scaling-requests.js';
import { asyncSpec } from './spec.js';
import type { AsyncState } from './state.js';

/**
 * Deletes what the section records mcc creating, newest first: the scaling alarm and target (which
 * act on the endpoint), then the sdk's model-endpoint teardown (endpoint, configurations, models),
 * the topics create-topics made, and the role. The bucket is never deleted: it holds the results.
 */
export async function teardown(context: VerbContext, section: AsyncState, removed: Removed): Promise<void> {
  const spec = asyncSpec(asyncContext(context.project.input));
  await teardownModelEndpoint(context, spec, section, removed, {
    async beforeEndpoint(remove) {
      if (!section.scaling) return;
      if (section.scaling.alarm)
        await remove('alarm', section.scaling.alarm, deleteAlarms(section.scaling.alarm));
      await remove(
        'scalable target',
        section.scaling.resourceId,
        deregisterScalableTarget(section.scaling.resourceId),
      );
      delete section.scaling;
    },
    async afterModels(remove) {
      while (section.topics && section.topics.length > 0) {
        const topic = section.topics.at(-1)!;
        if (topic.createdByMcc) await remove('SNS topic', topic.name, requests.deleteTopic(topic.arn));
        section.topics.pop();
        spec.save(context.state, section);
      }
      delete section.topics;
    },
  });
}
