import { checkServerConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { tensorflowServer } from '../src/server.js';

// The rules every server is held to, third-party or built-in (docs/plugins.md, "Testing").
describe('tensorflow conformance', () => {
  it('renders clean for every source and format it takes, with its option defaults', async () => {
    expect(await checkServerConformance(tensorflowServer, { shellcheck: 'require' })).toEqual([]);
  });
});
