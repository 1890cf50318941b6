import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkServerConformance } from '@mcc/sdk/testing';

import { numpyLinearServer } from '../src/server.js';

// The rules mcc holds every server to, for the local and sample sources, Flask and FastAPI.
test('numpy-linear conforms to the mcc server contract', async () => {
  assert.deepEqual(await checkServerConformance(numpyLinearServer, { shellcheck: 'auto' }), []);
});
