import { describe, expect, it } from 'vitest';

import { FOLLOW_POLL_MS, lastLogLines, streamLogs } from '../src/lifecycle/cloudwatch-logs.js';
import type { VerbContext } from '../src/lifecycle/verbs.js';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '../src/testing/fake-aws.js';

function context(aws: FakeAws, clock = new FakeClock(), signal = new AbortController().signal): VerbContext {
  return {
    project: { dir: '.', input: {} as VerbContext['project']['input'] },
    aws,
    state: new MemoryState(),
    progress: new RecordedProgress(),
    clock,
    signal,
  };
}

describe('lastLogLines, for failure reports', () => {
  it('keeps the newest lines across pages, asking for the resource’s streams only', async () => {
    const aws = new FakeAws().on(
      'FilterLogEvents',
      { events: [{ message: 'one\n' }, { message: 'two' }], nextToken: 'p2' },
      { events: [{ message: 'three' }, { message: 'four' }] },
    );
    const lines = await lastLogLines(
      aws,
      { group: '/aws/sagemaker/TransformJobs', streamPrefix: 'job-1/' },
      5,
      3,
    );
    expect(lines).toEqual(['two', 'three', 'four']);
    expect(aws.input('FilterLogEvents', 0)).toEqual({
      logGroupName: '/aws/sagemaker/TransformJobs',
      logStreamNamePrefix: 'job-1/',
      startTime: 5,
      limit: 1000,
    });
    expect(aws.input('FilterLogEvents', 1)).toMatchObject({ nextToken: 'p2' });
  });

  it('stops after a bounded number of pages', async () => {
    const aws = new FakeAws().on('FilterLogEvents', () => ({
      events: [{ message: 'again' }],
      nextToken: 'more',
    }));
    await lastLogLines(aws, { group: 'g' }, 0, 2);
    expect(aws.operations().length).toBe(5);
  });

  it('gives no lines, not an error, when the group does not exist or cannot be read', async () => {
    for (const fault of [awsError('ResourceNotFoundException'), awsError('AccessDeniedException')]) {
      const aws = new FakeAws().on('FilterLogEvents', fault);
      expect(await lastLogLines(aws, { group: 'g' }, 0, 5)).toEqual([]);
    }
  });
});

describe('streamLogs, for mcc logs', () => {
  it('merges every source oldest first and skips a group that does not exist yet', async () => {
    const aws = new FakeAws().on('FilterLogEvents', (call) =>
      call.input.logGroupName === 'missing'
        ? (() => {
            throw awsError('ResourceNotFoundException');
          })()
        : call.input.logGroupName === 'a'
          ? { events: [{ eventId: '2', timestamp: 20, message: 'a late\n', logStreamName: 's' }] }
          : { events: [{ eventId: '1', timestamp: 10, message: 'b early', logStreamName: 't' }] },
    );
    const lines: string[] = [];
    await streamLogs(context(aws), [{ group: 'a' }, { group: 'missing' }, { group: 'b' }], {
      follow: false,
      sinceMinutes: 10,
      onLine: (line) => lines.push(`${line.timestamp} ${line.stream} ${line.message}`),
    });
    expect(lines).toEqual(['10 t b early', '20 s a late']);
    expect(aws.input('FilterLogEvents')).toMatchObject({ startTime: Date.UTC(2026, 0, 1) - 600_000 });
  });

  it('with follow, prints each event once across polls and stops when aborted', async () => {
    const controller = new AbortController();
    const clock = new FakeClock();
    const aws = new FakeAws().on('FilterLogEvents', (_call, nth) => {
      if (nth === 2) controller.abort();
      return { events: [{ eventId: 'same', timestamp: 1, message: 'once' }] };
    });
    const lines: string[] = [];
    await streamLogs(context(aws, clock, controller.signal), [{ group: 'g' }], {
      follow: true,
      sinceMinutes: 1,
      onLine: (line) => lines.push(line.message),
    });
    expect(lines).toEqual(['once']);
    expect(clock.sleeps).toEqual([FOLLOW_POLL_MS, FOLLOW_POLL_MS]);
  });
});
