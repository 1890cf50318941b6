import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { invokeInput } from '../src/invoke-input.js';

// What `mcc invoke` hands a target, from the argument as typed.
let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'mcc-invoke-input-'));
  await mkdir(join(project, 'tests', 'payloads'), { recursive: true });
  await writeFile(join(project, 'tests', 'payloads', 'abalone.csv'), 'M,0.455\n');
  await writeFile(join(project, 'rows.txt'), '1,2\n');
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('invokeInput', () => {
  it('reads nothing yet: a file becomes a payload of known size with its content type', async () => {
    const options = await invokeInput({ projectDir: project, ownInput: false });
    expect(options.payload?.origin).toBe(join(project, 'tests', 'payloads', 'abalone.csv'));
    expect(options.payload?.bytes).toBe(8);
    expect((await options.payload!.read()).toString()).toBe('M,0.455\n');
    expect(options.contentType).toBe('text/csv');
    expect(options.s3Input).toBeUndefined();
  });

  it('passes an S3 location as it is, typed by its extension when it has one', async () => {
    expect(
      await invokeInput({ given: 's3://my-bucket/in/rows.json', projectDir: project, ownInput: false }),
    ).toEqual({
      s3Input: 's3://my-bucket/in/rows.json',
      contentType: 'application/json',
    });
    // A folder has no extension: the target decides (batch uses the project's content type).
    expect(await invokeInput({ given: 's3://my-bucket/in/', projectDir: project, ownInput: false })).toEqual({
      s3Input: 's3://my-bucket/in/',
    });
  });

  it('gives a target that reads its own input nothing when nothing is named, not the sample', async () => {
    expect(await invokeInput({ projectDir: project, ownInput: true, accept: 'text/csv' })).toEqual({
      accept: 'text/csv',
    });
    const named = await invokeInput({
      given: join(project, 'rows.txt'),
      contentType: 'text/csv',
      projectDir: project,
      ownInput: true,
    });
    expect(named.payload?.bytes).toBe(4);
  });

  it('names each bad value', async () => {
    await expect(
      invokeInput({ given: 's3://No_Such/x', projectDir: project, ownInput: false }),
    ).rejects.toMatchObject({
      code: 'S3_URI_INVALID',
      message: expect.stringContaining('s3://No_Such/x'),
    });
    await expect(
      invokeInput({ given: join(project, 'missing.csv'), projectDir: project, ownInput: false }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_NOT_FOUND',
      message: expect.stringContaining('missing.csv'),
    });
    await expect(
      invokeInput({ given: join(project, 'rows.txt'), projectDir: project, ownInput: false }),
    ).rejects.toMatchObject({
      code: 'CONTENT_TYPE_UNKNOWN',
      message: expect.stringContaining('rows.txt'),
    });
    await expect(invokeInput({ given: project, projectDir: project, ownInput: false })).rejects.toMatchObject(
      {
        code: 'PAYLOAD_NOT_FOUND',
      },
    );
  });
});
