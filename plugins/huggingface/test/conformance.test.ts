import { checkModelSourceConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { huggingfaceSource } from '../src/source.js';

describe('huggingface conformance', () => {
  it('resolves hub ids offline without calling the Hub; a malformed id is a usage error naming it', async () => {
    expect(
      await checkModelSourceConformance(huggingfaceSource, {
        validLocations: ['meta-llama/Llama-3.2-1B', 'org/model@v1.0'],
        invalidLocations: ['not a model id', 'a/b/c/d', 'https://example.com/x'],
      }),
    ).toEqual([]);
  });
});
