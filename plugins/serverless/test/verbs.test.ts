import { describe, expect, it } from 'vitest';

import { payloadFromBytes } from '@mcc/sdk';

import { awsError } from '@mcc/sdk/testing';

import { destroy } from '../src/lifecycle/destroy.js';
import { invoke } from '../src/lifecycle/invoke.js';
import { logs } from '../src/lifecycle/logs.js';
import type { ServerlessState } from '../src/lifecycle/state.js';
import { status } from '../src/lifecycle/status.js';
import { MAX_PAYLOAD_BYTES } from '../src/limits.js';
import { ROLE_ARN, harness, rejection } from './harness.js';

const DEPLOYED: ServerlessState = {
  region: 'us-east-1',
  role: { name: 'mcc-abalone-serverless', arn: ROLE_ARN, createdByMcc: true, policyName: 'mcc-execution' },
  models: ['abalone-model-a', 'abalone-model-b'],
  endpointConfigs: ['abalone-config-a', 'abalone-config-b'],
  endpoint: { name: 'abalone', createdByMcc: true },
};
const deployed = () =>
  harness({ schema: 1, targets: { serverless: structuredClone(DEPLOYED), other: { kept: true } } });

describe('status', () => {
  it('describes the recorded endpoint with its serverless configuration', async () => {
    const h = deployed();
    h.aws.on('DescribeEndpoint', {
      EndpointStatus: 'InService',
      EndpointConfigName: 'abalone-config-b',
      ProductionVariants: [{ CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
    });
    expect(await status(h.context)).toEqual({
      region: 'us-east-1',
      deployed: true,
      resources: [
        {
          kind: 'endpoint',
          name: 'abalone',
          status: 'InService',
          detail: 'configuration abalone-config-b; 2048 MB, up to 5 concurrent',
        },
      ],
    });
    expect(h.aws.input('DescribeEndpoint')).toEqual({ EndpointName: 'abalone' });
  });

  it('says missing for an endpoint gone from AWS, and nothing deployed without state', async () => {
    const h = deployed();
    h.aws.on('DescribeEndpoint', awsError('ValidationException', 'Could not find endpoint "abalone".'));
    expect((await status(h.context)).resources[0]).toMatchObject({ status: 'missing' });
    expect(await status(harness().context)).toEqual({ region: 'us-east-1', deployed: false, resources: [] });
  });
});

describe('invoke', () => {
  it('calls InvokeEndpoint on the recorded endpoint with the body and content types', async () => {
    const h = deployed();
    h.aws.on('InvokeEndpoint', { Body: new TextEncoder().encode('[1.5]'), ContentType: 'application/json' });
    const body = Buffer.from('[[1,2,3]]');
    expect(
      await invoke(h.context, { payload: payloadFromBytes(body), contentType: 'application/json' }),
    ).toEqual({
      contentType: 'application/json',
      body: '[1.5]',
    });
    expect(h.aws.calls[0]).toMatchObject({ service: 'sagemaker-runtime', operation: 'InvokeEndpoint' });
    expect(h.aws.input('InvokeEndpoint')).toEqual({
      EndpointName: 'abalone',
      ContentType: 'application/json',
      Accept: 'application/json',
      Body: new Uint8Array(body), // FakeAws records a structured clone
    });
  });

  it('refuses a payload over 4 MB before any call, and takes exactly 4 MB', async () => {
    const h = deployed();
    const error = await rejection(
      invoke(h.context, {
        payload: payloadFromBytes(Buffer.alloc(MAX_PAYLOAD_BYTES + 1)),
        contentType: 'text/csv',
      }),
    );
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(`${MAX_PAYLOAD_BYTES + 1} bytes`);
    expect(h.aws.calls).toEqual([]);
    await invoke(h.context, {
      payload: payloadFromBytes(Buffer.alloc(MAX_PAYLOAD_BYTES)),
      contentType: 'text/csv',
    });
    expect(h.aws.operations()).toEqual(['InvokeEndpoint']);
  });

  it('refuses when nothing is deployed', async () => {
    expect(
      (
        await rejection(
          invoke(harness().context, { payload: payloadFromBytes(Buffer.from('x')), contentType: 'text/csv' }),
        )
      ).code,
    ).toBe('NOT_DEPLOYED');
  });
});

describe('logs', () => {
  it('reads /aws/sagemaker/Endpoints/<name> from sinceMinutes ago, all pages, oldest first', async () => {
    const h = deployed();
    h.aws.on(
      'FilterLogEvents',
      { events: [{ eventId: '2', timestamp: 20, message: 'second\n', logStreamName: 's' }], nextToken: 't' },
      { events: [{ eventId: '1', timestamp: 10, message: 'first', logStreamName: 's' }] },
    );
    const lines: string[] = [];
    await logs(h.context, { follow: false, sinceMinutes: 5, onLine: (line) => lines.push(line.message) });
    expect(lines).toEqual(['first', 'second']);
    expect(h.aws.input('FilterLogEvents')).toEqual({
      logGroupName: '/aws/sagemaker/Endpoints/abalone',
      startTime: h.clock.now() - 5 * 60_000,
      limit: 1000,
    });
    expect(h.aws.input('FilterLogEvents', 1)).toMatchObject({ nextToken: 't' });
  });

  it('prints nothing when the log group does not exist yet', async () => {
    const h = deployed();
    h.aws.on(
      'FilterLogEvents',
      awsError('ResourceNotFoundException', 'The specified log group does not exist.'),
    );
    const lines: string[] = [];
    await logs(h.context, { follow: false, sinceMinutes: 5, onLine: (line) => lines.push(line.message) });
    expect(lines).toEqual([]);
  });
});

describe('destroy', () => {
  it('deletes in reverse order, waits for the endpoint to go, and clears only its state', async () => {
    const h = deployed();
    h.aws.on(
      'DescribeEndpoint',
      { EndpointStatus: 'Deleting' },
      awsError('ValidationException', 'Could not find endpoint "abalone".'),
    );
    const result = await destroy(h.context, { keepImages: true });
    expect(h.aws.operations()).toEqual([
      'DeleteEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DeleteEndpointConfig',
      'DeleteEndpointConfig',
      'DeleteModel',
      'DeleteModel',
      'DeleteRolePolicy',
      'DeleteRole',
    ]);
    expect(h.aws.input('DeleteEndpoint')).toEqual({ EndpointName: 'abalone' });
    expect(h.aws.input('DeleteEndpointConfig', 0)).toEqual({ EndpointConfigName: 'abalone-config-b' });
    expect(h.aws.input('DeleteModel', 1)).toEqual({ ModelName: 'abalone-model-a' });
    expect(h.aws.input('DeleteRolePolicy')).toEqual({
      RoleName: 'mcc-abalone-serverless',
      PolicyName: 'mcc-execution',
    });
    expect(result.deleted.map((r) => r.kind)).toEqual([
      'endpoint',
      'endpoint configuration',
      'endpoint configuration',
      'model',
      'model',
      'execution role',
    ]);
    expect(h.state.read().targets).toEqual({ other: { kept: true } });
  });

  it('tolerates what is already gone, and leaves a role it did not create', async () => {
    const h = harness({
      schema: 1,
      targets: {
        serverless: {
          ...structuredClone(DEPLOYED),
          role: { name: 'own', arn: 'arn:aws:iam::1:role/own', createdByMcc: false },
        },
      },
    });
    const gone = awsError('ValidationException', 'Could not find it.');
    h.aws.on('DeleteEndpoint', gone).on('DeleteEndpointConfig', gone).on('DeleteModel', gone);
    const result = await destroy(h.context, { keepImages: true });
    expect(result.deleted).toEqual([]);
    expect(result.alreadyGone).toHaveLength(5);
    expect(h.aws.operations()).not.toContain('DeleteRole');
    expect(h.aws.operations()).not.toContain('DescribeEndpoint');
    expect(h.state.read().targets.serverless).toBeUndefined();
  });

  it('stops on another error and keeps what is left recorded, so a second destroy resumes', async () => {
    const h = deployed();
    h.aws
      .on('DescribeEndpoint', awsError('ValidationException', 'Could not find endpoint'))
      .on('DeleteEndpointConfig', awsError('ThrottlingException', 'Rate exceeded'), {});
    await rejection(destroy(h.context, { keepImages: true }));
    const left = h.state.read().targets.serverless as ServerlessState;
    expect(left.endpoint).toBeUndefined();
    expect(left.endpointConfigs).toEqual(['abalone-config-a', 'abalone-config-b']);
    await destroy(h.context, { keepImages: true });
    expect(h.state.read().targets.serverless).toBeUndefined();
  });
});
