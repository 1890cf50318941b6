import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkModelSourceConformance } from '@mcc/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { localSource } from '../src/local.js';
import { s3Source } from '../src/s3.js';
import { sampleSource } from '../src/sample.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mcc-sources-conformance-'));
  await writeFile(join(cwd, 'model.joblib'), 'not really a model');
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('model sources conformance', () => {
  it('local: resolves a file offline; a missing path is a usage error naming it', async () => {
    expect(
      await checkModelSourceConformance(localSource, {
        cwd,
        validLocations: ['model.joblib'],
        invalidLocations: ['missing.joblib', 'models/nothing/here.pkl'],
      }),
    ).toEqual([]);
  });

  it('sample: resolves offline without a location', async () => {
    expect(await checkModelSourceConformance(sampleSource)).toEqual([]);
  });

  it('s3: resolves a URI offline without listing it; a malformed URI is a usage error naming it', async () => {
    expect(
      await checkModelSourceConformance(s3Source, {
        validLocations: ['s3://bucket/models/llama/', 's3://bucket'],
        invalidLocations: ['https://bucket/models', 's3://', 'bucket/models'],
      }),
    ).toEqual([]);
  });
});
