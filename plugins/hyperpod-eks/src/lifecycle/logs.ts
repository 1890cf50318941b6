import { McError } from '@mcc/sdk';
import type { LogsOptions, VerbContext } from '@mcc/sdk';

import { connectToCluster } from './connection.js';
import { explainKubeError } from './kube-errors.js';
import { modelContainer, podsOf } from './pods.js';
import { INFERENCE_ENDPOINT_CONFIGS } from './resources.js';
import { readHyperpodState } from './state.js';
import type { ObservedIec } from './wait.js';

/** `2026-01-01T00:00:00.123456789Z message`, as the API writes a line with `timestamps=true`. */
const STAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (.*)$/s;

/** Splits the kubelet's timestamp off a line; a line without one keeps the time it arrived. */
export function parseLogLine(line: string, now: number): { timestamp: number; message: string } {
  const match = STAMPED.exec(line);
  const time = match ? Date.parse(match[1]!) : Number.NaN;
  return Number.isNaN(time) ? { timestamp: now, message: line } : { timestamp: time, message: match![2]! };
}

/**
 * `mcc logs` for HyperPod: the model container's lines of every pod of the deployment, read through
 * the API server (no node access needed), from `sinceMinutes` ago. With `follow`, all pods stream
 * at once until Ctrl-C aborts the verb's signal; pods started later are not picked up (run again).
 */
export async function logs(context: VerbContext, options: LogsOptions): Promise<void> {
  const record = readHyperpodState(context.state);
  if (!record) {
    throw new McError('This project has no deployment to read logs from: mcc has recorded none.', {
      code: 'NOT_DEPLOYED',
      suggestions: ['Run do/deploy (mcc deploy) first.'],
    });
  }
  const { namespace, name } = record;
  try {
    const { api } = await connectToCluster(context, record.cluster);
    const observed = await api.get<ObservedIec>(INFERENCE_ENDPOINT_CONFIGS, name, namespace);
    const pods = await podsOf(api, namespace, observed?.status?.selector);
    if (pods.length === 0) {
      context.progress.warn(
        `InferenceEndpointConfig ${namespace}/${name} has no pods yet; \`mcc status\` shows how it goes.`,
      );
      return;
    }
    const read = (pod: (typeof pods)[number]) => {
      const container = modelContainer(pod, record.imageUri);
      return api.podLogs(namespace, pod.metadata.name, {
        ...(container ? { container } : {}),
        sinceSeconds: options.sinceMinutes * 60,
        timestamps: true,
        follow: options.follow,
        signal: context.signal,
        onLine: (line) =>
          options.onLine({ ...parseLogLine(line, context.clock.now()), stream: pod.metadata.name }),
      });
    };
    if (options.follow) await Promise.all(pods.map(read));
    // One pod after the other, so each pod's lines stay together and in order.
    else for (const pod of pods) await read(pod);
  } catch (error) {
    throw explainKubeError(error, namespace);
  }
}
