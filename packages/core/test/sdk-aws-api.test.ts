import { AWS_SERVICES } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { CLIENT_CLASSES } from '../src/aws/sdk-aws-api.js';

describe('SdkAwsApi client table', () => {
  it('names a client for every service the sdk lists, sns included', () => {
    expect(Object.keys(CLIENT_CLASSES).sort()).toEqual([...AWS_SERVICES].sort());
    expect(CLIENT_CLASSES.sns).toBe('SNSClient');
  });

  it('finds the SNS client and the topic commands the async target sends in @aws-sdk/client-sns', async () => {
    const sns = (await import('@aws-sdk/client-sns')) as Record<string, unknown>;
    expect(typeof sns[CLIENT_CLASSES.sns]).toBe('function');
    expect(typeof sns.CreateTopicCommand).toBe('function');
    expect(typeof sns.DeleteTopicCommand).toBe('function');
  });
});
