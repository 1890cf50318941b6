import { awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { logs } from '../src/lifecycle/logs.js';
import { harness } from './fixtures.js';

describe('async logs', () => {
  it('reads the endpoint’s log group oldest first, from the window asked for', async () => {
    const h = harness();
    h.aws.on('FilterLogEvents', {
      events: [
        { eventId: 'b', timestamp: 20, message: 'predicted 1 row\n', logStreamName: 'AllTraffic/i-1' },
        { eventId: 'a', timestamp: 10, message: 'model loaded', logStreamName: 'AllTraffic/i-1' },
      ],
    });
    const lines: string[] = [];
    await logs(h.context, {
      follow: false,
      sinceMinutes: 30,
      onLine: (l) => lines.push(`${l.stream} ${l.message}`),
    });
    expect(lines).toEqual(['AllTraffic/i-1 model loaded', 'AllTraffic/i-1 predicted 1 row']);
    expect(h.aws.calls).toEqual([
      {
        service: 'cloudwatch-logs',
        operation: 'FilterLogEvents',
        input: {
          logGroupName: '/aws/sagemaker/Endpoints/abalone',
          startTime: Date.UTC(2026, 0, 1) - 30 * 60_000,
          limit: 1000,
        },
      },
    ]);
  });

  it('prints nothing for an endpoint that has not started a container yet (scaled to zero)', async () => {
    const h = harness();
    h.aws.on(
      'FilterLogEvents',
      awsError('ResourceNotFoundException', 'The specified log group does not exist.'),
    );
    const lines: string[] = [];
    await logs(h.context, { follow: false, sinceMinutes: 5, onLine: (l) => lines.push(l.message) });
    expect(lines).toEqual([]);
  });

  it('passes other errors through, naming nothing it cannot know', async () => {
    const h = harness();
    h.aws.on(
      'FilterLogEvents',
      awsError('AccessDeniedException', 'not authorized to perform: logs:FilterLogEvents'),
    );
    await expect(
      logs(h.context, { follow: false, sinceMinutes: 5, onLine: () => undefined }),
    ).rejects.toThrow('logs:FilterLogEvents');
  });
});
