import type { LogsOptions, VerbContext } from '@mcc/sdk';

import { serverlessContext } from '../context.js';
import { isNotFound } from '@mcc/sdk';
import { filterLogEvents } from './requests.js';

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
 * `mcc logs`: the container's lines from `/aws/sagemaker/Endpoints/<endpoint>`, oldest first, from
 * `sinceMinutes` ago; with `follow`, new lines until Ctrl-C. A group that does not exist yet
 * (no invocation has started a container) prints nothing.
 */
export async function logs(context: VerbContext, options: LogsOptions): Promise<void> {
  const group = serverlessContext(context.project.input).logGroup;
  const seen = new Set<string>();
  let since = context.clock.now() - options.sinceMinutes * 60_000;
  for (;;) {
    const batch: LogEvent[] = [];
    let token: string | undefined;
    do {
      let page: { events?: LogEvent[]; nextToken?: string };
      try {
        page = await context.aws.call(filterLogEvents(group, since, PAGE_LIMIT, token));
      } catch (error) {
        if (isNotFound(error)) break;
        throw error;
      }
      for (const event of page.events ?? []) {
        const id = event.eventId ?? `${event.logStreamName}:${event.timestamp}:${event.message}`;
        if (seen.has(id)) continue;
        seen.add(id);
        batch.push(event);
      }
      token = page.nextToken;
    } while (token && !context.signal.aborted);
    batch.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    for (const event of batch) {
      since = Math.max(since, event.timestamp ?? 0);
      options.onLine({
        timestamp: event.timestamp ?? 0,
        stream: event.logStreamName ?? '',
        message: (event.message ?? '').trimEnd(),
      });
    }
    if (!options.follow || context.signal.aborted) return;
    await context.clock.sleep(FOLLOW_POLL_MS);
    if (context.signal.aborted) return;
  }
}
