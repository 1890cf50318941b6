import type { VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { payloadFromBytes } from '@mcc/sdk';

import { invoke } from '../src/lifecycle/invoke.js';
import type { HyperpodState } from '../src/lifecycle/state.js';
import { projectInput } from './fixtures.js';

const RECORD: HyperpodState = {
  cluster: 'ml-cluster',
  namespace: 'team-a',
  name: 'llama',
  endpointName: 'llama-endpoint',
  createdNamespace: false,
  imageUri: '123456789012.dkr.ecr.us-west-2.amazonaws.com/llama:0.1.0',
  deployedAt: '2026-01-01T00:00:00.000Z',
};

function contextWith(aws: FakeAws, record?: HyperpodState): VerbContext {
  return {
    project: { dir: '/unused', input: projectInput() },
    aws,
    state: new MemoryState({ schema: 1, targets: record ? { 'hyperpod-eks': record } : {} }),
    progress: new RecordedProgress(),
    clock: new FakeClock(),
    signal: new AbortController().signal,
  };
}

const BODY = Buffer.from('{"inputs":"hello"}');

describe('hyperpod-eks invoke', () => {
  it('calls InvokeEndpoint on the endpoint the object declares, with no inference component and no cluster', async () => {
    const aws = new FakeAws('us-west-2').on('InvokeEndpoint', {
      ContentType: 'application/json',
      Body: new TextEncoder().encode('{"generated_text":"hi"}'),
    });
    const result = await invoke(contextWith(aws, RECORD), {
      payload: payloadFromBytes(BODY),
      contentType: 'application/json',
    });
    expect(aws.calls.map((c) => `${c.service} ${c.operation}`)).toEqual(['sagemaker-runtime InvokeEndpoint']);
    const { Body, ...input } = aws.input('InvokeEndpoint');
    // FakeAws keeps a structured clone of each call: the Buffer comes back as its bytes.
    expect(Buffer.from(Body as Uint8Array)).toEqual(BODY);
    expect(input).toEqual({
      EndpointName: 'llama-endpoint',
      ContentType: 'application/json',
      Accept: 'application/json',
    });
    expect(result).toEqual({ contentType: 'application/json', body: '{"generated_text":"hi"}' });
  });

  it('falls back to the object’s name for a state recorded before the endpoint name was', async () => {
    const aws = new FakeAws('us-west-2');
    const older: HyperpodState = { ...RECORD };
    delete older.endpointName;
    await invoke(contextWith(aws, older), {
      payload: payloadFromBytes(BODY),
      contentType: 'text/csv',
      accept: 'text/csv',
    });
    expect(aws.input('InvokeEndpoint')).toMatchObject({ EndpointName: 'llama', Accept: 'text/csv' });
  });

  it('says the operator has not registered the endpoint yet, rather than SageMaker’s bare message', async () => {
    const aws = new FakeAws('us-west-2').on(
      'InvokeEndpoint',
      awsError('ValidationException', 'Could not find endpoint "llama-endpoint".'),
    );
    await expect(
      invoke(contextWith(aws, RECORD), { payload: payloadFromBytes(BODY), contentType: 'application/json' }),
    ).rejects.toMatchObject({
      code: 'HYPERPOD_ENDPOINT_NOT_READY',
      message: expect.stringContaining('llama-endpoint in us-west-2'),
    });
  });

  it('refuses without a deployment, and a payload over SageMaker’s limit, before any call', async () => {
    const aws = new FakeAws('us-west-2');
    await expect(
      invoke(contextWith(aws), { payload: payloadFromBytes(BODY), contentType: 'application/json' }),
    ).rejects.toMatchObject({
      code: 'NOT_DEPLOYED',
    });
    await expect(
      invoke(contextWith(aws, RECORD), {
        payload: payloadFromBytes(Buffer.alloc(6 * 1024 * 1024 + 1)),
        contentType: 'application/json',
      }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(aws.calls).toEqual([]);
  });
});
