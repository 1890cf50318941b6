import { describe, expect, it } from 'vitest';
import { isMcError } from '@mcc/sdk';
import { SAMPLE_MODEL_SIZE_BYTES, sampleSource } from '../src/sample.js';

const input = { cwd: '/', offline: true };

describe('the sample model source', () => {
  it('needs no location and resolves to the server-trained sample', async () => {
    expect(sampleSource.needsLocation).toBe(false);
    await expect(sampleSource.resolve(input)).resolves.toEqual({
      source: 'sample',
      sample: true,
      delivery: 'train',
      sizeBytes: SAMPLE_MODEL_SIZE_BYTES,
    });
    expect(SAMPLE_MODEL_SIZE_BYTES).toBe(1024 * 1024);
  });

  it('treats an empty location as none', async () => {
    await expect(sampleSource.resolve({ ...input, location: '' })).resolves.toMatchObject({ sample: true });
    await expect(sampleSource.resolve({ ...input, location: '  ' })).resolves.toMatchObject({ sample: true });
  });

  it('refuses a location with a usage error naming it and what to do instead', async () => {
    const error: unknown = await sampleSource
      .resolve({ ...input, location: './model.joblib' })
      .catch((e: unknown) => e);
    expect(isMcError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'SAMPLE_TAKES_NO_MODEL', exitCode: 2 });
    const { message, suggestions } = error as { message: string; suggestions: string[] };
    expect(message).toContain('"./model.joblib"');
    expect(message).toContain('takes no model');
    expect(suggestions.join(' ')).toMatch(/leave the model out/i);
    expect(suggestions.join(' ')).toContain('local model source');
  });
});
