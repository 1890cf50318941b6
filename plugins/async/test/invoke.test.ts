import { awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { invoke } from '../src/lifecycle/invoke.js';
import type { AsyncState } from '../src/lifecycle/state.js';
import { MAX_PAYLOAD_BYTES } from '../src/limits.js';
import { BUCKET, harness, rejection } from './fixtures.js';

const DEPLOYED: AsyncState = {
  region: 'us-east-1',
  models: ['abalone-model-x'],
  endpointConfigs: ['abalone-config-x'],
  endpoint: { name: 'abalone', createdByMcc: true },
  paths: {
    input: `s3://${BUCKET}/mcc/abalone/async-input/`,
    output: `s3://${BUCKET}/mcc/abalone/async-output/`,
    failure: `s3://${BUCKET}/mcc/abalone/async-failures/`,
  },
};
const OUTPUT = `s3://${BUCKET}/mcc/abalone/async-output/abc.out`;
const FAILURE = `s3://${BUCKET}/mcc/abalone/async-failures/abc-error.out`;
const missing = () => awsError('NotFound', 'Not Found');

function deployed() {
  const h = harness({}, { schema: 1, targets: { async: DEPLOYED } });
  h.aws.on('InvokeEndpointAsync', { OutputLocation: OUTPUT, FailureLocation: FAILURE, InferenceId: 'abc' });
  return h;
}

describe('async invoke', () => {
  it('uploads the payload, queues it, polls for the output with progress and returns it', async () => {
    const h = deployed();
    h.aws
      .on('HeadObject', missing(), missing(), {})
      .on('GetObject', { Body: new TextEncoder().encode('{"rings": 9}'), ContentType: 'application/json' });
    const body = Buffer.from('[[0.4, 0.3]]');
    const result = await invoke(h.context, { body, contentType: 'application/json' });
    expect(result).toEqual({ contentType: 'application/json', body: '{"rings": 9}' });
    expect(h.aws.operations()).toEqual([
      'PutObject',
      'InvokeEndpointAsync',
      'HeadObject',
      'HeadObject',
      'HeadObject',
      'GetObject',
    ]);
    const put = h.aws.calls[0]!;
    expect(put.service).toBe('s3');
    expect(put.input).toEqual({
      Bucket: BUCKET,
      Key: expect.stringMatching(/^mcc\/abalone\/async-input\/[a-z0-9]+-[0-9a-f]{8}$/) as unknown,
      // FakeAws clones each request, which turns the Buffer into its Uint8Array.
      Body: new Uint8Array(body),
      ContentType: 'application/json',
    });
    expect(h.aws.calls[1]).toEqual({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointAsync',
      input: {
        EndpointName: 'abalone',
        InputLocation: `s3://${BUCKET}/${put.input.Key as string}`,
        ContentType: 'application/json',
        Accept: 'application/json',
        InvocationTimeoutSeconds: 3600,
      },
    });
    // Output first, then the failure object, each check.
    expect(h.aws.input('HeadObject', 0)).toEqual({ Bucket: BUCKET, Key: 'mcc/abalone/async-output/abc.out' });
    expect(h.aws.input('HeadObject', 1)).toEqual({
      Bucket: BUCKET,
      Key: 'mcc/abalone/async-failures/abc-error.out',
    });
    expect(h.aws.input('GetObject')).toEqual({ Bucket: BUCKET, Key: 'mcc/abalone/async-output/abc.out' });
    expect(h.progress.lines).toContain('waiting: request abc: queued or running (0 ms)');
    expect(h.clock.sleeps).toEqual([2000]);
  });

  it('turns the failure object into a clear error carrying its content', async () => {
    const h = deployed();
    h.aws
      .on('HeadObject', missing(), {})
      .on('GetObject', { Body: new TextEncoder().encode('ModelError: bad input shape\n') });
    const error = await rejection(invoke(h.context, { body: Buffer.from('x'), contentType: 'text/csv' }));
    expect(error.code).toBe('INVOKE_FAILED');
    expect(error.message).toBe('The endpoint failed the request: ModelError: bad input shape');
    expect(h.aws.input('GetObject')).toEqual({
      Bucket: BUCKET,
      Key: 'mcc/abalone/async-failures/abc-error.out',
    });
  });

  it('gives up after the bound, naming where the result will appear', async () => {
    const h = deployed();
    h.aws.on('HeadObject', missing());
    const error = await rejection(invoke(h.context, { body: Buffer.from('x'), contentType: 'text/csv' }));
    expect(error.code).toBe('INVOKE_TIMEOUT');
    expect(error.suggestions?.[0]).toContain(OUTPUT);
    expect(h.clock.sleeps.every((ms) => ms <= 15_000)).toBe(true);
    expect(h.aws.operations()).not.toContain('GetObject');
  });

  it('refuses a payload over 1 GB and an undeployed project before any call', async () => {
    const h = deployed();
    const big = { length: MAX_PAYLOAD_BYTES + 1 } as Buffer;
    expect(
      (await rejection(invoke(h.context, { body: big, contentType: 'application/octet-stream' }))).code,
    ).toBe('PAYLOAD_TOO_LARGE');
    const empty = harness();
    expect(
      (await rejection(invoke(empty.context, { body: Buffer.from('x'), contentType: 'text/csv' }))).code,
    ).toBe('NOT_DEPLOYED');
    expect(h.aws.calls).toEqual([]);
    expect(empty.aws.calls).toEqual([]);
  });
});
