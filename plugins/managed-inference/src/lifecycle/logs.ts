import type { LogsOptions, VerbContext } from '@mcc/sdk';

import { managedInferenceContext } from '../context.js';
import { isNotFound } from '@mcc/sdk';

/** Pause between two polls with --follow. */
export const FOLLOW_POLL_MS = 2_000;
const PAGE_LIMIT = 1000;

interface LogEvent {
  eventId?: string;
  timestamp?: number;
  message?: string;
  logStreamName?: string;
}

/**
 * `mcc logs`: the containers' lines from the inference component's and the endpoint's log groups,
 * oldest first, from `sinceMinutes` ago; with `follow`, new lines as they arrive until Ctrl-C.
 * A group that does not exist yet (nothing has started) is skipped.
 */
export async function logs(context: VerbContext, options: LogsOptions): Promise<void> {
  const ctx = managedInferenceContext(context.project.input);
  const groups = [ctx.logGroups.inferenceComponent, ctx.logGroups.endpoint];
  const seen = new Set<string>();
  let since = context.clock.now() - options.sinceMinutes * 60_000;
  for (;;) {
    let newest = since;
    const batch: LogEvent[] = [];
    for (const group of groups) {
      let token: string | undefined;
      do {
        let page: { events?: LogEvent[]; nextToken?: string };
        try {
          page = await context.aws.call({
            service: 'cloudwatch-logs',
            operation: 'FilterLogEvents',
            input: {
              logGroupName: group,
              startTime: since,
              limit: PAGE_LIMIT,
              ...(token ? { nextToken: token } : {}),
            },
          });
        } catch (error) {
          if (isNotFound(error)) break;
          throw error;
        }
        for (const event of page.events ?? []) {
          const id = event.eventId ?? `${group}:${event.logStreamName}:${event.timestamp}:${event.message}`;
          if (seen.has(id)) continue;
          seen.add(id);
          batch.push(event);
        }
        token = page.nextToken;
      } while (token && !context.signal.aborted);
    }
    batch.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    for (const event of batch) {
      newest = Math.max(newest, event.timestamp ?? 0);
      options.onLine({
        timestamp: event.timestamp ?? 0,
        stream: event.logStreamName ?? '',
        message: (event.message ?? '').trimEnd(),
      });
    }
    if (!options.follow || context.signal.aborted) return;
    since = newest; // events at the same millisecond are de-duplicated by id
    await context.clock.sleep(FOLLOW_POLL_MS);
    if (context.signal.aborted) return;
  }
}
