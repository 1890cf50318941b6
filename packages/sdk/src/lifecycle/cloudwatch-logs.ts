import type { AwsApi, AwsCall } from './aws.js';
import { isNotFound } from './aws-faults.js';
import type { LogsOptions, VerbContext } from './verbs.js';

/**
 * Where a deployment's container lines are: a CloudWatch Logs group, and for groups that many
 * resources share (`/aws/sagemaker/TransformJobs`) the prefix of this resource's streams.
 */
export interface LogSource {
  group: string;
  streamPrefix?: string;
}

/** Pause between two polls of `mcc logs --follow`. */
export const FOLLOW_POLL_MS = 2_000;
const PAGE_LIMIT = 1000;
/** Pages read for a failure report: enough for a start-up, bounded so a chatty model cannot stall it. */
const TAIL_PAGES = 5;

interface LogEvent {
  eventId?: string;
  timestamp?: number;
  message?: string;
  logStreamName?: string;
}

/** CloudWatch Logs' FilterLogEvents for one source, from `startTime` (ms since the epoch). */
export function filterLogEvents(
  source: LogSource,
  startTime: number,
  limit: number,
  nextToken?: string,
): AwsCall {
  return {
    service: 'cloudwatch-logs',
    operation: 'FilterLogEvents',
    input: {
      logGroupName: source.group,
      ...(source.streamPrefix ? { logStreamNamePrefix: source.streamPrefix } : {}),
      startTime,
      limit,
      ...(nextToken ? { nextToken } : {}),
    },
  };
}

/**
 * `mcc logs` for a SageMaker deployment: the lines of every source, merged oldest first, from
 * `sinceMinutes` ago; with `follow`, new lines every FOLLOW_POLL_MS until Ctrl-C. A group that does
 * not exist yet (no container has started) is skipped rather than an error.
 */
export async function streamLogs(
  context: VerbContext,
  sources: readonly LogSource[],
  options: LogsOptions,
): Promise<void> {
  const seen = new Set<string>();
  let since = context.clock.now() - options.sinceMinutes * 60_000;
  for (;;) {
    const batch: LogEvent[] = [];
    for (const source of sources) {
      let token: string | undefined;
      do {
        let page: { events?: LogEvent[]; nextToken?: string };
        try {
          page = await context.aws.call(filterLogEvents(source, since, PAGE_LIMIT, token));
        } catch (error) {
          if (isNotFound(error)) break;
          throw error;
        }
        for (const event of page.events ?? []) {
          // Polls overlap at `since`, so an event already printed is recognised by its id.
          const id =
            event.eventId ?? `${source.group}:${event.logStreamName}:${event.timestamp}:${event.message}`;
          if (seen.has(id)) continue;
          seen.add(id);
          batch.push(event);
        }
        token = page.nextToken;
      } while (token && !context.signal.aborted);
    }
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

/**
 * The last `count` lines a source logged since `since`, for a failure report: what the container
 * said before it died is usually the reason. Empty when the group does not exist (the container
 * never started) or cannot be read: a report without lines beats no report.
 */
export async function lastLogLines(
  aws: Pick<AwsApi, 'call'>,
  source: LogSource,
  since: number,
  count: number,
): Promise<string[]> {
  const lines: string[] = [];
  let token: string | undefined;
  try {
    for (let page = 0; page < TAIL_PAGES; page += 1) {
      const found = await aws.call<{ events?: LogEvent[]; nextToken?: string }>(
        filterLogEvents(source, since, PAGE_LIMIT, token),
      );
      for (const event of found.events ?? []) lines.push((event.message ?? '').trimEnd());
      if (lines.length > count) lines.splice(0, lines.length - count);
      token = found.nextToken;
      if (!token) break;
    }
  } catch {
    return [];
  }
  return lines;
}
