import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import { awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { payloadFromBytes, payloadFromFile } from '@mcc/sdk';

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

async function streamed(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('async invoke', () => {
  it('uploads the payload, queues it, polls for the output with progress and returns it', async () => {
    const h = deployed();
    h.aws
      .on('HeadObject', missing(), missing(), {})
      .on('GetObject', { Body: new TextEncoder().encode('{"rings": 9}'), ContentType: 'application/json' });
    const body = Buffer.from('[[0.4, 0.3]]');
    const result = await invoke(h.context, {
      payload: payloadFromBytes(body),
      contentType: 'application/json',
    });
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
    const { Body: sent, ...rest } = put.input;
    expect(rest).toEqual({
      Bucket: BUCKET,
      Key: expect.stringMatching(/^mcc\/abalone\/async-input\/[a-z0-9]+-[0-9a-f]{8}$/) as unknown,
      ContentLength: body.length,
      ContentType: 'application/json',
    });
    // The body is a stream (S3 reads it as it uploads), carrying exactly the payload.
    expect(await streamed(sent)).toEqual(body);
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
    const error = await rejection(
      invoke(h.context, { payload: payloadFromBytes(Buffer.from('x')), contentType: 'text/csv' }),
    );
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
    const error = await rejection(
      invoke(h.context, { payload: payloadFromBytes(Buffer.from('x')), contentType: 'text/csv' }),
    );
    expect(error.code).toBe('INVOKE_TIMEOUT');
    expect(error.suggestions?.[0]).toContain(OUTPUT);
    expect(h.clock.sleeps.every((ms) => ms <= 15_000)).toBe(true);
    expect(h.aws.operations()).not.toContain('GetObject');
  });

  it('refuses a payload over 1 GB and an undeployed project before any call', async () => {
    const h = deployed();
    const big = { ...payloadFromBytes(Buffer.from('x')), bytes: MAX_PAYLOAD_BYTES + 1 };
    expect(
      (await rejection(invoke(h.context, { payload: big, contentType: 'application/octet-stream' }))).code,
    ).toBe('PAYLOAD_TOO_LARGE');
    const empty = harness();
    expect(
      (
        await rejection(
          invoke(empty.context, { payload: payloadFromBytes(Buffer.from('x')), contentType: 'text/csv' }),
        )
      ).code,
    ).toBe('NOT_DEPLOYED');
    expect(h.aws.calls).toEqual([]);
    expect(empty.aws.calls).toEqual([]);
  });

  it('invokes an object already in S3 where it is, uploading nothing', async () => {
    const h = deployed();
    h.aws
      .on('HeadObject', {})
      .on('GetObject', { Body: new TextEncoder().encode('9'), ContentType: 'text/csv' });
    const result = await invoke(h.context, {
      s3Input: 's3://their-bucket/requests/rows.csv',
      contentType: 'text/csv',
    });
    expect(result.body).toBe('9');
    expect(h.aws.operations()).not.toContain('PutObject');
    expect(h.aws.input('InvokeEndpointAsync')).toMatchObject({
      InputLocation: 's3://their-bucket/requests/rows.csv',
      ContentType: 'text/csv',
    });
    expect(h.progress.lines).toContain(
      'step: Using s3://their-bucket/requests/rows.csv as the request (nothing uploaded)',
    );
  });

  it('refuses an S3 folder, since an asynchronous request is one object', async () => {
    const h = deployed();
    for (const uri of ['s3://their-bucket/requests/', 's3://their-bucket']) {
      const error = await rejection(invoke(h.context, { s3Input: uri }));
      expect(error.code).toBe('S3_INPUT_NOT_OBJECT');
      expect(error.message).toContain(uri);
    }
    expect(h.aws.calls).toEqual([]);
  });

  it('streams a 1 GB payload from its file without holding it in memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcc-async-'));
    const file = join(dir, 'big.csv');
    try {
      await writeFile(file, '');
      await truncate(file, MAX_PAYLOAD_BYTES); // sparse: 1 GB that takes no disk
      const h = deployed();
      let received = 0;
      let peakRss = 0;
      const before = process.memoryUsage().rss;
      h.aws
        .on('PutObject', () => ({}))
        .on('HeadObject', {})
        .on('GetObject', { Body: new TextEncoder().encode('ok') });
      // S3 stands in: read the stream as the SDK would, measuring memory while it flows.
      const upload = h.aws.call.bind(h.aws);
      h.aws.call = async (call) => {
        if (call.operation === 'PutObject') {
          for await (const chunk of call.input.Body as Readable) {
            received += (chunk as Buffer).length;
            peakRss = Math.max(peakRss, process.memoryUsage().rss);
          }
        }
        return upload(call);
      };
      const payload = await payloadFromFile(file);
      await invoke(h.context, { payload, contentType: 'text/csv' });
      expect(received).toBe(MAX_PAYLOAD_BYTES);
      expect(h.aws.input('PutObject').ContentLength).toBe(MAX_PAYLOAD_BYTES);
      expect(peakRss - before).toBeLessThan(256 * 1024 * 1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('explains a 403 while polling: without s3:ListBucket S3 hides whether the result exists', async () => {
    const h = deployed();
    h.aws.on('HeadObject', awsError('Forbidden', 'Forbidden'));
    const error = await rejection(
      invoke(h.context, { payload: payloadFromBytes(Buffer.from('x')), contentType: 'text/csv' }),
    );
    expect(error.code).toBe('RESULT_NOT_READABLE');
    expect(error.message).toContain(`s3://${BUCKET}/mcc/abalone/async-output/abc.out`);
    expect(error.suggestions?.join(' ')).toContain(`s3:ListBucket on the bucket ${BUCKET}`);
    expect(error.suggestions?.join(' ')).toContain(OUTPUT);
    expect(h.aws.operations()).toEqual(['PutObject', 'InvokeEndpointAsync', 'HeadObject']);
  });
});
