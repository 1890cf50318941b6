import { checkServerConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { lmiServer } from '../src/server.js';

// The rules every server is held to, third-party or built-in (docs/plugins.md, "Testing").
describe('lmi conformance', () => {
  it('renders clean for every source and format it takes, with its option defaults', async () => {
    expect(await checkServerConformance(lmiServer, { shellcheck: 'require' })).toEqual([]);
  });
});
